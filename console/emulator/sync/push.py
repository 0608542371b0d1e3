"""Push sync: RegisterDevice, SubscribeToDataset and UnsubscribeFromDataset.

A device registers with its platform (APNS, APNS_SANDBOX, GCM, ADM) and push token, and gets a device ID,
the same one each time it registers the same token; the identity pool's push sync settings
(configuration.py) must name an SNS platform application of that platform, or the call is refused with
``InvalidConfigurationException``. A registered device subscribes to the datasets of its identity it wants
to hear about. The local Cognito has no SNS: registrations and subscriptions are kept and checked, and no
notification is sent.
"""

from __future__ import annotations

import uuid
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter
from console.emulator.core.registry import operation

from .access import SERVICE, require_identity
from .configuration import settings


def _require_push_sync(ctx: RequestContext, pool_id: str, platform: str | None = None) -> None:
    arns = settings(ctx, pool_id).get("PushSync", {}).get("ApplicationArns", [])
    # arn:aws:sns:<region>:<account>:app/<PLATFORM>/<name>
    platforms = {arn.split(":", 5)[5].split("/")[1] for arn in arns if arn.count(":") >= 5 and "/" in arn}
    if not platforms or (platform is not None and platform not in platforms):
        which = f" for platform {platform}" if platform else ""
        raise AwsError(
            "InvalidConfigurationException", f"Push sync is not configured{which} on identity pool {pool_id}."
        )


def _device(ctx: RequestContext, identity_id: str, device_id: str) -> None:
    if (
        ctx.store.value("SELECT 1 FROM sync_devices WHERE device_id = ? AND identity_id = ?", (device_id, identity_id))
        is None
    ):
        raise AwsError("ResourceNotFoundException", f"Device '{device_id}' not found.", 404)


@operation(SERVICE, "RegisterDevice")
def register_device(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool_id, identity_id, platform, token = req["IdentityPoolId"], req["IdentityId"], req["Platform"], req["Token"]
    require_identity(ctx, pool_id, identity_id)
    if not token:
        raise invalid_parameter("Token must not be empty.")
    _require_push_sync(ctx, pool_id, platform)
    found = ctx.store.value(
        "SELECT device_id FROM sync_devices WHERE identity_id = ? AND platform = ? AND token = ?",
        (identity_id, platform, token),
    )
    if found is not None:
        return {"DeviceId": found}
    device_id = str(uuid.uuid4())
    ctx.store.run(
        "INSERT INTO sync_devices (device_id, identity_id, platform, token, created) VALUES (?, ?, ?, ?, ?)",
        (device_id, identity_id, platform, token, ctx.now),
    )
    return {"DeviceId": device_id}


@operation(SERVICE, "SubscribeToDataset")
def subscribe_to_dataset(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool_id, identity_id = req["IdentityPoolId"], req["IdentityId"]
    require_identity(ctx, pool_id, identity_id)
    _require_push_sync(ctx, pool_id)
    _device(ctx, identity_id, req["DeviceId"])
    ctx.store.run(
        "INSERT OR IGNORE INTO sync_subscriptions (device_id, dataset, created) VALUES (?, ?, ?)",
        (req["DeviceId"], req["DatasetName"], ctx.now),
    )
    return {}


@operation(SERVICE, "UnsubscribeFromDataset")
def unsubscribe_from_dataset(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool_id, identity_id = req["IdentityPoolId"], req["IdentityId"]
    require_identity(ctx, pool_id, identity_id)
    _device(ctx, identity_id, req["DeviceId"])
    ctx.store.run(
        "DELETE FROM sync_subscriptions WHERE device_id = ? AND dataset = ?", (req["DeviceId"], req["DatasetName"])
    )
    return {}
