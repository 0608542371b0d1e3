"""The public sign-in operations: GetId, GetOpenIdToken and UnlinkIdentity, and how logins sign an identity in.

These handlers are asynchronous: the logins of providers elsewhere are checked first (their keys are
fetched), then the work runs in one transaction as a plain handler's does.

GetId finds or makes the identity of a set of logins (none: a new unauthenticated identity, where the pool
allows them). The enhanced flow then calls GetCredentialsForIdentity (credentials.py); the basic (classic) flow calls
GetOpenIdToken and passes the token to STS's AssumeRoleWithWebIdentity itself.

Logins merge identities as AWS documents: a guest that signs in with a login already linked to another
identity is merged into that identity, which is the one returned; an authenticated identity that presents
a login linked to another identity takes that identity's logins; a login linked to nothing is linked to
the identity that presents it, which must already be one of its logins' identity or a guest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from console.emulator.core import transaction
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, not_authorized

from . import identities, openid, principal_tags
from .identities import Identity
from .logins import COGNITO_IDENTITY, verify_outside
from .logins import verify as verify_logins
from .pools import api, get_pool, user_pool_of_provider
from .verified import Login

GUESTS_REFUSED = "Unauthenticated access is not supported for this identity pool."
LOGINS_MISMATCH = "Logins don't match. Please include at least one valid login for this identity or identity pool."
CLASSIC_FLOW_DISABLED = "Basic (classic) flow is not enabled, please use enhanced flow."
OPENID_TOKEN_DURATION = 600  # GetOpenIdToken's tokens last 10 minutes
# What verify_outside found for a request's logins of providers elsewhere.
Outside = Mapping[str, Login | AwsError]


def _live(ctx: RequestContext, identity_id: str) -> Identity:
    """The identity, or the one it was merged into."""
    identity = identities.get(ctx, identity_id)
    if identity.merged_into is not None:
        identity = identities.get(ctx, identity.merged_into)
    return identity


def _owners(ctx: RequestContext, pool_id: str, logins: Sequence[Login]) -> list[Identity]:
    """The identities the logins already belong to, oldest first."""
    found: dict[str, Identity] = {}
    for login in logins:
        if login.identity_id is not None:
            named = identities.find(ctx, login.identity_id)
            if named is None or named.pool_id != pool_id:
                raise identities.not_found(login.identity_id)
            named = _live(ctx, named.id)  # a token of an identity merged since names the one it merged into
            found[named.id] = named
            continue
        owner = identities.owner_identity(ctx, pool_id, login.provider, login.subject)
        if owner is not None:
            found[owner.id] = owner
    return sorted(found.values(), key=lambda i: (i.created, i.id))


def _link_all(ctx: RequestContext, pool: dict[str, Any], identity: Identity, logins: Sequence[Login]) -> bool:
    """Link the logins to the identity; whether any was not linked already."""
    changed = False
    for login in logins:
        if login.identity_id is None:
            many = pool.get("DeveloperProviderName")
            changed = identities.link(ctx, identity, login.provider, login.subject, many=many) or changed
    return changed


def _merge_into(ctx: RequestContext, pool: dict[str, Any], others: Sequence[Identity], destination: Identity) -> bool:
    """Merge the other identities into the destination; whether there was any to merge."""
    merged = False
    for other in others:
        if other.id != destination.id:
            identities.merge(ctx, other, destination, many=pool.get("DeveloperProviderName"))
            merged = True
    return merged


def sign_in(
    ctx: RequestContext, pool: dict[str, Any], logins: Sequence[Login], identity: Identity | None = None
) -> Identity:
    """The identity that ``logins`` (verified) sign in as, linking and merging as the module says; with
    ``identity``, the identity the caller named."""
    pool_id = pool["IdentityPoolId"]
    if not logins:
        if identity is not None and identities.logins(ctx, identity.id):
            raise not_authorized(LOGINS_MISMATCH)
        if not pool.get("AllowUnauthenticatedIdentities"):
            raise not_authorized(GUESTS_REFUSED)
        return identity if identity is not None else identities.create(ctx, pool_id)
    owners = _owners(ctx, pool_id, logins)
    changed = False
    if identity is None:
        target = owners[0] if owners else identities.create(ctx, pool_id)
    elif identity.id in {o.id for o in owners}:
        target = identity
    elif identities.logins(ctx, identity.id):
        raise not_authorized(LOGINS_MISMATCH)
    elif owners:
        # A guest signing in with a login another identity holds becomes that identity.
        target = owners[0]
        changed = _merge_into(ctx, pool, [identity], target)
    else:
        target = identity
    changed = _merge_into(ctx, pool, owners, target) or changed
    changed = _link_all(ctx, pool, target, logins) or changed
    return identities.get(ctx, target.id) if changed else target


def amr(logins: Sequence[Login]) -> list[str]:
    """The ``amr`` of an identity's OpenID token (and the condition key of its role's trust policy)."""
    if not logins:
        return ["unauthenticated"]
    out = ["authenticated"]
    for login in logins:
        out.extend(a for a in login.amr if a not in out)
    return out


async def checked_outside(
    ctx: RequestContext,
    logins_map: Mapping[str, str] | None,
    *,
    pool_id: str | None = None,
    identity_id: str | None = None,
) -> Outside:
    """``verify_outside`` for the logins of a request, before its transaction: for the pool named, or the pool
    of the identity named. Nothing when there is nothing to check, or no such pool or identity (the
    request's own checks answer that)."""
    if not logins_map or all(k == COGNITO_IDENTITY or user_pool_of_provider(ctx, k) for k in logins_map):
        return {}  # logins of this server's own user pools and OpenID tokens: checked in the transaction
    if identity_id is not None:
        identity = identities.find(ctx, identity_id)
        pool_id = identity.pool_id if identity is not None else None
    if pool_id is None:
        return {}
    try:
        pool = get_pool(ctx, pool_id)
    except AwsError:
        return {}
    return await verify_outside(ctx, pool, logins_map)


def authenticate(
    ctx: RequestContext, identity_id: str, logins_map: Mapping[str, str] | None, outside: Outside
) -> tuple[dict[str, Any], Identity, list[Login]]:
    identity = _live(ctx, identity_id)
    pool = get_pool(ctx, identity.pool_id)
    logins = verify_logins(ctx, pool, logins_map or {}, outside)
    return pool, sign_in(ctx, pool, logins, identity), logins


@api("GetId", public=True)
async def get_id(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    outside = await checked_outside(ctx, req.get("Logins"), pool_id=req["IdentityPoolId"])
    return transaction.run(ctx, _get_id, ctx, req, outside)


def _get_id(ctx: RequestContext, req: dict[str, Any], outside: Outside) -> dict[str, Any]:
    pool = get_pool(ctx, req["IdentityPoolId"])
    account = req.get("AccountId")
    if account is not None and account != ctx.config.account_id:
        raise not_authorized(f"Account {account} does not own identity pool {pool['IdentityPoolId']}.")
    logins = verify_logins(ctx, pool, req.get("Logins") or {}, outside)
    return {"IdentityId": sign_in(ctx, pool, logins).id}


@api("GetOpenIdToken", public=True)
async def get_open_id_token(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    outside = await checked_outside(ctx, req.get("Logins"), identity_id=req["IdentityId"])
    return transaction.run(ctx, _get_open_id_token, ctx, req, outside)


def _get_open_id_token(ctx: RequestContext, req: dict[str, Any], outside: Outside) -> dict[str, Any]:
    identity = _live(ctx, req["IdentityId"])
    if not get_pool(ctx, identity.pool_id).get("AllowClassicFlow"):
        raise AwsError("InvalidParameterException", CLASSIC_FLOW_DISABLED)
    pool, identity, logins = authenticate(ctx, req["IdentityId"], req.get("Logins"), outside)
    if any(login.roles or login.key in (pool.get("SamlProviderARNs") or []) for login in logins):
        # [U] AWS takes SAML logins in the enhanced flow only; its wording here is not documented.
        raise AwsError("InvalidParameterException", "SAML logins are supported in the enhanced flow only.")
    token = openid.sign(
        ctx,
        identity_id=identity.id,
        pool_id=pool["IdentityPoolId"],
        amr=amr(logins),
        duration=OPENID_TOKEN_DURATION,
        principal_tags=principal_tags.session_tags(pool, logins) or None,
    )
    return {"IdentityId": identity.id, "Token": token}


@api("UnlinkIdentity", public=True)
async def unlink_identity(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    outside = await checked_outside(ctx, req["Logins"], identity_id=req["IdentityId"])
    return transaction.run(ctx, _unlink_identity, ctx, req, outside)


def _unlink_identity(ctx: RequestContext, req: dict[str, Any], outside: Outside) -> dict[str, Any]:
    identity = identities.get(ctx, req["IdentityId"])
    if identity.merged_into is not None:
        raise identities.not_found(identity.id)
    pool = get_pool(ctx, identity.pool_id)
    logins = verify_logins(ctx, pool, req["Logins"], outside)
    linked = {(p, s) for p, s in identities.logins(ctx, identity.id)}
    if not any((lg.provider, lg.subject) in linked or lg.identity_id == identity.id for lg in logins):
        raise not_authorized(LOGINS_MISMATCH)
    by_key = {lg.key: lg for lg in logins}
    for key in req["LoginsToRemove"]:
        if key == COGNITO_IDENTITY or key == pool.get("DeveloperProviderName"):
            raise AwsError(
                "InvalidParameterException",
                "Developer-authenticated logins are unlinked with UnlinkDeveloperIdentity.",
            )
        login = by_key.get(key)
        provider = login.provider if login is not None else key
        if not identities.unlink(ctx, identity.id, provider):
            raise AwsError("ResourceConflictException", f"The identity has no login of {key} to unlink.")
    return {}
