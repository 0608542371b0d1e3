"""Records and sync sessions: ListRecords and UpdateRecords, with sync counts and conflicts.

A sync is a ListRecords, which hands out a SyncSessionToken and the records changed since the device's last
sync count, then an UpdateRecords with that token and the device's changes. The token is bound to the
identity and dataset it was issued for and expires after ``SESSION_SECONDS``; UpdateRecords refuses any other
(``InvalidParameterException``, AWS's wording).

Every successful UpdateRecords raises the dataset's sync count by exactly one, and every record it writes
takes the new count. A patch names the sync count of the record as the device last saw it (0 for a record it
never saw); a record that changed since (its stored count differs) is refused whole with
``ResourceConflictException`` (HTTP 409: ``Current SyncCount for: <key> is: <stored> not: <sent>``) and
nothing of the update is written; the device merges and tries again. A removed record stays as a tombstone
without a value, so other devices learn of the removal. The identity pool's SyncTrigger function
(events.py) sees the changes first and may change them.

Limits, as AWS documents them: 20 datasets per identity, 1,024 records and 1 MB (keys and values, UTF-8)
per dataset.
"""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
from typing import Any

from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, limit_exceeded
from console.emulator.core.registry import operation

from . import datasets, events, merging
from .access import SERVICE, caller_identity, require_identity

SESSION_SECONDS = 3600  # how long a SyncSessionToken from ListRecords is good for
MAX_RECORDS = 1024  # records per dataset
MAX_STORAGE = 1024 * 1024  # bytes per dataset
DEFAULT_PAGE = 1024
INVALID_SESSION = "SyncSessionToken not valid for these inputs"
LAST_DATE = 253402300800.0  # 10000-01-01T00:00:00Z


def _record(row: sqlite3.Row) -> dict[str, Any]:
    """The Record shape (a removed record has no Value)."""
    return {
        "Key": row["key"],
        "Value": row["value"],
        "SyncCount": row["sync_count"],
        "LastModifiedDate": row["modified"],
        "LastModifiedBy": row["modified_by"],
        "DeviceLastModifiedDate": row["device_modified"],
    }


def _start_session(ctx: RequestContext, pool_id: str, identity_id: str, dataset: str) -> str:
    ctx.store.run("DELETE FROM sync_sessions WHERE expires <= ?", (ctx.now,))
    token = secrets.token_urlsafe(32)
    ctx.store.run(
        "INSERT INTO sync_sessions (token, identity_id, dataset, expires) VALUES (?, ?, ?, ?)",
        (token, identity_id, dataset, ctx.now + SESSION_SECONDS),
    )
    ctx.store.run(
        "INSERT INTO sync_pools (pool_id, sessions) VALUES (?, 1)"
        " ON CONFLICT (pool_id) DO UPDATE SET sessions = sessions + 1",
        (pool_id,),
    )
    return token


def _check_session(ctx: RequestContext, token: str, identity_id: str, dataset: str) -> None:
    row = ctx.store.one("SELECT identity_id, dataset, expires FROM sync_sessions WHERE token = ?", (token,))
    if row is None or row["identity_id"] != identity_id or row["dataset"] != dataset:
        raise invalid_parameter(INVALID_SESSION)
    if row["expires"] <= ctx.now:
        raise invalid_parameter("SyncSessionToken has expired")


@operation(SERVICE, "ListRecords")
def list_records(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    """The dataset's records changed after ``LastSyncCount`` (all of them without it), by sync count."""
    pool_id, identity_id, name = req["IdentityPoolId"], req["IdentityId"], req["DatasetName"]
    require_identity(ctx, pool_id, identity_id)
    last = req.get("LastSyncCount", 0)
    if last < 0:
        raise invalid_parameter(f"No such SyncCount: {last} exists for this Dataset")
    size = datasets.page_size(req, DEFAULT_PAGE)
    row = datasets.find(ctx, identity_id, name)
    sync_count = row["sync_count"] if row is not None else 0
    if last > sync_count:
        raise invalid_parameter(f"No such SyncCount: {last} exists for this Dataset")
    token = req.get("SyncSessionToken")
    if token:
        _check_session(ctx, token, identity_id, name)
    else:
        token = _start_session(ctx, pool_id, identity_id, name)
    after_count, after_key = last, ""
    if req.get("NextToken"):
        after_count, after_key = paging.decode(req["NextToken"], "sync-records", (int, str))
    rows = ctx.store.all(
        "SELECT * FROM sync_records WHERE identity_id = ? AND dataset = ? AND sync_count > ?"
        " AND (sync_count > ? OR (sync_count = ? AND key > ?)) ORDER BY sync_count, key LIMIT ?",
        (identity_id, name, last, after_count, after_count, after_key, size + 1),
    )
    live = row is not None and bool(row["live"])
    out: dict[str, Any] = {
        "Records": [_record(r) for r in rows[:size]],
        "Count": min(len(rows), size),
        "DatasetSyncCount": sync_count,
        "LastModifiedBy": row["modified_by"] if row is not None and live else None,
        "MergedDatasetNames": merging.merged_dataset_names(ctx, identity_id, name),
        "DatasetExists": live,
        # The device synced the dataset before it was deleted: it should drop its copy and sync anew.
        "DatasetDeletedAfterRequestedSyncCount": row is not None and 0 < last <= row["deleted_at"],
        "SyncSessionToken": token,
    }
    if len(rows) > size:
        last_row = rows[size - 1]
        out["NextToken"] = paging.encode("sync-records", [last_row["sync_count"], last_row["key"]])
    return out


def _open_dataset(ctx: RequestContext, pool_id: str, identity_id: str, name: str, by: str) -> sqlite3.Row:
    """The live dataset, made (or made again after a deletion) when there is none."""
    row = datasets.find(ctx, identity_id, name)
    if row is not None and row["live"]:
        return row
    if datasets.live_count(ctx, identity_id) >= datasets.MAX_DATASETS:
        raise limit_exceeded(
            f"The identity {identity_id} already has {datasets.MAX_DATASETS} datasets, the most it may have."
        )
    if row is None:
        ctx.store.run(
            "INSERT INTO sync_datasets (identity_id, name, pool_id, created, modified, modified_by)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (identity_id, name, pool_id, ctx.now, ctx.now, by),
        )
    else:
        ctx.store.run(
            "UPDATE sync_datasets SET live = 1, created = ?, modified = ?, modified_by = ?, merged_from = NULL"
            " WHERE identity_id = ? AND name = ?",
            (ctx.now, ctx.now, by, identity_id, name),
        )
    found = datasets.find(ctx, identity_id, name)
    assert found is not None
    return found


@operation(SERVICE, "UpdateRecords")
def update_records(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    """Apply the device's record patches as one new sync count of the dataset, or nothing on a conflict."""
    pool_id, identity_id, name = req["IdentityPoolId"], req["IdentityId"], req["DatasetName"]
    require_identity(ctx, pool_id, identity_id)
    _check_session(ctx, req["SyncSessionToken"], identity_id, name)
    patches: list[dict[str, Any]] = req.get("RecordPatches", [])
    seen: set[str] = set()
    for patch in patches:
        if patch["Key"] in seen:
            raise invalid_parameter(f"Duplicate record key in RecordPatches: {patch['Key']}")
        seen.add(patch["Key"])
        if patch["Op"] == "replace" and "Value" not in patch:
            raise invalid_parameter(f"A replace of the record {patch['Key']} must carry a Value.")
        if patch["SyncCount"] < 0:
            raise invalid_parameter(f"SyncCount of the record {patch['Key']} must not be negative.")
    by = req.get("DeviceId") or identity_id
    dataset = _open_dataset(ctx, pool_id, identity_id, name, by)
    stored = {
        r["key"]: (r["sync_count"], r["value"])
        for r in ctx.store.all(
            "SELECT key, value, sync_count FROM sync_records WHERE identity_id = ? AND dataset = ?",
            (identity_id, name),
        )
        if r["key"] in seen
    }
    for patch in patches:
        current = stored.get(patch["Key"], (0, None))[0]
        if patch["SyncCount"] != current:
            raise AwsError(
                "ResourceConflictException",
                f"Current SyncCount for: {patch['Key']} is: {current} not: {patch['SyncCount']}",
                409,
            )
    changes: events.Changes = {
        p["Key"]: (stored.get(p["Key"], (0, None))[1], p.get("Value") if p["Op"] == "replace" else None, p["Op"])
        for p in patches
    }
    device_dates = {p["Key"]: _epoch(p.get("DeviceLastModifiedDate")) for p in patches}
    if caller_identity(ctx) is not None:  # a developer's update does not call the SyncTrigger (AWS's rule)
        answered = events.sync_trigger(ctx, pool_id, identity_id, name, changes)
        if answered is not None:
            changes = answered
    sync_count = dataset["sync_count"] + 1
    ctx.store.run_many(
        "INSERT INTO sync_records (identity_id, dataset, key, value, sync_count, modified, modified_by,"
        " device_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (identity_id, dataset, key) DO UPDATE SET"
        " value = excluded.value, sync_count = excluded.sync_count, modified = excluded.modified,"
        " modified_by = excluded.modified_by, device_modified = excluded.device_modified",
        [
            (identity_id, name, key, new, sync_count, ctx.now, by, device_dates.get(key))
            for key, (_old, new, _op) in changes.items()
        ],
    )
    totals = ctx.store.one(
        "SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(CAST(key AS BLOB)) + LENGTH(CAST(value AS BLOB))), 0) AS bytes"
        " FROM sync_records WHERE identity_id = ? AND dataset = ? AND value IS NOT NULL",
        (identity_id, name),
    )
    assert totals is not None
    if totals["n"] > MAX_RECORDS:
        raise limit_exceeded(f"The dataset {name} may hold at most {MAX_RECORDS} records.")
    if totals["bytes"] > MAX_STORAGE:
        raise limit_exceeded(f"The dataset {name} may hold at most 1 MB ({MAX_STORAGE} bytes) of keys and values.")
    ctx.store.run(
        "UPDATE sync_datasets SET sync_count = ?, modified = ?, modified_by = ?, storage = ?, records = ?"
        " WHERE identity_id = ? AND name = ?",
        (sync_count, ctx.now, by, totals["bytes"], totals["n"], identity_id, name),
    )
    written = ctx.store.all(
        "SELECT * FROM sync_records WHERE identity_id = ? AND dataset = ? AND sync_count = ? ORDER BY key",
        (identity_id, name, sync_count),
    )
    return {"Records": [_record(r) for r in written]}


def _epoch(value: Any) -> float | None:
    """A DeviceLastModifiedDate as the JSON body carries it (epoch seconds, or an ISO 8601 string), between 1970
    and the end of 9999 (what a date in a response can say)."""
    if value is None:
        return None
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        try:
            stamp = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            raise invalid_parameter(f"DeviceLastModifiedDate {value} is not a timestamp.") from None
        seconds = (stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)).timestamp()
    if not 0 <= seconds < LAST_DATE:
        raise invalid_parameter(f"DeviceLastModifiedDate {value} is not a timestamp.")
    return seconds
