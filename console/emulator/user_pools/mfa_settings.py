"""Users' MFA settings: which methods a user has enabled and prefers, as sign-in and GetUser read them.

The user's MFA state lives in ``User.mfa`` (the ``users.mfa`` JSON column). Keys:

- ``enabled``: list of the MFA methods the user has enabled, a subset of ``SMS_MFA``,
  ``SOFTWARE_TOKEN_MFA``, ``EMAIL_OTP`` (AdminGetUser / GetUser ``UserMFASettingList``).
- ``preferred``: the preferred method (``PreferredMfaSetting``), one of ``enabled``, or absent.
- ``MFAOptions``: the legacy SMS settings of SetUserSettings / AdminSetUserSettings, as given
  (``[{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]``); absent when none.
- ``totp_secret``: Base32 secret of the verified authenticator app (absent before VerifySoftwareToken).
- ``totp_name``: its FriendlyDeviceName, when one was given.
- ``totp_pending``: Base32 secret from AssociateSoftwareToken awaiting VerifySoftwareToken;
  ``totp_pending_at``: when it was issued.
- ``totp_last_step``: the last TOTP time step accepted at sign-in (a code is accepted once).

``mfa_settings_for_get_user(user)`` turns this into GetUser / AdminGetUser's fields; sign-in reads
``enabled_mfa`` and ``preferred_mfa``.
"""

from __future__ import annotations

from typing import Any

from . import pools, users

METHODS = ("SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP")


def _enabled(user: users.User) -> list[str]:
    return [m for m in METHODS if m in (user.mfa.get("enabled") or [])]


def enabled_mfa(pool: dict[str, Any], user: users.User) -> list[str]:
    """The MFA methods the user has enabled that the pool currently offers (SMS_MFA, SOFTWARE_TOKEN_MFA,
    EMAIL_OTP), in that order. A method needs its delivery: a phone number for SMS, an email for email."""
    out: list[str] = []
    for method in _enabled(user):
        if method == "SMS_MFA" and (not pools.sms_mfa_enabled(pool) or not user.attrs.get("phone_number")):
            continue
        if method == "SOFTWARE_TOKEN_MFA" and (not pools.totp_mfa_enabled(pool) or not user.mfa.get("totp_secret")):
            continue
        if method == "EMAIL_OTP" and (not pools.email_mfa_enabled(pool) or not user.attrs.get("email")):
            continue
        out.append(method)
    return out


def preferred_mfa(pool: dict[str, Any], user: users.User) -> str | None:
    """The user's preferred method if it is still enabled and offered, else None."""
    preferred = user.mfa.get("preferred")
    return preferred if preferred in enabled_mfa(pool, user) else None


def mfa_settings_for_get_user(user: users.User) -> dict[str, Any]:
    """GetUser / AdminGetUser's ``UserMFASettingList``, ``PreferredMfaSetting`` and ``MFAOptions``
    (each key present only when it has a value, as AWS omits them)."""
    out: dict[str, Any] = {}
    enabled = _enabled(user)
    if enabled:
        out["UserMFASettingList"] = enabled
    preferred = user.mfa.get("preferred")
    if preferred and preferred in enabled:
        out["PreferredMfaSetting"] = preferred
    options = user.mfa.get("MFAOptions")
    if options:
        out["MFAOptions"] = list(options)
    return out


def set_method(user: users.User, method: str, enabled: bool) -> None:
    current = set(_enabled(user))
    if enabled:
        current.add(method)
    else:
        current.discard(method)
        if user.mfa.get("preferred") == method:
            user.mfa.pop("preferred", None)
    ordered = [m for m in METHODS if m in current]
    if ordered:
        user.mfa["enabled"] = ordered
    else:
        user.mfa.pop("enabled", None)
