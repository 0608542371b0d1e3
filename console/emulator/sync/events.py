"""Cognito events: the SyncTrigger Lambda function an identity pool's SetCognitoEvents names, called on
UpdateRecords.

The function receives the changes a device sends, before they are stored, as AWS documents the event::

    {"version": 2, "eventType": "SyncTrigger", "region": "us-east-1", "identityPoolId": "...",
     "identityId": "...", "datasetName": "...",
     "datasetRecords": {"<key>": {"oldValue": "...", "newValue": "...", "op": "replace" | "remove"}}}

and answers the event with the changes to store: it may change a value, turn a change into a removal, add
records or leave some out (those are not written). As AWS does, the function is called only for requests
signed with a Cognito identity's credentials; a developer's UpdateRecords never calls it.

Errors (UpdateRecords' own): a function that raises, times out, cannot be reached or answers something that
is not such an event gives ``InvalidLambdaFunctionOutputException``; a throttled Invoke API (HTTP 429)
``LambdaThrottledException``. Nothing of the update is stored then.
"""

from __future__ import annotations

import functools
from typing import Any

from console.emulator.core import invocations, lambdas
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError

from .configuration import settings

SYNC_TRIGGER = "SyncTrigger"
EVENT_VERSION = 2
OPS = ("replace", "remove")

# A record change: the key's (old value, new value, op); new value None for a removal.
Changes = dict[str, tuple[str | None, str | None, str]]


def _invalid_output(detail: str) -> AwsError:
    return AwsError("InvalidLambdaFunctionOutputException", f"The Lambda function returned invalid output: {detail}")


def trigger_arn(ctx: RequestContext, pool_id: str) -> str | None:
    """The SyncTrigger function of the identity pool, if one is set."""
    found = (settings(ctx, pool_id).get("Events") or {}).get(SYNC_TRIGGER)
    return str(found) if found else None


def event(ctx: RequestContext, pool_id: str, identity_id: str, dataset: str, changes: Changes) -> dict[str, Any]:
    """The SyncTrigger event for the changes."""
    return {
        "version": EVENT_VERSION,
        "eventType": SYNC_TRIGGER,
        "region": ctx.region,
        "identityPoolId": pool_id,
        "identityId": identity_id,
        "datasetName": dataset,
        "datasetRecords": {
            key: {"oldValue": old, "newValue": new, "op": op} for key, (old, new, op) in changes.items()
        },
    }


def _call(endpoint: str | None, request_id: str, arn: str, sent: dict[str, Any]) -> Any:
    try:
        return lambdas.call(endpoint, request_id, arn, sent)
    except lambdas.FunctionError as failure:
        raise AwsError(
            "InvalidLambdaFunctionOutputException", f"The Lambda function failed: {failure.message}"
        ) from None
    except lambdas.InvocationError as failure:
        if failure.status == 429:
            raise AwsError("LambdaThrottledException", "AWS Lambda throttled the invocation.", 429) from None
        raise AwsError(
            "InvalidLambdaFunctionOutputException", f"The Lambda function could not be invoked: {failure.cause}."
        ) from None
    except lambdas.UnreadableOutput:
        raise _invalid_output("not JSON") from None


def _answered(returned: Any, changes: Changes) -> Changes:
    if not isinstance(returned, dict) or not isinstance(returned.get("datasetRecords"), dict):
        raise _invalid_output("no datasetRecords")
    out: Changes = {}
    for key, record in returned["datasetRecords"].items():
        if not isinstance(key, str) or not key or not isinstance(record, dict):
            raise _invalid_output(f"the record {key!r} is not a record")
        op = record.get("op")
        if op not in OPS:
            raise _invalid_output(f"the op of {key} is not replace or remove")
        new = record.get("newValue")
        if op == "replace" and not isinstance(new, str):
            raise _invalid_output(f"the newValue of {key} is not a string")
        old = changes[key][0] if key in changes else None
        out[key] = (old, new if op == "replace" else None, op)
    return out


def sync_trigger(ctx: RequestContext, pool_id: str, identity_id: str, dataset: str, changes: Changes) -> Changes | None:
    """The changes to store as the pool's SyncTrigger function answered them; None when it has none.

    Inside a request the call is made off the event loop (core/invocations.py): the request's work runs
    again with the answer."""
    arn = trigger_arn(ctx, pool_id)
    if arn is None:
        return None
    sent = event(ctx, pool_id, identity_id, dataset, changes)
    call = functools.partial(_call, ctx.config.lambda_endpoint, ctx.request_id, arn, sent)
    return _answered(invocations.next_answer(ctx, call), changes)
