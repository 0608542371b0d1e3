"""Multi-factor authentication: RFC 6238 TOTP, software tokens, users' MFA preferences, SMS / email codes.

The user's MFA state, and what sign-in reads of it, is mfa_settings.py's. ``send_mfa_code`` and
``check_mfa_code`` are what sign-in needs from here.
"""

from __future__ import annotations

import base64
import hmac
import secrets
import struct
from typing import Any

from console.emulator.core import outbox as messaging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, not_authorized
from console.emulator.core.registry import idp
from console.emulator.user_pools.auth import sessions as auth_sessions

from . import clients, codes, flow_hooks, mfa_settings, pools, tokens, users

TOTP_STEP = 30
TOTP_DIGITS = 6
TOTP_WINDOW = 1  # one step either side: AWS accepts 30 s of clock skew
MFA_CODE_TTL = 180.0  # seconds; AWS's SMS / email MFA codes last as long as the 3-minute session

DEFAULT_SMS_AUTH_MESSAGE = "Your authentication code is {####}. "
DEFAULT_EMAIL_OTP_SUBJECT = "Your sign-in code"
DEFAULT_EMAIL_OTP_MESSAGE = "Your sign-in code is {####}."

TOTP_NOT_ENABLED = "Software Token MFA has not been enabled by the userPool"


# -- RFC 6238 TOTP --------------------------------------------------------------------------------------


def hotp(key: bytes, counter: int, digits: int = TOTP_DIGITS, digest: str = "sha1") -> str:
    """RFC 4226 HOTP value of ``counter`` (dynamic truncation of an HMAC)."""
    mac = hmac.new(key, struct.pack(">Q", counter), digest).digest()
    offset = mac[-1] & 0x0F
    binary = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(binary % 10**digits).rjust(digits, "0")


def b32_key(secret: str) -> bytes:
    """The key bytes of a Base32 secret (case-insensitive, padding optional)."""
    text = secret.strip().replace(" ", "").upper()
    return base64.b32decode(text + "=" * (-len(text) % 8))


def totp(secret: str, now: float, *, step: int = TOTP_STEP, digits: int = TOTP_DIGITS, digest: str = "sha1") -> str:
    """RFC 6238 TOTP for the Base32 ``secret`` at epoch time ``now``."""
    return hotp(b32_key(secret), int(now // step), digits, digest)


def totp_match(secret: str, code: str, now: float, window: int = TOTP_WINDOW) -> int | None:
    """The time step ``code`` is valid for (within ``window`` steps of ``now``), else None; constant time."""
    if not (code.isascii() and code.isdigit() and len(code) == TOTP_DIGITS):
        return None
    try:
        key = b32_key(secret)
    except (ValueError, TypeError):
        return None
    current = int(now // TOTP_STEP)
    found: int | None = None
    for counter in range(current - window, current + window + 1):
        if hmac.compare_digest(hotp(key, counter).encode(), code.encode()) and found is None:
            found = counter
    return found


def totp_verify(secret: str, code: str, now: float) -> bool:
    """Whether ``code`` is a valid TOTP code of ``secret`` at ``now`` (±1 step)."""
    return totp_match(secret, code, now) is not None


def new_secret() -> str:
    """A fresh 32-character Base32 secret (160 random bits), as AssociateSoftwareToken returns."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


# -- SMS / email codes at sign-in -------------------------------------------------------------------------


def send_mfa_code(
    ctx: RequestContext,
    pool: dict[str, Any],
    user: users.User,
    challenge: str,
    *,
    ttl: float = MFA_CODE_TTL,
) -> dict[str, str]:
    """Send a sign-in code for ``challenge`` (SMS_MFA, SMS_OTP: to the phone; EMAIL_OTP: to the email)
    through the outbox; the ChallengeParameters CODE_DELIVERY_DELIVERY_MEDIUM / _DESTINATION."""
    if challenge in ("SMS_MFA", "SMS_OTP"):
        channel, attribute = "SMS", "phone_number"
        digits = 6
        template = pool.get("SmsAuthenticationMessage") or DEFAULT_SMS_AUTH_MESSAGE
        subject = None
    elif challenge in ("EMAIL_OTP", "EMAIL_MFA"):
        channel, attribute = "EMAIL", "email"
        digits = 8  # Cognito's email one-time passwords have eight digits
        config = pool.get("EmailMfaConfiguration") or {}
        template = config.get("Message") or DEFAULT_EMAIL_OTP_MESSAGE
        subject = config.get("Subject") or DEFAULT_EMAIL_OTP_SUBJECT
    else:
        raise ValueError(f"no code is sent for {challenge}")
    destination = user.attrs.get(attribute)
    if not destination:
        raise invalid_parameter(f"User does not have delivery config set to turn on {challenge}")
    code = codes.store_code(ctx, user, f"mfa:{_code_kind(challenge)}", ttl=ttl, digits=digits)
    flow_hooks.deliver(
        ctx,
        pool,
        user,
        source="Authentication",
        channel=channel,
        destination=destination,
        body=template.replace("{####}", code).replace("{username}", user.username),
        subject=subject,
        code=code,
    )
    masked = messaging.mask_phone(destination) if channel == "SMS" else messaging.mask_email(destination)
    return {"CODE_DELIVERY_DELIVERY_MEDIUM": channel, "CODE_DELIVERY_DESTINATION": masked}


def _code_kind(challenge: str) -> str:
    return {"SMS_OTP": "SMS_MFA", "EMAIL_MFA": "EMAIL_OTP"}.get(challenge, challenge)


def check_mfa_code(ctx: RequestContext, pool: dict[str, Any], user: users.User, challenge: str, code: str) -> bool:
    """Whether ``code`` answers ``challenge``: a TOTP code of the user's authenticator (each time step
    once), or the SMS / email code last sent (single use, unexpired). Constant-time comparisons."""
    if challenge == "SOFTWARE_TOKEN_MFA":
        secret = mfa_settings.totp_secret(ctx, user, "totp_secret")
        if not secret:
            return False
        step = totp_match(secret, code, ctx.now)
        if step is None or step <= int(user.mfa.get("totp_last_step") or -1):
            return False
        user.mfa["totp_last_step"] = step
        users.save(ctx, pool, user, touch=False)
        return True
    outcome, _ = codes.check_code(ctx, user, f"mfa:{_code_kind(challenge)}", code)
    return outcome == "ok"


# -- software tokens ---------------------------------------------------------------------------------------


def _session_user(ctx: RequestContext, session: str) -> tuple[dict[str, Any], users.User, auth_sessions.Session]:
    """The pool and user of an MFA_SETUP sign-in Session; NotAuthorized when it is not a live one."""
    found = auth_sessions.peek(ctx, session)
    if found.challenge != "MFA_SETUP":
        raise not_authorized(auth_sessions.SESSION_EXPIRED)
    pool = pools.get_pool(ctx, found.pool_id)
    user = users.by_key(ctx, found.pool_id, found.username_key)
    if user is None:
        raise not_authorized(auth_sessions.SESSION_EXPIRED)
    return pool, user, found


def _next_session(ctx: RequestContext, found: auth_sessions.Session, **state: Any) -> str:
    """The Session to use next: the old one consumed, a new one for the same MFA_SETUP challenge."""
    client = clients.get_client(ctx, found.client_id)
    return auth_sessions.replace(ctx, found, client, {**found.state, **state})


def _software_token_caller(
    ctx: RequestContext, req: dict[str, Any]
) -> tuple[dict[str, Any], users.User, auth_sessions.Session | None]:
    """The pool and user of an Associate/VerifySoftwareToken call, authorised by its AccessToken or its
    MFA_SETUP Session (then also returned), in a pool with TOTP MFA on."""
    handle = None
    if req.get("AccessToken"):
        pool, user, _ = tokens.authenticate_access_token(ctx, req["AccessToken"])
    elif req.get("Session"):
        pool, user, handle = _session_user(ctx, req["Session"])
    else:
        raise invalid_parameter("Either AccessToken or Session must be provided.")
    if not pools.totp_mfa_enabled(pool):
        raise AwsError("SoftwareTokenMFANotFoundException", TOTP_NOT_ENABLED)
    return pool, user, handle


@idp("AssociateSoftwareToken", public=True)
def associate_software_token(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, handle = _software_token_caller(ctx, req)
    secret = new_secret()
    mfa_settings.set_totp_secret(ctx, user, "totp_pending", secret)
    user.mfa["totp_pending_at"] = ctx.now
    users.save(ctx, pool, user, touch=False)
    out: dict[str, Any] = {"SecretCode": secret}
    if handle is not None:
        out["Session"] = _next_session(ctx, handle)
    return out


@idp("VerifySoftwareToken", public=True)
def verify_software_token(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, handle = _software_token_caller(ctx, req)
    pending = mfa_settings.totp_secret(ctx, user, "totp_pending")
    if not pending:
        raise invalid_parameter("User has not set up software token mfa")
    if not totp_verify(pending, req["UserCode"], ctx.now):
        raise AwsError("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA")
    mfa_settings.set_totp_secret(ctx, user, "totp_secret", pending)
    user.mfa.pop("totp_pending", None)
    user.mfa.pop("totp_pending_at", None)
    user.mfa.pop("totp_last_step", None)
    if req.get("FriendlyDeviceName"):
        user.mfa["totp_name"] = req["FriendlyDeviceName"]
    else:
        user.mfa.pop("totp_name", None)
    # A verified authenticator is a registered MFA method; it becomes the preferred one only on request.
    mfa_settings.set_method(user, "SOFTWARE_TOKEN_MFA", True)
    users.save(ctx, pool, user)
    out: dict[str, Any] = {"Status": "SUCCESS"}
    if handle is not None:
        out["Session"] = _next_session(ctx, handle, software_token_verified=True)
    return out


# -- preferences -------------------------------------------------------------------------------------------


def apply_preferences(ctx: RequestContext, pool: dict[str, Any], user: users.User, req: dict[str, Any]) -> None:
    """SetUserMFAPreference / AdminSetUserMFAPreference: validate every setting, then apply them all."""
    settings = {
        "SMS_MFA": req.get("SMSMfaSettings"),
        "SOFTWARE_TOKEN_MFA": req.get("SoftwareTokenMfaSettings"),
        "EMAIL_OTP": req.get("EmailMfaSettings"),
    }
    for method, setting in settings.items():
        if setting is None or not (setting.get("Enabled") or setting.get("PreferredMfa")):
            continue
        if method == "SMS_MFA" and not user.attrs.get("phone_number"):
            raise invalid_parameter("User does not have delivery config set to turn on SMS_MFA")
        # A user without a verified authenticator: InvalidParameterException with this text, as reported for
        # AdminSetUserMFAPreference in aws/aws-sdk-js-v3#4645 (2023); 2018-2019 reports of SetUserMFAPreference
        # (aws-amplify/amplify-js#944, #1875) show "User has not set up software token mfa" instead.
        # [U] A pool without TOTP: the same answer, since botocore's model lists SoftwareTokenMFANotFoundException
        # for neither operation (one public Terraform comment reports this text for a pool with MFA off).
        if method == "SOFTWARE_TOKEN_MFA" and not (pools.totp_mfa_enabled(pool) and user.mfa.get("totp_secret")):
            raise invalid_parameter("User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA")
        if method == "EMAIL_OTP":
            if not pools.email_mfa_enabled(pool):
                raise invalid_parameter("Email MFA is not enabled for this user pool.")
            if not user.attrs.get("email"):
                raise invalid_parameter("User does not have delivery config set to turn on EMAIL_OTP")
    preferred = [m for m, s in settings.items() if s is not None and s.get("PreferredMfa")]
    if len(preferred) > 1:
        raise invalid_parameter("Only one MFA method can be set as preferred.")
    for method, setting in settings.items():
        if setting is None:
            continue
        enabled = bool(setting.get("Enabled")) or bool(setting.get("PreferredMfa"))
        mfa_settings.set_method(user, method, enabled)
        if setting.get("PreferredMfa"):
            user.mfa["preferred"] = method
        elif user.mfa.get("preferred") == method and "PreferredMfa" in setting:
            user.mfa.pop("preferred", None)
        if method == "SMS_MFA" and not enabled:
            user.mfa.pop("MFAOptions", None)
    users.save(ctx, pool, user)


@idp("SetUserMFAPreference", public=True)
def set_user_mfa_preference(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, _ = tokens.authenticate_access_token(ctx, req["AccessToken"])
    apply_preferences(ctx, pool, user, req)
    return {}


@idp("AdminSetUserMFAPreference")
def admin_set_user_mfa_preference(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    apply_preferences(ctx, pool, user, req)
    return {}


# -- legacy settings (MFAOptions) ------------------------------------------------------------------------------


def apply_settings(ctx: RequestContext, pool: dict[str, Any], user: users.User, options: list[dict[str, Any]]) -> None:
    """SetUserSettings / AdminSetUserSettings: only SMS to the phone number; an empty list turns it off."""
    kept: list[dict[str, Any]] = []
    for option in options:
        medium, attribute = option.get("DeliveryMedium"), option.get("AttributeName")
        if medium != "SMS" or (attribute is not None and attribute != "phone_number"):
            raise invalid_parameter("Only SMS delivery to phone_number is supported for MFAOptions.")
        kept.append({"DeliveryMedium": "SMS", "AttributeName": "phone_number"})
    if kept and not user.attrs.get("phone_number"):
        raise invalid_parameter("User does not have delivery config set to turn on SMS_MFA")
    if kept:
        user.mfa["MFAOptions"] = kept[:1]
        mfa_settings.set_method(user, "SMS_MFA", True)
    else:
        user.mfa.pop("MFAOptions", None)
        mfa_settings.set_method(user, "SMS_MFA", False)
    users.save(ctx, pool, user)


@idp("AdminSetUserSettings")
def admin_set_user_settings(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    apply_settings(ctx, pool, user, req["MFAOptions"])
    return {}
