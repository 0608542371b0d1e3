"""The password as the first factor: sent plain (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH) or by SRP.

USER_SRP_AUTH answers with the PASSWORD_VERIFIER challenge (srp_challenge.py); its answer is checked here.
A user who is not there may be brought in by the UserMigration trigger (plain password only). With
PreventUserExistenceErrors, a user who does not exist gets the same work and the same answers as one who
does, so that neither the answer nor its timing tells.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, not_authorized, user_not_found
from console.emulator.user_pools import flow_hooks, keys, passwords, pools, users
from console.emulator.user_pools.users import User

from . import chain, sessions, srp, srp_challenge
from .steps import (
    INCORRECT,
    Compute,
    Flow,
    check_lockout,
    check_usable,
    failed_password,
    param,
    password_ok,
    pre_authentication,
    pre_authentication_not_found,
    unknown_user,
)

# -- USER_PASSWORD_AUTH ---------------------------------------------------------------------------------


def _find_for_password(ctx: RequestContext, flow: Flow, username: str, password: str) -> User:
    user = users.find(ctx, flow.pool, username)
    if user is None:
        # UserMigration_Authentication: a trigger may bring the user in from elsewhere.
        user = flow_hooks.migrate_user(
            ctx,
            flow.pool,
            flow.client,
            username,
            password=password,
            source="Authentication",
            req=flow.req,
            client_metadata=flow.validation_data,
        )
    if user is None:
        pre_authentication_not_found(ctx, flow, username)
        raise unknown_user(flow)
    check_usable(flow, user, password_checked=False)
    check_lockout(user, ctx.now)
    return user


def start_password(ctx: RequestContext, flow: Flow, params: dict[str, str]) -> Any:
    username = param(params, "USERNAME")
    password = param(params, "PASSWORD")
    try:
        user = _find_for_password(ctx, flow, username, password)
    except AwsError as err:
        if flow.phantom is None or err.message != INCORRECT:
            raise
        # PreventUserExistenceErrors and no such user: the SECRET_HASH is checked and a password check's
        # work is done as for a user who exists, so that neither the answer nor its timing tells.
        sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), username)
        return _simulated_password_check(ctx, flow, username, password)
    sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), username, user.username)
    return verify_password(ctx, flow, user, password)


def _simulated_password_check(ctx: RequestContext, flow: Flow, username: str, password: str) -> Compute:
    """A password check's work for a user who does not exist, then the answer a user who exists would get:
    "Incorrect username or password.", counted towards a lockout as a real user's failures are."""
    pool_keys = keys.require(ctx, flow.pool["Id"])
    key = users.username_key(flow.pool, username)
    record = {"salt": srp.fake_salt(pool_keys.secret, key), "verifier": "0"}
    if sessions.phantom_locked(ctx, flow.pool["Id"], key):
        raise not_authorized(sessions.ATTEMPTS_EXCEEDED)

    def refuse(_: bool) -> dict[str, Any]:
        ctx.keep(lambda: sessions.record_phantom_failure(ctx, flow.pool["Id"], key))
        raise not_authorized(INCORRECT)

    suffix = pools.pool_suffix(flow.pool["Id"])
    return Compute(passwords.check_password, (suffix, username, password, record), refuse)


def verify_password(ctx: RequestContext, flow: Flow, user: User, password: str) -> Compute:
    """PreAuthentication, the password checked off the event loop, then the chain (chain.py)."""
    pre_authentication(ctx, flow, user)
    if flow.phantom is not None:  # USER_AUTH for nobody (PreventUserExistenceErrors)
        return _simulated_password_check(ctx, flow, user.username, password)
    suffix = pools.pool_suffix(flow.pool["Id"])
    record = {"salt": user.secret.get("salt"), "verifier": user.secret.get("verifier")}

    def then(ok: bool) -> dict[str, Any]:
        fresh = users.by_key(ctx, user.pool_id, user.username_key) or user
        if not ok:
            raise failed_password(ctx, flow, fresh)
        check_lockout(fresh, ctx.now)
        password_ok(ctx, fresh)
        check_usable(flow, fresh, password_checked=True)
        flow.first_factor = "PASSWORD"
        flow_hooks.sign_in_risk(ctx, flow.pool, flow.client, fresh, password)
        return chain.after_first_factor(ctx, flow, fresh)

    return Compute(passwords.check_password, (suffix, user.username, password, record), then)


# -- USER_SRP_AUTH ----------------------------------------------------------------------------------------


def start_srp(ctx: RequestContext, flow: Flow, params: dict[str, str]) -> Any:
    username = param(params, "USERNAME")
    a_hex = param(params, "SRP_A")
    if not srp.valid_a(a_hex):
        raise invalid_parameter("SRP_A cannot be 0 mod N")
    user = users.find(ctx, flow.pool, username)
    if user is None and not sessions.prevents_existence_errors(flow.client):
        raise user_not_found()
    sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), username, user.username if user else "")
    return srp_challenge.issue(ctx, flow, user, username, a_hex)


def answer_password_verifier(
    ctx: RequestContext,
    client: dict[str, Any],
    pool: dict[str, Any],
    responses: dict[str, str],
    metadata: dict[str, str] | None,
) -> Any:
    state, raw, signature, timestamp = srp_challenge.open_secret_block(ctx, client, pool, responses, "srp")
    username = param(responses, "USERNAME")
    flow = Flow.restore(pool, client, state.get("f") or {}, metadata)
    flow.device_key = responses.get("DEVICE_KEY") or flow.device_key
    user = users.by_key(ctx, pool["Id"], state["u"]) if state.get("u") else None
    sessions.check_secret_hash(ctx, client, responses.get("SECRET_HASH"), username, user.username if user else "")
    claim = srp_challenge.claimer(ctx, raw, float(state["exp"]))
    if user is None:
        # A simulated challenge (PreventUserExistenceErrors): the session key is derived as for a real
        # user before the refusal, so the answer's timing does not tell that nobody is there, and the
        # failures lock the username out as a real user's would.
        key = users.username_key(pool, username)
        if sessions.phantom_locked(ctx, pool["Id"], key):
            ctx.keep(claim)
            raise not_authorized(sessions.ATTEMPTS_EXCEEDED)
        if not srp.fresh_timestamp(timestamp, ctx.now):
            ctx.keep(claim)
            raise not_authorized(INCORRECT)

        def refuse(_: bytes | None) -> dict[str, Any]:
            ctx.keep(claim)
            ctx.keep(lambda: sessions.record_phantom_failure(ctx, pool["Id"], key))
            raise not_authorized(INCORRECT)

        return Compute(srp.session_key, (state["a"], state["b"], state["B"], state["v"]), refuse)
    try:
        check_usable(flow, user, password_checked=False)
        check_lockout(user, ctx.now)
    except AwsError:
        ctx.keep(claim)
        raise
    if not srp.fresh_timestamp(timestamp, ctx.now):
        ctx.keep(claim)
        raise not_authorized(INCORRECT)

    def then(key: bytes | None) -> dict[str, Any]:
        if not claim():
            raise not_authorized(INCORRECT)  # this secret block was answered before: a replay
        fresh = users.by_key(ctx, user.pool_id, user.username_key) or user
        ok = srp.check_signature(key, pools.pool_suffix(pool["Id"]), state["id"], raw, timestamp, signature)
        if not ok or fresh.secret.get("verifier") != state.get("v"):
            raise failed_password(ctx, flow, fresh, claim)
        try:
            check_lockout(fresh, ctx.now)
            password_ok(ctx, fresh)
            check_usable(flow, fresh, password_checked=True)
            flow.first_factor = "SRP"
            flow_hooks.sign_in_risk(ctx, flow.pool, flow.client, fresh, None)
            return chain.after_first_factor(ctx, flow, fresh)
        except AwsError:
            ctx.keep(claim)  # refused for the user's state: the block stays used
            raise

    return Compute(srp.session_key, (state["a"], state["b"], state["B"], state["v"]), then)
