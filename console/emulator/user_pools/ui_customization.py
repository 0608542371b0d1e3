"""Hosted UI (classic) branding: Get/SetUICustomization with AWS's CSS class whitelist and size limits.

A setting applies to one app client, or to every client without its own setting (``ClientId`` ALL).
The logo is kept with the setting so the local hosted UI can show it; ``customization_for`` is the
look-up the hosted UI uses.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import client_not_found, invalid_parameter
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps, loads

from .branding_rules import MAX_IMAGE_BYTES, css_problem
from .pools import get_pool

ALL = "ALL"


def check_css(css: str) -> None:
    """Reject CSS the hosted UI would not accept (branding_rules.py)."""
    problem = css_problem(css)
    if problem:
        raise invalid_parameter(problem)


def _image_kind(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    return None


def _version(now: float) -> str:
    return dt.datetime.fromtimestamp(now, dt.UTC).strftime("%Y%m%d%H%M%S")


def _public(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if not k.startswith("_")}


def customization_for(ctx: RequestContext, pool_id: str, client_id: str | None) -> dict[str, Any] | None:
    """The setting that applies to a client: its own, else the pool's ALL setting (with ``_image``)."""
    for key in ([client_id] if client_id and client_id != ALL else []) + [ALL]:
        row = ctx.store.one("SELECT doc FROM ui_customizations WHERE pool_id = ? AND client_id = ?", (pool_id, key))
        if row is not None:
            doc: dict[str, Any] = loads(row["doc"])
            return doc
    return None


def _check_client(ctx: RequestContext, pool_id: str, client_id: str) -> None:
    if client_id == ALL:
        return
    owner = ctx.store.value("SELECT pool_id FROM clients WHERE id = ?", (client_id,))
    if owner != pool_id:
        raise client_not_found(client_id)


@idp("SetUICustomization")
def set_ui_customization(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    client_id = req.get("ClientId") or ALL
    _check_client(ctx, pool["Id"], client_id)
    domain = ctx.store.one("SELECT doc FROM domains WHERE pool_id = ? ORDER BY domain LIMIT 1", (pool["Id"],))
    if domain is None:
        raise invalid_parameter("There has to be an existing domain associated with this user pool")
    css = req.get("CSS")
    if css:
        check_css(css)
    image_b64 = req.get("ImageFile")
    image: bytes | None = base64.b64decode(image_b64) if image_b64 else None
    if image is not None:
        if len(image) > MAX_IMAGE_BYTES:
            raise invalid_parameter(f"The logo image exceeds the maximum size of {MAX_IMAGE_BYTES // 1024} KB.")
        if _image_kind(image) is None:
            raise invalid_parameter("The logo image must be a PNG or JPEG file.")
    previous = ctx.store.one(
        "SELECT doc FROM ui_customizations WHERE pool_id = ? AND client_id = ?", (pool["Id"], client_id)
    )
    created = loads(previous["doc"]).get("CreationDate", ctx.now) if previous else ctx.now
    version = _version(ctx.now)
    cloudfront = loads(domain["doc"]).get("CloudFrontDistribution", "")
    doc: dict[str, Any] = {
        "UserPoolId": pool["Id"],
        "ClientId": client_id,
        "CSSVersion": version,
        "CreationDate": created,
        "LastModifiedDate": ctx.now,
    }
    if css:
        doc["CSS"] = css
    if image is not None:
        doc["ImageUrl"] = f"https://{cloudfront}/{pool['Id']}/{client_id}/{version}/assets/images/image.jpg"
        doc["_image"] = image_b64
        doc["_image_type"] = "image/png" if _image_kind(image) == "png" else "image/jpeg"
    ctx.store.run(
        "INSERT OR REPLACE INTO ui_customizations (pool_id, client_id, doc) VALUES (?, ?, ?)",
        (pool["Id"], client_id, dumps(doc)),
    )
    return {"UICustomization": _public(doc)}


@idp("GetUICustomization")
def get_ui_customization(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    client_id = req.get("ClientId")
    if client_id:
        _check_client(ctx, pool["Id"], client_id)
    doc = customization_for(ctx, pool["Id"], client_id)
    if doc is None:
        return {"UICustomization": {}}
    return {"UICustomization": _public(doc)}
