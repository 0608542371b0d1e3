"""Identity pools: the pool document and CreateIdentityPool, Describe, Update, Delete, List, and tags.

A pool is stored as its ``IdentityPool`` document (JSON) in ``identity_pools.doc``, with what the other
operations set on it: ``Roles`` and ``RoleMappings`` (roles.py), ``PrincipalTagMaps`` (principal_tags.py).
"""

from __future__ import annotations

import functools
import re
import uuid
from typing import Any

from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, resource_not_found
from console.emulator.core.registry import operation
from console.emulator.core.store import dumps, loads_document

SERVICE = "cognito-identity"
MAX_TAGS = 50
# The public providers an identity pool may name in SupportedLoginProviders, with their logins key.
PUBLIC_PROVIDERS = (
    "graph.facebook.com",
    "accounts.google.com",
    "www.amazon.com",
    "appleid.apple.com",
    "api.twitter.com",
    "www.digits.com",
)
# What CreateIdentityPool and UpdateIdentityPool set, and DescribeIdentityPool answers.
SETTINGS = (
    "IdentityPoolName",
    "AllowUnauthenticatedIdentities",
    "AllowClassicFlow",
    "SupportedLoginProviders",
    "DeveloperProviderName",
    "OpenIdConnectProviderARNs",
    "CognitoIdentityProviders",
    "SamlProviderARNs",
    "IdentityPoolTags",
)
_OIDC_ARN = re.compile(r"arn:aws:iam::\d{12}:oidc-provider/.+")
_SAML_ARN = re.compile(r"arn:aws:iam::\d{12}:saml-provider/[\w+=,.@-]+")
_AWS_USER_POOL_PROVIDER = re.compile(r"cognito-idp\.([a-z0-9-]+)\.amazonaws\.com/([\w-]+_[0-9a-zA-Z]+)")


def api(name: str, *, public: bool = False) -> Any:
    """Register a cognito-identity operation."""
    return operation(SERVICE, name, public=public)


def not_found(pool_id: str) -> AwsError:
    return resource_not_found(f"IdentityPool '{pool_id}' not found.")


def get_pool(ctx: RequestContext, pool_id: str) -> dict[str, Any]:
    """The identity pool's document; ``ResourceNotFoundException`` if there is no such pool."""
    row = ctx.store.one("SELECT doc FROM identity_pools WHERE id = ?", (pool_id,))
    if row is None:
        raise not_found(pool_id)
    doc: dict[str, Any] = loads_document(row["doc"])
    return doc


def save_pool(ctx: RequestContext, doc: dict[str, Any]) -> None:
    ctx.store.run(
        "UPDATE identity_pools SET name = ?, doc = ? WHERE id = ?",
        (doc["IdentityPoolName"], dumps(doc), doc["IdentityPoolId"]),
    )


def pool_arn(ctx: RequestContext, pool_id: str) -> str:
    return f"arn:aws:cognito-identity:{ctx.region}:{ctx.config.account_id}:identitypool/{pool_id}"


def user_pool_of_provider(ctx: RequestContext, provider_name: str) -> str | None:
    """The user pool ID a Cognito user pool provider name names: AWS's ``cognito-idp.<region>.amazonaws.com/<id>``
    or this server's issuer form ``{base}/<id>``; None for any other name."""
    return _user_pool_of_provider(provider_name, ctx.region, ctx.base_url)


@functools.lru_cache(maxsize=1024)
def _user_pool_of_provider(provider_name: str, region: str, base_url: str) -> str | None:
    found = _AWS_USER_POOL_PROVIDER.fullmatch(provider_name)
    if found is not None:
        return found.group(2) if found.group(1) == region else None
    base = base_url.split("://", 1)[-1]
    for prefix in (base_url + "/", base + "/"):
        if base and provider_name.startswith(prefix):
            rest = provider_name[len(prefix) :]
            if re.fullmatch(r"[\w-]+_[0-9a-zA-Z]+", rest):
                return rest
    return None


def user_pool_provider_name(ctx: RequestContext, user_pool_id: str) -> str:
    """The canonical provider name of a user pool: the key DescribeIdentity lists its logins under."""
    return f"cognito-idp.{ctx.region}.amazonaws.com/{user_pool_id}"


def _check_settings(ctx: RequestContext, doc: dict[str, Any]) -> None:
    for name in doc.get("SupportedLoginProviders") or {}:
        if name not in PUBLIC_PROVIDERS:
            raise invalid_parameter(f"Invalid identity provider: {name}")
    for arn in doc.get("OpenIdConnectProviderARNs") or []:
        if _OIDC_ARN.fullmatch(arn) is None:
            raise invalid_parameter(f"Invalid OpenIdConnectProviderARN: {arn}")
    for arn in doc.get("SamlProviderARNs") or []:
        if _SAML_ARN.fullmatch(arn) is None:
            raise invalid_parameter(f"Invalid SAML provider ARN: {arn}")
    seen: set[tuple[str, str]] = set()
    for provider in doc.get("CognitoIdentityProviders") or []:
        name, client = provider.get("ProviderName"), provider.get("ClientId")
        if not name or not client:
            raise invalid_parameter("CognitoIdentityProvider must have a ProviderName and a ClientId.")
        # A user pool of another region is allowed (its logins find no keys here), as AWS allows one.
        if user_pool_of_provider(ctx, name) is None and _AWS_USER_POOL_PROVIDER.fullmatch(name) is None:
            raise invalid_parameter(f"Invalid Cognito Identity Provider: {name}")
        if (name, client) in seen:
            raise invalid_parameter(f"Duplicate Cognito Identity Provider: {name} with client id {client}")
        seen.add((name, client))
    developer = doc.get("DeveloperProviderName")
    if developer is not None and developer in (*PUBLIC_PROVIDERS, "cognito-identity.amazonaws.com"):
        raise invalid_parameter(f"Invalid developer provider name: {developer}")
    if len(doc.get("IdentityPoolTags") or {}) > MAX_TAGS:
        raise invalid_parameter(f"An identity pool can have at most {MAX_TAGS} tags.")


def describe(doc: dict[str, Any]) -> dict[str, Any]:
    """The ``IdentityPool`` shape of a stored pool."""
    out: dict[str, Any] = {"IdentityPoolId": doc["IdentityPoolId"]}
    for name in SETTINGS:
        if name in doc:
            out[name] = doc[name]
    out.setdefault("AllowClassicFlow", False)
    out.setdefault("IdentityPoolTags", {})
    out["CognitoIdentityProviders"] = [
        {**p, "ServerSideTokenCheck": bool(p.get("ServerSideTokenCheck", False))}
        for p in doc.get("CognitoIdentityProviders") or []
    ]
    return out


def create(ctx: RequestContext, req: dict[str, Any], pool_id: str | None = None) -> dict[str, Any]:
    """A new identity pool from a CreateIdentityPool request (``pool_id`` fixes its ID: seed files)."""
    doc: dict[str, Any] = {name: req[name] for name in SETTINGS if name in req}
    doc.setdefault("AllowClassicFlow", False)
    doc.setdefault("SupportedLoginProviders", {})
    doc.setdefault("IdentityPoolTags", {})
    _check_settings(ctx, doc)
    doc["IdentityPoolId"] = pool_id or f"{ctx.region}:{uuid.uuid4()}"
    ctx.store.run(
        "INSERT INTO identity_pools (id, name, created, doc) VALUES (?, ?, ?, ?)",
        (doc["IdentityPoolId"], doc["IdentityPoolName"], ctx.now, dumps(doc)),
    )
    return doc


@api("CreateIdentityPool")
def create_identity_pool(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return describe(create(ctx, req))


@api("DescribeIdentityPool")
def describe_identity_pool(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return describe(get_pool(ctx, req["IdentityPoolId"]))


@api("UpdateIdentityPool")
def update_identity_pool(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    doc = get_pool(ctx, req["IdentityPoolId"])
    developer = doc.get("DeveloperProviderName")
    if developer and req.get("DeveloperProviderName", developer) != developer:
        raise invalid_parameter("DeveloperProviderName cannot be changed once it is set.")
    # UpdateIdentityPool replaces the pool's settings: what the request leaves out is cleared (tags stay
    # unless given).
    kept = {k: v for k, v in doc.items() if k not in SETTINGS or k in ("IdentityPoolTags", "DeveloperProviderName")}
    new = {**kept, **{name: req[name] for name in SETTINGS if name in req}}
    new.setdefault("AllowClassicFlow", False)
    new.setdefault("SupportedLoginProviders", {})
    _check_settings(ctx, new)
    save_pool(ctx, new)
    return describe(new)


@api("DeleteIdentityPool")
def delete_identity_pool(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool_id = req["IdentityPoolId"]
    get_pool(ctx, pool_id)
    ctx.store.run("DELETE FROM identity_logins WHERE pool_id = ?", (pool_id,))
    ctx.store.run("DELETE FROM identity_pools WHERE id = ?", (pool_id,))
    return {}


_LIST = "identity_pools"


@api("ListIdentityPools")
def list_identity_pools(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    limit = req["MaxResults"]
    after: tuple[Any, ...] = ("",)
    if req.get("NextToken"):
        after = tuple(paging.decode(req["NextToken"], _LIST, [str]))
    rows = ctx.store.all(
        "SELECT id, name FROM identity_pools WHERE id > ? ORDER BY id LIMIT ?",
        (after[0], limit + 1),
    )
    out: dict[str, Any] = {
        "IdentityPools": [{"IdentityPoolId": r["id"], "IdentityPoolName": r["name"]} for r in rows[:limit]]
    }
    if len(rows) > limit:
        out["NextToken"] = paging.encode(_LIST, [rows[limit - 1]["id"]])
    return out


# -- tags -----------------------------------------------------------------------------------------------


def _pool_by_arn(ctx: RequestContext, arn: str) -> dict[str, Any]:
    prefix = f"arn:aws:cognito-identity:{ctx.region}:{ctx.config.account_id}:identitypool/"
    if not arn.startswith(prefix):
        raise invalid_parameter(f"Invalid ARN: {arn}")
    return get_pool(ctx, arn[len(prefix) :])


@api("TagResource")
def tag_resource(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    doc = _pool_by_arn(ctx, req["ResourceArn"])
    tags = {**(doc.get("IdentityPoolTags") or {}), **req["Tags"]}
    if len(tags) > MAX_TAGS:
        raise invalid_parameter(f"An identity pool can have at most {MAX_TAGS} tags.")
    doc["IdentityPoolTags"] = tags
    save_pool(ctx, doc)
    return {}


@api("UntagResource")
def untag_resource(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    doc = _pool_by_arn(ctx, req["ResourceArn"])
    tags = dict(doc.get("IdentityPoolTags") or {})
    for key in req["TagKeys"]:
        tags.pop(key, None)
    doc["IdentityPoolTags"] = tags
    save_pool(ctx, doc)
    return {}


@api("ListTagsForResource")
def list_tags_for_resource(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return {"Tags": dict(_pool_by_arn(ctx, req["ResourceArn"]).get("IdentityPoolTags") or {})}
