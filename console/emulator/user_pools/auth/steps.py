"""Sign-in: InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge, AdminRespondToAuthChallenge and
GetTokensFromRefreshToken, with every flow and challenge AWS documents.

A sign-in is a chain of steps. The first factor (password, SRP, one-time code, custom challenge) proves
who the user is; then, in AWS's order: a new password if the user has a temporary one, the remembered
device's SRP if the client sent a DEVICE_KEY, MFA as the pool and the user require it, and tokens.
``_after_first_factor`` walks that chain; each step that needs the client answers with a challenge and a
fresh single-use Session (``auth_sessions``).

The handlers are ``async``: each step runs in a short transaction of its own, and the big-number work of
SRP and of password verification runs between transactions on the SRP worker pool, so the event loop is
never held for a whole sign-in. Failed attempts are recorded even though the request fails
(``ctx.keep``, core/transaction.py): lockout counts and used SRP secret blocks survive the error.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from console.emulator.core import invocations, transaction, workers
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, client_not_found, invalid_parameter, not_authorized, user_not_found
from console.emulator.core.registry import idp
from console.emulator.user_pools import (
    attributes,
    clients,
    devices,
    flow_hooks,
    keys,
    mfa,
    mfa_settings,
    passwords,
    pools,
    tokens,
    triggers,
    users,
)
from console.emulator.user_pools.users import User

from . import sessions, srp

INCORRECT = "Incorrect username or password."
CODE_MISMATCH = "Invalid code or auth state for the user."
TEMPORARY_EXPIRED = "Temporary password has expired and must be reset by an administrator."

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


# -- the step machinery ---------------------------------------------------------------------------------


@dataclass
class Compute:
    """Ask the driver to run CPU-bound ``work(*args)`` off the event loop, then ``then(result)``."""

    work: Callable[..., Any]
    args: tuple[Any, ...]
    then: Callable[[Any], Any]


def _in_tx(ctx: RequestContext, fn: Callable[..., Any], *args: Any, inline: bool = False) -> Any:
    def work() -> Any:
        written = ctx.store.changes()
        result = fn(*args)
        # With ``inline``, short arithmetic the request would do in place anyway is done here, and the
        # step goes on in the same transaction; only while it has written nothing, so that a later
        # refusal rolls back no more than it would have as a step of its own.
        while (
            inline
            and isinstance(result, Compute)
            and result.work is not srp.session_key
            and ctx.store.changes() == written
        ):
            result = result.then(result.work(*result.args))
        return result

    return transaction.run(ctx, work)


async def _step(ctx: RequestContext, fn: Callable[..., Any], *args: Any) -> Any:
    """One committed step; its Lambda triggers are called off the event loop (invocations.py). Steps
    commit one by one, so each settles its own calls rather than the request replaying from the start."""
    invocations.reset_memo(ctx)
    # Decided once per step, not per attempt: a replay (invocations.py) must take the same path as the
    # attempt whose trigger answers it reuses.
    inline = workers.pick() is None
    return await invocations.settle(ctx, lambda: _in_tx(ctx, fn, *args, inline=inline))


async def _drive(ctx: RequestContext, fn: Callable[..., Any], *args: Any) -> dict[str, Any]:
    result = await _step(ctx, fn, *args)
    while isinstance(result, Compute):
        value = await srp.compute(result.work, *result.args)
        result = await _step(ctx, result.then, value)
    assert isinstance(result, dict)
    return result


@dataclass
class Flow:
    """Who is signing in, through which client, and what the chain has done so far."""

    pool: dict[str, Any]
    client: dict[str, Any]
    admin: bool
    flow: str
    device_key: str | None = None
    client_metadata: dict[str, str] = field(default_factory=dict)
    first_factor: str = "PASSWORD"  # PASSWORD | SRP | OTP | CUSTOM | DEVICE
    auth_time: float | None = None
    source: str = "Authentication"
    req: dict[str, Any] = field(default_factory=dict)
    # InitiateAuth's ClientMetadata: PreAuthentication's validationData and UserMigration's clientMetadata
    # only (the model: the other triggers of InitiateAuth get none; RespondToAuthChallenge's goes to all).
    validation_data: dict[str, str] = field(default_factory=dict)
    # CUSTOM_AUTH for a user who does not exist, with PreventUserExistenceErrors: the name asked for.
    phantom: str | None = None

    def state(self) -> dict[str, Any]:
        return {
            "admin": self.admin,
            "flow": self.flow,
            "device_key": self.device_key,
            "first_factor": self.first_factor,
            "auth_time": self.auth_time,
            "source": self.source,
            "phantom": self.phantom,
        }

    @classmethod
    def restore(
        cls, pool: dict[str, Any], client: dict[str, Any], state: dict[str, Any], metadata: dict[str, str] | None
    ) -> Flow:
        return cls(
            pool=pool,
            client=client,
            admin=bool(state.get("admin")),
            flow=str(state.get("flow") or ""),
            device_key=state.get("device_key"),
            client_metadata=dict(metadata or {}),
            first_factor=str(state.get("first_factor") or "PASSWORD"),
            auth_time=state.get("auth_time"),
            source=str(state.get("source") or "Authentication"),
            phantom=state.get("phantom"),
        )


def _client(ctx: RequestContext, client_id: str, pool_id: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    if pool_id is not None:
        pool = pools.get_pool(ctx, pool_id)
        client = clients.get_client(ctx, client_id)
        if client["UserPoolId"] != pool_id:
            raise client_not_found(client_id)
        return client, pool
    client = clients.get_client(ctx, client_id)
    return client, pools.get_pool(ctx, client["UserPoolId"])


def _param(params: dict[str, str], name: str) -> str:
    value = params.get(name)
    if not value:
        raise invalid_parameter(f"Missing required parameter {name}")
    return value


def _unknown_user(flow: Flow) -> AwsError:
    if sessions.prevents_existence_errors(flow.client):
        return not_authorized(INCORRECT)
    return user_not_found()


def _check_usable(flow: Flow, user: User, *, password_checked: bool) -> None:
    """The user states that stop a sign-in, in the order AWS reports them."""
    if not user.enabled:
        raise not_authorized("User is disabled.")
    if user.status == "RESET_REQUIRED":
        if sessions.prevents_existence_errors(flow.client):
            raise not_authorized(INCORRECT)  # COGNITO-FACTS §5.3: NotAuthorized, as for an unknown user
        raise AwsError("PasswordResetRequiredException", "Password reset required for the user")
    if user.status == "UNCONFIRMED" and (password_checked or not sessions.prevents_existence_errors(flow.client)):
        raise AwsError("UserNotConfirmedException", "User is not confirmed.")


def _check_lockout(user: User, now: float) -> None:
    if sessions.locked(user.secret, now):
        raise not_authorized(sessions.ATTEMPTS_EXCEEDED)


def _failed_password(ctx: RequestContext, flow: Flow, user: User, *extra: Callable[[], Any]) -> AwsError:
    """NotAuthorized for a wrong password, with the failure counted (and ``extra`` kept) after the rollback."""

    def count() -> None:
        fresh = users.by_key(ctx, user.pool_id, user.username_key)
        if fresh is not None:
            fresh.secret = sessions.record_failure(fresh.secret, ctx.now)
            users.save_secret(ctx, fresh)

    for write in (count, flow_hooks.sign_in_failed(ctx, flow.pool, user), *extra):
        ctx.keep(write)
    return not_authorized(INCORRECT)


def _password_ok(ctx: RequestContext, user: User) -> None:
    if "lockout" in user.secret:
        user.secret = sessions.record_success(user.secret)
        users.save_secret(ctx, user)


def _temporary_expired(user: User, now: float) -> bool:
    expires = user.secret.get("temporary_expires")
    return user.status == "FORCE_CHANGE_PASSWORD" and expires is not None and float(expires) < now


def _password_mark(user: User) -> str:
    """Which password a challenge Session was issued under (a digest: sessions never hold the verifier)."""
    return hashlib.sha256(str(user.secret.get("verifier") or "").encode()).hexdigest()[:32]


def _challenge(
    ctx: RequestContext,
    flow: Flow,
    user: User,
    name: str,
    parameters: dict[str, str],
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    # The risk decision of the first factor travels with the Session (adaptive MFA in a later request).
    state = {**flow.state(), **(extra or {}), "pw": _password_mark(user), "risk": flow_hooks.saved_risk(ctx)}
    session = sessions.create(ctx, flow.client, user.username_key, name, state)
    return {"ChallengeName": name, "Session": session, "ChallengeParameters": parameters}


# -- after the first factor -------------------------------------------------------------------------------


def _after_first_factor(ctx: RequestContext, flow: Flow, user: User) -> dict[str, Any]:
    """NEW_PASSWORD_REQUIRED, device SRP, MFA, then tokens: the chain every sign-in goes through."""
    if flow.auth_time is None:
        flow.auth_time = ctx.now
    if user.status == "FORCE_CHANGE_PASSWORD":
        return _new_password_challenge(ctx, flow, user)
    if flow.flow == "CUSTOM_AUTH" and flow.first_factor == "SRP":
        # SRP inside a custom flow: the Define trigger decides what follows the password.
        flow.first_factor = "CUSTOM"
        passed = [_session_entry("SRP_A", True, None), _session_entry("PASSWORD_VERIFIER", True, None)]
        return _custom_round(ctx, flow, user, passed)
    if flow.device_key and flow.first_factor in ("PASSWORD", "SRP"):
        device = _device(ctx, flow.pool, user, flow.device_key)
        if device is not None and device.get("remembered"):
            return _challenge(ctx, flow, user, "DEVICE_SRP_AUTH", {"USERNAME": user.username})
    return _after_device(ctx, flow, user)


def _after_device(ctx: RequestContext, flow: Flow, user: User) -> dict[str, Any]:
    if flow.first_factor in ("PASSWORD", "SRP"):
        step = _mfa_step(ctx, flow, user)
        if step is not None:
            return step
    return _tokens(ctx, flow, user)


def _tokens(ctx: RequestContext, flow: Flow, user: User) -> dict[str, Any]:
    device_key = (
        flow.device_key if flow.first_factor == "DEVICE" or _device(ctx, flow.pool, user, flow.device_key) else None
    )
    new_device = None
    if device_key is None and flow.pool.get("DeviceConfiguration"):
        new_device = devices.new_device_metadata(ctx, flow.pool, user)
        if new_device is not None:
            device_key = new_device["DeviceKey"]
    if device_key is not None and new_device is None:
        devices.touch_device(ctx, flow.pool, user, device_key)
    _post_authentication(ctx, flow, user, new_device is not None)
    flow_hooks.signed_in(ctx, flow.pool, flow.client, user, flow.first_factor)
    result = tokens.issue_tokens(
        ctx, flow.pool, flow.client, user, auth_time=flow.auth_time, device_key=device_key, source=flow.source
    )
    if new_device is not None:
        result["NewDeviceMetadata"] = new_device
    return {"AuthenticationResult": result, "ChallengeParameters": {}}


def _new_password_challenge(ctx: RequestContext, flow: Flow, user: User) -> dict[str, Any]:
    if _temporary_expired(user, ctx.now):
        raise not_authorized(TEMPORARY_EXPIRED)
    required = [
        f"userAttributes.{name}" for name in attributes.required_attributes(flow.pool) if not user.attrs.get(name)
    ]
    shown = {k: v for k, v in user.attrs.items() if k not in ("sub",)}
    params = {
        "USER_ID_FOR_SRP": user.username,
        "requiredAttributes": json.dumps(required),
        "userAttributes": json.dumps(shown),
    }
    return _challenge(ctx, flow, user, "NEW_PASSWORD_REQUIRED", params)


# -- MFA ---------------------------------------------------------------------------------------------------


def _pool_mfa_methods(pool: dict[str, Any]) -> list[str]:
    out = []
    if pools.sms_mfa_enabled(pool):
        out.append("SMS_MFA")
    if pools.totp_mfa_enabled(pool):
        out.append("SOFTWARE_TOKEN_MFA")
    if pools.email_mfa_enabled(pool):
        out.append("EMAIL_OTP")
    return out


def _mfa_step(ctx: RequestContext, flow: Flow, user: User) -> dict[str, Any] | None:
    setting = flow.pool.get("MfaConfiguration") or "OFF"
    forced = flow_hooks.forced_mfa(ctx, flow.pool, user)  # adaptive authentication may ask for MFA
    if forced is not None:
        return _mfa_challenge(ctx, flow, user, forced)
    if setting == "OFF":
        return None
    enabled = list(mfa_settings.enabled_mfa(flow.pool, user))
    if not enabled:
        if setting != "ON":
            return None
        # MFA is required and the user has no method: SMS or email where the user has the contact
        # (AWS sends codes to a user's phone on ON pools), else set up an authenticator.
        if pools.sms_mfa_enabled(flow.pool) and user.attrs.get("phone_number"):
            return _send_code_challenge(ctx, flow, user, "SMS_MFA")
        if pools.email_mfa_enabled(flow.pool) and user.attrs.get("email"):
            return _send_code_challenge(ctx, flow, user, "EMAIL_OTP")
        can_setup = [m for m in _pool_mfa_methods(flow.pool) if m == "SOFTWARE_TOKEN_MFA"]
        if not can_setup:
            raise AwsError(
                "InvalidUserPoolConfigurationException",
                "MFA is required but no MFA method is available for the user.",
            )
        return _challenge(ctx, flow, user, "MFA_SETUP", {"MFAS_CAN_SETUP": json.dumps(can_setup)})
    preferred = mfa_settings.preferred_mfa(flow.pool, user)
    if preferred is None and len(enabled) > 1:
        return _challenge(ctx, flow, user, "SELECT_MFA_TYPE", {"MFAS_CAN_CHOOSE": json.dumps(enabled)})
    return _mfa_challenge(ctx, flow, user, preferred or enabled[0])


def _mfa_challenge(ctx: RequestContext, flow: Flow, user: User, method: str) -> dict[str, Any]:
    if method == "SOFTWARE_TOKEN_MFA":
        params = {}
        if user.mfa.get("totp_name"):
            params["FRIENDLY_DEVICE_NAME"] = str(user.mfa["totp_name"])
        return _challenge(ctx, flow, user, "SOFTWARE_TOKEN_MFA", params)
    return _send_code_challenge(ctx, flow, user, method)


def _send_code_challenge(ctx: RequestContext, flow: Flow, user: User, challenge: str) -> dict[str, Any]:
    params = dict(mfa.send_mfa_code(ctx, flow.pool, user, challenge))
    params["USERNAME"] = user.username
    return _challenge(ctx, flow, user, challenge, params)


def _check_code(ctx: RequestContext, flow: Flow, user: User, challenge: str, code: str) -> bool:
    return mfa.check_mfa_code(ctx, flow.pool, user, challenge, code)


# -- devices ------------------------------------------------------------------------------------------


def _device(ctx: RequestContext, pool: dict[str, Any], user: User, device_key: str | None) -> dict[str, Any] | None:
    """The user's device record: ``salt``/``verifier`` (hex), ``group_key``, ``remembered``; or None."""
    return devices.device_for_auth(ctx, pool, user, device_key) if device_key else None


# -- triggers ---------------------------------------------------------------------------------------------


def _trigger(
    ctx: RequestContext, flow: Flow, user: User | None, name: str, source: str, request: dict[str, Any]
) -> Any:
    if not triggers.configured(flow.pool, name):
        return None
    event = triggers.base_event(
        ctx, flow.pool, flow.client["ClientId"], user.username if user else None, source, request
    )
    return triggers.invoke(ctx, flow.pool, name, event)


def _user_attributes(flow: Flow, user: User) -> dict[str, str]:
    if flow.phantom is not None:
        return {}
    return dict(triggers.user_attributes(flow.pool, user))


def _pre_authentication(ctx: RequestContext, flow: Flow, user: User) -> None:
    """PreAuthentication_Authentication: ``validationData`` is InitiateAuth's ClientMetadata (the
    Developer Guide); ``userNotFound`` is set only for clients with PreventUserExistenceErrors."""
    request: dict[str, Any] = {
        "userAttributes": _user_attributes(flow, user),
        "validationData": dict(flow.validation_data),
    }
    if sessions.prevents_existence_errors(flow.client):
        request["userNotFound"] = flow.phantom is not None
    _trigger(ctx, flow, user, "PreAuthentication", "PreAuthentication_Authentication", request)


def _pre_authentication_not_found(ctx: RequestContext, flow: Flow, username: str) -> None:
    """An unknown user signs in: with PreventUserExistenceErrors, PreAuthentication still runs
    (``userNotFound`` true), so that its latency and refusals do not tell the caller who exists."""
    if sessions.prevents_existence_errors(flow.client) and flow.phantom is None:
        flow.phantom = username
        _pre_authentication(ctx, flow, _phantom_user(flow, username))


def _phantom_user(flow: Flow, username: str) -> User:
    """A stand-in for a user who does not exist (never saved): the name asked for, no attributes."""
    return User(
        pool_id=flow.pool["Id"],
        username=username,
        username_key=users.username_key(flow.pool, username),
        sub="",
        status="UNCONFIRMED",
        enabled=True,
        created=0.0,
        modified=0.0,
        attrs={},
    )


def _post_authentication(ctx: RequestContext, flow: Flow, user: User, new_device: bool) -> None:
    """PostAuthentication_Authentication; ``newDeviceUsed`` only matters where the pool remembers
    devices (Always or User Opt-In), as the Developer Guide says."""
    request: dict[str, Any] = {"userAttributes": _user_attributes(flow, user), "newDeviceUsed": new_device}
    if flow.client_metadata:
        request["clientMetadata"] = flow.client_metadata
    _trigger(ctx, flow, user, "PostAuthentication", "PostAuthentication_Authentication", request)


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
        return _refresh(ctx, flow, params)
    if flow_name in ("USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"):
        return _password_start(ctx, flow, params)
    if flow_name == "USER_SRP_AUTH":
        return _srp_start(ctx, flow, params)
    if flow_name == "CUSTOM_AUTH":
        return _custom_start(ctx, flow, params)
    return _user_auth_start(ctx, flow, params)


@idp("InitiateAuth", public=True)
async def initiate_auth(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return await _drive(ctx, _initiate, ctx, req, False)


@idp("AdminInitiateAuth")
async def admin_initiate_auth(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return await _drive(ctx, _initiate, ctx, req, True)


# -- passwords -------------------------------------------------------------------------------------------


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
        _pre_authentication_not_found(ctx, flow, username)
        raise _unknown_user(flow)
    _check_usable(flow, user, password_checked=False)
    _check_lockout(user, ctx.now)
    return user


def _password_start(ctx: RequestContext, flow: Flow, params: dict[str, str]) -> Any:
    username = _param(params, "USERNAME")
    password = _param(params, "PASSWORD")
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
    return _verify_password(ctx, flow, user, password)


def _simulated_password_check(ctx: RequestContext, flow: Flow, username: str, password: str) -> Compute:
    """A password check's work for a user who does not exist, then "Incorrect username or password."."""
    pool_keys = keys.require(ctx, flow.pool["Id"])
    record = {"salt": srp.fake_salt(pool_keys.secret, users.username_key(flow.pool, username)), "verifier": "0"}

    def refuse(_: bool) -> dict[str, Any]:
        raise not_authorized(INCORRECT)

    suffix = pools.pool_suffix(flow.pool["Id"])
    return Compute(passwords.check_password, (suffix, username, password, record), refuse)


def _verify_password(ctx: RequestContext, flow: Flow, user: User, password: str) -> Compute:
    _pre_authentication(ctx, flow, user)
    if flow.phantom is not None:  # USER_AUTH for nobody (PreventUserExistenceErrors)
        return _simulated_password_check(ctx, flow, user.username, password)
    suffix = pools.pool_suffix(flow.pool["Id"])
    record = {"salt": user.secret.get("salt"), "verifier": user.secret.get("verifier")}

    def then(ok: bool) -> dict[str, Any]:
        fresh = users.by_key(ctx, user.pool_id, user.username_key) or user
        if not ok:
            raise _failed_password(ctx, flow, fresh)
        _check_lockout(fresh, ctx.now)
        _password_ok(ctx, fresh)
        _check_usable(flow, fresh, password_checked=True)
        flow.first_factor = "PASSWORD"
        flow_hooks.sign_in_risk(ctx, flow.pool, flow.client, fresh, password)
        return _after_first_factor(ctx, flow, fresh)

    return Compute(passwords.check_password, (suffix, user.username, password, record), then)


# -- SRP ------------------------------------------------------------------------------------------------


def _srp_start(ctx: RequestContext, flow: Flow, params: dict[str, str]) -> Any:
    username = _param(params, "USERNAME")
    a_hex = _param(params, "SRP_A")
    if not srp.valid_a(a_hex):
        raise invalid_parameter("SRP_A cannot be 0 mod N")
    user = users.find(ctx, flow.pool, username)
    if user is None and not sessions.prevents_existence_errors(flow.client):
        raise user_not_found()
    sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), username, user.username if user else "")
    return _srp_challenge(ctx, flow, user, username, a_hex)


def _srp_challenge(ctx: RequestContext, flow: Flow, user: User | None, username: str, a_hex: str) -> Compute:
    pool_keys = keys.require(ctx, flow.pool["Id"])
    if user is not None:
        _check_usable(flow, user, password_checked=False)
        _pre_authentication(ctx, flow, user)
        salt, verifier = user.secret.get("salt"), user.secret.get("verifier")
        user_id = user.username
    else:
        _pre_authentication_not_found(ctx, flow, username)
        salt = verifier = None
    if user is None or not salt or not verifier:
        # PreventUserExistenceErrors: a simulated challenge, the same for the same username.
        key = users.username_key(flow.pool, username)
        salt = srp.fake_salt(pool_keys.secret, key)
        verifier = srp.fake_verifier(pool_keys.secret, key)
        user_id = srp.fake_user_id(pool_keys.secret, key) if user is None else user.username

    def then(pair: tuple[str, str]) -> dict[str, Any]:
        b_hex, big_b_hex = pair
        state = {
            "k": "srp",
            "p": flow.pool["Id"],
            "c": flow.client["ClientId"],
            "u": user.username_key if user is not None else None,
            "id": user_id,
            "a": a_hex,
            "b": b_hex,
            "B": big_b_hex,
            "v": verifier,
            "exp": ctx.now + sessions.session_validity(flow.client),
            "f": flow.state(),
        }
        block = srp.seal(pool_keys.aead("srp"), state)
        srp.prepare(a_hex, b_hex, big_b_hex, verifier, sessions.session_validity(flow.client))
        return {
            "ChallengeName": "PASSWORD_VERIFIER",
            "ChallengeParameters": {
                "SALT": salt,
                "SECRET_BLOCK": block,
                "SRP_B": big_b_hex,
                "USERNAME": user_id,
                "USER_ID_FOR_SRP": user_id,
            },
        }

    return Compute(srp.server_ephemeral, (verifier,), then)


def _open_secret_block(
    ctx: RequestContext, client: dict[str, Any], pool: dict[str, Any], responses: dict[str, str], kind: str
) -> tuple[dict[str, Any], bytes, str, str]:
    """The sealed server state of a PASSWORD_VERIFIER (``srp``) or DEVICE_PASSWORD_VERIFIER (``device``)
    answer, checked to be of that kind, for this client and pool, and unexpired; with the raw block, the
    claimed signature and the timestamp."""
    block_b64 = _param(responses, "PASSWORD_CLAIM_SECRET_BLOCK")
    signature = _param(responses, "PASSWORD_CLAIM_SIGNATURE")
    timestamp = _param(responses, "TIMESTAMP")
    opened = srp.unseal(keys.require(ctx, pool["Id"]).aead("srp"), block_b64)
    if opened is None:
        raise not_authorized(INCORRECT)
    state, raw = opened
    if state.get("k") != kind or state.get("c") != client["ClientId"] or state.get("p") != pool["Id"]:
        raise not_authorized(INCORRECT)
    if float(state.get("exp") or 0) <= ctx.now:
        raise not_authorized(sessions.SESSION_EXPIRED)
    return state, raw, signature, timestamp


def _password_verifier(
    ctx: RequestContext,
    client: dict[str, Any],
    pool: dict[str, Any],
    responses: dict[str, str],
    metadata: dict[str, str] | None,
) -> Any:
    state, raw, signature, timestamp = _open_secret_block(ctx, client, pool, responses, "srp")
    username = _param(responses, "USERNAME")
    flow = Flow.restore(pool, client, state.get("f") or {}, metadata)
    flow.device_key = responses.get("DEVICE_KEY") or flow.device_key
    user = users.by_key(ctx, pool["Id"], state["u"]) if state.get("u") else None
    sessions.check_secret_hash(ctx, client, responses.get("SECRET_HASH"), username, user.username if user else "")
    claim = _claimer(ctx, raw, float(state["exp"]))
    if user is None:
        # A simulated challenge (PreventUserExistenceErrors): the session key is derived as for a real
        # user before the refusal, so the answer's timing does not tell that nobody is there.
        if not srp.fresh_timestamp(timestamp, ctx.now):
            ctx.keep(claim)
            raise not_authorized(INCORRECT)

        def refuse(_: bytes | None) -> dict[str, Any]:
            ctx.keep(claim)
            raise not_authorized(INCORRECT)

        return Compute(srp.session_key, (state["a"], state["b"], state["B"], state["v"]), refuse)
    try:
        _check_usable(flow, user, password_checked=False)
        _check_lockout(user, ctx.now)
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
            raise _failed_password(ctx, flow, fresh, claim)
        try:
            _check_lockout(fresh, ctx.now)
            _password_ok(ctx, fresh)
            _check_usable(flow, fresh, password_checked=True)
            flow.first_factor = "SRP"
            flow_hooks.sign_in_risk(ctx, flow.pool, flow.client, fresh, None)
            return _after_first_factor(ctx, flow, fresh)
        except AwsError:
            ctx.keep(claim)  # refused for the user's state: the block stays used
            raise

    return Compute(srp.session_key, (state["a"], state["b"], state["B"], state["v"]), then)


def _claimer(ctx: RequestContext, raw: bytes, expires: float) -> Callable[[], bool]:
    def claim() -> bool:
        return srp.claim_block(ctx, raw, expires)

    return claim


# -- device SRP --------------------------------------------------------------------------------------------


def _device_srp(ctx: RequestContext, flow: Flow, user: User, responses: dict[str, str]) -> Any:
    device_key = _param(responses, "DEVICE_KEY")
    a_hex = _param(responses, "SRP_A")
    if not srp.valid_a(a_hex):
        raise invalid_parameter("SRP_A cannot be 0 mod N")
    device = _device(ctx, flow.pool, user, device_key)
    if device is None:
        raise AwsError("ResourceNotFoundException", "Device does not exist.")
    if not device.get("remembered"):
        # Only a remembered device stands in for MFA (DEVICE_SRP_AUTH may have been offered for another).
        raise not_authorized(INCORRECT)
    pool_keys = keys.require(ctx, flow.pool["Id"])
    flow.device_key = device_key

    def then(pair: tuple[str, str]) -> dict[str, Any]:
        b_hex, big_b_hex = pair
        state = {
            "k": "device",
            "p": flow.pool["Id"],
            "c": flow.client["ClientId"],
            "u": user.username_key,
            "d": device_key,
            "g": device["group_key"],
            "a": a_hex,
            "b": b_hex,
            "B": big_b_hex,
            "v": device["verifier"],
            "exp": ctx.now + sessions.session_validity(flow.client),
            "f": flow.state(),
        }
        block = srp.seal(pool_keys.aead("srp"), state)
        srp.prepare(a_hex, b_hex, big_b_hex, device["verifier"], sessions.session_validity(flow.client))
        return {
            "ChallengeName": "DEVICE_PASSWORD_VERIFIER",
            "ChallengeParameters": {
                "SALT": device["salt"],
                "SECRET_BLOCK": block,
                "SRP_B": big_b_hex,
                "USERNAME": user.username,
                "DEVICE_KEY": device_key,
            },
        }

    return Compute(srp.server_ephemeral, (device["verifier"],), then)


def _device_verifier(
    ctx: RequestContext,
    client: dict[str, Any],
    pool: dict[str, Any],
    responses: dict[str, str],
    metadata: dict[str, str] | None,
) -> Any:
    state, raw, signature, timestamp = _open_secret_block(ctx, client, pool, responses, "device")
    user = users.by_key(ctx, pool["Id"], state["u"])
    if user is None:
        raise not_authorized(INCORRECT)
    sessions.check_secret_hash(
        ctx, client, responses.get("SECRET_HASH"), responses.get("USERNAME") or "", user.username
    )
    flow = Flow.restore(pool, client, state.get("f") or {}, metadata)
    claim = _claimer(ctx, raw, float(state["exp"]))
    if not srp.fresh_timestamp(timestamp, ctx.now):
        ctx.keep(claim)
        raise not_authorized(INCORRECT)

    def then(key: bytes | None) -> dict[str, Any]:
        if not claim():
            raise not_authorized(INCORRECT)
        ok = srp.check_signature(key, state["g"], state["d"], raw, timestamp, signature)
        if not ok:
            ctx.keep(claim)
            raise not_authorized(INCORRECT)
        try:
            fresh = users.by_key(ctx, user.pool_id, user.username_key) or user
            device = _device(ctx, pool, fresh, state["d"])
            if device is None or not device.get("remembered") or device.get("verifier") != state["v"]:
                raise not_authorized(INCORRECT)  # forgotten, no longer remembered, or re-confirmed meanwhile
            _check_usable(flow, fresh, password_checked=True)
            flow.device_key = state["d"]
            flow.first_factor = "DEVICE"
            flow.source = "AuthenticateDevice"
            return _tokens(ctx, flow, fresh)
        except AwsError:
            ctx.keep(claim)
            raise

    return Compute(srp.session_key, (state["a"], state["b"], state["B"], state["v"]), then)


# -- CUSTOM_AUTH ----------------------------------------------------------------------------------------


CUSTOM_NOT_CONFIGURED = "Custom auth lambda trigger is not configured for the user pool."


def _custom_start(ctx: RequestContext, flow: Flow, params: dict[str, str]) -> Any:
    username = _param(params, "USERNAME")
    if not triggers.configured(flow.pool, "DefineAuthChallenge"):
        raise not_authorized(CUSTOM_NOT_CONFIGURED)
    user = users.find(ctx, flow.pool, username)
    if user is None:
        if not sessions.prevents_existence_errors(flow.client):
            raise user_not_found()
        # PreventUserExistenceErrors: the triggers run with userNotFound true and the flow ends in
        # NotAuthorized, so that the caller cannot tell the user does not exist.
        sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), username)
        flow.phantom = username
        user = _phantom_user(flow, username)
    else:
        sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), username, user.username)
        _check_usable(flow, user, password_checked=False)
    _pre_authentication(ctx, flow, user)
    flow.first_factor = "CUSTOM"
    if params.get("SRP_A") and params.get("CHALLENGE_NAME") == "SRP_A":
        # SRP inside a custom flow (COGNITO-FACTS §3): the Define trigger sees SRP_A passed and may ask
        # for PASSWORD_VERIFIER; the answer to the verifier comes back to it as the next session entry.
        if not srp.valid_a(params["SRP_A"]):
            raise invalid_parameter("SRP_A cannot be 0 mod N")
        history = [_session_entry("SRP_A", True, None)]
        answer = _define(ctx, flow, user, history)
        if answer.get("challengeName") == "PASSWORD_VERIFIER" and not _ends(answer):
            return _srp_challenge(ctx, flow, None if flow.phantom else user, username, params["SRP_A"])
        return _custom_round(ctx, flow, user, history, answer)
    return _custom_round(ctx, flow, user, [])


def _session_entry(name: str, result: bool, metadata: Any) -> dict[str, Any]:
    """One entry of the Define / Create triggers' ``request.session``."""
    return {"challengeName": name, "challengeResult": result, "challengeMetadata": metadata}


def _ends(answer: dict[str, Any]) -> bool:
    return bool(answer.get("failAuthentication") or answer.get("issueTokens"))


def _custom_request(flow: Flow, user: User, **fields: Any) -> dict[str, Any]:
    """A custom-challenge trigger request: RespondToAuthChallenge's ClientMetadata, never InitiateAuth's."""
    request: dict[str, Any] = {"userAttributes": _user_attributes(flow, user), **fields}
    request["userNotFound"] = flow.phantom is not None
    if flow.client_metadata:
        request["clientMetadata"] = flow.client_metadata
    return request


def _define(ctx: RequestContext, flow: Flow, user: User, history: list[dict[str, Any]]) -> dict[str, Any]:
    request = _custom_request(flow, user, session=history)
    event = _trigger(ctx, flow, user, "DefineAuthChallenge", "DefineAuthChallenge_Authentication", request)
    if event is None:
        raise not_authorized(CUSTOM_NOT_CONFIGURED)
    response = event.get("response") or {}
    return response if isinstance(response, dict) else {}


def _custom_round(
    ctx: RequestContext,
    flow: Flow,
    user: User,
    history: list[dict[str, Any]],
    answer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    if answer is None:
        answer = _define(ctx, flow, user, history)
    if answer.get("failAuthentication"):
        raise not_authorized(INCORRECT)
    if answer.get("issueTokens"):
        if flow.phantom is not None:
            raise not_authorized(INCORRECT)
        return _after_device(ctx, flow, user)
    name = answer.get("challengeName") or "CUSTOM_CHALLENGE"
    if name != "CUSTOM_CHALLENGE":
        raise AwsError("InvalidLambdaResponseException", "Unrecognizable lambda output")
    request = _custom_request(flow, user, challengeName=name, session=history)
    event = _trigger(ctx, flow, user, "CreateAuthChallenge", "CreateAuthChallenge_Authentication", request) or {}
    created = event.get("response") or {}
    public = {str(k): str(v) for k, v in (created.get("publicChallengeParameters") or {}).items()}
    public.setdefault("USERNAME", user.username)
    extra = {
        "history": history,
        "private": created.get("privateChallengeParameters") or {},
        "metadata": created.get("challengeMetadata"),
    }
    return _challenge(ctx, flow, user, "CUSTOM_CHALLENGE", public, extra)


def _custom_answer(
    ctx: RequestContext, flow: Flow, user: User, session: sessions.Session, responses: dict[str, str]
) -> dict[str, Any]:
    answer = _param(responses, "ANSWER")
    request = _custom_request(
        flow,
        user,
        privateChallengeParameters=session.state.get("private") or {},
        challengeAnswer=answer,
    )
    event = (
        _trigger(ctx, flow, user, "VerifyAuthChallengeResponse", "VerifyAuthChallengeResponse_Authentication", request)
        or {}
    )
    correct = bool((event.get("response") or {}).get("answerCorrect"))
    history = list(session.state.get("history") or [])
    history.append(_session_entry("CUSTOM_CHALLENGE", correct, session.state.get("metadata")))
    sessions.consume(ctx, session)
    try:
        return _custom_round(ctx, flow, user, history)
    except AwsError as err:
        if err.code == "NotAuthorizedException":
            # failAuthentication: the answered session stays used up after the rollback (no retrying it).
            ctx.keep(lambda: sessions.consume(ctx, session))
        raise


# -- USER_AUTH (choice-based) ----------------------------------------------------------------------------


def first_factors(pool: dict[str, Any], user: User) -> list[str]:
    """The USER_AUTH challenges ``user`` can choose in ``pool`` (the pool's SignInPolicy and the user's
    password and verified email / phone)."""
    policy = ((pool.get("Policies") or {}).get("SignInPolicy") or {}).get("AllowedFirstAuthFactors") or ["PASSWORD"]
    out: list[str] = []
    has_password = bool(user.secret.get("verifier"))
    if "PASSWORD" in policy and has_password:
        out += ["PASSWORD", "PASSWORD_SRP"]
    if "EMAIL_OTP" in policy and user.attrs.get("email") and user.attrs.get("email_verified") == "true":
        out.append("EMAIL_OTP")
    if "SMS_OTP" in policy and user.attrs.get("phone_number") and user.attrs.get("phone_number_verified") == "true":
        out.append("SMS_OTP")
    return out


def _user_auth_start(ctx: RequestContext, flow: Flow, params: dict[str, str]) -> Any:
    if flow.req.get("Session"):
        return _sign_in_after_sign_up(ctx, flow, params)
    username = _param(params, "USERNAME")
    user = users.find(ctx, flow.pool, username)
    if user is None:
        if not sessions.prevents_existence_errors(flow.client):
            raise _unknown_user(flow)
        # PreventUserExistenceErrors: answered as a user with only a password would be (a simulated
        # SELECT_CHALLENGE); every answer ends in "Incorrect username or password." (COGNITO-FACTS §2).
        sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), username)
        flow.phantom = username
        user = _phantom_user(flow, username)
        user.secret = {"verifier": "simulated"}  # "has a password" for first_factors; never checked against
    else:
        sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), username, user.username)
        _check_usable(flow, user, password_checked=False)
    available = first_factors(flow.pool, user)
    preferred = params.get("PREFERRED_CHALLENGE")
    if preferred and preferred in available:
        return _choose(ctx, flow, user, preferred, params)
    result = _challenge(ctx, flow, user, "SELECT_CHALLENGE", {}, {"available": available})
    result["AvailableChallenges"] = available
    return result


def _sign_in_after_sign_up(ctx: RequestContext, flow: Flow, params: dict[str, str]) -> Any:
    """USER_AUTH with the Session of ConfirmSignUp: signed in straight after confirming."""
    from console.emulator.user_pools import signup  # signup imports auth_sessions and tokens; import late

    user = signup.consume_signup_session(
        ctx, flow.pool, flow.client["ClientId"], flow.req["Session"], params.get("USERNAME") or None
    )
    if user is None:
        raise not_authorized(sessions.SESSION_EXPIRED)
    sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), params.get("USERNAME") or "", user.username)
    _check_usable(flow, user, password_checked=True)
    flow.first_factor = "OTP"  # the confirmation code proved the user; no MFA follows
    return _after_first_factor(ctx, flow, user)


def _choose(ctx: RequestContext, flow: Flow, user: User, choice: str, values: dict[str, str]) -> Any:
    if choice == "PASSWORD":
        if values.get("PASSWORD"):
            _check_lockout(user, ctx.now)
            return _verify_password(ctx, flow, user, values["PASSWORD"])
        return _challenge(ctx, flow, user, "PASSWORD", {})
    if choice == "PASSWORD_SRP":
        if values.get("SRP_A"):
            if not srp.valid_a(values["SRP_A"]):
                raise invalid_parameter("SRP_A cannot be 0 mod N")
            if flow.phantom is not None:  # nobody (PreventUserExistenceErrors): a simulated challenge
                _pre_authentication(ctx, flow, user)
                return _srp_challenge(ctx, flow, None, user.username, values["SRP_A"])
            return _srp_challenge(ctx, flow, user, user.username, values["SRP_A"])
        return _challenge(ctx, flow, user, "PASSWORD_SRP", {})
    if choice in ("EMAIL_OTP", "SMS_OTP"):
        flow.first_factor = "OTP"
        return _send_code_challenge(ctx, flow, user, choice)
    raise invalid_parameter(f"The challenge {choice} is not available for the user.")


# -- refresh -------------------------------------------------------------------------------------------


def _refresh(ctx: RequestContext, flow: Flow, params: dict[str, str]) -> dict[str, Any]:
    token = _param(params, "REFRESH_TOKEN")
    rotating, _ = tokens.rotation(flow.client)
    if rotating:
        raise not_authorized("Refresh token rotation is enabled for this client; use GetTokensFromRefreshToken.")
    user = tokens.refresh_token_user(ctx, flow.client, token)
    names = [params.get("USERNAME") or ""] + ([user.username, user.sub] if user else [])
    sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), *names)
    result = tokens.redeem_refresh_token(ctx, flow.client, token, rotate=False, device_key=flow.device_key)
    return {"AuthenticationResult": result, "ChallengeParameters": {}}


@idp("GetTokensFromRefreshToken", public=True)
def get_tokens_from_refresh_token(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client = clients.get_client(ctx, req["ClientId"])
    flow_hooks.begin(ctx, req, client)
    if not clients.authenticates(ctx, client["ClientId"], req.get("ClientSecret")):
        raise not_authorized(f"Unable to verify secret hash for client {client['ClientId']}")
    rotating, _ = tokens.rotation(client)
    result = tokens.redeem_refresh_token(
        ctx, client, req["RefreshToken"], rotate=rotating, device_key=req.get("DeviceKey")
    )
    return {"AuthenticationResult": result}


# -- RespondToAuthChallenge ------------------------------------------------------------------------------


def _respond(ctx: RequestContext, req: dict[str, Any], admin: bool) -> Any:
    client, pool = _client(ctx, req["ClientId"], req.get("UserPoolId") if admin else None)
    flow_hooks.begin(ctx, req, client)
    name = req["ChallengeName"]
    responses: dict[str, str] = dict(req.get("ChallengeResponses") or {})
    metadata = req.get("ClientMetadata")
    if name == "PASSWORD_VERIFIER":
        return _password_verifier(ctx, client, pool, responses, metadata)
    if name == "DEVICE_PASSWORD_VERIFIER":
        return _device_verifier(ctx, client, pool, responses, metadata)
    token = req.get("Session")
    if name == "DEVICE_SRP_AUTH" and not token:
        # pycognito answers DEVICE_SRP_AUTH without the Session: find the user's pending one.
        user = users.find(ctx, pool, _param(responses, "USERNAME"))
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
        # CUSTOM_CHALLENGE or USER_AUTH for nobody: never signs in (see _custom_round, _verify_password).
        found: User | None = _phantom_user(flow, flow.phantom)
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
        if mark is not None and not hmac.compare_digest(str(mark), _password_mark(user)):
            raise not_authorized(sessions.SESSION_EXPIRED)

    if name in ("SMS_MFA", "EMAIL_OTP", "SOFTWARE_TOKEN_MFA", "SMS_OTP"):
        key = {
            "SMS_MFA": "SMS_MFA_CODE",
            "EMAIL_OTP": "EMAIL_OTP_CODE",
            "SOFTWARE_TOKEN_MFA": "SOFTWARE_TOKEN_MFA_CODE",
            "SMS_OTP": "SMS_OTP_CODE",
        }[name]
        code = _param(responses, key)
        if not _check_code(ctx, flow, user, name, code):
            ctx.keep(lambda: sessions.count_failure(ctx, session))
            if flow.first_factor in ("PASSWORD", "SRP"):
                # A wrong MFA code: the SignIn Fail event (Password Success, Mfa Failure) is kept.
                ctx.keep(flow_hooks.sign_in_failed(ctx, pool, user, "Mfa"))
            raise AwsError("CodeMismatchException", CODE_MISMATCH)
        sessions.consume(ctx, session)
        if flow.first_factor == "OTP":
            flow.auth_time = ctx.now
            return _after_first_factor(ctx, flow, user)
        return _tokens(ctx, flow, user)

    sessions.consume(ctx, session)
    if name == "NEW_PASSWORD_REQUIRED":
        return _new_password(ctx, flow, user, responses)
    if name == "SELECT_MFA_TYPE":
        answer = _param(responses, "ANSWER")
        answer = {"EMAIL_MFA": "EMAIL_OTP"}.get(answer, answer)
        if answer not in mfa_settings.enabled_mfa(pool, user):
            raise invalid_parameter("Invalid MFA type")  # [U] wording
        return _mfa_challenge(ctx, flow, user, answer)
    if name == "MFA_SETUP":
        # Only a Session that VerifySoftwareToken advanced ends the setup (not one left pending while
        # the user set up an authenticator through another sign-in).
        if not session.state.get("software_token_verified") or "SOFTWARE_TOKEN_MFA" not in mfa_settings.enabled_mfa(
            pool, user
        ):
            raise not_authorized(sessions.SESSION_EXPIRED)
        return _tokens(ctx, flow, user)
    if name == "DEVICE_SRP_AUTH":
        return _device_srp(ctx, flow, user, responses)
    if name == "CUSTOM_CHALLENGE":
        return _custom_answer(ctx, flow, user, session, responses)
    if name == "SELECT_CHALLENGE":
        choice = _param(responses, "ANSWER")
        if choice not in (session.state.get("available") or []):
            raise invalid_parameter(f"The challenge {choice} is not available for the user.")
        return _choose(ctx, flow, user, choice, responses)
    if name == "PASSWORD":
        _check_lockout(user, ctx.now)
        return _verify_password(ctx, flow, user, _param(responses, "PASSWORD"))
    if name == "PASSWORD_SRP":
        return _choose(ctx, flow, user, "PASSWORD_SRP", {"SRP_A": _param(responses, "SRP_A")})
    raise invalid_parameter(f"Invalid challenge name {name}.")


def client_has_secret(ctx: RequestContext, client: dict[str, Any]) -> bool:
    return bool(clients.client_secrets(ctx, client["ClientId"]))


def _new_password(ctx: RequestContext, flow: Flow, user: User, responses: dict[str, str]) -> dict[str, Any]:
    if _temporary_expired(user, ctx.now):
        raise not_authorized(TEMPORARY_EXPIRED)
    password = _param(responses, "NEW_PASSWORD")
    passwords.enforce_policy(flow.pool, password)
    given = {k.split(".", 1)[1]: v for k, v in responses.items() if k.startswith("userAttributes.")}
    if given:
        changes = attributes.validate_attributes(
            flow.pool, given, op="RespondToAuthChallenge", admin=False, creating=False, existing=user.attrs
        )
        attributes.check_client_writable(flow.client, changes)
        from console.emulator.user_pools.admin_users import apply_attribute_update  # the shared attribute-update rules

        apply_attribute_update(ctx, flow.pool, user, changes)
    missing = [n for n in attributes.required_attributes(flow.pool) if not user.attrs.get(n)]
    if missing:
        raise invalid_parameter(f"Invalid attributes given, {missing[0]} is missing")
    suffix = pools.pool_suffix(flow.pool["Id"])
    size = int(passwords.policy_of(flow.pool).get("PasswordHistorySize") or 0)
    if passwords.in_history(suffix, user.username, password, user.secret, size):
        raise AwsError("PasswordHistoryPolicyViolationException", "The password history policy has been violated.")
    user.secret = passwords.set_password(flow.pool, user.username, password, user.secret, now=ctx.now, temporary=False)
    user.status = "CONFIRMED"
    users.save(ctx, flow.pool, user)
    flow.source = "NewPasswordChallenge"
    return _after_first_factor(ctx, flow, user)


@idp("RespondToAuthChallenge", public=True)
async def respond_to_auth_challenge(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return await _drive(ctx, _respond, ctx, req, False)


@idp("AdminRespondToAuthChallenge")
async def admin_respond_to_auth_challenge(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return await _drive(ctx, _respond, ctx, req, True)
