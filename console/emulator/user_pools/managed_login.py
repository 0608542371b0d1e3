"""Managed login branding styles: Create/Describe/Update/DeleteManagedLoginBranding, one style per app client.

A style takes its look from ``Settings``, a JSON document (categories, componentClasses, components, as the
branding editor writes it), or from Cognito (``UseCognitoProvidedValues``: ``DEFAULT_SETTINGS``): a request
names exactly one of the two, and may bring image ``Assets`` with either (the API reference asks for no
Assets beside UseCognitoProvidedValues true, but AWS was measured to take them: only Settings is refused
there). Describe answers what was customized (no ``Settings`` for Cognito's look), or with
``ReturnMergedResources`` the customization laid over the defaults. Updates are partial: ``Settings`` are
merged into the stored ones (RFC 7396: objects merge member by member, a null removes a member, anything
else replaces), and each asset replaces the one of its category, colour mode and resource ID; going back to
Cognito's look drops the customization and the images. Managed login belongs to the Essentials and Plus
feature plans: a Lite pool can't create or change a style.

``branding_for`` is what the managed login pages read.
"""

from __future__ import annotations

import base64
import copy
import re
import uuid
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, resource_not_found
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps, loads

from .clients import get_pool_client
from .pools import get_pool

# The look of a style made with UseCognitoProvidedValues, and what every style's unset options fall back to:
# AWS's own default style, in the document structure DescribeManagedLoginBrandingByClient returns (API
# reference example). Colours are RRGGBBAA hex.
DEFAULT_SETTINGS: dict[str, Any] = {
    "categories": {
        "auth": {
            "authMethodOrder": [
                [
                    {"display": "BUTTON", "type": "FEDERATED"},
                    {"display": "INPUT", "type": "USERNAME_PASSWORD"},
                ]
            ],
            "federation": {"interfaceStyle": "BUTTON_LIST", "order": []},
        },
        "form": {
            "displayGraphics": True,
            "instructions": {"enabled": False},
            "languageSelector": {"enabled": False},
            "location": {"horizontal": "CENTER", "vertical": "CENTER"},
            "sessionTimerDisplay": "NONE",
        },
        "global": {
            "colorSchemeMode": "LIGHT",
            "pageFooter": {"enabled": False},
            "pageHeader": {"enabled": False},
            "spacingDensity": "REGULAR",
        },
        "signUp": {"acceptanceElements": [{"enforcement": "NONE", "textKey": "en"}]},
    },
    "componentClasses": {
        "buttons": {"borderRadius": 8.0},
        "divider": {"darkMode": {"borderColor": "232b37ff"}, "lightMode": {"borderColor": "ebebf0ff"}},
        "dropDown": {
            "borderRadius": 8.0,
            "darkMode": {
                "defaults": {"itemBackgroundColor": "192534ff"},
                "hover": {
                    "itemBackgroundColor": "081120ff",
                    "itemBorderColor": "5f6b7aff",
                    "itemTextColor": "e9ebedff",
                },
                "match": {"itemBackgroundColor": "d1d5dbff", "itemTextColor": "89bdeeff"},
            },
            "lightMode": {
                "defaults": {"itemBackgroundColor": "ffffffff"},
                "hover": {
                    "itemBackgroundColor": "f4f4f4ff",
                    "itemBorderColor": "7d8998ff",
                    "itemTextColor": "000716ff",
                },
                "match": {"itemBackgroundColor": "414d5cff", "itemTextColor": "0972d3ff"},
            },
        },
        "focusState": {"darkMode": {"borderColor": "539fe5ff"}, "lightMode": {"borderColor": "0972d3ff"}},
        "idpButtons": {"icons": {"enabled": True}},
        "input": {
            "borderRadius": 8.0,
            "darkMode": {
                "defaults": {"backgroundColor": "0f1b2aff", "borderColor": "5f6b7aff"},
                "placeholderColor": "8d99a8ff",
            },
            "lightMode": {
                "defaults": {"backgroundColor": "ffffffff", "borderColor": "7d8998ff"},
                "placeholderColor": "5f6b7aff",
            },
        },
        "inputDescription": {"darkMode": {"textColor": "8d99a8ff"}, "lightMode": {"textColor": "5f6b7aff"}},
        "inputLabel": {"darkMode": {"textColor": "d1d5dbff"}, "lightMode": {"textColor": "000716ff"}},
        "link": {
            "darkMode": {"defaults": {"textColor": "539fe5ff"}, "hover": {"textColor": "89bdeeff"}},
            "lightMode": {"defaults": {"textColor": "0972d3ff"}, "hover": {"textColor": "033160ff"}},
        },
        "optionControls": {
            "darkMode": {
                "defaults": {"backgroundColor": "0f1b2aff", "borderColor": "7d8998ff"},
                "selected": {"backgroundColor": "539fe5ff", "foregroundColor": "000716ff"},
            },
            "lightMode": {
                "defaults": {"backgroundColor": "ffffffff", "borderColor": "7d8998ff"},
                "selected": {"backgroundColor": "0972d3ff", "foregroundColor": "ffffffff"},
            },
        },
        "statusIndicator": {
            "darkMode": {
                "error": {"backgroundColor": "1a0000ff", "borderColor": "eb6f6fff", "indicatorColor": "eb6f6fff"},
                "pending": {"indicatorColor": "AAAAAAAA"},
                "success": {"backgroundColor": "001a02ff", "borderColor": "29ad32ff", "indicatorColor": "29ad32ff"},
                "warning": {"backgroundColor": "1d1906ff", "borderColor": "e0ca57ff", "indicatorColor": "e0ca57ff"},
            },
            "lightMode": {
                "error": {"backgroundColor": "fff7f7ff", "borderColor": "d91515ff", "indicatorColor": "d91515ff"},
                "pending": {"indicatorColor": "AAAAAAAA"},
                "success": {"backgroundColor": "f2fcf3ff", "borderColor": "037f0cff", "indicatorColor": "037f0cff"},
                "warning": {"backgroundColor": "fffce9ff", "borderColor": "8d6605ff", "indicatorColor": "8d6605ff"},
            },
        },
    },
    "components": {
        "alert": {
            "borderRadius": 12.0,
            "darkMode": {"error": {"backgroundColor": "1a0000ff", "borderColor": "eb6f6fff"}},
            "lightMode": {"error": {"backgroundColor": "fff7f7ff", "borderColor": "d91515ff"}},
        },
        "favicon": {"enabledTypes": ["ICO", "SVG"]},
        "form": {
            "backgroundImage": {"enabled": False},
            "borderRadius": 8.0,
            "darkMode": {"backgroundColor": "0f1b2aff", "borderColor": "424650ff"},
            "lightMode": {"backgroundColor": "ffffffff", "borderColor": "c6c6cdff"},
            "logo": {"enabled": False, "formInclusion": "IN", "location": "CENTER", "position": "TOP"},
        },
        "idpButton": {
            "custom": {},
            "standard": {
                "darkMode": {
                    "active": {"backgroundColor": "354150ff", "borderColor": "89bdeeff", "textColor": "89bdeeff"},
                    "defaults": {"backgroundColor": "0f1b2aff", "borderColor": "c6c6cdff", "textColor": "c6c6cdff"},
                    "hover": {"backgroundColor": "192534ff", "borderColor": "89bdeeff", "textColor": "89bdeeff"},
                },
                "lightMode": {
                    "active": {"backgroundColor": "d3e7f9ff", "borderColor": "033160ff", "textColor": "033160ff"},
                    "defaults": {"backgroundColor": "ffffffff", "borderColor": "424650ff", "textColor": "424650ff"},
                    "hover": {"backgroundColor": "f2f8fdff", "borderColor": "033160ff", "textColor": "033160ff"},
                },
            },
        },
        "pageBackground": {
            "darkMode": {"color": "0f1b2aff"},
            "image": {"enabled": True},
            "lightMode": {"color": "ffffffff"},
        },
        "pageFooter": {
            "backgroundImage": {"enabled": False},
            "darkMode": {"background": {"color": "0f141aff"}, "borderColor": "424650ff"},
            "lightMode": {"background": {"color": "fafafaff"}, "borderColor": "d5dbdbff"},
            "logo": {"enabled": False, "location": "START"},
        },
        "pageHeader": {
            "backgroundImage": {"enabled": False},
            "darkMode": {"background": {"color": "0f141aff"}, "borderColor": "424650ff"},
            "lightMode": {"background": {"color": "fafafaff"}, "borderColor": "d5dbdbff"},
            "logo": {"enabled": False, "location": "START"},
        },
        "pageText": {
            "darkMode": {"bodyColor": "b6bec9ff", "descriptionColor": "b6bec9ff", "headingColor": "d1d5dbff"},
            "lightMode": {"bodyColor": "414d5cff", "descriptionColor": "414d5cff", "headingColor": "000716ff"},
        },
        "phoneNumberSelector": {"displayType": "TEXT"},
        "primaryButton": {
            "darkMode": {
                "active": {"backgroundColor": "539fe5ff", "textColor": "000716ff"},
                "defaults": {"backgroundColor": "539fe5ff", "textColor": "000716ff"},
                "disabled": {"backgroundColor": "ffffffff", "borderColor": "ffffffff"},
                "hover": {"backgroundColor": "89bdeeff", "textColor": "000716ff"},
            },
            "lightMode": {
                "active": {"backgroundColor": "033160ff", "textColor": "ffffffff"},
                "defaults": {"backgroundColor": "0972d3ff", "textColor": "ffffffff"},
                "disabled": {"backgroundColor": "ffffffff", "borderColor": "ffffffff"},
                "hover": {"backgroundColor": "033160ff", "textColor": "ffffffff"},
            },
        },
        "secondaryButton": {
            "darkMode": {
                "active": {"backgroundColor": "354150ff", "borderColor": "89bdeeff", "textColor": "89bdeeff"},
                "defaults": {"backgroundColor": "0f1b2aff", "borderColor": "539fe5ff", "textColor": "539fe5ff"},
                "hover": {"backgroundColor": "192534ff", "borderColor": "89bdeeff", "textColor": "89bdeeff"},
            },
            "lightMode": {
                "active": {"backgroundColor": "d3e7f9ff", "borderColor": "033160ff", "textColor": "033160ff"},
                "defaults": {"backgroundColor": "ffffffff", "borderColor": "0972d3ff", "textColor": "0972d3ff"},
                "hover": {"backgroundColor": "f2f8fdff", "borderColor": "033160ff", "textColor": "033160ff"},
            },
        },
    },
}

# The top-level members of a settings document (besides its three sections, a document may carry
# textContent and version).
SETTINGS_SECTIONS = frozenset({"categories", "componentClasses", "components", "textContent", "version"})
# Cognito's own documents are six levels deep (components.idpButton.standard.lightMode.hover.textColor).
MAX_SETTINGS_DEPTH = 16

# Image types by AssetExtensionType, with the media type the managed login pages serve them as.
CONTENT_TYPES = {
    "ICO": "image/x-icon",
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "SVG": "image/svg+xml",
    "WEBP": "image/webp",
}
# The favicon categories name their file type.
_CATEGORY_EXTENSION = {"FAVICON_ICO": "ICO", "FAVICON_SVG": "SVG"}

_COLOR = re.compile(r"[0-9a-fA-F]{8}")
_SVG_ROOT = re.compile(rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s/>]", re.S | re.I)
_SVG_ACTIVE = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|<foreignObject", re.I)

LITE_TIER = "Managed login branding is not available in the Lite tier of user pools."
# AWS's answer to a request that names neither source of a style's look, or both.
SOURCE = "useCognitoProvidedValues or settings should be specified (but not both)"


# -- look-ups --------------------------------------------------------------------------------------------


def branding_for(ctx: RequestContext, pool_id: str, client_id: str) -> dict[str, Any] | None:
    """The managed login style of an app client as its pages draw it, or None when the client has none
    (AWS then shows no managed login pages for it).

    Returns ``{"ManagedLoginBrandingId": str, "UseCognitoProvidedValues": bool, "Settings": dict,
    "Assets": [{"Category", "ColorMode", "Extension", "ResourceId" (present only if set), "Bytes": bytes,
    "ContentType": str}]}``. ``Settings`` is always complete: the client's customization merged over
    ``DEFAULT_SETTINGS`` (exactly the defaults when UseCognitoProvidedValues), so every option the pages
    read has a value; colours are RRGGBBAA hex strings under ``lightMode`` / ``darkMode`` keys.
    ``Assets`` are the uploaded images with their raw bytes; ``ColorMode`` is LIGHT, DARK or DYNAMIC
    (either mode). Reads only; call it inside a request's transaction (``ctx.store``).
    """
    row = ctx.store.one(
        "SELECT id, doc FROM managed_login_brandings WHERE pool_id = ? AND client_id = ?", (pool_id, client_id)
    )
    if row is None:
        return None
    doc = loads(row["doc"])
    assets = _assets(ctx, row["id"])
    for asset in assets:
        asset["ContentType"] = CONTENT_TYPES[asset["Extension"]]
    return {
        "ManagedLoginBrandingId": row["id"],
        "UseCognitoProvidedValues": bool(doc.get("UseCognitoProvidedValues")),
        "Settings": _merged(doc),
        "Assets": assets,
    }


def _merged(doc: dict[str, Any]) -> dict[str, Any]:
    if doc.get("UseCognitoProvidedValues"):
        return copy.deepcopy(DEFAULT_SETTINGS)
    merged: dict[str, Any] = merge_patch(DEFAULT_SETTINGS, doc.get("Settings") or {})
    return merged


def merge_patch(target: Any, patch: Any) -> Any:
    """``patch`` applied to ``target`` as RFC 7396 says, without changing either."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def _assets(ctx: RequestContext, branding_id: str) -> list[dict[str, Any]]:
    rows = ctx.store.all(
        "SELECT category, color_mode, resource_id, extension, bytes FROM managed_login_assets"
        " WHERE branding_id = ? ORDER BY category, color_mode, resource_id",
        (branding_id,),
    )
    out: list[dict[str, Any]] = []
    for r in rows:
        asset: dict[str, Any] = {
            "Category": r["category"],
            "ColorMode": r["color_mode"],
            "Extension": r["extension"],
            "Bytes": bytes(r["bytes"]),
        }
        if r["resource_id"]:
            asset["ResourceId"] = r["resource_id"]
        out.append(asset)
    return out


def _row(ctx: RequestContext, pool_id: str, branding_id: str) -> Any:
    row = ctx.store.one(
        "SELECT id, client_id, created, modified, doc FROM managed_login_brandings WHERE id = ? AND pool_id = ?",
        (branding_id, pool_id),
    )
    if row is None:
        raise resource_not_found("ManagedLoginBranding does not exist.")
    return row


def _describe(ctx: RequestContext, pool_id: str, row: Any, merged: bool = False) -> dict[str, Any]:
    doc = loads(row["doc"])
    cognito_values = bool(doc.get("UseCognitoProvidedValues"))
    out: dict[str, Any] = {
        "ManagedLoginBrandingId": row["id"],
        "UserPoolId": pool_id,
        "UseCognitoProvidedValues": cognito_values,
        "Assets": _assets(ctx, row["id"]),
        "CreationDate": row["created"],
        "LastModifiedDate": row["modified"],
    }
    if merged:
        out["Settings"] = _merged(doc)
    elif not cognito_values:
        out["Settings"] = doc.get("Settings") or {}
    return out


# -- validation ------------------------------------------------------------------------------------------


def _check_tier(pool: dict[str, Any]) -> None:
    if pool.get("UserPoolTier") == "LITE":
        raise AwsError("FeatureUnavailableInTierException", LITE_TIER)


def _check_settings(settings: Any) -> None:
    if not isinstance(settings, dict):
        raise invalid_parameter("Settings must be a JSON object.")
    unknown = sorted(set(settings) - SETTINGS_SECTIONS)
    if unknown:
        raise invalid_parameter(f"Settings has an unknown section: {unknown[0]}.")
    _check_values(settings, "")


def _check_values(value: Any, path: str, depth: int = 1) -> None:
    """Colours are RRGGBBAA hex; the document is no deeper than ``MAX_SETTINGS_DEPTH``."""
    if depth > MAX_SETTINGS_DEPTH:
        raise invalid_parameter(f"Settings are nested too deeply at {path}.")
    if isinstance(value, dict):
        for key, member in value.items():
            where = f"{path}.{key}" if path else key
            if member is not None and (key == "color" or key.endswith("Color")):
                if not isinstance(member, str) or _COLOR.fullmatch(member) is None:
                    raise invalid_parameter(f"Invalid color value at {where}: expected RRGGBBAA hex digits.")
            else:
                _check_values(member, where, depth + 1)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_values(item, f"{path}[{i}]", depth + 1)


def _image_matches(extension: str, data: bytes) -> bool:
    if extension == "PNG":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if extension == "JPEG":
        return data.startswith(b"\xff\xd8\xff")
    if extension == "ICO":
        return data.startswith(b"\x00\x00\x01\x00")
    if extension == "WEBP":
        return len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if extension == "SVG":
        return _SVG_ROOT.match(data.removeprefix(b"\xef\xbb\xbf")) is not None
    return False


def _check_assets(assets: list[dict[str, Any]]) -> list[tuple[str, str, str, str, bytes]]:
    """The request's assets as rows (category, colour mode, resource ID, extension, bytes), each checked."""
    rows: list[tuple[str, str, str, str, bytes]] = []
    seen: set[tuple[str, str, str]] = set()
    for asset in assets:
        category, mode, extension = asset["Category"], asset["ColorMode"], asset["Extension"]
        resource_id = asset.get("ResourceId") or ""
        key = (category, mode, resource_id)
        if key in seen:
            raise invalid_parameter(f"Duplicate asset: {category} in color mode {mode} is given more than once.")
        seen.add(key)
        wanted = _CATEGORY_EXTENSION.get(category)
        if wanted and extension != wanted:
            raise invalid_parameter(f"Asset category {category} requires the extension {wanted}.")
        if "Bytes" not in asset or not asset["Bytes"]:
            raise invalid_parameter(f"Asset {category} in color mode {mode} has no Bytes.")
        data = base64.b64decode(asset["Bytes"])
        if not _image_matches(extension, data):
            raise invalid_parameter(f"Asset {category} in color mode {mode} is not a valid {extension} file.")
        if extension == "SVG" and _SVG_ACTIVE.search(data):
            raise invalid_parameter(f"Asset {category} in color mode {mode}: SVG files can't contain scripts.")
        rows.append((category, mode, resource_id, extension, data))
    return rows


def _check_source(req: dict[str, Any]) -> None:
    """A request takes its look from Cognito (UseCognitoProvidedValues true) or from Settings: one of them,
    on create and on update alike. Assets may come with either."""
    if (req.get("UseCognitoProvidedValues") is True) == ("Settings" in req):
        raise invalid_parameter(SOURCE)


def _store_assets(ctx: RequestContext, branding_id: str, rows: list[tuple[str, str, str, str, bytes]]) -> None:
    for category, mode, resource_id, extension, data in rows:
        ctx.store.run(
            "INSERT OR REPLACE INTO managed_login_assets"
            " (branding_id, category, color_mode, resource_id, extension, bytes) VALUES (?, ?, ?, ?, ?, ?)",
            (branding_id, category, mode, resource_id, extension, data),
        )


def _required(req: dict[str, Any], *names: str) -> None:
    """Members the model leaves optional that the operation needs, refused as AWS refuses a missing one."""
    missing = [n for n in names if req.get(n) is None]
    if missing:
        n = len(missing)
        raise invalid_parameter(
            f"{n} validation error{'s' if n > 1 else ''} detected: "
            + "; ".join(
                f"Value null at '{name[0].lower() + name[1:]}' failed to satisfy constraint: Member must not be null"
                for name in missing
            )
        )


# -- operations ------------------------------------------------------------------------------------------


@idp("CreateManagedLoginBranding")
def create_managed_login_branding(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    _check_source(req)
    settings = req.get("Settings")
    if settings is not None:
        _check_settings(settings)
    rows = _check_assets(req.get("Assets") or [])
    pool = get_pool(ctx, req["UserPoolId"])
    client = get_pool_client(ctx, pool["Id"], req["ClientId"])
    _check_tier(pool)
    if ctx.store.value("SELECT 1 FROM managed_login_brandings WHERE client_id = ?", (client["ClientId"],)):
        raise AwsError(
            "ManagedLoginBrandingExistsException",
            f"A ManagedLoginBranding already exists for client {client['ClientId']}",
        )
    branding_id = str(uuid.uuid4())
    doc: dict[str, Any] = {"UseCognitoProvidedValues": bool(req.get("UseCognitoProvidedValues"))}
    if settings is not None:
        doc["Settings"] = merge_patch({}, settings)
    ctx.store.run(
        "INSERT INTO managed_login_brandings (id, pool_id, client_id, created, modified, doc)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (branding_id, pool["Id"], client["ClientId"], ctx.now, ctx.now, dumps(doc)),
    )
    _store_assets(ctx, branding_id, rows)
    return {"ManagedLoginBranding": _describe(ctx, pool["Id"], _row(ctx, pool["Id"], branding_id))}


@idp("DescribeManagedLoginBranding")
def describe_managed_login_branding(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    row = _row(ctx, pool["Id"], req["ManagedLoginBrandingId"])
    return {"ManagedLoginBranding": _describe(ctx, pool["Id"], row, bool(req.get("ReturnMergedResources")))}


@idp("DescribeManagedLoginBrandingByClient")
def describe_managed_login_branding_by_client(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    client = get_pool_client(ctx, pool["Id"], req["ClientId"])
    branding_id = ctx.store.value(
        "SELECT id FROM managed_login_brandings WHERE pool_id = ? AND client_id = ?", (pool["Id"], client["ClientId"])
    )
    if branding_id is None:
        raise resource_not_found(f"ManagedLoginBranding for client {client['ClientId']} does not exist.")
    row = _row(ctx, pool["Id"], str(branding_id))
    return {"ManagedLoginBranding": _describe(ctx, pool["Id"], row, bool(req.get("ReturnMergedResources")))}


@idp("UpdateManagedLoginBranding")
def update_managed_login_branding(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    _required(req, "UserPoolId", "ManagedLoginBrandingId")
    _check_source(req)
    settings = req.get("Settings")
    if settings is not None:
        _check_settings(settings)
    rows = _check_assets(req.get("Assets") or [])
    pool = get_pool(ctx, req["UserPoolId"])
    row = _row(ctx, pool["Id"], req["ManagedLoginBrandingId"])
    _check_tier(pool)
    doc = loads(row["doc"])
    if settings is None:  # UseCognitoProvidedValues: back to Cognito's look, without the style's images
        doc = {"UseCognitoProvidedValues": True}
        ctx.store.run("DELETE FROM managed_login_assets WHERE branding_id = ?", (row["id"],))
    else:
        customized = {} if doc.get("UseCognitoProvidedValues") else doc.get("Settings") or {}
        doc = {"UseCognitoProvidedValues": False, "Settings": merge_patch(customized, settings)}
    _store_assets(ctx, row["id"], rows)
    ctx.store.run(
        "UPDATE managed_login_brandings SET modified = ?, doc = ? WHERE id = ?", (ctx.now, dumps(doc), row["id"])
    )
    return {"ManagedLoginBranding": _describe(ctx, pool["Id"], _row(ctx, pool["Id"], row["id"]))}


@idp("DeleteManagedLoginBranding")
def delete_managed_login_branding(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    row = _row(ctx, pool["Id"], req["ManagedLoginBrandingId"])
    ctx.store.run("DELETE FROM managed_login_brandings WHERE id = ?", (row["id"],))
    return {}
