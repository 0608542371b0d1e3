"""Sign-in operations: InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge, AdminRespondToAuthChallenge.

Each handler finds the app client (and pool), then hands the AuthFlow or the ChallengeName to the module of
its flow: password.py (password and SRP), device_srp.py, custom.py (CUSTOM_AUTH), choice.py (USER_AUTH),
refresh.py, chain.py and completion.py (new password, MFA, tokens). ``steps.drive`` runs each request as a
chain of short transactions (steps.py).
"""

from __future__ import annotations

import hmac
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, client_not_found, invalid_parameter, not_authorized
from console.emulator.core.registry import idp
from console.emulator.user_pools import clients, flow_hooks, pool_access, pools, users
from console.emulator.user_pools.users import User

from . import chain, choice, completion, custom, device_srp, password, refresh, sessions, webauthn
from .steps import Flow, drive, param, password_mark, phantom_user

_CLIENT_FLOWS = {
    "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
    "USER_SRP_AUTH": "ALLOW_USER_SRP_AUTH",
    "REFRESH_TOKEN_AUTH": "ALLOW_REFRESH_TOKEN_AUTH",
    "REFRESH_TOKEN": "ALLOW_REFRESH_TOKEN_AUTH",
    "CUSTOM_AUTH": "ALLOW_CUSTOM_AUTH",
    "USER_AUTH": "ALLOW_USER_AUTH",
}
_ADMIN_FLOWS = {
    **{k: v for k, v in _CLIENT_FLOWS.items() if k != "USER_PASSWORD_AUTH"},
    "ADMIN_USER_PASSWORD_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
}


def _client(ctx: RequestContext, client_id: str, pool_id: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    if pool_id is not None:
        pool = pools.get_pool(ctx, pool_id)
        client = clients.get_client(ctx, client_id)
        if client["UserPoolId"] != pool_id:
            raise client_not_found(client_id)
        return client, pool
    client = clients.get_client(ctx, client_id)
    return client, pools.get_pool(ctx, client["UserPoolId"])


def client_has_secret(ctx: RequestContext, client: dict[str, Any]) -> bool:
    return bool(clients.client_secrets(ctx, client["ClientId"]))


# -- InitiateAuth -----------------------------------------------------------------------------------------


def _initiate(ctx: RequestContext, req: dict[str, Any], admin: bool) -> Any:
    client, pool = _client(ctx, req["ClientId"], req.get("UserPoolId") if admin else None)
    flow_hooks.begin(ctx, req, client)
    flow_name = req["AuthFlow"]
    table = _ADMIN_FLOWS if admin else _CLIENT_FLOWS
    if flow_name not in table:
        raise invalid_parameter("Initiate Auth method not supported.")
    sessions.require_flow(client, flow_name, table[flow_name])
    params: dict[str, str] = dict(req.get("AuthParameters") or {})
    flow = Flow(
        pool=pool,
        client=client,
        admin=admin,
        flow=flow_name,
        device_key=params.get("DEVICE_KEY") or None,
        validation_data=dict(req.get("ClientMetadata") or {}),
        req=req,
    )
    if flow_name in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
        return refresh.refresh(ctx, flow, params)
    if flow_name in ("USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"):
        return password.start_password(ctx, flow, params)
    if flow_name == "USER_SRP_AUTH":
        return password.start_srp(ctx, flow, params)
    if flow_name == "CUSTOM_AUTH":
        return custom.start(ctx, flow, params)
    return choice.start(ctx, flow, params)


@idp("InitiateAuth", public=True)
async def initiate_auth(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return await drive(ctx, _initiate, ctx, req, False)


@idp("AdminInitiateAuth")
async def admin_initiate_auth(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return await drive(ctx, _initiate, ctx, req, True)


# -- RespondToAuthChallenge ------------------------------------------------------------------------------


def _respond(ctx: RequestContext, req: dict[str, Any], admin: bool) -> Any:
    client, pool = _client(ctx, req["ClientId"], req.get("UserPoolId") if admin else None)
    flow_hooks.begin(ctx, req, client)
    name = req["ChallengeName"]
    pool_access.check_challenge(ctx, pool["Id"], name)
    responses: dict[str, str] = dict(req.get("ChallengeResponses") or {})
    metadata = req.get("ClientMetadata")
    if name == "PASSWORD_VERIFIER":
        return password.answer_password_verifier(ctx, client, pool, responses, metadata)
    if name == "DEVICE_PASSWORD_VERIFIER":
        return device_srp.answer_device_password_verifier(ctx, client, pool, responses, metadata)
    token = req.get("Session")
    if name == "DEVICE_SRP_AUTH" and not token:
        # pycognito answers DEVICE_SRP_AUTH without the Session: find the user's pending one.
        user = users.find(ctx, pool, param(responses, "USERNAME"))
        pending = sessions.latest_for(ctx, client["ClientId"], user.username_key, name) if user else None
        if pending is None:
            raise not_authorized(sessions.SESSION_EXPIRED)
        session = pending
    else:
        session = sessions.peek(ctx, token, client["ClientId"])
    if session.challenge != name and not (session.challenge == "SELECT_CHALLENGE" and name in ("SELECT_CHALLENGE",)):
        raise invalid_parameter(f"Invalid challenge name {name} for the session.")  # [U] wording
    flow = Flow.restore(pool, client, session.state, metadata)
    flow_hooks.restore_risk(ctx, session.state.get("risk"))
    if flow.phantom is not None:
        # CUSTOM_CHALLENGE or USER_AUTH for nobody: never signs in (see custom.next_round,
        # password.verify_password).
        found: User | None = phantom_user(flow, flow.phantom)
    else:
        found = users.by_key(ctx, pool["Id"], session.username_key)
    if found is None:
        raise not_authorized(sessions.SESSION_EXPIRED)
    user = found
    if responses.get("USERNAME") is not None or client_has_secret(ctx, client):
        sessions.check_secret_hash(
            ctx, client, responses.get("SECRET_HASH"), responses.get("USERNAME") or "", user.username
        )
    if not user.enabled:
        raise not_authorized("User is disabled.")
    if flow.phantom is None:
        # A password reset or set since the challenge was issued ends the sign-in in progress.
        if user.status == "RESET_REQUIRED":
            raise AwsError("PasswordResetRequiredException", "Password reset required for the user")
        mark = session.state.get("pw")
        if mark is not None and not hmac.compare_digest(str(mark), password_mark(user)):
            raise not_authorized(sessions.SESSION_EXPIRED)

    if name in chain.CODE_PARAMETERS:
        # A wrong code leaves the session for another try (sessions.py): consumed only when right.
        return chain.answer_code(ctx, flow, user, session, name, responses)

    sessions.consume(ctx, session)
    if name == "NEW_PASSWORD_REQUIRED":
        return chain.answer_new_password(ctx, flow, user, responses)
    if name == "SELECT_MFA_TYPE":
        return completion.answer_select_mfa_type(ctx, flow, user, responses)
    if name == "MFA_SETUP":
        return completion.answer_mfa_setup(ctx, flow, user, session)
    if name == "DEVICE_SRP_AUTH":
        return device_srp.answer_device_srp_auth(ctx, flow, user, responses)
    if name == "CUSTOM_CHALLENGE":
        return custom.answer_challenge(ctx, flow, user, session, responses)
    if name == "SELECT_CHALLENGE":
        return choice.answer_select_challenge(ctx, flow, user, session, responses)
    if name == "PASSWORD":
        return choice.answer_password(ctx, flow, user, responses)
    if name == "PASSWORD_SRP":
        return choice.answer_password_srp(ctx, flow, user, responses)
    if name == "WEB_AUTHN":
        return webauthn.answer(ctx, flow, user, session, responses)
    raise invalid_parameter(f"Invalid challenge name {name}.")


@idp("RespondToAuthChallenge", public=True)
async def respond_to_auth_challenge(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return await drive(ctx, _respond, ctx, req, False)


@idp("AdminRespondToAuthChallenge")
async def admin_respond_to_auth_challenge(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return await drive(ctx, _respond, ctx, req, True)
