"""Sign-up and account recovery: SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword and
ConfirmForgotPassword (their codes and quotas are codes.py's)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Any

from console.emulator.core import ids
from console.emulator.core import outbox as messaging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, not_authorized
from console.emulator.core.registry import idp
from console.emulator.user_pools.auth import sessions as auth_sessions

from . import activity, attributes, clients, codes, flow_hooks, passwords, pools, users

NOT_FOUND_FOR_CLIENT = "Username/client id combination not found."


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


# -- sign-up codes -----------------------------------------------------------------------------------


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
    h = hmac.new(codes.code_key(ctx), f"{pool['Id']}|{username.casefold()}".encode(), hashlib.sha256).hexdigest()
    if recovery:
        names = [m.get("Name") for m in sorted(codes.recovery_mechanisms(pool), key=lambda m: m.get("Priority", 0))]
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

    The format rules are AdminCreateUser's (``users.check_username_format``)."""
    sub = ids.sub()
    attribute = users.check_username_format(pool, username)
    if attribute is not None:
        attrs[attribute] = username
        return sub, sub
    return username, sub


def _passwordless_allowed(pool: dict[str, Any]) -> bool:
    factors = ((pool.get("Policies") or {}).get("SignInPolicy") or {}).get("AllowedFirstAuthFactors") or []
    return any(f in factors for f in ("EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"))


@idp("SignUp", public=True)
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
    users.alias_conflict(ctx, pool, None, attrs, creating=True)
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
        users.alias_conflict(ctx, pool, user, user.attrs, force=True)
    if answer.auto_confirm:
        user.status = "CONFIRMED"
    if password is not None:
        user.secret = passwords.set_password(pool, username, password, {}, now=ctx.now, temporary=False)
    users.insert(ctx, pool, user)
    flow_hooks.record(ctx, pool, user, "SignUp", "Pass", assessment=assessment, client=client)
    activity.succeeded(ctx, "SignUpSuccesses", pool["Id"], client.get("ClientId") if client else None)
    out: dict[str, Any] = {"UserConfirmed": user.status == "CONFIRMED", "UserSub": sub}
    target = auto_verify_target(pool, attrs) if user.status != "CONFIRMED" else None
    if target is not None:
        code = codes.store_code(ctx, user, "signup", ttl=codes.SIGNUP_CODE_TTL, data={"attribute": target})
        out["CodeDeliveryDetails"] = codes.send_code(
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
    ttl = _session_ttl(client) if user.status == "CONFIRMED" else codes.SIGNUP_CODE_TTL
    out["Session"] = _new_signup_session(ctx, user, client["ClientId"], stage, ttl)
    return out


# -- ConfirmSignUp ------------------------------------------------------------------------------------


@idp("ConfirmSignUp", public=True)
def confirm_sign_up(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client, pool = client_and_pool(ctx, req)
    user = users.find(ctx, pool, req["Username"], sub=True)
    if user is None:
        if prevents_existence_errors(client):
            raise AwsError("CodeMismatchException", codes.CODE_MISMATCH)
        raise AwsError("UserNotFoundException", NOT_FOUND_FOR_CLIENT)
    codes.count_attempt(ctx, user, "ConfirmSignUp")
    if user.status != "UNCONFIRMED":
        raise not_authorized(f"User cannot be confirmed. Current status is {user.status}")
    data = codes.require_code(ctx, user, "signup", req["ConfirmationCode"])
    if req.get("Session"):
        # A sign-up session only ever belongs to the user it was issued for; anything else is refused.
        key = _take_signup_session(ctx, pool["Id"], client["ClientId"], req["Session"], "signed_up")
        if key != user.username_key:
            raise not_authorized("Invalid session for the user.")
    user.status = "CONFIRMED"
    attribute = data.get("attribute")
    if attribute and user.attrs.get(attribute):
        user.attrs[f"{attribute}_verified"] = "true"
    users.alias_conflict(ctx, pool, user, user.attrs, force=bool(req.get("ForceAliasCreation")))
    users.save(ctx, pool, user)
    flow_hooks.post_confirmation(
        ctx, pool, client["ClientId"], user, source="ConfirmSignUp", client_metadata=req.get("ClientMetadata")
    )
    return {"Session": _new_signup_session(ctx, user, client["ClientId"], "confirmed", _session_ttl(client))}


# -- ResendConfirmationCode ---------------------------------------------------------------------------


@idp("ResendConfirmationCode", public=True)
def resend_confirmation_code(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client, pool = client_and_pool(ctx, req)
    user = users.find(ctx, pool, req["Username"], sub=True)
    if user is None:
        if prevents_existence_errors(client):
            return {"CodeDeliveryDetails": simulated_delivery(ctx, pool, req["Username"], recovery=False)}
        raise AwsError("UserNotFoundException", NOT_FOUND_FOR_CLIENT)
    if user.status == "CONFIRMED":
        raise invalid_parameter("User is already confirmed.")
    target = auto_verify_target(pool, user.attrs)
    if target is None:
        raise invalid_parameter("Cannot resend codes. Auto verification not turned on.")
    codes.count_attempt(ctx, user, "ResendConfirmationCode")
    code = codes.store_code(ctx, user, "signup", ttl=codes.SIGNUP_CODE_TTL, data={"attribute": target})
    details = codes.send_code(
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


@idp("ForgotPassword", public=True)
def forgot_password(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client, pool = client_and_pool(ctx, req)
    hide = prevents_existence_errors(client)
    user = users.find(ctx, pool, req["Username"], sub=True)
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
    if codes.admin_only(pool):
        raise not_authorized("Contact administrator to reset password.")
    attribute = codes.recovery_attribute(pool, user)
    if attribute is None:
        raise invalid_parameter(codes.NO_RECOVERY_DESTINATION)
    details = codes.send_reset_code(
        ctx, pool, user, attribute, client_id=client["ClientId"], client_metadata=req.get("ClientMetadata")
    )
    flow_hooks.record(ctx, pool, user, "ForgotPassword", "Pass", client=client)
    return {"CodeDeliveryDetails": details}


def _require_reset_code(ctx: RequestContext, user: users.User, code: str) -> None:
    """The code of ForgotPassword or AdminResetUserPassword, consumed when it matches."""
    codes.require_code(ctx, user, "forgot", code)


def set_new_password(ctx: RequestContext, pool: dict[str, Any], user: users.User, password: str) -> None:
    """Policy ("does not conform to" wording), PasswordHistorySize, then the new verifier."""
    passwords.enforce_policy(pool, password)
    size = int(passwords.policy_of(pool).get("PasswordHistorySize") or 0)
    if size and passwords.in_history(pools.pool_suffix(pool["Id"]), user.username, password, user.secret, size):
        raise passwords.history_violation()
    user.secret = passwords.set_password(pool, user.username, password, user.secret, now=ctx.now, temporary=False)


@idp("ConfirmForgotPassword", public=True)
def confirm_forgot_password(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client, pool = client_and_pool(ctx, req)
    hide = prevents_existence_errors(client)
    user = users.find(ctx, pool, req["Username"], sub=True)
    if user is None or (hide and not user.enabled):
        if hide:
            raise AwsError("CodeMismatchException", codes.CODE_MISMATCH)
        raise AwsError("UserNotFoundException", NOT_FOUND_FOR_CLIENT)
    codes.count_attempt(ctx, user, "ConfirmForgotPassword")
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
