"""Identity providers of a user pool: SAML, OIDC and the social providers, with AWS's ProviderDetails rules.

AWS completes an OIDC provider's endpoints from the issuer's discovery document and a SAML provider's
endpoints from its metadata, so these handlers are ``async``: they fetch outside any transaction and
open short transactions around the store work.

Those fetches go where a caller's URL says, so they go through core/fetch.py, which keeps them off
private networks (server-side request forgery); a refused fetch answers as an unreachable one does.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlsplit

from console.emulator.core import fetch, paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, resource_not_found
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps, loads

from . import pools, saml_keys

MAX_IDP_IDENTIFIERS = 50
_SOCIAL = ("Google", "Facebook", "LoginWithAmazon", "SignInWithApple")
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}

# Keys each type requires, and the endpoints AWS fills in for the social providers.
_REQUIRED: dict[str, tuple[str, ...]] = {
    "Google": ("client_id", "client_secret", "authorize_scopes"),
    "Facebook": ("client_id", "client_secret", "authorize_scopes"),
    "LoginWithAmazon": ("client_id", "client_secret", "authorize_scopes"),
    "SignInWithApple": ("client_id", "team_id", "key_id", "private_key", "authorize_scopes"),
    "OIDC": ("client_id", "attributes_request_method", "oidc_issuer", "authorize_scopes"),
}
_ALLOWED: dict[str, set[str]] = {
    "Google": {"client_id", "client_secret", "authorize_scopes"},
    "Facebook": {"client_id", "client_secret", "authorize_scopes", "api_version"},
    "LoginWithAmazon": {"client_id", "client_secret", "authorize_scopes"},
    "SignInWithApple": {"client_id", "team_id", "key_id", "private_key", "authorize_scopes"},
    "OIDC": {
        "client_id",
        "client_secret",
        "attributes_request_method",
        "oidc_issuer",
        "authorize_scopes",
        "authorize_url",
        "token_url",
        "attributes_url",
        "jwks_uri",
    },
    "SAML": {"MetadataFile", "MetadataURL", "IDPSignout", "EncryptedResponses", "RequestSigningAlgorithm", "IDPInit"},
}


def _social_defaults(provider_type: str, details: dict[str, str]) -> dict[str, str]:
    if provider_type == "Google":
        return {
            "attributes_url": "https://people.googleapis.com/v1/people/me?personFields=",
            "attributes_url_add_attributes": "true",
            "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
            "oidc_issuer": "https://accounts.google.com",
            "token_request_method": "POST",
            "token_url": "https://www.googleapis.com/oauth2/v4/token",
        }
    if provider_type == "Facebook":
        version = details.get("api_version") or "v17.0"
        return {
            "api_version": version,
            "attributes_url": f"https://graph.facebook.com/{version}/me?fields=",
            "attributes_url_add_attributes": "true",
            "authorize_url": f"https://www.facebook.com/{version}/dialog/oauth",
            "token_request_method": "GET",
            "token_url": f"https://graph.facebook.com/{version}/oauth/access_token",
        }
    if provider_type == "LoginWithAmazon":
        return {
            "attributes_url": "https://api.amazon.com/user/profile",
            "attributes_url_add_attributes": "false",
            "authorize_url": "https://www.amazon.com/ap/oa",
            "token_request_method": "POST",
            "token_url": "https://api.amazon.com/auth/o2/token",
        }
    if provider_type == "SignInWithApple":
        return {
            "authorize_url": "https://appleid.apple.com/auth/authorize",
            "oidc_issuer": "https://appleid.apple.com",
            "token_request_method": "POST",
            "token_url": "https://appleid.apple.com/auth/token",
        }
    return {}


# The attribute each social or OIDC provider maps to the user pool username automatically.
_USERNAME_SOURCE = {
    "Google": "sub",
    "Facebook": "id",
    "LoginWithAmazon": "user_id",
    "SignInWithApple": "sub",
    "OIDC": "sub",
}


def _check_details(provider_type: str, details: dict[str, str]) -> dict[str, str]:
    """Validate ProviderDetails for the type; returns them with AWS's filled-in social endpoints."""
    details = dict(details)
    unknown = sorted(set(details) - _ALLOWED[provider_type] - set(_social_defaults(provider_type, details)))
    if unknown:
        raise invalid_parameter(f"Invalid ProviderDetails for {provider_type}: {', '.join(unknown)}")
    if provider_type == "SAML":
        has_url, has_file = bool(details.get("MetadataURL")), bool(details.get("MetadataFile"))
        if has_url == has_file:
            raise invalid_parameter("Exactly one of MetadataURL or MetadataFile must be provided for SAML.")
        for flag in ("IDPSignout", "EncryptedResponses", "IDPInit"):
            if flag in details and details[flag] not in ("true", "false"):
                raise invalid_parameter(f"{flag} must be true or false.")
        if details.get("RequestSigningAlgorithm") not in (None, "rsa-sha256"):
            raise invalid_parameter("RequestSigningAlgorithm must be rsa-sha256.")
        return details
    missing = [k for k in _REQUIRED[provider_type] if not details.get(k)]
    if missing:
        raise invalid_parameter(f"{missing[0]} is required for {provider_type} identity provider.")
    if provider_type == "OIDC":
        if details["attributes_request_method"] not in ("GET", "POST"):
            raise invalid_parameter("attributes_request_method must be GET or POST.")
        issuer = details["oidc_issuer"]
        try:
            parts = urlsplit(issuer)
            secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK)
        except ValueError:  # "https://[x": an unclosed IPv6 literal
            secure = False
        if not secure or not parts.netloc or not issuer.isprintable():
            raise invalid_parameter("oidc_issuer must be an https URL.")
        details.setdefault("attributes_url_add_attributes", "false")
        return details
    details.update(_social_defaults(provider_type, details))
    return details


async def _fetch(ctx: RequestContext, url: str) -> bytes | None:
    """The body of ``url`` when it answers 200 (after redirects), else None: unreachable, refused (core/fetch.py),
    or any other failure, which the callers answer as AWS does."""
    response = await fetch.get(ctx, url)
    return response.content if response is not None else None


async def _discover(ctx: RequestContext, details: dict[str, str]) -> dict[str, str]:
    """Fill an OIDC provider's endpoints from ``{issuer}/.well-known/openid-configuration``."""
    wanted = {
        "authorize_url": "authorization_endpoint",
        "token_url": "token_endpoint",
        "attributes_url": "userinfo_endpoint",
        "jwks_uri": "jwks_uri",
    }
    if all(details.get(k) for k in wanted):
        return details
    body = await _fetch(ctx, details["oidc_issuer"].rstrip("/") + "/.well-known/openid-configuration")
    document: Any = None
    if body is not None:
        try:
            document = loads(body.decode())
        except (ValueError, UnicodeDecodeError):
            document = None
    if not isinstance(document, dict):
        raise invalid_parameter(
            "Unable to contact well-known endpoint for oidc_issuer; provide authorize_url, token_url,"
            " attributes_url and jwks_uri."
        )
    out = dict(details)
    for key, field in wanted.items():
        if not out.get(key) and isinstance(document.get(field), str):
            out[key] = document[field]
    missing = [k for k in wanted if not out.get(k)]
    if missing:
        raise invalid_parameter(f"The discovery document of the oidc_issuer has no value for {missing[0]}.")
    return out


_MD = "urn:oasis:names:tc:SAML:2.0:metadata"
_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"


def _saml_endpoints(metadata: bytes | str) -> dict[str, str]:
    try:
        root = ET.fromstring(metadata)  # noqa: S314 - expat in Python >= 3.11 bounds entity expansion
    except ET.ParseError:
        raise invalid_parameter("Invalid SAML metadata: the document is not well-formed XML.") from None
    descriptor = root.find(f".//{{{_MD}}}IDPSSODescriptor")
    if descriptor is None:
        raise invalid_parameter("Invalid SAML metadata: no IDPSSODescriptor found.")
    out: dict[str, str] = {}
    for tag, key in (
        ("SingleSignOnService", "SSORedirectBindingURI"),
        ("SingleLogoutService", "SLORedirectBindingURI"),
    ):
        for element in descriptor.findall(f"{{{_MD}}}{tag}"):
            if element.get("Binding") == _REDIRECT and element.get("Location"):
                out[key] = element.get("Location", "")
                break
    if "SSORedirectBindingURI" not in out:
        raise invalid_parameter("Invalid SAML metadata: no SingleSignOnService with the HTTP-Redirect binding.")
    return out


async def _complete(ctx: RequestContext, provider_type: str, details: dict[str, str]) -> dict[str, str]:
    if provider_type == "OIDC":
        return await _discover(ctx, details)
    if provider_type == "SAML":
        if details.get("MetadataFile"):
            return {**details, **_saml_endpoints(details["MetadataFile"])}
        fetched = await _fetch(ctx, details["MetadataURL"])
        if fetched is None:
            raise invalid_parameter("Could not retrieve the SAML metadata from MetadataURL.")
        return {**details, **_saml_endpoints(fetched)}
    return details


async def _prepare_encryption(
    ctx: RequestContext, pool_id: str, name: str, provider_type: str, details: dict[str, str]
) -> saml_keys.MadeKey | None:
    """A key pair for a SAML provider turning encrypted responses on without one yet (saml_keys.py)."""
    if provider_type != "SAML" or details.get("EncryptedResponses") != "true":
        return None
    return await saml_keys.prepare(ctx, pool_id, name)


def _keep_encryption(
    ctx: RequestContext,
    pool_id: str,
    name: str,
    provider_type: str,
    details: dict[str, str],
    made: saml_keys.MadeKey | None,
) -> None:
    """A SAML provider's ActiveEncryptionCertificate in its details, once it has a key pair."""
    if provider_type != "SAML":
        return
    found = saml_keys.keep(ctx, pool_id, name, made)
    if found is not None:
        details["ActiveEncryptionCertificate"] = found


def _check_acr_mapping(provider_type: str, mapping: dict[str, str]) -> dict[str, str]:
    """AcrMapping: Level1..Level4 (the model's pattern) to the provider's own ``acr`` values; OIDC only."""
    if provider_type != "OIDC":
        raise invalid_parameter("AcrMapping is supported only for OIDC identity providers.")
    return dict(mapping)


def _check_mapping(pool: dict[str, Any], provider_type: str, mapping: dict[str, str] | None) -> dict[str, str]:
    out = dict(mapping or {})
    for name in out:
        if name == "username":
            continue
        attr = pools.schema_attribute(pool, name)
        if attr is None or name == "sub":
            raise invalid_parameter(f"Invalid attribute mapping: {name} is not an attribute of the user pool.")
        if not attr.get("Mutable", True):
            raise invalid_parameter(f"Invalid attribute mapping: {name} is immutable and can not be mapped.")
    source = _USERNAME_SOURCE.get(provider_type)
    if source:
        out.setdefault("username", source)
    return out


def _check_identifiers(ctx: RequestContext, pool_id: str, name: str, identifiers: list[str]) -> list[str]:
    identifiers = list(identifiers or [])
    if len(identifiers) > MAX_IDP_IDENTIFIERS:
        raise AwsError(
            "LimitExceededException", f"An identity provider can have at most {MAX_IDP_IDENTIFIERS} identifiers."
        )
    if len(set(identifiers)) != len(identifiers):
        raise invalid_parameter("Duplicate IdpIdentifiers are not allowed.")
    for row in ctx.store.all(
        "SELECT name, doc FROM identity_providers WHERE pool_id = ? AND name != ?", (pool_id, name)
    ):
        taken = set(loads(row["doc"]).get("IdpIdentifiers") or [])
        clash = taken.intersection(identifiers)
        if clash:
            raise invalid_parameter(f"Duplicate identifier {sorted(clash)[0]} used by provider {row['name']}.")
    return identifiers


def _duplicate(name: str, pool_id: str) -> AwsError:
    # AWS: DuplicateProviderException "<ProviderName> already exists in user pool <userPoolId>", seen in
    # CloudTrail (aws-cloudformation/cloudformation-coverage-roadmap#1287).
    return AwsError("DuplicateProviderException", f"{name} already exists in user pool {pool_id}")


def get_provider(ctx: RequestContext, pool_id: str, name: str) -> dict[str, Any]:
    row = ctx.store.one("SELECT doc FROM identity_providers WHERE pool_id = ? AND name = ?", (pool_id, name))
    if row is None:
        raise resource_not_found(f"Identity provider {name} does not exist.")
    doc: dict[str, Any] = loads(row["doc"])
    return doc


def providers_of(ctx: RequestContext, pool_id: str) -> list[dict[str, Any]]:
    rows = ctx.store.all("SELECT doc FROM identity_providers WHERE pool_id = ? ORDER BY name", (pool_id,))
    return [loads(r["doc"]) for r in rows]


@idp("CreateIdentityProvider")
async def create_identity_provider(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool_id, name, provider_type = req["UserPoolId"], req["ProviderName"], req["ProviderType"]
    with ctx.store.tx():
        pool = pools.get_pool(ctx, pool_id)
        if provider_type in _SOCIAL and name != provider_type:
            # AWS: "Provider NameOfGP cannot be of type Google." (aws/aws-cli#3179,
            # hashicorp/terraform-provider-aws#4822)
            raise invalid_parameter(f"Provider {name} cannot be of type {provider_type}.")
        if provider_type not in _SOCIAL and name in (*_SOCIAL, "COGNITO"):
            raise invalid_parameter(f"{name} is a reserved provider name.")
        if ctx.store.value("SELECT 1 FROM identity_providers WHERE pool_id = ? AND name = ?", (pool_id, name)):
            raise _duplicate(name, pool_id)
        details = _check_details(provider_type, req["ProviderDetails"])
        mapping = _check_mapping(pool, provider_type, req.get("AttributeMapping"))
        identifiers = _check_identifiers(ctx, pool_id, name, req.get("IdpIdentifiers") or [])
        acr_mapping = _check_acr_mapping(provider_type, req["AcrMapping"]) if req.get("AcrMapping") else None
    details = await _complete(ctx, provider_type, details)
    made = await _prepare_encryption(ctx, pool_id, name, provider_type, details)
    with ctx.store.tx():
        pool = pools.get_pool(ctx, pool_id)
        if ctx.store.value("SELECT 1 FROM identity_providers WHERE pool_id = ? AND name = ?", (pool_id, name)):
            raise _duplicate(name, pool_id)
        identifiers = _check_identifiers(ctx, pool_id, name, identifiers)
        _keep_encryption(ctx, pool_id, name, provider_type, details, made)
        doc: dict[str, Any] = {
            "UserPoolId": pool_id,
            "ProviderName": name,
            "ProviderType": provider_type,
            "ProviderDetails": details,
            "AttributeMapping": mapping,
            "IdpIdentifiers": identifiers,
            "LastModifiedDate": ctx.now,
            "CreationDate": ctx.now,
        }
        if acr_mapping:
            doc["AcrMapping"] = acr_mapping
        ctx.store.run(
            "INSERT INTO identity_providers (pool_id, name, created, modified, doc) VALUES (?, ?, ?, ?, ?)",
            (pool_id, name, ctx.now, ctx.now, dumps(doc)),
        )
        pools.add_identities_attribute(ctx, pool)
    return {"IdentityProvider": doc}


@idp("DescribeIdentityProvider")
def describe_identity_provider(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pools.get_pool(ctx, req["UserPoolId"])
    return {"IdentityProvider": get_provider(ctx, req["UserPoolId"], req["ProviderName"])}


@idp("UpdateIdentityProvider")
async def update_identity_provider(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool_id, name = req["UserPoolId"], req["ProviderName"]
    with ctx.store.tx():
        pool = pools.get_pool(ctx, pool_id)
        doc = get_provider(ctx, pool_id, name)
        provider_type = doc["ProviderType"]
        details = None
        if req.get("ProviderDetails") is not None:
            given = dict(req["ProviderDetails"])
            if provider_type == "SAML" and (given.get("MetadataURL") or given.get("MetadataFile")):
                kept = {k: v for k, v in doc["ProviderDetails"].items() if k not in ("MetadataURL", "MetadataFile")}
                kept = {k: v for k, v in kept.items() if k in _ALLOWED["SAML"]}
                details = _check_details(provider_type, {**kept, **given})
            elif provider_type == "SAML":
                kept = {k: v for k, v in doc["ProviderDetails"].items() if k in _ALLOWED["SAML"]}
                details = _check_details(provider_type, {**kept, **given})
            else:
                kept = {k: v for k, v in doc["ProviderDetails"].items() if k in _ALLOWED[provider_type]}
                if provider_type == "OIDC" and given.get("oidc_issuer", kept.get("oidc_issuer")) != kept.get(
                    "oidc_issuer"
                ):
                    for key in ("authorize_url", "token_url", "attributes_url", "jwks_uri"):
                        kept.pop(key, None)
                details = _check_details(provider_type, {**kept, **given})
        mapping = None
        if req.get("AttributeMapping") is not None:
            mapping = _check_mapping(pool, provider_type, req["AttributeMapping"])
        identifiers = None
        if req.get("IdpIdentifiers") is not None:
            identifiers = _check_identifiers(ctx, pool_id, name, req["IdpIdentifiers"])
        acr_mapping = None
        if req.get("AcrMapping") is not None:
            acr_mapping = _check_acr_mapping(provider_type, req["AcrMapping"])
    made = None
    if details is not None:
        details = await _complete(ctx, provider_type, details)
        made = await _prepare_encryption(ctx, pool_id, name, provider_type, details)
    with ctx.store.tx():
        doc = get_provider(ctx, pool_id, name)
        if details is not None:
            _keep_encryption(ctx, pool_id, name, provider_type, details, made)
            doc["ProviderDetails"] = details
        if mapping is not None:
            doc["AttributeMapping"] = mapping
        if identifiers is not None:
            doc["IdpIdentifiers"] = _check_identifiers(ctx, pool_id, name, identifiers)
        if acr_mapping is not None:
            doc["AcrMapping"] = acr_mapping
            if not acr_mapping:
                del doc["AcrMapping"]
        doc["LastModifiedDate"] = ctx.now
        ctx.store.run(
            "UPDATE identity_providers SET modified = ?, doc = ? WHERE pool_id = ? AND name = ?",
            (ctx.now, dumps(doc), pool_id, name),
        )
    return {"IdentityProvider": doc}


@idp("DeleteIdentityProvider")
def delete_identity_provider(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pools.get_pool(ctx, req["UserPoolId"])
    doc = get_provider(ctx, req["UserPoolId"], req["ProviderName"])
    ctx.store.run(
        "DELETE FROM identity_providers WHERE pool_id = ? AND name = ?", (doc["UserPoolId"], doc["ProviderName"])
    )
    saml_keys.forget(ctx, doc["UserPoolId"], doc["ProviderName"])
    return {}


@idp("ListIdentityProviders")
def list_identity_providers(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    limit = int(req.get("MaxResults") or 60)
    (after,) = paging.decode(req["NextToken"], "identity-providers", (str,)) if req.get("NextToken") else ("",)
    rows = ctx.store.all(
        "SELECT name, doc FROM identity_providers WHERE pool_id = ? AND name > ? ORDER BY name LIMIT ?",
        (pool["Id"], after, max(limit, 0) + 1),
    )
    out: dict[str, Any] = {"Providers": []}
    for row in rows[:limit]:
        doc = loads(row["doc"])
        out["Providers"].append(
            {k: doc[k] for k in ("ProviderName", "ProviderType", "LastModifiedDate", "CreationDate")}
        )
    if limit and len(rows) > limit:
        out["NextToken"] = paging.encode("identity-providers", [rows[limit - 1]["name"]])
    return out


@idp("GetIdentityProviderByIdentifier")
def get_identity_provider_by_identifier(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    wanted = req["IdpIdentifier"]
    for doc in providers_of(ctx, pool["Id"]):
        if wanted in (doc.get("IdpIdentifiers") or []):
            return {"IdentityProvider": doc}
    raise resource_not_found(f"Identity provider with identifier {wanted} does not exist.")
