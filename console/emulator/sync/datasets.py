"""Datasets: an identity's named collections of records; ListDatasets, DescribeDataset, DeleteDataset.

A dataset is made by the first UpdateRecords that names it (records.py); an identity holds at most
``MAX_DATASETS``. A deleted dataset loses its records but keeps its row, marked not live, with the sync count
it reached: a device that synced it before learns from ListRecords that it was deleted after, and a dataset
made again under the name counts on from there, so no sync count is ever given out twice.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter
from console.emulator.core.registry import operation

from .access import SERVICE, require_identity

MAX_DATASETS = 20  # datasets per identity
DEFAULT_PAGE = 20


def find(ctx: RequestContext, identity_id: str, name: str) -> sqlite3.Row | None:
    """The dataset's row, live or deleted, or None."""
    return ctx.store.one("SELECT * FROM sync_datasets WHERE identity_id = ? AND name = ?", (identity_id, name))


def not_found(name: str) -> AwsError:
    return AwsError("ResourceNotFoundException", f"Dataset '{name}' not found.", 404)


def get_live(ctx: RequestContext, identity_id: str, name: str) -> sqlite3.Row:
    row = find(ctx, identity_id, name)
    if row is None or not row["live"]:
        raise not_found(name)
    return row


def live_count(ctx: RequestContext, identity_id: str) -> int:
    return int(ctx.store.value("SELECT COUNT(*) FROM sync_datasets WHERE identity_id = ? AND live", (identity_id,)))


def describe(row: sqlite3.Row) -> dict[str, Any]:
    """The Dataset shape."""
    return {
        "IdentityId": row["identity_id"],
        "DatasetName": row["name"],
        "CreationDate": row["created"],
        "LastModifiedDate": row["modified"],
        "LastModifiedBy": row["modified_by"],
        "DataStorage": row["storage"],
        "NumRecords": row["records"],
    }


def page_size(req: dict[str, Any], default: int) -> int:
    """``MaxResults``, which must be positive when given."""
    size = req.get("MaxResults", default)
    if size < 1:
        raise invalid_parameter(
            f"1 validation error detected: Value '{size}' at 'maxResults' failed to satisfy constraint:"
            " Member must have value greater than or equal to 1"
        )
    return int(size)


@operation(SERVICE, "ListDatasets")
def list_datasets(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool_id, identity_id = req["IdentityPoolId"], req["IdentityId"]
    require_identity(ctx, pool_id, identity_id)
    size = page_size(req, DEFAULT_PAGE)
    after = ""
    if req.get("NextToken"):
        (after,) = paging.decode(req["NextToken"], "sync-datasets", (str,))
    rows = ctx.store.all(
        "SELECT * FROM sync_datasets WHERE identity_id = ? AND live AND name > ? ORDER BY name LIMIT ?",
        (identity_id, after, size + 1),
    )
    out: dict[str, Any] = {"Datasets": [describe(r) for r in rows[:size]], "Count": min(len(rows), size)}
    if len(rows) > size:
        out["NextToken"] = paging.encode("sync-datasets", [rows[size - 1]["name"]])
    return out


@operation(SERVICE, "DescribeDataset")
def describe_dataset(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    require_identity(ctx, req["IdentityPoolId"], req["IdentityId"])
    return {"Dataset": describe(get_live(ctx, req["IdentityId"], req["DatasetName"]))}


@operation(SERVICE, "DeleteDataset")
def delete_dataset(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    """Delete the dataset's records; the answer describes the dataset as it was."""
    identity_id, name = req["IdentityId"], req["DatasetName"]
    require_identity(ctx, req["IdentityPoolId"], identity_id)
    row = get_live(ctx, identity_id, name)
    ctx.store.run("DELETE FROM sync_records WHERE identity_id = ? AND dataset = ?", (identity_id, name))
    ctx.store.run(
        "UPDATE sync_datasets SET live = 0, deleted_at = sync_count, storage = 0, records = 0, modified = ?"
        " WHERE identity_id = ? AND name = ?",
        (ctx.now, identity_id, name),
    )
    return {"Dataset": describe(row)}
