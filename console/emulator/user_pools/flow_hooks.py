"""Where the account and sign-in flows meet triggers, threat protection and auth events.

The flows (signup, admin_users, self_service, mfa, auth) call these small functions so that each hook is
one line in the flow:

- ``deliver``: every code/invitation message. The CustomMessage trigger (every trigger source)
  customises it; a configured CustomEmailSender / CustomSMSSender replaces the outbox delivery.
- ``pre_sign_up``, ``post_confirmation``: the PreSignUp and PostConfirmation triggers.
- ``password_risk``: compromised-credentials detection for SIGN_UP and PASSWORD_CHANGE (SignUp,
  ChangePassword, ConfirmForgotPassword), BLOCK or NO_ACTION per the client's or pool's
  CompromisedCredentialsRiskConfiguration, never blocking in AUDIT mode.
- ``record`` / ``record_later``: auth events (``auth_events.record_event``) with EventRisk and
  EventContextData from the request's UserContextData / ContextData.
- sign-in (auth/): ``begin``, ``sign_in_risk``, ``forced_mfa``, ``signed_in``, ``sign_in_failed`` and
  ``migrate_user``. (The Pre Token Generation trigger is pre_token.py's.)

A failed attempt raises and rolls the request's transaction back, but its auth event must be kept: the
hooks hand it to ``ctx.keep`` (core/transaction.py). An event whose user does not exist after the
rollback (a blocked sign-up) still goes to the pool's CloudWatch log group, as it has no user to belong
to in AdminListUserAuthEvents.

The error for a compromised password blocked on SIGN_UP / PASSWORD_CHANGE is not documented [U]:
``InvalidPasswordException`` "Password is compromised, please choose another password." here. A
compromised password blocked on SIGN_IN sets the user RESET_REQUIRED (documented) and answers
NotAuthorizedException "Unable to login because of security reasons." [U].
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from console.emulator.cloudwatch_logs import delivery
from console.emulator.core import ids
from console.emulator.core import outbox as messaging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter

from . import activity, attributes, auth_events, mfa_settings, passwords, pools, risk, triggers, users

COMPROMISED_MESSAGE = "Password is compromised, please choose another password."

# -- request context --------------------------------------------------------------------------------


def begin(ctx: RequestContext, req: Mapping[str, Any], client: Mapping[str, Any] | None = None) -> None:
    """Remember the request (its UserContextData / ContextData) and the app client for the hooks."""
    ctx.scratch.request = req
    ctx.scratch.client = client


def context_data(ctx: RequestContext, client: Mapping[str, Any] | None = None) -> dict[str, Any]:
    req = ctx.scratch.request
    return auth_events.event_context(ctx, req, client if client is not None else ctx.scratch.client)


def client_id_of(client: Mapping[str, Any] | str | None) -> str | None:
    if client is None or isinstance(client, str):
        return client
    return client.get("ClientId")


# -- auth events ------------------------------------------------------------------------------------


def record(
    ctx: RequestContext,
    pool: Mapping[str, Any],
    user: users.User,
    event_type: str,
    response: str,
    *,
    assessment: Any = None,
    challenges: Iterable[Any] | None = None,
    client: Mapping[str, Any] | None = None,
) -> str | None:
    """Record one auth event now (inside the request's transaction)."""
    if auth_events.security_mode(pool) == "OFF":
        return None
    return auth_events.record_event(
        ctx,
        pool,
        user,
        event_type,
        response,
        assessment,
        challenges,
        context_data(ctx, client),
        client_id=client_id_of(client or ctx.scratch.client),
    )


def record_later(
    ctx: RequestContext,
    pool: Mapping[str, Any],
    user: users.User,
    event_type: str,
    response: str,
    *,
    assessment: Any = None,
    challenges: Iterable[Any] | None = None,
    client: Mapping[str, Any] | None = None,
) -> Callable[[], None]:
    """A closure recording the event after a rollback (the user re-read; log-only if it is gone)."""
    context = context_data(ctx, client)
    client_id = client_id_of(client or ctx.scratch.client)

    def write() -> None:
        if auth_events.security_mode(pool) == "OFF":
            return
        fresh = users.by_key(ctx, user.pool_id, user.username_key)
        if fresh is not None:
            auth_events.record_event(
                ctx, pool, fresh, event_type, response, assessment, challenges, context, client_id=client_id
            )
            return
        _log_only(ctx, pool, user, event_type, response, assessment, challenges, context, client_id)

    return write


def _log_only(
    ctx: RequestContext,
    pool: Mapping[str, Any],
    user: users.User,
    event_type: str,
    response: str,
    assessment: Any,
    challenges: Iterable[Any] | None,
    context: Mapping[str, Any],
    client_id: str | None,
) -> None:
    shown = {k: v for k, v in context.items() if k not in ("HasContextData", "DeviceKey") and v is not None}
    event = {
        "EventId": str(uuid.uuid4()),
        "EventType": event_type,
        "CreationDate": ctx.now,
        "EventResponse": response,
        "EventRisk": auth_events._risk_doc(assessment),
        "ChallengeResponses": auth_events._challenge_list(challenges),
        "EventContextData": shown,
        "UserSub": user.sub,
        "Username": user.username,
        "ClientId": client_id or "",
        "RequestId": ctx.request_id,
        "HasContextData": bool(context.get("HasContextData")),
    }
    delivery.deliver_auth_event(ctx, pool["Id"], event)


# -- threat protection ------------------------------------------------------------------------------


def assess(
    ctx: RequestContext,
    pool: Mapping[str, Any],
    client: Mapping[str, Any] | str | None,
    user: users.User | None,
    *,
    event: str,
    password: str | None,
) -> tuple[risk.RiskAssessment, risk.RiskAction, dict[str, Any]]:
    mode = auth_events.security_mode(pool)
    if mode == "OFF":
        return risk.NO_RISK, risk.RiskAction("NO_ACTION"), {}
    client_id = client_id_of(client) if not isinstance(client, str) else client
    config = risk.effective_config(ctx, pool["Id"], client_id)
    client_doc = client if isinstance(client, Mapping) else None
    assessment = risk.assess(ctx, pool, client_id, user, context_data(ctx, client_doc), event=event, password=password)
    return assessment, risk.decide_actions(config, assessment, mode), config


def password_risk(
    ctx: RequestContext,
    pool: Mapping[str, Any],
    client: Mapping[str, Any] | None,
    user: users.User,
    password: str,
    *,
    event: str,
    event_type: str,
) -> risk.RiskAssessment:
    """SIGN_UP / PASSWORD_CHANGE: raise (the Fail event kept) when a compromised password is blocked."""
    assessment, action, _ = assess(ctx, pool, client, user, event=event, password=password)
    if action.action == "BLOCK":
        ctx.keep(record_later(ctx, pool, user, event_type, "Fail", assessment=assessment, client=client))
        if action.cause == "compromised":
            raise AwsError("InvalidPasswordException", COMPROMISED_MESSAGE)
        raise risk.block_error(action)
    return assessment


# -- messages ---------------------------------------------------------------------------------------


def deliver(
    ctx: RequestContext,
    pool: dict[str, Any],
    user: users.User,
    *,
    source: str,
    channel: str,
    destination: str,
    body: str,
    subject: str | None,
    code: str | None,
    client_id: str | None = None,
    client_metadata: Mapping[str, str] | None = None,
    username_parameter: str | None = None,
    template: tuple[str | None, str | None] | None = None,
) -> None:
    """Deliver a message whose trigger source is ``source`` (``SignUp``, ``ForgotPassword``, ...).

    ``template`` is the (body, subject) before the code and username were filled in: CustomMessage's
    answer is such a template, in which ``{####}`` (and ``{username}``) are replaced.
    """
    if triggers.configured(pool, "CustomMessage") and code is not None:
        attrs = triggers.user_attributes(pool, user)
        request: dict[str, Any] = {
            "userAttributes": attrs,
            "codeParameter": "{####}",
            "usernameParameter": "{username}" if username_parameter is not None else None,
            "clientMetadata": dict(client_metadata or {}),
        }
        event = triggers.base_event(ctx, pool, client_id, user.username, f"CustomMessage_{source}", request)
        answered = triggers.invoke(ctx, pool, "CustomMessage", event) or {}
        response = answered.get("response") or {}
        custom = response.get("smsMessage") if channel == "SMS" else response.get("emailMessage")
        if custom:
            body = _fill(custom, code, username_parameter)
        if channel == "EMAIL" and response.get("emailSubject"):
            subject = _fill(response["emailSubject"], code, username_parameter)
    sender = "CustomSMSSender" if channel == "SMS" else "CustomEmailSender"
    if triggers.configured(pool, sender):
        event = triggers.sender_event(
            ctx,
            pool,
            client_id,
            user.username,
            f"{sender}_{source}",
            code=code,
            user_attrs=triggers.user_attributes(pool, user),
            client_metadata=dict(client_metadata or {}),
        )
        triggers.invoke(ctx, pool, sender, event)
        return
    messaging.send(
        ctx,
        pool_id=pool["Id"],
        username=user.username,
        channel=channel,
        destination=destination,
        body=body,
        subject=subject,
        code=code,
    )


def _fill(template: str, code: str | None, username_parameter: str | None) -> str:
    out = template.replace("{####}", code or "")
    if username_parameter is not None:
        out = out.replace("{username}", username_parameter)
    return out


# -- PreSignUp / PostConfirmation -------------------------------------------------------------------


@dataclass
class PreSignUpAnswer:
    auto_confirm: bool = False
    auto_verify_email: bool = False
    auto_verify_phone: bool = False


def _validation_data(req: Mapping[str, Any]) -> dict[str, str]:
    return {a["Name"]: a.get("Value", "") for a in req.get("ValidationData") or [] if "Name" in a}


def pre_sign_up(
    ctx: RequestContext,
    pool: dict[str, Any],
    client_id: str | None,
    user: users.User,
    req: Mapping[str, Any],
    *,
    source: str,
) -> PreSignUpAnswer:
    """PreSignUp_SignUp / PreSignUp_AdminCreateUser (whose response flags are ignored)."""
    if not triggers.configured(pool, "PreSignUp"):
        return PreSignUpAnswer()
    attrs = {k: str(v) for k, v in user.attrs.items()}
    request = {
        "userAttributes": attrs,
        "validationData": _validation_data(req),
        "clientMetadata": dict(req.get("ClientMetadata") or {}),
    }
    event = triggers.base_event(ctx, pool, client_id, user.username, f"PreSignUp_{source}", request)
    answered = triggers.invoke(ctx, pool, "PreSignUp", event) or {}
    if source != "SignUp":
        return PreSignUpAnswer()
    response = answered.get("response") or {}
    answer = PreSignUpAnswer(
        bool(response.get("autoConfirmUser")),
        bool(response.get("autoVerifyEmail")),
        bool(response.get("autoVerifyPhone")),
    )
    if answer.auto_verify_email and not user.attrs.get("email"):
        raise invalid_parameter("Cannot auto verify email without an email address.")  # [U] wording
    if answer.auto_verify_phone and not user.attrs.get("phone_number"):
        raise invalid_parameter("Cannot auto verify phone_number without a phone number.")  # [U] wording
    return answer


def post_confirmation(
    ctx: RequestContext,
    pool: dict[str, Any],
    client_id: str | None,
    user: users.User,
    *,
    source: str,
    client_metadata: Mapping[str, str] | None = None,
) -> None:
    """PostConfirmation_ConfirmSignUp / PostConfirmation_ConfirmForgotPassword; a failure fails the call."""
    if not triggers.configured(pool, "PostConfirmation"):
        return
    request = {
        "userAttributes": triggers.user_attributes(pool, user),
        "clientMetadata": dict(client_metadata or {}),
    }
    event = triggers.base_event(ctx, pool, client_id, user.username, f"PostConfirmation_{source}", request)
    triggers.invoke(ctx, pool, "PostConfirmation", event)


# -- UserMigration ----------------------------------------------------------------------------------


def migrate_user(
    ctx: RequestContext,
    pool: dict[str, Any],
    client: Mapping[str, Any],
    username: str,
    *,
    password: str | None,
    source: str,
    req: Mapping[str, Any] | None = None,
    client_metadata: Mapping[str, str] | None = None,
) -> users.User | None:
    """UserMigration_Authentication (with the password) / _ForgotPassword: the user it creates, or None.

    ``finalUserStatus`` CONFIRMED keeps the password (the policy is not enforced); otherwise the user is
    RESET_REQUIRED. ``enableSMSMFA`` turns SMS MFA on for the user (when it has a phone number).
    ``messageAction`` / ``desiredDeliveryMediums`` choose a welcome message AWS does not document the text
    of [U]: nothing is sent, which is what SUPPRESS asks for.
    """
    if not triggers.configured(pool, "UserMigration"):
        return None
    request: dict[str, Any] = {
        "validationData": _validation_data(req or {}),
        "clientMetadata": dict(client_metadata or {}),
    }
    if password is not None:
        request["password"] = password
    event = triggers.base_event(ctx, pool, client_id_of(client), username, f"UserMigration_{source}", request)
    answered = triggers.invoke(ctx, pool, "UserMigration", event)
    if answered is None:
        return None
    response = answered.get("response") or {}
    given = response.get("userAttributes")
    if not isinstance(given, dict) or not given:
        raise AwsError("UserNotFoundException", "User does not exist.")
    status = response.get("finalUserStatus") or "RESET_REQUIRED"
    if status not in ("CONFIRMED", "RESET_REQUIRED"):
        raise AwsError("InvalidLambdaResponseException", "Unrecognizable lambda output")
    raw = {str(k): str(v) for k, v in given.items() if k not in ("sub", "cognito:user_status")}
    username_attrs = pools.username_attributes(pool)
    if username_attrs:
        if "email" in username_attrs and attributes.is_email(username):
            raw.setdefault("email", username)
        elif "phone_number" in username_attrs and attributes.is_phone(username):
            raw.setdefault("phone_number", username)
    attrs = attributes.validate_attributes(pool, raw, op="AdminCreateUser", admin=True, creating=True)
    attrs = {k: v for k, v in attrs.items() if v != ""}
    sub = ids.sub()
    stored = sub if username_attrs else username
    user = users.User(
        pool_id=pool["Id"],
        username=stored,
        username_key=users.username_key(pool, stored),
        sub=sub,
        status=status,
        enabled=True,
        created=ctx.now,
        modified=ctx.now,
        attrs=attrs,
    )
    users.alias_conflict(ctx, pool, None, attrs, force=bool(response.get("forceAliasCreation")), creating=True)
    if status == "CONFIRMED" and password is not None:
        user.secret = passwords.set_password(pool, stored, password, {}, now=ctx.now, temporary=False)
    if response.get("enableSMSMFA") is True and attrs.get("phone_number"):
        # The migrated user must complete SMS MFA to sign in (the pool's MFA decides whether it is asked).
        user.mfa = {"enabled": ["SMS_MFA"], "preferred": "SMS_MFA"}
    users.insert(ctx, pool, user)
    return user


# -- sign-in ----------------------------------------------------------------------------------------


@dataclass
class SignInRisk:
    assessment: risk.RiskAssessment = risk.NO_RISK
    action: risk.RiskAction = field(default_factory=lambda: risk.RiskAction("NO_ACTION"))
    config: dict[str, Any] = field(default_factory=dict)


def sign_in_risk(
    ctx: RequestContext, pool: dict[str, Any], client: Mapping[str, Any], user: users.User, password: str | None
) -> None:
    """After the first factor: assess the sign-in (compromised password only when one was sent);
    BLOCK raises (the user set RESET_REQUIRED for compromised credentials, the Fail event kept)."""
    assessment, action, config = assess(ctx, pool, client, user, event="SIGN_IN", password=password)
    ctx.scratch.sign_in_risk = SignInRisk(assessment, action, config)
    if action.action != "BLOCK":
        return
    if action.cause == "compromised":

        def reset() -> None:
            fresh = users.by_key(ctx, user.pool_id, user.username_key)
            if fresh is not None:
                fresh.status = "RESET_REQUIRED"
                users.save(ctx, pool, fresh)

        ctx.keep(reset)
    challenges = [("Password", "Success")]
    ctx.keep(record_later(ctx, pool, user, "SignIn", "Fail", assessment=assessment, challenges=challenges))
    ctx.keep(activity.failed_later(ctx, "SignInSuccesses", pool["Id"], client_id_of(client)))
    ctx.keep(lambda: activity.risk(ctx, pool["Id"], "SignIn", assessment))
    if action.notify:

        def tell() -> None:
            risk.notify(ctx, pool, user, config, action, None, context_data(ctx))

        ctx.keep(tell)
    raise risk.block_error(action)


def forced_mfa(ctx: RequestContext, pool: dict[str, Any], user: users.User) -> str | None:
    """The MFA challenge adaptive authentication asks for (MFA_IF_CONFIGURED / MFA_REQUIRED), or None.

    MFA_REQUIRED for a user without any MFA method raises the adaptive-authentication block.
    """
    state: SignInRisk | None = ctx.scratch.sign_in_risk
    if state is None or state.action.action not in ("MFA_IF_CONFIGURED", "MFA_REQUIRED"):
        return None
    methods = list(mfa_settings.enabled_mfa(pool, user))
    if not methods:
        if pools.sms_mfa_enabled(pool) and user.attrs.get("phone_number_verified") == "true":
            methods = ["SMS_MFA"]
        elif pools.email_mfa_enabled(pool) and user.attrs.get("email_verified") == "true":
            methods = ["EMAIL_OTP"]
    if methods:
        preferred = mfa_settings.preferred_mfa(pool, user)
        return preferred if preferred in methods else methods[0]
    if state.action.action == "MFA_REQUIRED":
        ctx.keep(
            record_later(
                ctx, pool, user, "SignIn", "Fail", assessment=state.assessment, challenges=[("Password", "Success")]
            )
        )
        raise risk.block_error(state.action)
    return None


def saved_risk(ctx: RequestContext) -> dict[str, Any] | None:
    """The sign-in's risk decision as JSON, for the challenge Session: a sign-in that continues in a
    later request (NEW_PASSWORD_REQUIRED, SELECT_MFA_TYPE, ...) keeps it (``restore_risk``)."""
    state: SignInRisk | None = ctx.scratch.sign_in_risk
    if state is None:
        return None
    return {"assessment": asdict(state.assessment), "action": asdict(state.action), "config": state.config}


def restore_risk(ctx: RequestContext, saved: Mapping[str, Any] | None) -> None:
    """Take up the risk decision a challenge Session carried (``saved_risk``), so that ``forced_mfa`` and
    ``signed_in`` act on the decision made at the first factor."""
    if not saved:
        return
    assessment = {**saved["assessment"], "reasons": tuple(saved["assessment"].get("reasons") or ())}
    ctx.scratch.sign_in_risk = SignInRisk(
        risk.RiskAssessment(**assessment), risk.RiskAction(**saved["action"]), dict(saved.get("config") or {})
    )


def _sign_in_challenges(ctx: RequestContext, first_factor: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if first_factor in ("PASSWORD", "SRP"):
        out.append(("Password", "Success"))
    req = ctx.scratch.request
    if req.get("ChallengeName") in ("SMS_MFA", "EMAIL_OTP", "SOFTWARE_TOKEN_MFA", "SMS_OTP"):
        out.append(("Mfa", "Success"))
    return out


def signed_in(
    ctx: RequestContext, pool: dict[str, Any], client: Mapping[str, Any], user: users.User, first_factor: str
) -> None:
    """The SignIn Pass event (with the sign-in's risk), its metrics and any account-takeover notification."""
    activity.succeeded(ctx, "SignInSuccesses", pool["Id"], client_id_of(client))
    if auth_events.security_mode(pool) == "OFF":
        return
    state: SignInRisk | None = ctx.scratch.sign_in_risk
    if state is None:
        state = SignInRisk(*assess(ctx, pool, client, user, event="SIGN_IN", password=None))
    activity.risk(ctx, pool["Id"], "SignIn", state.assessment)
    event_id = record(
        ctx,
        pool,
        user,
        "SignIn",
        "Pass",
        assessment=state.assessment,
        challenges=_sign_in_challenges(ctx, first_factor),
        client=client,
    )
    if state.action.notify:
        risk.notify(ctx, pool, user, state.config, state.action, event_id, context_data(ctx, client))


def sign_in_failed(
    ctx: RequestContext, pool: dict[str, Any], user: users.User, challenge: str = "Password"
) -> Callable[[], None]:
    """The closure recording a failed SignIn (wrong password or MFA code) and its metric, for ``ctx.keep``."""
    challenges = (
        [(challenge, "Failure")] if challenge == "Password" else [("Password", "Success"), (challenge, "Failure")]
    )
    event = record_later(ctx, pool, user, "SignIn", "Fail", challenges=challenges)
    metric = activity.failed_later(ctx, "SignInSuccesses", pool["Id"], client_id_of(ctx.scratch.client))

    def write() -> None:
        event()
        metric()

    return write
