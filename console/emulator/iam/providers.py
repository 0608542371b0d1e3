"""IAM identity providers: OpenID Connect providers (Create/Get/Delete/ListOpenIDConnectProviders, Add/Remove
ClientIDTo/FromOpenIDConnectProvider, UpdateOpenIDConnectProviderThumbprint) and SAML providers
(Create/Get/Update/Delete/ListSAMLProviders), the principals ``Federated`` names in trust policies.

An OIDC provider's URL must be https, except for a loopback host, so that a local user pool's issuer
(``http://127.0.0.1:<port>/<poolId>``) can be registered and its ID tokens exchanged with
AssumeRoleWithWebIdentity. ``oidc_provider_for_issuer`` is how STS finds the provider of a token's issuer.
"""

from __future__ import annotations

import datetime as dt
import secrets
import string
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlsplit

from console.emulator.core.context import RequestContext
from console.emulator.core.registry import operation
from console.emulator.core.store import dumps, loads

from .entities import already_exists, arn, invalid_input, limit_exceeded, merge_tags, not_found

PROVIDERS_PER_ACCOUNT = 100
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
_SAML_METADATA = "urn:oasis:names:tc:SAML:2.0:metadata"
_HUNDRED_YEARS = 100 * 365 * 86400.0


def provider_key(url: str) -> str:
    """A provider URL as its ARN and the ``Federated`` principal name it: no scheme, no trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def oidc_provider_for_issuer(ctx: RequestContext, issuer: str) -> dict[str, Any] | None:
    """The OIDC provider whose URL is ``issuer`` (a token's ``iss``), as GetOpenIDConnectProvider answers
    it plus its ``Arn``; None when none is registered."""
    row = ctx.store.one("SELECT * FROM iam_oidc_providers WHERE url = ?", (provider_key(issuer),))
    return None if row is None else {**_oidc(row), "Arn": row["arn"]}


def _oidc(row: Any) -> dict[str, Any]:
    doc = loads(row["doc"])
    out: dict[str, Any] = {
        "Url": row["url"],
        "ClientIDList": doc.get("ClientIDList", []),
        "ThumbprintList": doc.get("ThumbprintList", []),
        "CreateDate": row["created"],
    }
    if doc.get("Tags"):
        out["Tags"] = doc["Tags"]
    return out


def _oidc_row(ctx: RequestContext, provider_arn: str) -> Any:
    row = ctx.store.one("SELECT * FROM iam_oidc_providers WHERE arn = ?", (provider_arn,))
    if row is None:
        raise not_found(f"OpenIDConnect Provider not found for arn {provider_arn}")
    return row


CLIENT_IDS_PER_PROVIDER = 100
THUMBPRINTS_PER_PROVIDER = 5


def _thumbprints(values: list[str]) -> list[str]:
    if len(values) > THUMBPRINTS_PER_PROVIDER:
        raise limit_exceeded(f"Thumbprint list must contain at most {THUMBPRINTS_PER_PROVIDER} thumbprints.")
    for thumbprint in values:
        if len(thumbprint) != 40 or any(c not in string.hexdigits for c in thumbprint):
            raise invalid_input(f"Thumbprint {thumbprint} is not a valid SHA-1 thumbprint.")
    return [t.lower() for t in values]


def _update_oidc(ctx: RequestContext, row: Any, doc: dict[str, Any]) -> None:
    ctx.store.run("UPDATE iam_oidc_providers SET doc = ? WHERE arn = ?", (dumps(doc), row["arn"]))


@operation("iam", "AddClientIDToOpenIDConnectProvider")
def add_client_id(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _oidc_row(ctx, req["OpenIDConnectProviderArn"])
    doc = loads(row["doc"])
    clients = doc.setdefault("ClientIDList", [])
    if req["ClientID"] not in clients:
        if len(clients) >= CLIENT_IDS_PER_PROVIDER:
            raise limit_exceeded(
                f"Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: {CLIENT_IDS_PER_PROVIDER}"
            )
        clients.append(req["ClientID"])
        _update_oidc(ctx, row, doc)
    return {}


@operation("iam", "RemoveClientIDFromOpenIDConnectProvider")
def remove_client_id(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _oidc_row(ctx, req["OpenIDConnectProviderArn"])
    doc = loads(row["doc"])
    doc["ClientIDList"] = [c for c in doc.get("ClientIDList", []) if c != req["ClientID"]]
    _update_oidc(ctx, row, doc)
    return {}


@operation("iam", "UpdateOpenIDConnectProviderThumbprint")
def update_thumbprint(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _oidc_row(ctx, req["OpenIDConnectProviderArn"])
    doc = loads(row["doc"])
    doc["ThumbprintList"] = _thumbprints(req["ThumbprintList"])
    _update_oidc(ctx, row, doc)
    return {}


@operation("iam", "CreateOpenIDConnectProvider")
def create_oidc_provider(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    url = req["Url"]
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # an unclosed IPv6 bracket, say
        raise invalid_input("Invalid Url") from None
    loopback = parts.scheme == "http" and host in _LOOPBACK
    if not (parts.scheme == "https" or loopback) or not host or parts.query or parts.fragment:
        raise invalid_input("Invalid Url")
    key = provider_key(url)
    if ctx.store.one("SELECT 1 FROM iam_oidc_providers WHERE url = ?", (key,)):
        raise already_exists(f"Provider with url {url} already exists.")
    if ctx.store.value("SELECT COUNT(*) FROM iam_oidc_providers") >= PROVIDERS_PER_ACCOUNT:
        raise limit_exceeded(f"Cannot exceed quota for OpenIdProvidersPerAccount: {PROVIDERS_PER_ACCOUNT}")
    doc: dict[str, Any] = {
        "ClientIDList": list(dict.fromkeys(req.get("ClientIDList", []))),
        "ThumbprintList": _thumbprints(req.get("ThumbprintList", [])),
    }
    if req.get("Tags"):
        doc["Tags"] = merge_tags([], req["Tags"], "OpenIDConnectProvider")
    provider_arn = arn(ctx, "oidc-provider/", "", key)
    ctx.store.run(
        "INSERT INTO iam_oidc_providers (arn, url, created, doc) VALUES (?, ?, ?, ?)",
        (provider_arn, key, ctx.now, dumps(doc)),
    )
    out: dict[str, Any] = {"OpenIDConnectProviderArn": provider_arn}
    if doc.get("Tags"):
        out["Tags"] = doc["Tags"]
    return out


@operation("iam", "GetOpenIDConnectProvider")
def get_oidc_provider(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return _oidc(_oidc_row(ctx, req["OpenIDConnectProviderArn"]))


@operation("iam", "DeleteOpenIDConnectProvider")
def delete_oidc_provider(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _oidc_row(ctx, req["OpenIDConnectProviderArn"])
    ctx.store.run("DELETE FROM iam_oidc_providers WHERE arn = ?", (row["arn"],))
    return {}


@operation("iam", "ListOpenIDConnectProviders")
def list_oidc_providers(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    rows = ctx.store.all("SELECT arn FROM iam_oidc_providers ORDER BY arn")
    return {"OpenIDConnectProviderList": [{"Arn": r["arn"]} for r in rows]}


# -- SAML -------------------------------------------------------------------------------------------------


def _saml_valid_until(ctx: RequestContext, metadata: str) -> float:
    """Check the metadata as IAM does (an EntityDescriptor); return when it stops being valid."""
    if "<!DOCTYPE" in metadata.upper() or "<!ENTITY" in metadata.upper():
        raise invalid_input("Could not parse metadata")
    try:
        root = ET.fromstring(metadata)  # noqa: S314 - no DOCTYPE, so no entity expansion
    except ET.ParseError:
        raise invalid_input("Could not parse metadata") from None
    if root.tag not in (f"{{{_SAML_METADATA}}}EntityDescriptor", f"{{{_SAML_METADATA}}}EntitiesDescriptor"):
        raise invalid_input("Could not parse metadata")
    until = root.get("validUntil")
    if until:
        try:
            return dt.datetime.fromisoformat(until.replace("Z", "+00:00")).timestamp()
        except ValueError:
            raise invalid_input("Could not parse metadata") from None
    return ctx.now + _HUNDRED_YEARS


def _saml_row(ctx: RequestContext, provider_arn: str) -> Any:
    row = ctx.store.one("SELECT * FROM iam_saml_providers WHERE arn = ?", (provider_arn,))
    if row is None:
        raise not_found(f"SAMLProvider not found for arn {provider_arn}")
    return row


@operation("iam", "CreateSAMLProvider")
def create_saml_provider(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    name = req["Name"]
    provider_arn = arn(ctx, "saml-provider/", "", name)
    valid_until = _saml_valid_until(ctx, req["SAMLMetadataDocument"])
    if ctx.store.one("SELECT 1 FROM iam_saml_providers WHERE arn = ?", (provider_arn,)):
        raise already_exists(f"SAMLProvider {name} already exists")
    if ctx.store.value("SELECT COUNT(*) FROM iam_saml_providers") >= PROVIDERS_PER_ACCOUNT:
        raise limit_exceeded(f"Cannot exceed quota for SamlProvidersPerAccount: {PROVIDERS_PER_ACCOUNT}")
    doc: dict[str, Any] = {
        "SAMLProviderUUID": "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(22))
    }
    if req.get("Tags"):
        doc["Tags"] = merge_tags([], req["Tags"], "SAMLProvider")
    ctx.store.run(
        "INSERT INTO iam_saml_providers (arn, name, created, valid_until, metadata, doc) VALUES (?, ?, ?, ?, ?, ?)",
        (provider_arn, name, ctx.now, valid_until, req["SAMLMetadataDocument"], dumps(doc)),
    )
    out: dict[str, Any] = {"SAMLProviderArn": provider_arn}
    if doc.get("Tags"):
        out["Tags"] = doc["Tags"]
    return out


@operation("iam", "GetSAMLProvider")
def get_saml_provider(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _saml_row(ctx, req["SAMLProviderArn"])
    doc = loads(row["doc"])
    out: dict[str, Any] = {
        "SAMLProviderUUID": doc.get("SAMLProviderUUID"),
        "SAMLMetadataDocument": row["metadata"],
        "CreateDate": row["created"],
        "ValidUntil": row["valid_until"],
    }
    if doc.get("Tags"):
        out["Tags"] = doc["Tags"]
    return out


@operation("iam", "UpdateSAMLProvider")
def update_saml_provider(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _saml_row(ctx, req["SAMLProviderArn"])
    if "SAMLMetadataDocument" in req:
        metadata = req["SAMLMetadataDocument"]
        ctx.store.run(
            "UPDATE iam_saml_providers SET metadata = ?, valid_until = ? WHERE arn = ?",
            (metadata, _saml_valid_until(ctx, metadata), row["arn"]),
        )
    return {"SAMLProviderArn": row["arn"]}


@operation("iam", "DeleteSAMLProvider")
def delete_saml_provider(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _saml_row(ctx, req["SAMLProviderArn"])
    ctx.store.run("DELETE FROM iam_saml_providers WHERE arn = ?", (row["arn"],))
    return {}


@operation("iam", "ListSAMLProviders")
def list_saml_providers(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    rows = ctx.store.all("SELECT arn, created, valid_until FROM iam_saml_providers ORDER BY arn")
    return {
        "SAMLProviderList": [
            {"Arn": r["arn"], "ValidUntil": r["valid_until"], "CreateDate": r["created"]} for r in rows
        ]
    }
