"""Usage reports: DescribeIdentityPoolUsage, ListIdentityPoolUsage and DescribeIdentityUsage.

An identity pool's usage is the sync sessions its identities started (ListRecords without a token) and the
bytes its live datasets hold; an identity's, its live datasets and their bytes. ``LastModifiedDate`` is the
last change to any of their datasets, absent while there was none.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.registry import operation

from . import datasets
from .access import SERVICE, identity_pool_ids, require_developer, require_identity, require_pool

DEFAULT_PAGE = 60


def pool_usage(ctx: RequestContext, pool_id: str) -> dict[str, Any]:
    """The IdentityPoolUsage shape."""
    sessions = ctx.store.value("SELECT sessions FROM sync_pools WHERE pool_id = ?", (pool_id,)) or 0
    totals = ctx.store.one(
        "SELECT COALESCE(SUM(CASE WHEN live THEN storage ELSE 0 END), 0) AS bytes, MAX(modified) AS modified"
        " FROM sync_datasets WHERE pool_id = ?",
        (pool_id,),
    )
    assert totals is not None
    return {
        "IdentityPoolId": pool_id,
        "SyncSessionsCount": sessions,
        "DataStorage": totals["bytes"],
        "LastModifiedDate": totals["modified"],
    }


@operation(SERVICE, "DescribeIdentityPoolUsage")
def describe_identity_pool_usage(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    require_pool(ctx, req["IdentityPoolId"])
    return {"IdentityPoolUsage": pool_usage(ctx, req["IdentityPoolId"])}


@operation(SERVICE, "ListIdentityPoolUsage")
def list_identity_pool_usage(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    """Every identity pool of the account, by ID."""
    require_developer(ctx)
    size = datasets.page_size(req, DEFAULT_PAGE)
    after = ""
    if req.get("NextToken"):
        (after,) = paging.decode(req["NextToken"], "sync-pool-usage", (str,))
    ids = identity_pool_ids(ctx, after, size + 1)
    out: dict[str, Any] = {
        "IdentityPoolUsages": [pool_usage(ctx, pool_id) for pool_id in ids[:size]],
        "MaxResults": size,
        "Count": min(len(ids), size),
    }
    if len(ids) > size:
        out["NextToken"] = paging.encode("sync-pool-usage", [ids[size - 1]])
    return out


@operation(SERVICE, "DescribeIdentityUsage")
def describe_identity_usage(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool_id, identity_id = req["IdentityPoolId"], req["IdentityId"]
    require_identity(ctx, pool_id, identity_id)
    totals = ctx.store.one(
        "SELECT COALESCE(SUM(live), 0) AS n, COALESCE(SUM(CASE WHEN live THEN storage ELSE 0 END), 0) AS bytes,"
        " MAX(modified) AS modified FROM sync_datasets WHERE identity_id = ?",
        (identity_id,),
    )
    assert totals is not None
    return {
        "IdentityUsage": {
            "IdentityId": identity_id,
            "IdentityPoolId": pool_id,
            "LastModifiedDate": totals["modified"],
            "DatasetCount": totals["n"],
            "DataStorage": totals["bytes"],
        }
    }
