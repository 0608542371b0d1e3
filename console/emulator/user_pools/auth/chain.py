"""The chain every sign-in goes through once its first factor is proved, and the answers that lead back in.

The first factor (password, SRP, one-time code, custom challenge) proves who the user is; then, in AWS's
order: a new password if the user has a temporary one (NEW_PASSWORD_REQUIRED), the remembered device's SRP
if the client sent a DEVICE_KEY (device_srp.py), MFA as the pool and the user require it, and tokens
(completion.py). ``after_first_factor`` walks that chain; each step that needs the client answers with a
challenge and a fresh single-use Session (sessions.py).
"""

from __future__ import annotations

import json
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, not_authorized
from console.emulator.user_pools import acr, attributes, flow_hooks, passwords, pools, users
from console.emulator.user_pools.admin_users import apply_attribute_update
from console.emulator.user_pools.users import User

from . import completion, custom, sessions
from .steps import Flow, challenge, param

CODE_MISMATCH = "Invalid code or auth state for the user."
TEMPORARY_EXPIRED = "Temporary password has expired and must be reset by an administrator."

# The challenges answered with a code, and the ChallengeResponses key that holds it.
CODE_PARAMETERS = {
    "SMS_MFA": "SMS_MFA_CODE",
    "EMAIL_OTP": "EMAIL_OTP_CODE",
    "SOFTWARE_TOKEN_MFA": "SOFTWARE_TOKEN_MFA_CODE",
    "SMS_OTP": "SMS_OTP_CODE",
}


def after_first_factor(ctx: RequestContext, flow: Flow, user: User) -> dict[str, Any]:
    """NEW_PASSWORD_REQUIRED, device SRP, MFA, then tokens: the chain every sign-in goes through."""
    if flow.auth_time is None:
        flow.auth_time = ctx.now
    if not flow.amr:
        flow.amr = acr.first_methods(flow.pool, flow.first_factor)
    if user.status == "FORCE_CHANGE_PASSWORD":
        return _new_password_challenge(ctx, flow, user)
    if flow.flow == "CUSTOM_AUTH" and flow.first_factor == "SRP":
        # SRP inside a custom flow: the Define trigger decides what follows the password.
        flow.first_factor = "CUSTOM"
        passed = [custom.session_entry("SRP_A", True, None), custom.session_entry("PASSWORD_VERIFIER", True, None)]
        return custom.next_round(ctx, flow, user, passed)
    if flow.device_key and flow.first_factor in ("PASSWORD", "SRP"):
        device = completion.device(ctx, flow.pool, user, flow.device_key)
        if device is not None and device.get("remembered"):
            return challenge(ctx, flow, user, "DEVICE_SRP_AUTH", {"USERNAME": user.username})
    return completion.after_device(ctx, flow, user)


def _temporary_expired(user: User, now: float) -> bool:
    expires = user.secret.get("temporary_expires")
    return user.status == "FORCE_CHANGE_PASSWORD" and expires is not None and float(expires) < now


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
    return challenge(ctx, flow, user, "NEW_PASSWORD_REQUIRED", params)


def answer_new_password(ctx: RequestContext, flow: Flow, user: User, responses: dict[str, str]) -> dict[str, Any]:
    if _temporary_expired(user, ctx.now):
        raise not_authorized(TEMPORARY_EXPIRED)
    password = param(responses, "NEW_PASSWORD")
    passwords.enforce_policy(flow.pool, password)
    given = {k.split(".", 1)[1]: v for k, v in responses.items() if k.startswith("userAttributes.")}
    if given:
        changes = attributes.validate_attributes(
            flow.pool, given, op="RespondToAuthChallenge", admin=False, creating=False, existing=user.attrs
        )
        attributes.check_client_writable(flow.client, changes)
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
    return after_first_factor(ctx, flow, user)


def answer_code(
    ctx: RequestContext, flow: Flow, user: User, session: sessions.Session, name: str, responses: dict[str, str]
) -> dict[str, Any]:
    """An MFA code, or USER_AUTH's one-time code (a first factor, after which the chain goes on)."""
    code = param(responses, CODE_PARAMETERS[name])
    if not completion.check_code(ctx, flow, user, name, code):
        ctx.keep(lambda: sessions.count_failure(ctx, session))
        if flow.first_factor in ("PASSWORD", "SRP"):
            # A wrong MFA code: the SignIn Fail event (Password Success, Mfa Failure) is kept.
            ctx.keep(flow_hooks.sign_in_failed(ctx, flow.pool, user, "Mfa"))
        raise AwsError("CodeMismatchException", CODE_MISMATCH)
    sessions.consume(ctx, session)
    if flow.first_factor == "OTP" and not flow.stepped_up:
        flow.auth_time = ctx.now
        return after_first_factor(ctx, flow, user)
    flow.amr = acr.merged(flow.amr, acr.mfa_methods(name))
    return completion.issue_tokens(ctx, flow, user)
