"""One-time codes: sign-up confirmation, forgotten password, attribute verification and SMS / email MFA.

Codes are stored only as an HMAC under a server key (table ``codes``), one live code per user and purpose,
compared in constant time and deleted once used. Sign-up and attribute-verification codes last 24 hours,
password reset codes one hour (AWS's documented lifetimes). Every code goes out through
``flow_hooks.deliver`` (the CustomMessage trigger and custom senders see it).

Per-user quotas (AWS's limits page): attempts are recorded in ``code_attempts`` and kept even when the
operation fails (``ctx.keep``), which is what makes a limit on wrong codes possible.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any
from urllib.parse import urlencode

from console.emulator.core import ids, invocations
from console.emulator.core import outbox as messaging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, limit_exceeded
from console.emulator.core.store import dumps, loads

from . import flow_hooks, users

DAY = 86400.0
HOUR = 3600.0
SIGNUP_CODE_TTL = DAY
VERIFY_CODE_TTL = DAY
FORGOT_CODE_TTL = HOUR

# Per-user quotas per hour (AWS's "Quotas in Amazon Cognito", per-user rate limits).
QUOTAS = {
    "ResendConfirmationCode": 5,
    "ConfirmSignUp": 15,
    "ChangePassword": 5,
    "GetUserAttributeVerificationCode": 5,
    "VerifyUserAttribute": 15,
    "ConfirmForgotPassword": 10,
}

LIMIT_MESSAGE = "Attempt limit exceeded, please try after some time."
CODE_MISMATCH = "Invalid verification code provided, please try again."
CODE_EXPIRED = "Invalid code provided, please request a code again."

DEFAULT_EMAIL_SUBJECT = "Your verification code"
DEFAULT_EMAIL_MESSAGE = "Your verification code is {####}. "
DEFAULT_SMS_MESSAGE = "Your verification code is {####}. "
DEFAULT_LINK_SUBJECT = "Your verification link"
DEFAULT_LINK_MESSAGE = "Please click the link below to verify your email address. {##Verify Email##} "


def code_key(ctx: RequestContext) -> bytes:
    cached = ctx.state.get("codes.key")
    if isinstance(cached, bytes):
        return cached
    row = ctx.store.value("SELECT key FROM code_key WHERE id = 1")
    if row is None:
        row = secrets.token_hex(32)
        ctx.store.run("INSERT OR IGNORE INTO code_key (id, key) VALUES (1, ?)", (row,))
        row = ctx.store.value("SELECT key FROM code_key WHERE id = 1")
    key = bytes.fromhex(row)
    ctx.state["codes.key"] = key
    return key


def _digest(ctx: RequestContext, pool_id: str, username_key: str, purpose: str, code: str) -> str:
    message = "\x1f".join((pool_id, username_key, purpose, code)).encode()
    return hmac.new(code_key(ctx), message, hashlib.sha256).hexdigest()


def store_code(
    ctx: RequestContext,
    user: users.User,
    purpose: str,
    *,
    ttl: float,
    digits: int = 6,
    data: dict[str, Any] | None = None,
) -> str:
    """A fresh code for ``purpose``, replacing any earlier one; returns the code in clear (to send)."""
    code = invocations.stable(ctx, lambda: ids.numeric_code(digits))
    ctx.store.run(
        "INSERT OR REPLACE INTO codes (pool_id, username_key, purpose, digest, created, expires, data)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            user.pool_id,
            user.username_key,
            purpose,
            _digest(ctx, user.pool_id, user.username_key, purpose, code),
            ctx.now,
            ctx.now + ttl,
            dumps(data or {}),
        ),
    )
    return code


def pending_code(ctx: RequestContext, user: users.User, purpose: str) -> dict[str, Any] | None:
    """The data stored with the live code for ``purpose`` (expired or not), or None."""
    row = ctx.store.one(
        "SELECT data, expires FROM codes WHERE pool_id = ? AND username_key = ? AND purpose = ?",
        (user.pool_id, user.username_key, purpose),
    )
    if row is None:
        return None
    data: dict[str, Any] = loads(row["data"])
    data["_expires"] = row["expires"]
    return data


def check_code(ctx: RequestContext, user: users.User, purpose: str, code: str) -> tuple[str, dict[str, Any]]:
    """Check ``code`` for ``purpose``: ("ok", data) consumes it; else ("missing" | "mismatch" | "expired", {})."""
    row = ctx.store.one(
        "SELECT digest, expires, data FROM codes WHERE pool_id = ? AND username_key = ? AND purpose = ?",
        (user.pool_id, user.username_key, purpose),
    )
    if row is None:
        # Still spend the HMAC, so a missing code takes as long as a wrong one.
        _digest(ctx, user.pool_id, user.username_key, purpose, code)
        return "missing", {}
    candidate = _digest(ctx, user.pool_id, user.username_key, purpose, code)
    if not hmac.compare_digest(candidate.encode(), str(row["digest"]).encode()):
        return "mismatch", {}
    if row["expires"] <= ctx.now:
        return "expired", {}
    drop_code(ctx, user, purpose)
    return "ok", loads(row["data"])


def drop_code(ctx: RequestContext, user: users.User, purpose: str) -> None:
    ctx.store.run(
        "DELETE FROM codes WHERE pool_id = ? AND username_key = ? AND purpose = ?",
        (user.pool_id, user.username_key, purpose),
    )


def require_code(ctx: RequestContext, user: users.User, purpose: str, code: str) -> dict[str, Any]:
    """``check_code`` raising AWS's errors: CodeMismatchException, or ExpiredCodeException."""
    outcome, data = check_code(ctx, user, purpose, code)
    if outcome == "ok":
        return data
    if outcome == "mismatch":
        raise AwsError("CodeMismatchException", CODE_MISMATCH)
    raise AwsError("ExpiredCodeException", CODE_EXPIRED)


# -- per-user quotas ----------------------------------------------------------------------------------


def count_attempt(ctx: RequestContext, user: users.User, operation: str) -> None:
    """Count one call of ``operation`` by ``user``, kept even when the operation then fails (a wrong code
    uses up the quota); LimitExceededException once the hourly quota is used."""
    limit = QUOTAS[operation]
    used = ctx.store.value(
        "SELECT COUNT(*) FROM code_attempts WHERE pool_id = ? AND username_key = ? AND operation = ? AND at > ?",
        (user.pool_id, user.username_key, operation, ctx.now - HOUR),
    )
    if int(used or 0) >= limit:
        raise limit_exceeded(LIMIT_MESSAGE)
    pool_id, key, now = user.pool_id, user.username_key, ctx.now

    def record() -> None:
        ctx.store.run(
            "DELETE FROM code_attempts WHERE pool_id = ? AND username_key = ? AND at <= ?", (pool_id, key, now - HOUR)
        )
        ctx.store.run(
            "INSERT INTO code_attempts (pool_id, username_key, operation, at) VALUES (?, ?, ?, ?)",
            (pool_id, key, operation, now),
        )

    ctx.keep(record)


# -- delivery ----------------------------------------------------------------------------------------


def verification_templates(pool: dict[str, Any]) -> dict[str, str]:
    """The pool's verification message templates, AWS's defaults filled in."""
    template = pool.get("VerificationMessageTemplate") or {}
    return {
        "EmailSubject": template.get("EmailSubject") or pool.get("EmailVerificationSubject") or DEFAULT_EMAIL_SUBJECT,
        "EmailMessage": template.get("EmailMessage") or pool.get("EmailVerificationMessage") or DEFAULT_EMAIL_MESSAGE,
        "SmsMessage": template.get("SmsMessage") or pool.get("SmsVerificationMessage") or DEFAULT_SMS_MESSAGE,
        "EmailSubjectByLink": template.get("EmailSubjectByLink") or DEFAULT_LINK_SUBJECT,
        "EmailMessageByLink": template.get("EmailMessageByLink") or DEFAULT_LINK_MESSAGE,
        "DefaultEmailOption": template.get("DefaultEmailOption") or "CONFIRM_WITH_CODE",
    }


def send_code(
    ctx: RequestContext,
    pool: dict[str, Any],
    user: users.User,
    attribute: str,
    destination: str,
    code: str,
    *,
    link_client_id: str | None = None,
    source: str = "SignUp",
    client_id: str | None = None,
    client_metadata: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Deliver ``code`` to the email or phone number ``destination``; CodeDeliveryDetailsType.

    ``source`` is the CustomMessage / custom sender trigger source (SignUp, ResendCode, ForgotPassword,
    UpdateUserAttribute, VerifyUserAttribute); the triggers may customise or take over the delivery.
    """
    templates = verification_templates(pool)
    channel = "SMS" if attribute == "phone_number" else "EMAIL"
    if channel == "SMS":
        body = templates["SmsMessage"].replace("{####}", code)
        subject = None
    elif link_client_id and templates["DefaultEmailOption"] == "CONFIRM_WITH_LINK":
        query = urlencode({"client_id": link_client_id, "user_name": user.username, "confirmation_code": code})
        link = f"{ctx.base_url}/confirmUser?{query}"
        body = _replace_link(templates["EmailMessageByLink"], link)
        subject = templates["EmailSubjectByLink"]
    else:
        body = templates["EmailMessage"].replace("{####}", code).replace("{username}", user.username)
        subject = templates["EmailSubject"]
    flow_hooks.deliver(
        ctx,
        pool,
        user,
        source=source,
        channel=channel,
        destination=destination,
        body=body,
        subject=subject,
        code=code,
        client_id=client_id or link_client_id,
        client_metadata=client_metadata,
    )
    return messaging.delivery_details(channel, destination, attribute)


def _replace_link(template: str, link: str) -> str:
    start = template.find("{##")
    end = template.find("##}", start + 3)
    if start < 0 or end < 0:
        return f"{template} {link}"
    text = template[start + 3 : end]
    return f'{template[:start]}<a href="{link}">{text}</a>{template[end + 3 :]}'


# -- password recovery ------------------------------------------------------------------------------


def recovery_mechanisms(pool: dict[str, Any]) -> list[dict[str, Any]]:
    setting = pool.get("AccountRecoverySetting") or {}
    mechanisms = list(setting.get("RecoveryMechanisms") or [])
    if not mechanisms:
        # No AccountRecoverySetting: AWS's legacy order, a verified phone number before a verified email.
        mechanisms = [
            {"Priority": 1, "Name": "verified_phone_number"},
            {"Priority": 2, "Name": "verified_email"},
        ]
    return mechanisms


def admin_only(pool: dict[str, Any]) -> bool:
    """Whether only an administrator may reset passwords (AccountRecoverySetting ``admin_only``)."""
    return any(m.get("Name") == "admin_only" for m in recovery_mechanisms(pool))


def recovery_attribute(pool: dict[str, Any], user: users.User) -> str | None:
    """The attribute ("email" or "phone_number") a password-reset code goes to: the first verified one in
    the priority order of the pool's AccountRecoverySetting; None when the user has none."""
    for mechanism in sorted(recovery_mechanisms(pool), key=lambda m: int(m.get("Priority", 0))):
        attribute = {"verified_email": "email", "verified_phone_number": "phone_number"}.get(str(mechanism.get("Name")))
        if attribute and user.attrs.get(attribute) and user.attrs.get(f"{attribute}_verified") == "true":
            return attribute
    return None


def send_reset_code(
    ctx: RequestContext,
    pool: dict[str, Any],
    user: users.User,
    attribute: str,
    *,
    client_id: str | None = None,
    client_metadata: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A password-reset code to ``attribute``, replacing any earlier one: the one path ForgotPassword and
    AdminResetUserPassword share (both are ``CustomMessage_ForgotPassword`` to the triggers, and
    ConfirmForgotPassword takes either's code). CodeDeliveryDetailsType."""
    code = store_code(ctx, user, "forgot", ttl=FORGOT_CODE_TTL, data={"attribute": attribute})
    return send_code(
        ctx,
        pool,
        user,
        attribute,
        user.attrs[attribute],
        code,
        source="ForgotPassword",
        client_id=client_id,
        client_metadata=client_metadata,
    )


NO_RECOVERY_DESTINATION = "Cannot reset password for the user as there is no registered/verified email or phone_number"
