"""A user's sign-in factors as an administrator sees and resets them: AdminGetUserAuthFactors and
AdminDeleteSoftwareToken.

``configured_auth_factors`` lists what the user can sign in with, in AuthFactorType's order: PASSWORD (a
password is set), EMAIL_OTP and SMS_OTP (offered as a USER_AUTH first factor, or enabled as MFA),
WEB_AUTHN (a registered passkey, where the pool offers passkeys as a first factor or as MFA),
SOFTWARE_TOKEN (a verified authenticator app, an MFA factor only). MFA settings come from mfa_settings.py,
as GetUser and AdminGetUser report them. AdminDeleteSoftwareToken forgets the user's authenticator app, so
they can associate a new one; a user without one is ResourceNotFoundException.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import resource_not_found
from console.emulator.core.registry import idp

from . import mfa_settings, pools, users, webauthn
from .auth import webauthn as passkey_sign_in
from .auth.choice import first_factors

# AuthFactorType, in the model's order.
AUTH_FACTORS = ("PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN", "SOFTWARE_TOKEN")
# The user's MFA state of their authenticator app (mfa_settings.py's keys).
_TOTP_KEYS = ("totp_secret", "totp_name", "totp_pending", "totp_pending_at", "totp_last_step")


def configured_auth_factors(ctx: RequestContext, pool: dict[str, Any], user: users.User) -> list[str]:
    """The AuthFactorType values ``user`` has in ``pool``."""
    found = set(first_factors(pool, user, passkeys=passkey_sign_in.offered(ctx, pool, user)))
    enabled = set(mfa_settings.enabled_mfa(pool, user))
    if "PASSWORD_SRP" in found:
        found.add("PASSWORD")
    if "EMAIL_OTP" in enabled:
        found.add("EMAIL_OTP")
    if "SMS_MFA" in enabled:
        found.add("SMS_OTP")
    if user.mfa.get("totp_secret"):
        found.add("SOFTWARE_TOKEN")
    if _passkey_mfa(pool) and webauthn.has_credentials(ctx, user):
        found.add("WEB_AUTHN")
    return [f for f in AUTH_FACTORS if f in found]


def _passkey_mfa(pool: dict[str, Any]) -> bool:
    """Whether a passkey with user verification satisfies MFA in ``pool`` (its WebAuthnConfiguration)."""
    config = pool.get("WebAuthnConfiguration") or {}
    return config.get("FactorConfiguration") == "MULTI_FACTOR_WITH_USER_VERIFICATION"


@idp("AdminGetUserAuthFactors")
def admin_get_user_auth_factors(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    settings = mfa_settings.mfa_settings_for_get_user(user)
    settings.pop("MFAOptions", None)
    return {
        "Username": user.username,
        "ConfiguredUserAuthFactors": configured_auth_factors(ctx, pool, user),
        **settings,
    }


@idp("AdminDeleteSoftwareToken")
def admin_delete_software_token(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    if not user.mfa.get("totp_secret"):
        raise resource_not_found("The user has no software token MFA factor.")
    for key in _TOTP_KEYS:
        user.mfa.pop(key, None)
    mfa_settings.set_method(user, "SOFTWARE_TOKEN_MFA", False)
    users.save(ctx, pool, user)
    return {}
