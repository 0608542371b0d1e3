"""BulkPublish and GetBulkPublishDetails: publishing every dataset of an identity pool to its Cognito stream.

AWS allows one successful bulk publish per identity pool in 24 hours (``AlreadyStreamedException`` after it)
and one at a time (``DuplicateRequestException``), and needs Cognito Streams configured. The local Cognito
has no Kinesis to write to: a bulk publish succeeds at once, records its start and completion times and
status, and publishes nothing.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter
from console.emulator.core.registry import operation

from .access import SERVICE, require_pool
from .configuration import save_settings, settings

ONCE_PER = 24 * 3600  # seconds between successful bulk publishes


@operation(SERVICE, "BulkPublish")
def bulk_publish(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool_id = req["IdentityPoolId"]
    require_pool(ctx, pool_id)
    doc = settings(ctx, pool_id)
    if not doc.get("CognitoStreams", {}).get("StreamName"):
        raise invalid_parameter(f"Cognito Streams is not configured for identity pool {pool_id}.")
    last = doc.get("BulkPublish", {})
    if last.get("Status") == "IN_PROGRESS":
        raise AwsError("DuplicateRequestException", "A bulk publish is already in progress for this identity pool.")
    if last.get("Status") == "SUCCEEDED" and ctx.now - last["CompleteTime"] < ONCE_PER:
        raise AwsError(
            "AlreadyStreamedException", "A bulk publish of this identity pool succeeded in the last 24 hours."
        )
    doc["BulkPublish"] = {"Status": "SUCCEEDED", "StartTime": ctx.now, "CompleteTime": ctx.now}
    save_settings(ctx, pool_id, doc)
    return {"IdentityPoolId": pool_id}


@operation(SERVICE, "GetBulkPublishDetails")
def get_bulk_publish_details(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    """The last bulk publish's status and times; ``NOT_STARTED`` before the first."""
    pool_id = req["IdentityPoolId"]
    require_pool(ctx, pool_id)
    last = settings(ctx, pool_id).get("BulkPublish", {})
    return {
        "IdentityPoolId": pool_id,
        "BulkPublishStatus": last.get("Status", "NOT_STARTED"),
        "BulkPublishStartTime": last.get("StartTime"),
        "BulkPublishCompleteTime": last.get("CompleteTime"),
        "FailureMessage": last.get("FailureMessage"),
    }
