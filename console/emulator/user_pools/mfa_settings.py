"""Users' MFA settings: which methods a user has enabled and prefers, as sign-in and GetUser read them.

The user's MFA state lives in ``User.mfa`` (the ``users.mfa`` JSON column). Keys:

- ``enabled``: list of the MFA methods the user has enabled, a subset of ``SMS_MFA``,
  ``SOFTWARE_TOKEN_MFA``, ``EMAIL_OTP`` (AdminGetUser / GetUser ``UserMFASettingList``).
- ``preferred``: the preferred method (``PreferredMfaSetting``), one of ``enabled``, or absent.
- ``MFAOptions``: the legacy SMS settings of SetUserSettings / AdminSetUserSettings, as given
  (``[{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]``); absent when none.
- ``totp_secret``: the secret of the verified authenticator app (absent before VerifySoftwareToken).
- ``totp_name``: its FriendlyDeviceName, when one was given.
- ``totp_pending``: the secret from AssociateSoftwareToken awaiting VerifySoftwareToken;
  ``totp_pending_at``: when it was issued.
- ``totp_last_step``: the last TOTP time step accepted at sign-in (a code is accepted once).

``mfa_settings_for_get_user(user)`` turns this into GetUser / AdminGetUser's fields; sign-in reads
``enabled_mfa`` and ``preferred_mfa``.

The two secrets are stored encrypted with the pool's symmetric key (keys.py, as refresh tokens are), bound
to the pool, the user's ``sub`` and the field: ``totp_secret(ctx, user, field)`` reads one in clear,
``set_totp_secret`` stores one. A database written before they were encrypted holds the Base32 secret
itself: it is read as is, and sealed in ``User.mfa`` as it is read, so the save that follows its use (the
accepted time step at sign-in, VerifySoftwareToken) stores it encrypted.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core.context import RequestContext

from . import keys, pools, users

METHODS = ("SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP")

# A sealed secret's prefix: Base32 has no ":", so a clear secret of an older database never starts with it.
_SEALED = "sealed:"
_LABEL = "totp"  # the sub-key of the pool's symmetric key that seals TOTP secrets


def totp_secret(ctx: RequestContext, user: users.User, field: str) -> str | None:
    """The Base32 secret stored under ``field`` (``totp_secret`` or ``totp_pending``), or None if there is
    none or it does not open (sealed for another user, or under keys the pool no longer has)."""
    value = user.mfa.get(field)
    if not isinstance(value, str) or not value:
        return None
    if not value.startswith(_SEALED):
        set_totp_secret(ctx, user, field, value)  # an older database's clear secret: sealed at the next save
        return value
    opened = keys.require(ctx, user.pool_id).unseal(_LABEL, value.removeprefix(_SEALED), _bound_to(user, field))
    return None if opened is None else opened.decode("ascii")


def set_totp_secret(ctx: RequestContext, user: users.User, field: str, secret: str) -> None:
    """Store the Base32 ``secret`` under ``field``, sealed (written by the caller's ``users.save``)."""
    sealed = keys.require(ctx, user.pool_id).seal(_LABEL, secret.encode("ascii"), _bound_to(user, field))
    user.mfa[field] = _SEALED + sealed


def _bound_to(user: users.User, field: str) -> bytes:
    """What a sealed secret is bound to: a secret copied to another user or field does not open."""
    return f"{user.pool_id}|{user.sub}|{field}".encode()


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
