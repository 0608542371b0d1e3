"""Developer-authenticated identities: GetOpenIdTokenForDeveloperIdentity, LookupDeveloperIdentity,
MergeDeveloperIdentities, UnlinkDeveloperIdentity (COGNITO-FACTS §8.9).

A developer provider (the pool's ``DeveloperProviderName``) vouches for its users with the developer's own
credentials: the login's value is the developer's user identifier, not a token. An identity may hold several
identifiers of the developer provider (after a merge); its OpenID token then signs it in, under the Logins
key ``cognito-identity.amazonaws.com``.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core import paging, transaction
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, resource_not_found

from . import identities, openid
from .flows import Outside, checked_outside, sign_in
from .logins import verify as verify_logins
from .pools import api, get_pool
from .verified import Login

DEFAULT_DURATION = 900  # 15 minutes; TokenDuration allows up to 24 hours


def _developer(pool: dict[str, Any], name: str | None = None) -> str:
    developer = pool.get("DeveloperProviderName")
    if not developer:
        raise invalid_parameter(f"Identity pool {pool['IdentityPoolId']} has no developer provider.")
    if name is not None and name != developer:
        raise invalid_parameter(f"Developer provider name {name} is not the developer provider of this identity pool.")
    return str(developer)


def _developer_login(ctx: RequestContext, pool: dict[str, Any], developer: str, user: str) -> Login:
    return Login(
        key=developer,
        provider=developer,
        subject=user,
        claims={},
        amr=(developer, f"{developer}:{pool['IdentityPoolId']}:{user}"),
        role_mapping_keys=(developer,),
    )


@api("GetOpenIdTokenForDeveloperIdentity")
async def get_open_id_token_for_developer_identity(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    outside = await checked_outside(ctx, req["Logins"], pool_id=req["IdentityPoolId"])
    return transaction.run(ctx, _get_open_id_token_for_developer_identity, ctx, req, outside)


def _get_open_id_token_for_developer_identity(
    ctx: RequestContext, req: dict[str, Any], outside: Outside
) -> dict[str, Any]:
    pool = get_pool(ctx, req["IdentityPoolId"])
    developer = _developer(pool)
    logins_map = dict(req["Logins"])
    if developer not in logins_map:
        raise invalid_parameter(f"Logins must hold a login of the developer provider {developer}.")
    user = logins_map.pop(developer)
    logins = [_developer_login(ctx, pool, developer, user), *verify_logins(ctx, pool, logins_map, outside)]
    owner = identities.owner(ctx, pool["IdentityPoolId"], developer, user)
    identity = None
    if req.get("IdentityId"):
        identity = identities.get(ctx, req["IdentityId"])
        if identity.pool_id != pool["IdentityPoolId"] or identity.merged_into is not None:
            raise identities.not_found(identity.id)
        if owner is not None and owner != identity.id:
            raise AwsError(
                "DeveloperUserAlreadyRegisteredException",
                f"Developer user identifier {user} is already registered with a different identity.",
            )
        identities.link(ctx, identity, developer, user, many=developer)
    identity = sign_in(ctx, pool, logins, identity)
    amr = ["authenticated"]
    for login in logins:
        amr.extend(a for a in login.amr if a not in amr)
    token = openid.sign(
        ctx,
        identity_id=identity.id,
        pool_id=pool["IdentityPoolId"],
        amr=amr,
        duration=int(req.get("TokenDuration") or DEFAULT_DURATION),
        principal_tags=req.get("PrincipalTags"),
    )
    return {"IdentityId": identity.id, "Token": token}


_LIST = "developer_identities"


@api("LookupDeveloperIdentity")
def lookup_developer_identity(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["IdentityPoolId"])
    pool_id = pool["IdentityPoolId"]
    developer = pool.get("DeveloperProviderName") or ""
    identity_id, user = req.get("IdentityId"), req.get("DeveloperUserIdentifier")
    if not identity_id and not user:
        raise invalid_parameter("Either IdentityId or DeveloperUserIdentifier must be given.")
    if user:
        owner = identities.owner(ctx, pool_id, developer, user)
        if owner is None:
            raise resource_not_found(f"Developer user identifier {user} not found.")
        if identity_id and identity_id != owner:
            raise AwsError(
                "ResourceConflictException",
                f"Developer user identifier {user} does not belong to identity {identity_id}.",
            )
        identity_id = owner
    assert identity_id is not None
    identity = identities.find(ctx, identity_id)
    if identity is None or identity.pool_id != pool_id:
        raise identities.not_found(identity_id)
    users = [s for p, s in identities.logins(ctx, identity_id) if p == developer]
    start = 0
    if req.get("NextToken"):
        (start,) = paging.decode(req["NextToken"], _LIST, [int])
    limit = req.get("MaxResults") or 60
    out: dict[str, Any] = {"IdentityId": identity_id, "DeveloperUserIdentifierList": users[start : start + limit]}
    if start + limit < len(users):
        out["NextToken"] = paging.encode(_LIST, [start + limit])
    return out


@api("MergeDeveloperIdentities")
def merge_developer_identities(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["IdentityPoolId"])
    developer = _developer(pool, req["DeveloperProviderName"])
    pool_id = pool["IdentityPoolId"]
    found = []
    for user in (req["SourceUserIdentifier"], req["DestinationUserIdentifier"]):
        owner = identities.owner(ctx, pool_id, developer, user)
        if owner is None:
            raise resource_not_found(f"Developer user identifier {user} not found.")
        found.append(identities.get(ctx, owner))
    source, destination = found
    identities.merge(ctx, source, destination, many=developer)
    return {"IdentityId": destination.id}


@api("UnlinkDeveloperIdentity")
def unlink_developer_identity(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["IdentityPoolId"])
    developer = _developer(pool, req["DeveloperProviderName"])
    identity = identities.find(ctx, req["IdentityId"])
    if identity is None or identity.pool_id != pool["IdentityPoolId"]:
        raise identities.not_found(req["IdentityId"])
    if not identities.unlink(ctx, identity.id, developer, req["DeveloperUserIdentifier"]):
        raise resource_not_found(
            f"Developer user identifier {req['DeveloperUserIdentifier']} is not linked to identity {identity.id}."
        )
    return {}
