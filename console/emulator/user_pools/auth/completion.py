"""How a sign-in ends: the MFA step and its challenges, then tokens, a device and PostAuthentication.

MFA follows a password or SRP first factor only, as the pool's MfaConfiguration, the user's settings and
adaptive authentication require: an SMS, email or authenticator (TOTP) code, SELECT_MFA_TYPE where the user
has several methods and no preference, MFA_SETUP where MFA is required and the user has none.
"""

from __future__ import annotations

import json
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, not_authorized
from console.emulator.user_pools import acr, devices, flow_hooks, mfa, mfa_settings, pools, tokens
from console.emulator.user_pools import webauthn as webauthn_credentials
from console.emulator.user_pools.users import User

from . import sessions
from .steps import Flow, challenge, param, trigger, user_attributes


def after_device(ctx: RequestContext, flow: Flow, user: User) -> dict[str, Any]:
    """MFA where the first factor was a password, the factor a requested level still needs, then tokens."""
    if flow.first_factor in ("PASSWORD", "SRP"):
        step = _mfa_step(ctx, flow, user)
        if step is not None:
            return step
    step = step_up(ctx, flow, user)
    if step is not None:
        return step
    return issue_tokens(ctx, flow, user)


def wanted_levels(ctx: RequestContext, flow: Flow) -> list[str]:
    """The levels the sign-in asks for: TARGET_ACR_VALUES, or the hosted UI's acr_values (``ctx.oauth``)."""
    return flow.acr_values or list(getattr(ctx.oauth, "acr_values", ()) or ())


def step_up(ctx: RequestContext, flow: Flow, user: User) -> dict[str, Any] | None:
    """The MFA challenge that lifts the methods done (``flow.amr``) to the level asked for, or None."""
    wanted = wanted_levels(ctx, flow)
    if not wanted or flow.stepped_up or flow.phantom is not None:
        return None
    passkey = webauthn_credentials.has_credentials(ctx, user)
    method = acr.missing_factor(flow.pool, wanted, user, flow.amr, passkey=passkey)
    if method is None:
        return None
    flow.stepped_up = True
    return _mfa_challenge(ctx, flow, user, method)


def device(ctx: RequestContext, pool: dict[str, Any], user: User, device_key: str | None) -> dict[str, Any] | None:
    """The user's device record: ``salt``/``verifier`` (hex), ``group_key``, ``remembered``; or None."""
    return devices.device_for_auth(ctx, pool, user, device_key) if device_key else None


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
            return send_code_challenge(ctx, flow, user, "SMS_MFA")
        if pools.email_mfa_enabled(flow.pool) and user.attrs.get("email"):
            return send_code_challenge(ctx, flow, user, "EMAIL_OTP")
        can_setup = [m for m in _pool_mfa_methods(flow.pool) if m == "SOFTWARE_TOKEN_MFA"]
        if not can_setup:
            raise AwsError(
                "InvalidUserPoolConfigurationException",
                "MFA is required but no MFA method is available for the user.",
            )
        return challenge(ctx, flow, user, "MFA_SETUP", {"MFAS_CAN_SETUP": json.dumps(can_setup)})
    preferred = mfa_settings.preferred_mfa(flow.pool, user)
    if preferred is None and len(enabled) > 1:
        return challenge(ctx, flow, user, "SELECT_MFA_TYPE", {"MFAS_CAN_CHOOSE": json.dumps(enabled)})
    return _mfa_challenge(ctx, flow, user, preferred or enabled[0])


def _mfa_challenge(ctx: RequestContext, flow: Flow, user: User, method: str) -> dict[str, Any]:
    if method == "SOFTWARE_TOKEN_MFA":
        params = {}
        if user.mfa.get("totp_name"):
            params["FRIENDLY_DEVICE_NAME"] = str(user.mfa["totp_name"])
        return challenge(ctx, flow, user, "SOFTWARE_TOKEN_MFA", params)
    return send_code_challenge(ctx, flow, user, method)


def send_code_challenge(ctx: RequestContext, flow: Flow, user: User, name: str) -> dict[str, Any]:
    """An SMS or email code sent, and its challenge (MFA, or USER_AUTH's one-time-code first factor)."""
    params = dict(mfa.send_mfa_code(ctx, flow.pool, user, name))
    params["USERNAME"] = user.username
    return challenge(ctx, flow, user, name, params)


def check_code(ctx: RequestContext, flow: Flow, user: User, name: str, code: str) -> bool:
    return mfa.check_mfa_code(ctx, flow.pool, user, name, code)


def answer_select_mfa_type(ctx: RequestContext, flow: Flow, user: User, responses: dict[str, str]) -> dict[str, Any]:
    answer = param(responses, "ANSWER")
    answer = {"EMAIL_MFA": "EMAIL_OTP"}.get(answer, answer)
    if answer not in mfa_settings.enabled_mfa(flow.pool, user):
        raise invalid_parameter("Invalid MFA type")  # [U] wording
    return _mfa_challenge(ctx, flow, user, answer)


def answer_mfa_setup(ctx: RequestContext, flow: Flow, user: User, session: sessions.Session) -> dict[str, Any]:
    # Only a Session that VerifySoftwareToken advanced ends the setup (not one left pending while
    # the user set up an authenticator through another sign-in).
    if not session.state.get("software_token_verified") or "SOFTWARE_TOKEN_MFA" not in mfa_settings.enabled_mfa(
        flow.pool, user
    ):
        raise not_authorized(sessions.SESSION_EXPIRED)
    flow.amr = acr.merged(flow.amr, acr.mfa_methods("SOFTWARE_TOKEN_MFA"))
    return issue_tokens(ctx, flow, user)


# -- tokens -----------------------------------------------------------------------------------------------


def issue_tokens(ctx: RequestContext, flow: Flow, user: User) -> dict[str, Any]:
    """The AuthenticationResult: tokens for the device signed in on (or a new one), after PostAuthentication."""
    device_key = (
        flow.device_key if flow.first_factor == "DEVICE" or device(ctx, flow.pool, user, flow.device_key) else None
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
    wanted = wanted_levels(ctx, flow)
    result = tokens.issue_tokens(
        ctx,
        flow.pool,
        flow.client,
        user,
        auth_time=flow.auth_time,
        device_key=device_key,
        source=flow.source,
        step_up=acr.result(flow.pool, wanted, flow.amr) if wanted and flow.amr else None,
    )
    if new_device is not None:
        result["NewDeviceMetadata"] = new_device
    return {"AuthenticationResult": result, "ChallengeParameters": {}}


def _post_authentication(ctx: RequestContext, flow: Flow, user: User, new_device: bool) -> None:
    """PostAuthentication_Authentication; ``newDeviceUsed`` only matters where the pool remembers
    devices (Always or User Opt-In), as the Developer Guide says."""
    request: dict[str, Any] = {"userAttributes": user_attributes(flow, user), "newDeviceUsed": new_device}
    if flow.client_metadata:
        request["clientMetadata"] = flow.client_metadata
    trigger(ctx, flow, user, "PostAuthentication", "PostAuthentication_Authentication", request)
