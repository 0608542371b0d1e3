"""User pool replicas (multi-Region replication): Create/Update/Delete/ListUserPoolReplicas.

A replica is the same user pool, with the same ID, served in another Region of this local Cognito: the
pool's Region (the server's) holds the PRIMARY, and a pool may have one SECONDARY replica elsewhere. Both
read the one store, so a secondary is always in step with its primary. What a secondary serves, to requests
signed for its Region, is pool_access.py's: reads and its own settings; sign-in only once ACTIVE. A new
replica is answered CREATING and is then INACTIVE until UpdateUserPoolReplica activates it; only an
INACTIVE replica can be deleted, and only from the primary Region. Replication needs the Essentials or Plus
feature plan. A replica keeps its own tags, from UserPoolTags here and TagResource given its ARN, and its own
regional settings, the primary's to begin with (pool_access.py).
"""

from __future__ import annotations

import re
from typing import Any

from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, resource_not_found
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps

from . import pool_access, pools

MAX_SECONDARY_REPLICAS = 1
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")
_PAGING_KIND = "replicas"


def _describe(ctx: RequestContext, pool_id: str, region: str, status: str, role: str) -> dict[str, Any]:
    return {"RegionName": region, "Status": status, "Role": role, "UserPoolArn": pools.pool_arn(ctx, pool_id, region)}


def _secondary(ctx: RequestContext, pool_id: str, region: str) -> Any:
    row = ctx.store.one("SELECT * FROM pool_replicas WHERE pool_id = ? AND region = ?", (pool_id, region))
    if row is None:
        raise resource_not_found(f"User pool {pool_id} has no replica in Region {region}.")
    return row


@idp("CreateUserPoolReplica")
def create_user_pool_replica(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    region = req["RegionName"]
    if (pool.get("UserPoolTier") or "ESSENTIALS") == "LITE":
        raise AwsError(
            "FeatureUnavailableInTierException",
            "Multi-Region replication requires the Essentials or Plus feature plan.",
        )
    if not _REGION.fullmatch(region):
        raise invalid_parameter(f"{region} is not a valid Region name.")
    if region == ctx.config.region:
        raise invalid_parameter(f"User pool {pool['Id']} already has its primary replica in Region {region}.")
    if ctx.store.value("SELECT 1 FROM pool_replicas WHERE pool_id = ? AND region = ?", (pool["Id"], region)):
        raise invalid_parameter(f"User pool {pool['Id']} already has a replica in Region {region}.")
    count = ctx.store.value("SELECT COUNT(*) FROM pool_replicas WHERE pool_id = ?", (pool["Id"],))
    if count >= MAX_SECONDARY_REPLICAS:
        raise AwsError(
            "LimitExceededException",
            f"User pool {pool['Id']} can have at most {MAX_SECONDARY_REPLICAS} secondary replica.",
        )
    tags = req.get("UserPoolTags") or {}
    if len(tags) > pools.MAX_TAGS:
        raise AwsError("UserPoolTaggingException", f"A user pool can have at most {pools.MAX_TAGS} tags.")
    # A new replica starts with the primary's regional settings, its own to change from then on.
    ctx.store.run(
        "INSERT INTO pool_replicas (pool_id, region, status, created, modified, tags, settings)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (pool["Id"], region, "INACTIVE", ctx.now, ctx.now, dumps(tags), dumps(pool_access.regional_settings(pool))),
    )
    # Creation is immediate here; the answer says CREATING as AWS's does, and the replica is INACTIVE after.
    return {"UserPoolReplica": _describe(ctx, pool["Id"], region, "CREATING", "SECONDARY")}


@idp("UpdateUserPoolReplica")
def update_user_pool_replica(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    region = req["RegionName"]
    if region == ctx.config.region:
        raise invalid_parameter(
            f"Region {region} holds the primary replica of user pool {pool['Id']}, which is always ACTIVE."
        )
    _secondary(ctx, pool["Id"], region)
    ctx.store.run(
        "UPDATE pool_replicas SET status = ?, modified = ? WHERE pool_id = ? AND region = ?",
        (req["Status"], ctx.now, pool["Id"], region),
    )
    return {"UserPoolReplica": _describe(ctx, pool["Id"], region, req["Status"], "SECONDARY")}


@idp("DeleteUserPoolReplica")
def delete_user_pool_replica(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    region = req["RegionName"]
    if region == ctx.config.region:
        raise invalid_parameter(
            f"The primary replica of user pool {pool['Id']} can't be deleted; delete the user pool."
        )
    row = _secondary(ctx, pool["Id"], region)
    if row["status"] != "INACTIVE":
        raise invalid_parameter(
            f"The replica of user pool {pool['Id']} in Region {region} is {row['status']}; only an INACTIVE replica"
            " can be deleted."
        )
    ctx.store.run("DELETE FROM pool_replicas WHERE pool_id = ? AND region = ?", (pool["Id"], region))
    return {"UserPoolReplica": _describe(ctx, pool["Id"], region, "DELETING", "SECONDARY")}


@idp("ListUserPoolReplicas")
def list_user_pool_replicas(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    if req.get("NextToken") is not None:
        # Every replica fits in one page: no NextToken is given out, so none is valid.
        paging.decode(req["NextToken"], _PAGING_KIND, ())
    rows = ctx.store.all("SELECT region, status FROM pool_replicas WHERE pool_id = ? ORDER BY region", (pool["Id"],))
    replicas = [_describe(ctx, pool["Id"], ctx.config.region, "ACTIVE", "PRIMARY")]
    replicas += [_describe(ctx, pool["Id"], r["region"], r["status"], "SECONDARY") for r in rows]
    return {"UserPoolReplicas": replicas}
