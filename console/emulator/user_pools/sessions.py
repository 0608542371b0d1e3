"""User sessions: the session configuration of pools and app clients, and listing and revoking a user's
sessions, by the user (with an access token) or an administrator.

What a session is and how it is kept is session_tracking.py's. These operations list token sessions and the
hosted UI's SSO sessions (SessionType SSO: a browser's sign-in at the pool's domain); ending an SSO session
makes that browser sign in again at its next authorize request. A user may revoke any of their sessions but
the one their access token belongs to; revoking a session revokes its refresh and access tokens at once (the
next GetUser with such an access token, or refresh with such a refresh token, is NotAuthorizedException).
"""

from __future__ import annotations

from typing import Any

from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, resource_not_found
from console.emulator.core.registry import idp

from . import clients, pools, session_tracking, tokens, users

_PAGING_KIND = "sessions"


def _require_tier(pool: dict[str, Any]) -> None:
    if (pool.get("UserPoolTier") or "ESSENTIALS") == "LITE":
        raise AwsError(
            "FeatureUnavailableInTierException",
            "Session management is not available in the Lite tier. Upgrade the user pool to the Essentials or"
            " Plus tier.",
        )


def _require_tracking(ctx: RequestContext, pool_id: str) -> session_tracking.PoolSessionConfiguration:
    config = session_tracking.configuration(ctx, pool_id)
    if not config.tracking:
        raise AwsError("OperationNotEnabledException", f"User session tracking is not enabled for user pool {pool_id}.")
    return config


def _check_no_next_token(req: dict[str, Any]) -> None:
    """Every session of a user fits in one page: no NextToken is ever given out, so none is valid."""
    if req.get("NextToken") is not None:
        paging.decode(req["NextToken"], _PAGING_KIND, ())


def _describe(row: Any, current: str | None, kind: str = "TOKEN") -> dict[str, Any]:
    described = {
        "SessionId": row["session_id"],
        "SessionType": kind,
        "ClientId": row["client_id"],
        "CreateDate": row["created"],
        "LastActiveDate": row["last_active"],
        "DeviceType": row["device_type"],
        "LastIPAddress": row["last_ip"],
        # No geo-IP database here: the location is what AWS answers when resolution fails.
        "LastLocation": {"Country": "unknown"},
        "OriginSessionId": row["origin_session"] if kind == "TOKEN" else None,
        "IsCurrentSession": row["session_id"] == current,
    }
    return {k: v for k, v in described.items() if v is not None}


def _sessions(ctx: RequestContext, pool_id: str, sub: str, current: str | None) -> list[dict[str, Any]]:
    described = [_describe(r, current) for r in session_tracking.active_sessions(ctx, pool_id, sub)]
    described += [_describe(r, None, "SSO") for r in session_tracking.active_sso_sessions(ctx, pool_id, sub)]
    return described


def _revoke(
    ctx: RequestContext, pool_id: str, sub: str, session_id: str, current: str | None, associated: str | None
) -> None:
    """End ``session_id``; with RevokeAssociatedSessions LINKED also what it is linked to: an SSO session's
    token sessions, a token session's SSO session (never the caller's own session)."""
    linked = associated == "LINKED"
    if session_id.startswith("sso"):
        sso = session_tracking.active_sso_session(ctx, pool_id, session_id)
        if sso is None or sso["sub"] != sub:
            raise resource_not_found(f"Session {session_id} does not exist.")
        session_tracking.end_sso(ctx, session_id)
        if linked:
            session_tracking.end(
                ctx, [s for s in session_tracking.linked_token_sessions(ctx, session_id) if s != current]
            )
        return
    row = session_tracking.active_session(ctx, pool_id, session_id)
    if row is None or row["sub"] != sub:
        raise resource_not_found(f"Session {session_id} does not exist.")
    if session_id == current:
        raise invalid_parameter("You can't revoke the session that the access token in the request belongs to.")
    session_tracking.end(ctx, [session_id])
    if linked and row["origin_session"]:
        session_tracking.end_sso(ctx, str(row["origin_session"]))


# -- configuration ------------------------------------------------------------------------------------


@idp("GetUserPoolSessionConfiguration")
def get_user_pool_session_configuration(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    config = session_tracking.configuration(ctx, pool["Id"])
    return {
        "UserPoolId": pool["Id"],
        "UserSessionTracking": "ENABLED" if config.tracking else "DISABLED",
        "TokenSession": {"MaxPerUser": config.max_per_user},
    }


@idp("SetUserPoolSessionConfiguration")
def set_user_pool_session_configuration(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    _require_tier(pool)
    tracking = req["UserSessionTracking"]
    max_per_user = int(req["TokenSession"]["MaxPerUser"])
    ctx.store.run(
        "INSERT INTO session_configurations (pool_id, tracking, max_per_user) VALUES (?, ?, ?)"
        " ON CONFLICT (pool_id) DO UPDATE SET tracking = excluded.tracking, max_per_user = excluded.max_per_user",
        (pool["Id"], tracking, max_per_user),
    )
    if tracking == "DISABLED":
        session_tracking.forget_pool(ctx, pool["Id"])
    return {"UserPoolId": pool["Id"], "UserSessionTracking": tracking, "TokenSession": {"MaxPerUser": max_per_user}}


@idp("GetUserPoolClientSessionConfiguration")
def get_user_pool_client_session_configuration(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client = clients.get_pool_client(ctx, req["UserPoolId"], req["ClientId"])
    minutes = session_tracking.sso_max_validity_minutes(ctx, client["ClientId"])
    return {
        "UserPoolId": client["UserPoolId"],
        "ClientId": client["ClientId"],
        "SSOSession": {"MaxValidityMinutes": minutes},
    }


@idp("SetUserPoolClientSessionConfiguration")
def set_user_pool_client_session_configuration(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client = clients.get_pool_client(ctx, req["UserPoolId"], req["ClientId"])
    _require_tier(pools.get_pool(ctx, client["UserPoolId"]))
    _require_tracking(ctx, client["UserPoolId"])
    minutes = int(req["SSOSession"]["MaxValidityMinutes"])
    ctx.store.run(
        "INSERT INTO client_session_configurations (client_id, sso_max_validity_minutes) VALUES (?, ?)"
        " ON CONFLICT (client_id) DO UPDATE SET sso_max_validity_minutes = excluded.sso_max_validity_minutes",
        (client["ClientId"], minutes),
    )
    return {
        "UserPoolId": client["UserPoolId"],
        "ClientId": client["ClientId"],
        "SSOSession": {"MaxValidityMinutes": minutes},
    }


# -- the signed-in user's sessions --------------------------------------------------------------------


@idp("ListUserSessions", public=True)
def list_user_sessions(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, claims = tokens.authenticate_access_token(ctx, req["AccessToken"])
    _require_tracking(ctx, pool["Id"])
    _check_no_next_token(req)
    current = session_tracking.session_of_token(ctx, claims)
    return {"Sessions": _sessions(ctx, pool["Id"], user.sub, current)}


@idp("RevokeUserSession", public=True)
def revoke_user_session(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, claims = tokens.authenticate_access_token(ctx, req["AccessToken"])
    _require_tracking(ctx, pool["Id"])
    current = session_tracking.session_of_token(ctx, claims)
    _revoke(ctx, pool["Id"], user.sub, req["SessionId"], current, req.get("RevokeAssociatedSessions"))
    return {}


# -- administrators -----------------------------------------------------------------------------------


@idp("AdminListUserSessions")
def admin_list_user_sessions(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    _require_tracking(ctx, pool["Id"])
    _check_no_next_token(req)
    return {"Sessions": _sessions(ctx, pool["Id"], user.sub, None)}


@idp("AdminRevokeUserSession")
def admin_revoke_user_session(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    _require_tracking(ctx, pool["Id"])
    _revoke(ctx, pool["Id"], user.sub, req["SessionId"], None, req.get("RevokeAssociatedSessions"))
    return {}
