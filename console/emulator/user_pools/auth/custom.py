"""CUSTOM_AUTH: rounds of the Define, Create and Verify auth challenge triggers, optionally after SRP.

The DefineAuthChallenge trigger sees the session so far and decides each round: fail, issue tokens, or a
CUSTOM_CHALLENGE that CreateAuthChallenge makes and VerifyAuthChallengeResponse checks. A flow that starts
with SRP_A goes through PASSWORD_VERIFIER first when the Define trigger asks for it.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, not_authorized, user_not_found
from console.emulator.user_pools import triggers, users
from console.emulator.user_pools.users import User

from . import completion, sessions, srp, srp_challenge
from .steps import (
    INCORRECT,
    Flow,
    challenge,
    check_usable,
    param,
    phantom_user,
    pre_authentication,
    trigger,
    user_attributes,
)

CUSTOM_NOT_CONFIGURED = "Custom auth lambda trigger is not configured for the user pool."


def start(ctx: RequestContext, flow: Flow, params: dict[str, str]) -> Any:
    username = param(params, "USERNAME")
    if not triggers.configured(flow.pool, "DefineAuthChallenge"):
        raise not_authorized(CUSTOM_NOT_CONFIGURED)
    user = users.find(ctx, flow.pool, username)
    if user is None:
        if not sessions.prevents_existence_errors(flow.client):
            raise user_not_found()
        # PreventUserExistenceErrors: the triggers run with userNotFound true and the flow ends in
        # NotAuthorized, so that the caller cannot tell the user does not exist.
        sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), username)
        flow.phantom = username
        user = phantom_user(flow, username)
    else:
        sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), username, user.username)
        check_usable(flow, user, password_checked=False)
    pre_authentication(ctx, flow, user)
    flow.first_factor = "CUSTOM"
    if params.get("SRP_A") and params.get("CHALLENGE_NAME") == "SRP_A":
        # SRP inside a custom flow (COGNITO-FACTS §3): the Define trigger sees SRP_A passed and may ask
        # for PASSWORD_VERIFIER; the answer to the verifier comes back to it as the next session entry.
        if not srp.valid_a(params["SRP_A"]):
            raise invalid_parameter("SRP_A cannot be 0 mod N")
        history = [session_entry("SRP_A", True, None)]
        answer = _define(ctx, flow, user, history)
        if answer.get("challengeName") == "PASSWORD_VERIFIER" and not _ends(answer):
            return srp_challenge.issue(ctx, flow, None if flow.phantom else user, username, params["SRP_A"])
        return next_round(ctx, flow, user, history, answer)
    return next_round(ctx, flow, user, [])


def session_entry(name: str, result: bool, metadata: Any) -> dict[str, Any]:
    """One entry of the Define / Create triggers' ``request.session``."""
    return {"challengeName": name, "challengeResult": result, "challengeMetadata": metadata}


def _ends(answer: dict[str, Any]) -> bool:
    return bool(answer.get("failAuthentication") or answer.get("issueTokens"))


def _custom_request(flow: Flow, user: User, **fields: Any) -> dict[str, Any]:
    """A custom-challenge trigger request: RespondToAuthChallenge's ClientMetadata, never InitiateAuth's."""
    request: dict[str, Any] = {"userAttributes": user_attributes(flow, user), **fields}
    request["userNotFound"] = flow.phantom is not None
    if flow.client_metadata:
        request["clientMetadata"] = flow.client_metadata
    return request


def _define(ctx: RequestContext, flow: Flow, user: User, history: list[dict[str, Any]]) -> dict[str, Any]:
    request = _custom_request(flow, user, session=history)
    event = trigger(ctx, flow, user, "DefineAuthChallenge", "DefineAuthChallenge_Authentication", request)
    if event is None:
        raise not_authorized(CUSTOM_NOT_CONFIGURED)
    response = event.get("response") or {}
    return response if isinstance(response, dict) else {}


def next_round(
    ctx: RequestContext,
    flow: Flow,
    user: User,
    history: list[dict[str, Any]],
    answer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What the Define trigger decides after ``history`` (or its ``answer`` already given): fail, tokens,
    or a CUSTOM_CHALLENGE from the Create trigger."""
    if answer is None:
        answer = _define(ctx, flow, user, history)
    if answer.get("failAuthentication"):
        raise not_authorized(INCORRECT)
    if answer.get("issueTokens"):
        if flow.phantom is not None:
            raise not_authorized(INCORRECT)
        return completion.after_device(ctx, flow, user)
    name = answer.get("challengeName") or "CUSTOM_CHALLENGE"
    if name != "CUSTOM_CHALLENGE":
        raise AwsError("InvalidLambdaResponseException", "Unrecognizable lambda output")
    request = _custom_request(flow, user, challengeName=name, session=history)
    event = trigger(ctx, flow, user, "CreateAuthChallenge", "CreateAuthChallenge_Authentication", request) or {}
    created = event.get("response") or {}
    public = {str(k): str(v) for k, v in (created.get("publicChallengeParameters") or {}).items()}
    public.setdefault("USERNAME", user.username)
    extra = {
        "history": history,
        "private": created.get("privateChallengeParameters") or {},
        "metadata": created.get("challengeMetadata"),
    }
    return challenge(ctx, flow, user, "CUSTOM_CHALLENGE", public, extra)


def answer_challenge(
    ctx: RequestContext, flow: Flow, user: User, session: sessions.Session, responses: dict[str, str]
) -> dict[str, Any]:
    """The answer to a CUSTOM_CHALLENGE, checked by the Verify trigger; then the next round."""
    answer = param(responses, "ANSWER")
    request = _custom_request(
        flow,
        user,
        privateChallengeParameters=session.state.get("private") or {},
        challengeAnswer=answer,
    )
    event = (
        trigger(ctx, flow, user, "VerifyAuthChallengeResponse", "VerifyAuthChallengeResponse_Authentication", request)
        or {}
    )
    correct = bool((event.get("response") or {}).get("answerCorrect"))
    history = list(session.state.get("history") or [])
    history.append(session_entry("CUSTOM_CHALLENGE", correct, session.state.get("metadata")))
    sessions.consume(ctx, session)
    try:
        return next_round(ctx, flow, user, history)
    except AwsError as err:
        if err.code == "NotAuthorizedException":
            # failAuthentication: the answered session stays used up after the rollback (no retrying it).
            ctx.keep(lambda: sessions.consume(ctx, session))
        raise
