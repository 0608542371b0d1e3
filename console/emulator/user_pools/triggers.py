"""Lambda triggers: the events Cognito sends, the Invoke API call, and the errors the caller sees.

``invoke(ctx, pool, trigger, event)`` looks the trigger up in the pool's ``LambdaConfig`` and, when one is
configured, calls it and returns the event the function answered (``None`` when no trigger is
configured). Builders make the documented event shapes: ``base_event`` (``version``, ``triggerSource``,
``region``, ``userPoolId``, ``userName``, ``callerContext``, ``request``, ``response``) and
``user_attributes`` (every value a string, with ``sub``, ``cognito:user_status``, and the
``cognito:email_alias`` / ``cognito:phone_number_alias`` of alias pools).

How a trigger runs
------------------
Through core/lambdas.py: a Python callable the function is mapped to (``COGNITO_LOCAL_TRIGGERS``), or
the Lambda Invoke API at the server's ``--lambda-endpoint``, as ``sam local start-lambda`` serves it.

Errors, as AWS words them (``<Trigger>`` is the LambdaConfig key, e.g. ``PreSignUp``):
- the function raised: ``UserLambdaValidationException`` ``<Trigger> failed with error <message>.``
- timeout (5 s, not configurable, as on AWS), refused connection, no endpoint configured, HTTP failure:
  ``UnexpectedLambdaException`` ``<Trigger> invocation failed due to error Socket timeout while invoking
  Lambda function.`` (the last two name their cause instead of the socket timeout)
- the answer is not a JSON object, or a documented response field has the wrong type:
  ``InvalidLambdaResponseException`` ``Unrecognizable lambda output``.
AWS retries some failed invocations; the local Cognito calls once.

Not blocking
------------
Handlers run inside one SQLite transaction, yet the server must keep serving while a function runs (up to
5 s; seconds on a cold ``sam local`` start). Within a request, ``invoke`` therefore never calls the
function in place: it asks ``invocations.next_answer``, which rolls the work back, makes the call on a
worker thread and replays the work with the answer memoised (see invocations.py). Background jobs, which
are not inside a request, block for at most 5 s. ``invoke_async`` serves ``async def`` code that holds the
pool document and no transaction.

The custom sender triggers (CustomEmailSender, CustomSMSSender) are asynchronous on AWS: their failures
never reach the caller, so ``invoke`` swallows them (logged) and returns ``None``. Their ``request.code``
is encrypted with the pool's KMS key on AWS; locally it is the base64 of the plain code (see
``sender_event``).
"""

from __future__ import annotations

import asyncio
import base64
import copy
import functools
import logging
from typing import Any

from console.emulator.core import invocations, lambdas
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError

from . import pools

log = logging.getLogger("console.emulator.user_pools.triggers")

TIMEOUT_SECONDS = lambdas.TIMEOUT_SECONDS
ENV_VAR = lambdas.ENV_VAR

TRIGGERS = (
    "PreSignUp",
    "CustomMessage",
    "PostConfirmation",
    "PreAuthentication",
    "PostAuthentication",
    "DefineAuthChallenge",
    "CreateAuthChallenge",
    "VerifyAuthChallengeResponse",
    "PreTokenGeneration",
    "UserMigration",
    "CustomSMSSender",
    "CustomEmailSender",
)
_ASYNC_TRIGGERS = frozenset({"CustomSMSSender", "CustomEmailSender"})

# Response fields whose type Cognito checks; a wrong type is "Unrecognizable lambda output".
_RESPONSE_TYPES: dict[str, dict[str, type | tuple[type, ...]]] = {
    "PreSignUp": {"autoConfirmUser": bool, "autoVerifyEmail": bool, "autoVerifyPhone": bool},
    "CustomMessage": {"smsMessage": str, "emailMessage": str, "emailSubject": str},
    "DefineAuthChallenge": {"challengeName": str, "issueTokens": bool, "failAuthentication": bool},
    "CreateAuthChallenge": {"publicChallengeParameters": dict, "privateChallengeParameters": dict},
    "VerifyAuthChallengeResponse": {"answerCorrect": bool},
    "UserMigration": {
        "userAttributes": dict,
        "finalUserStatus": str,
        "messageAction": str,
        "desiredDeliveryMediums": list,
        "forceAliasCreation": bool,
        "enableSMSMFA": bool,
    },
    "PreTokenGeneration": {"claimsOverrideDetails": dict, "claimsAndScopeOverrideDetails": dict},
}

_EVENT_VERSIONS = {"V1_0": "1", "V2_0": "2", "V3_0": "3"}


# -- configuration ---------------------------------------------------------------------------------


def _pool_doc(ctx: RequestContext, pool: dict[str, Any] | str) -> dict[str, Any]:
    return pools.get_pool(ctx, pool) if isinstance(pool, str) else pool


def trigger_arn(pool: dict[str, Any], trigger: str) -> str | None:
    """The function ARN configured for ``trigger``, or None."""
    config = pool.get("LambdaConfig") or {}
    if trigger == "PreTokenGeneration":
        detailed = config.get("PreTokenGenerationConfig") or {}
        return detailed.get("LambdaArn") or config.get("PreTokenGeneration")
    value = config.get(trigger)
    if isinstance(value, dict):  # CustomSMSSender / CustomEmailSender: {LambdaVersion, LambdaArn}
        return value.get("LambdaArn")
    return value or None


def pre_token_version(pool: dict[str, Any]) -> str:
    """``V1_0``, ``V2_0`` or ``V3_0``: the PreTokenGeneration event version the pool asks for."""
    config = pool.get("LambdaConfig") or {}
    detailed = config.get("PreTokenGenerationConfig") or {}
    return str(detailed.get("LambdaVersion") or "V1_0")


def configured(pool: dict[str, Any], trigger: str) -> bool:
    return trigger_arn(pool, trigger) is not None


# -- events ----------------------------------------------------------------------------------------


def sdk_version(ctx: RequestContext) -> str:
    """``callerContext.awsSdkVersion``: AWS's ``aws-sdk-<lang>-<version>`` from the caller's User-Agent."""
    agent = ctx.headers.get("user-agent", "")
    first = agent.split(" ", 1)[0] if agent else ""
    name, _, version = first.partition("/")
    if name and version:
        return f"aws-sdk-{name.lower()}-{version}"
    return "aws-sdk-unknown-unknown"


def user_attributes(pool: dict[str, Any], user: Any) -> dict[str, str]:
    """``request.userAttributes``: every value a string, ``sub`` and ``cognito:user_status`` included."""
    attrs: dict[str, str] = {"sub": user.sub}
    for name, value in (user.attrs or {}).items():
        attrs[name] = str(value)
    attrs["cognito:user_status"] = user.status
    for alias in pools.alias_attributes(pool):
        if alias in ("email", "phone_number") and attrs.get(f"{alias}_verified") == "true" and attrs.get(alias):
            attrs[f"cognito:{alias}_alias"] = attrs[alias]
    return attrs


def base_event(
    ctx: RequestContext,
    pool: dict[str, Any] | str,
    client_id: str | None,
    user_name: str | None,
    trigger_source: str,
    request: dict[str, Any] | None = None,
    *,
    version: str = "1",
) -> dict[str, Any]:
    """The common event every trigger receives (COGNITO-FACTS §6.1)."""
    doc = _pool_doc(ctx, pool)
    return {
        "version": version,
        "triggerSource": trigger_source,
        "region": ctx.region,
        "userPoolId": doc["Id"],
        "userName": user_name,
        "callerContext": {"awsSdkVersion": sdk_version(ctx), "clientId": client_id or "CLIENT_ID_NOT_APPLICABLE"},
        "request": dict(request or {}),
        "response": {},
    }


def pre_token_event(
    ctx: RequestContext,
    pool: dict[str, Any],
    client_id: str | None,
    user_name: str,
    trigger_source: str,
    request: dict[str, Any],
) -> dict[str, Any]:
    """A PreTokenGeneration event in the version the pool's PreTokenGenerationConfig selects."""
    version = _EVENT_VERSIONS.get(pre_token_version(pool), "1")
    return base_event(ctx, pool, client_id, user_name, trigger_source, request, version=version)


def sender_event(
    ctx: RequestContext,
    pool: dict[str, Any],
    client_id: str | None,
    user_name: str,
    trigger_source: str,
    *,
    code: str | None,
    user_attrs: dict[str, str],
    client_metadata: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A CustomEmailSender / CustomSMSSender event (``request.code`` is base64 of the code, see above)."""
    sms = trigger_source.startswith("CustomSMSSender")
    request = {
        "type": "customSMSSenderRequestV1" if sms else "customEmailSenderRequestV1",
        "code": base64.b64encode(code.encode()).decode() if code else None,
        "clientMetadata": client_metadata or {},
        "userAttributes": user_attrs,
    }
    return base_event(ctx, pool, client_id, user_name, trigger_source, request)


# -- invocation ------------------------------------------------------------------------------------


def _function_error(trigger: str, message: Any) -> AwsError:
    return AwsError("UserLambdaValidationException", f"{trigger} failed with error {message}.")


def _invocation_error(trigger: str, cause: str = lambdas.SOCKET_TIMEOUT) -> AwsError:
    return AwsError("UnexpectedLambdaException", f"{trigger} invocation failed due to error {cause}.")


def _bad_output() -> AwsError:
    return AwsError("InvalidLambdaResponseException", "Unrecognizable lambda output")


def check_response(trigger: str, returned: Any) -> dict[str, Any]:
    """The returned event, or InvalidLambdaResponseException when it is not one Cognito can read."""
    if not isinstance(returned, dict):
        raise _bad_output()
    response = returned.get("response")
    if response is None:
        returned["response"] = {}
        return returned
    if not isinstance(response, dict):
        raise _bad_output()
    for field, kind in _RESPONSE_TYPES.get(trigger, {}).items():
        value = response.get(field)
        if value is not None and (not isinstance(value, kind) or (kind is not bool and isinstance(value, bool))):
            raise _bad_output()
    return returned


def _run(ctx_endpoint: str | None, request_id: str, trigger: str, arn: str, event: dict[str, Any]) -> dict[str, Any]:
    try:
        returned = lambdas.call(ctx_endpoint, request_id, arn, event, timeout=TIMEOUT_SECONDS)
    except lambdas.FunctionError as failure:
        raise _function_error(trigger, failure.message) from None
    except lambdas.InvocationError as failure:
        raise _invocation_error(trigger, failure.cause) from None
    except lambdas.UnreadableOutput:
        raise _bad_output() from None
    return check_response(trigger, returned)


def invoke(
    ctx: RequestContext, pool: dict[str, Any] | str, trigger: str, event: dict[str, Any]
) -> dict[str, Any] | None:
    """Invoke ``trigger`` with ``event``; the event the function returned, or None if not configured.

    Inside a request the call is made off the event loop between transactions (see invocations.py): the
    first time through this raises ``PendingInvocation``; the request's work runs again and then gets the
    answer. In a background job it blocks for at most ``TIMEOUT_SECONDS``. Raises the caller-side AwsError
    described in the module doc.
    """
    if trigger not in TRIGGERS:
        raise ValueError(f"unknown trigger {trigger}")
    doc = _pool_doc(ctx, pool)
    arn = trigger_arn(doc, trigger)
    if arn is None:
        return None
    call = functools.partial(_run, ctx.config.lambda_endpoint, ctx.request_id, trigger, arn, copy.deepcopy(event))
    try:
        answer: dict[str, Any] = invocations.next_answer(ctx, call)
        return answer
    except AwsError as err:
        if trigger in _ASYNC_TRIGGERS:
            log.warning("%s for %s failed: %s", trigger, doc["Id"], err.message)
            return None
        raise


async def invoke_async(
    ctx: RequestContext, pool: dict[str, Any], trigger: str, event: dict[str, Any]
) -> dict[str, Any] | None:
    """``invoke`` for ``async def`` handlers: the call runs in a worker thread; the loop keeps serving.

    ``pool`` must be the pool document (read it in a short transaction before awaiting).
    """
    if trigger not in TRIGGERS:
        raise ValueError(f"unknown trigger {trigger}")
    arn = trigger_arn(pool, trigger)
    if arn is None:
        return None
    try:
        return await asyncio.to_thread(_run, ctx.config.lambda_endpoint, ctx.request_id, trigger, arn, event)
    except AwsError as err:
        if trigger in _ASYNC_TRIGGERS:
            log.warning("%s for %s failed: %s", trigger, pool["Id"], err.message)
            return None
        raise
