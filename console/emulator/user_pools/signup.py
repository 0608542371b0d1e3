"""Sign-up and account recovery: SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword,
ConfirmForgotPassword; and the one-time codes every self-service operation sends.

Codes (sign-up confirmation, forgotten password, attribute verification, SMS / email MFA) are stored
only as an HMAC under a server key (table ``codes``), one live code per user and purpose, compared in
constant time and deleted once used. Sign-up and attribute-verification codes last 24 hours, password
reset codes one hour (AWS's documented lifetimes).

Per-user quotas (AWS's limits page): attempts are recorded in ``code_attempts`` and kept even when the
operation fails, which is what makes a limit on wrong codes possible: handlers that count attempts are
``keeps_attempts`` handlers, which roll their own writes back on error but commit the attempt.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from console.emulator.core import ids, invocations
from console.emulator.core import outbox as messaging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, limit_exceeded, not_authorized
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps, loads
from console.emulator.user_pools.auth import sessions as auth_sessions

from . import admin_users, attributes, clients, flow_hooks, passwords, pools, users

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
NOT_FOUND_FOR_CLIENT = "Username/client id combination not found."

DEFAULT_EMAIL_SUBJECT = "Your verification code"
DEFAULT_EMAIL_MESSAGE = "Your verification code is {####}. "
DEFAULT_SMS_MESSAGE = "Your verification code is {####}. "
DEFAULT_LINK_SUBJECT = "Your verification link"
DEFAULT_LINK_MESSAGE = "Please click the link below to verify your email address. {##Verify Email##} "


# -- codes --------------------------------------------------------------------------------------------


def _code_key(ctx: RequestContext) -> bytes:
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
    return hmac.new(_code_key(ctx), message, hashlib.sha256).hexdigest()


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

Attempts = list[tuple[str, str, str, float]]


def count_attempt(ctx: RequestContext, attempts: Attempts, user: users.User, operation: str) -> None:
    """Record one call of ``operation`` by ``user``; LimitExceededException once the hourly quota is used."""
    limit = QUOTAS[operation]
    used = ctx.store.value(
        "SELECT COUNT(*) FROM code_attempts WHERE pool_id = ? AND username_key = ? AND operation = ? AND at > ?",
        (user.pool_id, user.username_key, operation, ctx.now - HOUR),
    )
    if int(used or 0) >= limit:
        raise limit_exceeded(LIMIT_MESSAGE)
    attempts.append((user.pool_id, user.username_key, operation, ctx.now))


def keeps_attempts(
    fn: Callable[[RequestContext, dict[str, Any], Attempts], dict[str, Any] | None],
) -> Callable[..., Any]:
    """Run ``fn`` in one transaction whose own writes roll back on an AWS error, but whose counted
    attempts are committed either way (a wrong code still uses up the quota)."""

    @functools.wraps(fn)
    async def handler(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any] | None:
        attempts: Attempts = []
        error: AwsError | None = None
        result: dict[str, Any] | None = None
        with ctx.store.tx():
            ctx.store.run("SAVEPOINT handler")
            try:
                result = fn(ctx, req, attempts)
            except AwsError as exc:
                error = exc
                ctx.store.run("ROLLBACK TO handler")
            ctx.store.run("RELEASE handler")
            flow_hooks.run_after(ctx)
            if attempts:
                ctx.store.run(
                    "DELETE FROM code_attempts WHERE pool_id = ? AND username_key = ? AND at <= ?",
                    (attempts[0][0], attempts[0][1], ctx.now - HOUR),
                )
                ctx.store.run_many(
                    "INSERT INTO code_attempts (pool_id, username_key, operation, at) VALUES (?, ?, ?, ?)",
                    attempts,
                )
        if error is not None:
            raise error
        return result

    return handler


# -- app clients --------------------------------------------------------------------------------------


def check_secret_hash(ctx: RequestContext, client: dict[str, Any], username: str, secret_hash: str | None) -> None:
    """SECRET_HASH = Base64(HMAC-SHA256(client secret, username + client id)) for clients with a secret;
    NotAuthorizedException with AWS's messages (auth_sessions holds the one implementation)."""
    auth_sessions.check_secret_hash(ctx, client, secret_hash, username)


def client_and_pool(ctx: RequestContext, req: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The app client named by ``ClientId`` and its pool, after the SECRET_HASH check."""
    client = clients.get_client(ctx, req["ClientId"])
    pool = pools.get_pool(ctx, client["UserPoolId"])
    check_secret_hash(ctx, client, req["Username"], req.get("SecretHash"))
    return client, pool


prevents_existence_errors = auth_sessions.prevents_existence_errors


# -- messages -----------------------------------------------------------------------------------------


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


def auto_verify_target(pool: dict[str, Any], attrs: dict[str, str]) -> str | None:
    """Which attribute a sign-up code goes to: the phone number before the email, as AWS sends it."""
    auto = pool.get("AutoVerifiedAttributes") or []
    if "phone_number" in auto and attrs.get("phone_number"):
        return "phone_number"
    if "email" in auto and attrs.get("email"):
        return "email"
    return None


def simulated_delivery(ctx: RequestContext, pool: dict[str, Any], username: str, *, recovery: bool) -> dict[str, Any]:
    """A plausible, stable CodeDeliveryDetails for a user that does not exist (PreventUserExistenceErrors)."""
    if attributes.is_email(username):
        return messaging.delivery_details("EMAIL", username, "email")
    if attributes.is_phone(username):
        return messaging.delivery_details("SMS", username, "phone_number")
    h = hmac.new(_code_key(ctx), f"{pool['Id']}|{username.casefold()}".encode(), hashlib.sha256).hexdigest()
    if recovery:
        names = [m.get("Name") for m in sorted(_recovery(pool), key=lambda m: m.get("Priority", 0))]
        channel = "SMS" if names and names[0] == "verified_phone_number" else "EMAIL"
    else:
        channel = "SMS" if "phone_number" in (pool.get("AutoVerifiedAttributes") or []) else "EMAIL"
    if channel == "SMS":
        digits = str(int(h[:8], 16))[-4:].rjust(4, "0")
        return messaging.delivery_details("SMS", "+1555555" + digits, "phone_number")
    letters = "abcdefghijklmnopqrstuvwxyz"
    fake = f"{letters[int(h[0:2], 16) % 26]}x@{letters[int(h[2:4], 16) % 26]}x.com"
    return messaging.delivery_details("EMAIL", fake, "email")


# -- sign-up sessions (sign-in straight after confirmation) ---------------------------------------------


def _session_digest(session: str) -> str:
    return hashlib.sha256(session.encode()).hexdigest()


def _new_signup_session(ctx: RequestContext, user: users.User, client_id: str, stage: str, ttl: float) -> str:
    session = base64.urlsafe_b64encode(secrets.token_bytes(48)).decode().rstrip("=")
    ctx.store.run(
        "DELETE FROM signup_sessions WHERE expires <= ?",
        (ctx.now,),
    )
    ctx.store.run(
        "INSERT INTO signup_sessions (digest, pool_id, username_key, client_id, stage, expires)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (_session_digest(session), user.pool_id, user.username_key, client_id, stage, ctx.now + ttl),
    )
    return session


def _take_signup_session(ctx: RequestContext, pool_id: str, client_id: str, session: str, stage: str) -> str | None:
    """The username key a live session of ``stage`` was issued for (consumed), or None."""
    digest = _session_digest(session)
    row = ctx.store.one(
        "SELECT pool_id, username_key, client_id, stage, expires FROM signup_sessions WHERE digest = ?",
        (digest,),
    )
    if row is None:
        return None
    ctx.store.run("DELETE FROM signup_sessions WHERE digest = ?", (digest,))
    if row["pool_id"] != pool_id or row["client_id"] != client_id or row["stage"] != stage:
        return None
    if row["expires"] <= ctx.now:
        return None
    return str(row["username_key"])


def consume_signup_session(
    ctx: RequestContext, pool: dict[str, Any], client_id: str, session: str, username: str | None = None
) -> users.User | None:
    """For InitiateAuth USER_AUTH with the Session of a ConfirmSignUp: the user it signs in, or None.

    Single use; the session must come from ConfirmSignUp through the same app client, be unexpired
    (the client's AuthSessionValidity), and name the same user as ``username`` when one is given.
    """
    key = _take_signup_session(ctx, pool["Id"], client_id, session, "confirmed")
    if key is None:
        return None
    user = users.by_key(ctx, pool["Id"], key)
    if user is None:
        return None
    if username is not None:
        named = users.find(ctx, pool, username)
        if named is None or named.username_key != user.username_key:
            return None
    return user


def _session_ttl(client: dict[str, Any]) -> float:
    return float(int(client.get("AuthSessionValidity") or 3) * 60)


# -- SignUp -------------------------------------------------------------------------------------------


def _username_for_sign_up(pool: dict[str, Any], username: str, attrs: dict[str, str]) -> tuple[str, str]:
    """(stored username, sub) for a new user; for email/phone-as-username pools the username is the sub.

    The format rules are AdminCreateUser's (``admin_users.check_username_format``)."""
    sub = ids.sub()
    attribute = admin_users.check_username_format(pool, username)
    if attribute is not None:
        attrs[attribute] = username
        return sub, sub
    return username, sub


def _passwordless_allowed(pool: dict[str, Any]) -> bool:
    factors = ((pool.get("Policies") or {}).get("SignInPolicy") or {}).get("AllowedFirstAuthFactors") or []
    return any(f in factors for f in ("EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"))


@idp("SignUp", public=True)
@flow_hooks.survives
def sign_up(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client, pool = client_and_pool(ctx, req)
    given = attributes.as_dict(req.get("UserAttributes"))
    # Verification flags are Cognito's to set, never the signing-up user's.
    raw = {k: v for k, v in given if k not in ("email_verified", "phone_number_verified")}
    username, sub = _username_for_sign_up(pool, req["Username"], raw)
    password = req.get("Password")
    if password is None:
        if not _passwordless_allowed(pool):
            raise invalid_parameter("Password is required.")
    else:
        passwords.enforce_policy(pool, password, sign_up=True)
    attrs = attributes.validate_attributes(pool, raw, op="SignUp", admin=False, creating=True)
    attributes.check_client_writable(client, [k for k, _ in given])
    attrs = {k: v for k, v in attrs.items() if v}
    user = users.User(
        pool_id=pool["Id"],
        username=username,
        username_key=users.username_key(pool, username),
        sub=sub,
        status="UNCONFIRMED",
        enabled=True,
        created=ctx.now,
        modified=ctx.now,
        attrs=attrs,
    )
    if users.by_key(ctx, pool["Id"], user.username_key) is not None:
        raise AwsError("UsernameExistsException", "User already exists")
    attributes.alias_conflict(ctx, pool, None, attrs, creating=True)
    flow_hooks.begin(ctx, req, client)
    assessment = None
    if password is not None:
        assessment = flow_hooks.password_risk(ctx, pool, client, user, password, event="SIGN_UP", event_type="SignUp")
    answer = flow_hooks.pre_sign_up(ctx, pool, client["ClientId"], user, req, source="SignUp")
    if answer.auto_verify_email:
        user.attrs["email_verified"] = "true"
    if answer.auto_verify_phone:
        user.attrs["phone_number_verified"] = "true"
    if answer.auto_verify_email or answer.auto_verify_phone:
        # An auto-verified alias moves to the new user; the previous owner's copy becomes unverified.
        attributes.alias_conflict(ctx, pool, user, user.attrs, force=True)
    if answer.auto_confirm:
        user.status = "CONFIRMED"
    if password is not None:
        user.secret = passwords.set_password(pool, username, password, {}, now=ctx.now, temporary=False)
    users.insert(ctx, pool, user)
    flow_hooks.record(ctx, pool, user, "SignUp", "Pass", assessment=assessment, client=client)
    out: dict[str, Any] = {"UserConfirmed": user.status == "CONFIRMED", "UserSub": sub}
    target = auto_verify_target(pool, attrs) if user.status != "CONFIRMED" else None
    if target is not None:
        code = store_code(ctx, user, "signup", ttl=SIGNUP_CODE_TTL, data={"attribute": target})
        out["CodeDeliveryDetails"] = send_code(
            ctx,
            pool,
            user,
            target,
            attrs[target],
            code,
            link_client_id=client["ClientId"],
            source="SignUp",
            client_metadata=req.get("ClientMetadata"),
        )
    stage = "confirmed" if user.status == "CONFIRMED" else "signed_up"
    ttl = _session_ttl(client) if user.status == "CONFIRMED" else SIGNUP_CODE_TTL
    out["Session"] = _new_signup_session(ctx, user, client["ClientId"], stage, ttl)
    return out


# -- ConfirmSignUp ------------------------------------------------------------------------------------


@idp("ConfirmSignUp", public=True)
@keeps_attempts
def confirm_sign_up(ctx: RequestContext, req: dict[str, Any], attempts: Attempts) -> dict[str, Any]:
    client, pool = client_and_pool(ctx, req)
    user = users.find(ctx, pool, req["Username"])
    if user is None:
        if prevents_existence_errors(client):
            raise AwsError("CodeMismatchException", CODE_MISMATCH)
        raise AwsError("UserNotFoundException", NOT_FOUND_FOR_CLIENT)
    count_attempt(ctx, attempts, user, "ConfirmSignUp")
    if user.status != "UNCONFIRMED":
        raise not_authorized(f"User cannot be confirmed. Current status is {user.status}")
    data = require_code(ctx, user, "signup", req["ConfirmationCode"])
    if req.get("Session"):
        # A sign-up session only ever belongs to the user it was issued for; anything else is refused.
        key = _take_signup_session(ctx, pool["Id"], client["ClientId"], req["Session"], "signed_up")
        if key != user.username_key:
            raise not_authorized("Invalid session for the user.")
    user.status = "CONFIRMED"
    attribute = data.get("attribute")
    if attribute and user.attrs.get(attribute):
        user.attrs[f"{attribute}_verified"] = "true"
    attributes.alias_conflict(ctx, pool, user, user.attrs, force=bool(req.get("ForceAliasCreation")))
    users.save(ctx, pool, user)
    flow_hooks.post_confirmation(
        ctx, pool, client["ClientId"], user, source="ConfirmSignUp", client_metadata=req.get("ClientMetadata")
    )
    return {"Session": _new_signup_session(ctx, user, client["ClientId"], "confirmed", _session_ttl(client))}


# -- ResendConfirmationCode ---------------------------------------------------------------------------


@idp("ResendConfirmationCode", public=True)
@keeps_attempts
def resend_confirmation_code(ctx: RequestContext, req: dict[str, Any], attempts: Attempts) -> dict[str, Any]:
    client, pool = client_and_pool(ctx, req)
    user = users.find(ctx, pool, req["Username"])
    if user is None:
        if prevents_existence_errors(client):
            return {"CodeDeliveryDetails": simulated_delivery(ctx, pool, req["Username"], recovery=False)}
        raise AwsError("UserNotFoundException", NOT_FOUND_FOR_CLIENT)
    if user.status == "CONFIRMED":
        raise invalid_parameter("User is already confirmed.")
    target = auto_verify_target(pool, user.attrs)
    if target is None:
        raise invalid_parameter("Cannot resend codes. Auto verification not turned on.")
    count_attempt(ctx, attempts, user, "ResendConfirmationCode")
    code = store_code(ctx, user, "signup", ttl=SIGNUP_CODE_TTL, data={"attribute": target})
    details = send_code(
        ctx,
        pool,
        user,
        target,
        user.attrs[target],
        code,
        link_client_id=client["ClientId"],
        source="ResendCode",
        client_metadata=req.get("ClientMetadata"),
    )
    flow_hooks.begin(ctx, req, client)
    flow_hooks.record(ctx, pool, user, "ResendCode", "Pass", client=client)
    return {"CodeDeliveryDetails": details}


# -- ForgotPassword / ConfirmForgotPassword -------------------------------------------------------------


def _recovery(pool: dict[str, Any]) -> list[dict[str, Any]]:
    setting = pool.get("AccountRecoverySetting") or {}
    mechanisms = list(setting.get("RecoveryMechanisms") or [])
    if not mechanisms:
        # No AccountRecoverySetting: AWS's legacy order, a verified phone number before a verified email.
        mechanisms = [
            {"Priority": 1, "Name": "verified_phone_number"},
            {"Priority": 2, "Name": "verified_email"},
        ]
    return mechanisms


def recovery_destination(pool: dict[str, Any], user: users.User) -> str:
    """The attribute a password-reset code goes to, per the pool's AccountRecoverySetting."""
    for mechanism in sorted(_recovery(pool), key=lambda m: int(m.get("Priority", 0))):
        name = mechanism.get("Name")
        if name == "admin_only":
            raise not_authorized("Contact administrator to reset password.")
        attribute = {"verified_email": "email", "verified_phone_number": "phone_number"}.get(str(name))
        if attribute and user.attrs.get(attribute) and user.attrs.get(f"{attribute}_verified") == "true":
            return attribute
    raise invalid_parameter(
        "Cannot reset password for the user as there is no registered/verified email or phone_number"
    )


@idp("ForgotPassword", public=True)
def forgot_password(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client, pool = client_and_pool(ctx, req)
    hide = prevents_existence_errors(client)
    user = users.find(ctx, pool, req["Username"])
    flow_hooks.begin(ctx, req, client)
    if user is None:
        user = flow_hooks.migrate_user(
            ctx,
            pool,
            client,
            req["Username"],
            password=None,
            source="ForgotPassword",
            client_metadata=req.get("ClientMetadata"),
        )
    if user is None or (hide and not user.enabled):
        if hide:
            return {"CodeDeliveryDetails": simulated_delivery(ctx, pool, req["Username"], recovery=True)}
        raise AwsError("UserNotFoundException", NOT_FOUND_FOR_CLIENT)
    if not user.enabled:
        raise not_authorized("User is disabled.")
    if user.status == "FORCE_CHANGE_PASSWORD":
        raise not_authorized("User password cannot be reset in the current state.")
    attribute = recovery_destination(pool, user)
    code = store_code(ctx, user, "forgot", ttl=FORGOT_CODE_TTL, data={"attribute": attribute})
    if user.secret.pop("forgot_password", None) is not None:  # a newer code replaces an admin reset's
        users.save_secret(ctx, user)
    details = send_code(
        ctx,
        pool,
        user,
        attribute,
        user.attrs[attribute],
        code,
        source="ForgotPassword",
        client_id=client["ClientId"],
        client_metadata=req.get("ClientMetadata"),
    )
    flow_hooks.record(ctx, pool, user, "ForgotPassword", "Pass", client=client)
    return {"CodeDeliveryDetails": details}


def history_violation() -> AwsError:
    return AwsError("PasswordHistoryPolicyViolationException", admin_users.PASSWORD_HISTORY_MESSAGE)


def _require_reset_code(ctx: RequestContext, user: users.User, code: str) -> None:
    """The code of ForgotPassword, or of AdminResetUserPassword (kept by admin_users in the user's
    secret document as a SHA-256 digest); consumed when it matches."""
    outcome, _ = check_code(ctx, user, "forgot", code)
    admin_reset = user.secret.get("forgot_password") or {}
    if outcome != "ok" and admin_reset.get("code_sha256"):
        candidate = hashlib.sha256(code.encode()).hexdigest()
        if hmac.compare_digest(candidate.encode(), str(admin_reset["code_sha256"]).encode()):
            outcome = "ok" if float(admin_reset.get("expires") or 0) > ctx.now else "expired"
        elif outcome == "missing":
            outcome = "mismatch"
    if outcome == "mismatch":
        raise AwsError("CodeMismatchException", CODE_MISMATCH)
    if outcome != "ok":
        raise AwsError("ExpiredCodeException", CODE_EXPIRED)
    drop_code(ctx, user, "forgot")
    user.secret.pop("forgot_password", None)


def set_new_password(ctx: RequestContext, pool: dict[str, Any], user: users.User, password: str) -> None:
    """Policy ("does not conform to" wording), PasswordHistorySize, then the new verifier."""
    passwords.enforce_policy(pool, password)
    size = int(passwords.policy_of(pool).get("PasswordHistorySize") or 0)
    if size and passwords.in_history(pools.pool_suffix(pool["Id"]), user.username, password, user.secret, size):
        raise history_violation()
    user.secret = passwords.set_password(pool, user.username, password, user.secret, now=ctx.now, temporary=False)


@idp("ConfirmForgotPassword", public=True)
@keeps_attempts
def confirm_forgot_password(ctx: RequestContext, req: dict[str, Any], attempts: Attempts) -> dict[str, Any]:
    client, pool = client_and_pool(ctx, req)
    hide = prevents_existence_errors(client)
    user = users.find(ctx, pool, req["Username"])
    if user is None or (hide and not user.enabled):
        if hide:
            raise AwsError("CodeMismatchException", CODE_MISMATCH)
        raise AwsError("UserNotFoundException", NOT_FOUND_FOR_CLIENT)
    count_attempt(ctx, attempts, user, "ConfirmForgotPassword")
    if not user.enabled:
        raise not_authorized("User is disabled.")
    if user.status == "UNCONFIRMED":
        raise AwsError("UserNotConfirmedException", "User is not confirmed.")
    _require_reset_code(ctx, user, req["ConfirmationCode"])
    flow_hooks.begin(ctx, req, client)
    assessment = flow_hooks.password_risk(
        ctx, pool, client, user, req["Password"], event="PASSWORD_CHANGE", event_type="PasswordChange"
    )
    set_new_password(ctx, pool, user, req["Password"])
    user.status = "CONFIRMED"
    users.save(ctx, pool, user)
    flow_hooks.record(ctx, pool, user, "PasswordChange", "Pass", assessment=assessment, client=client)
    flow_hooks.post_confirmation(
        ctx, pool, client["ClientId"], user, source="ConfirmForgotPassword", client_metadata=req.get("ClientMetadata")
    )
    return {}
