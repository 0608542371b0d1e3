"""Attributes for access control: GetPrincipalTagAttributeMap, SetPrincipalTagAttributeMap, and the session
tags an identity's credentials carry.

A provider's map says which claim of its token becomes which principal tag. ``UseDefaults`` gives AWS's
default map (COGNITO-FACTS §8.8): ``username`` from ``sub`` and ``client`` from ``aud`` for user pools and
OpenID Connect providers. A provider without a map adds no tags.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from console.emulator.core.context import RequestContext

from .pools import api, get_pool, save_pool
from .verified import Login

DEFAULTS: dict[str, dict[str, str]] = {
    "graph.facebook.com": {"username": "id", "client": "app_id"},
    "www.amazon.com": {"username": "user_id", "client": "aud"},
}
_STANDARD = {"username": "sub", "client": "aud"}


def default_map(provider: str) -> dict[str, str]:
    return dict(DEFAULTS.get(provider, _STANDARD))


@api("GetPrincipalTagAttributeMap")
def get_principal_tag_attribute_map(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    doc = get_pool(ctx, req["IdentityPoolId"])
    provider = req["IdentityProviderName"]
    found = (doc.get("PrincipalTagMaps") or {}).get(provider)
    out: dict[str, Any] = {"IdentityPoolId": doc["IdentityPoolId"], "IdentityProviderName": provider}
    if found is None:
        out["UseDefaults"] = False
        return out
    return {**out, **found}


@api("SetPrincipalTagAttributeMap")
def set_principal_tag_attribute_map(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    doc = get_pool(ctx, req["IdentityPoolId"])
    provider = req["IdentityProviderName"]
    maps = dict(doc.get("PrincipalTagMaps") or {})
    if req.get("UseDefaults"):
        maps[provider] = {"UseDefaults": True, "PrincipalTags": default_map(provider)}
    elif req.get("PrincipalTags"):
        maps[provider] = {"UseDefaults": False, "PrincipalTags": dict(req["PrincipalTags"])}
    else:
        maps.pop(provider, None)
    doc["PrincipalTagMaps"] = maps
    save_pool(ctx, doc)
    out: dict[str, Any] = {"IdentityPoolId": doc["IdentityPoolId"], "IdentityProviderName": provider}
    return {**out, **maps.get(provider, {"UseDefaults": False, "PrincipalTags": {}})}


def session_tags(pool: dict[str, Any], logins: Sequence[Login]) -> dict[str, str]:
    """The principal tags of an identity signed in with ``logins``: from each provider's map, and those a
    developer-authenticated identity's OpenID token carries."""
    maps = pool.get("PrincipalTagMaps") or {}
    tags: dict[str, str] = {}
    for login in logins:
        if login.principal_tags:
            tags.update(login.principal_tags)
        names = (login.key, login.provider, *login.role_mapping_keys)
        found = next((maps[n] for n in names if n in maps), None)
        if found is None:
            continue
        for tag, claim in (found.get("PrincipalTags") or {}).items():
            value = login.claims.get(claim)
            if isinstance(value, str | int | float) and not isinstance(value, bool) and str(value):
                tags[tag] = str(value)[:256]
    return tags
