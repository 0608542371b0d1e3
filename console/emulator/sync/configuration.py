"""An identity pool's Cognito Sync settings: push sync and Cognito Streams (Get/SetIdentityPoolConfiguration)
and its Cognito events (Get/SetCognitoEvents).

The settings are kept as given and reported back; push sync's application ARNs decide which platforms
RegisterDevice accepts (push.py), Cognito Streams' stream is what BulkPublish publishes to (bulk_publish.py),
the SyncTrigger function is called on UpdateRecords (events.py, through the server's --lambda-endpoint).
The local Cognito has no SNS or Kinesis of its own, so it sends no push notification and writes to no
stream.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import invalid_parameter
from console.emulator.core.registry import operation
from console.emulator.core.store import dumps, loads

from .access import SERVICE, require_pool

EVENT_TYPES = ("SyncTrigger",)


def settings(ctx: RequestContext, pool_id: str) -> dict[str, Any]:
    """The pool's settings document (PushSync, CognitoStreams, Events, BulkPublish); empty when none is set."""
    doc: dict[str, Any] = loads(ctx.store.value("SELECT doc FROM sync_pools WHERE pool_id = ?", (pool_id,)))
    return doc


def save_settings(ctx: RequestContext, pool_id: str, doc: dict[str, Any]) -> None:
    ctx.store.run(
        "INSERT INTO sync_pools (pool_id, doc) VALUES (?, ?) ON CONFLICT (pool_id) DO UPDATE SET doc = excluded.doc",
        (pool_id, dumps(doc)),
    )


def _configuration(pool_id: str, doc: dict[str, Any]) -> dict[str, Any]:
    return {"IdentityPoolId": pool_id, "PushSync": doc.get("PushSync"), "CognitoStreams": doc.get("CognitoStreams")}


@operation(SERVICE, "GetIdentityPoolConfiguration")
def get_identity_pool_configuration(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    require_pool(ctx, req["IdentityPoolId"])
    return _configuration(req["IdentityPoolId"], settings(ctx, req["IdentityPoolId"]))


@operation(SERVICE, "SetIdentityPoolConfiguration")
def set_identity_pool_configuration(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    """Replace the push sync and Cognito Streams settings given; the others stay as they were."""
    pool_id = req["IdentityPoolId"]
    require_pool(ctx, pool_id)
    doc = settings(ctx, pool_id)
    push = req.get("PushSync")
    if push is not None:
        if push.get("ApplicationArns") and not push.get("RoleArn"):
            raise invalid_parameter("PushSync needs a RoleArn that allows Cognito to publish to its applications.")
        doc["PushSync"] = push
    streams = req.get("CognitoStreams")
    if streams is not None:
        streams = {"StreamingStatus": "DISABLED", **streams}
        if streams["StreamingStatus"] == "ENABLED" and not (streams.get("StreamName") and streams.get("RoleArn")):
            raise invalid_parameter("CognitoStreams needs a StreamName and a RoleArn to be ENABLED.")
        doc["CognitoStreams"] = streams
    save_settings(ctx, pool_id, doc)
    return _configuration(pool_id, doc)


@operation(SERVICE, "GetCognitoEvents")
def get_cognito_events(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    require_pool(ctx, req["IdentityPoolId"])
    return {"Events": settings(ctx, req["IdentityPoolId"]).get("Events", {})}


@operation(SERVICE, "SetCognitoEvents")
def set_cognito_events(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    """Set the events' Lambda functions; an event given an empty ARN is cleared."""
    pool_id = req["IdentityPoolId"]
    require_pool(ctx, pool_id)
    doc = settings(ctx, pool_id)
    events: dict[str, str] = dict(doc.get("Events", {}))
    for event, arn in req["Events"].items():
        if event not in EVENT_TYPES:
            raise invalid_parameter(f"Invalid Cognito event type: {event}. Valid types: {', '.join(EVENT_TYPES)}")
        if not arn:
            events.pop(event, None)
        elif not arn.startswith("arn:") or ":lambda:" not in arn or ":function:" not in arn:
            raise invalid_parameter(f"{arn} is not the ARN of a Lambda function.")
        else:
            events[event] = arn
    doc["Events"] = events
    save_settings(ctx, pool_id, doc)
    return {}
