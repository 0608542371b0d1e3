"""The CloudWatch Logs API (``Logs_20140328.<Op>``): log groups, streams and events.

Enough of the ``logs`` service that boto3's ``logs`` client reads a pool's history exactly as on AWS:
CreateLogGroup, DeleteLogGroup, DescribeLogGroups, CreateLogStream, DescribeLogStreams, PutLogEvents,
GetLogEvents and FilterLogEvents (patterns compiled by ``filter_patterns``).

Events are stored with integer group and stream ids and indexed on (group, timestamp) and
(stream, timestamp), so a time-window query over a million events reads only its window. One
FilterLogEvents call examines at most ``SCAN_BUDGET`` stored events and answers with a ``nextToken``
when it stopped early, as CloudWatch does (a page may hold fewer events than ``limit``, even none).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from console.emulator.cloudwatch_logs.filter_patterns import FilterPatternError, compile_filter
from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter
from console.emulator.core.registry import operation
from console.emulator.core.store import dumps, loads

SCAN_BUDGET = 10_000  # stored events one FilterLogEvents call examines at most
MAX_PAGE_BYTES = 1_048_576  # CloudWatch answers at most 1 MB of events per call
_EVENT_OVERHEAD = 26  # bytes CloudWatch counts per event on top of its UTF-8 message
_TOO_NEW_MS = 2 * 3600 * 1000
_TOO_OLD_MS = 14 * 24 * 3600 * 1000


def _marks(n: int) -> str:
    """``(?, ?, ...)``: SQL placeholders for an IN list (values are always bound, never formatted)."""
    return "(" + ",".join("?" * n) + ")"


def now_ms(ctx: RequestContext) -> int:
    return int(ctx.now * 1000)


def group_arn(ctx: RequestContext, name: str) -> str:
    """``logGroupArn`` (no trailing ``:*``); the ``arn`` member adds ``:*``."""
    return f"arn:aws:logs:{ctx.region}:{ctx.config.account_id}:log-group:{name}"


def group_name_from_arn(arn: str) -> str | None:
    """The group name in ``arn:aws:logs:<region>:<account>:log-group:<name>[:*]``, or None."""
    parts = arn.split(":", 6)
    if len(parts) < 7 or parts[0] != "arn" or parts[2] != "logs" or parts[5] != "log-group":
        return None
    name = parts[6]
    if name.endswith(":*"):
        name = name[:-2]
    return name or None


# -- storage helpers -------------------------------------------------------------------------------


def find_group(ctx: RequestContext, name: str) -> Any:
    return ctx.store.one("SELECT * FROM log_groups WHERE name = ?", (name,))


def _require_group(ctx: RequestContext, req: dict[str, Any]) -> Any:
    name = req.get("logGroupName")
    ident = req.get("logGroupIdentifier")
    if name and ident:
        raise invalid_parameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.")
    if ident:
        name = group_name_from_arn(ident) if ident.startswith("arn:") else ident
    if not name:
        raise invalid_parameter("Either logGroupName or logGroupIdentifier must be provided.")
    row = find_group(ctx, name)
    if row is None:
        raise AwsError("ResourceNotFoundException", "The specified log group does not exist.")
    return row


def _stream(ctx: RequestContext, group_id: int, name: str) -> Any:
    return ctx.store.one("SELECT * FROM log_streams WHERE group_id = ? AND name = ?", (group_id, name))


def create_group(ctx: RequestContext, name: str, doc: dict[str, Any] | None = None) -> int:
    if find_group(ctx, name) is not None:
        raise AwsError("ResourceAlreadyExistsException", "The specified log group already exists")
    return ctx.store.insert(
        "INSERT INTO log_groups (name, created, doc) VALUES (?, ?, ?)", (name, now_ms(ctx), dumps(doc or {}))
    )


def ensure_group(ctx: RequestContext, name: str) -> int:
    """The group's id, creating the group if it does not exist (used by Cognito's own writers)."""
    row = find_group(ctx, name)
    return int(row["id"]) if row is not None else create_group(ctx, name)


def _ensure_stream(ctx: RequestContext, group_id: int, name: str) -> int:
    row = _stream(ctx, group_id, name)
    if row is not None:
        return int(row["id"])
    return ctx.store.insert(
        "INSERT INTO log_streams (group_id, name, created) VALUES (?, ?, ?)", (group_id, name, now_ms(ctx))
    )


def _insert_events(ctx: RequestContext, group_id: int, stream_id: int, events: Sequence[tuple[int, str]]) -> None:
    if not events:
        return
    ingest = now_ms(ctx)
    ctx.store.run_many(
        "INSERT INTO log_events (group_id, stream_id, ts, ingest, message) VALUES (?, ?, ?, ?, ?)",
        [(group_id, stream_id, ts, ingest, msg) for ts, msg in events],
    )
    size = sum(len(m.encode()) + _EVENT_OVERHEAD for _, m in events)
    first = min(ts for ts, _ in events)
    last = max(ts for ts, _ in events)
    ctx.store.run(
        "UPDATE log_streams SET first_ts = MIN(COALESCE(first_ts, ?), ?), last_ts = MAX(COALESCE(last_ts, ?), ?),"
        " last_ingest = ?, stored_bytes = stored_bytes + ? WHERE id = ?",
        (first, first, last, last, ingest, size, stream_id),
    )


def append_events(
    ctx: RequestContext,
    group_name: str,
    stream_name: str,
    events: Iterable[tuple[int | float, str] | dict[str, Any] | str],
    *,
    create_group: bool = False,
) -> int:
    """Append events for delivery by other modules; returns how many were written.

    ``events`` are ``(timestamp_ms, message)`` pairs, ``{"timestamp": ms, "message": str}`` dicts, or bare
    messages (stamped with the request's clock). The stream is created when missing; a missing group is
    created only with ``create_group=True``, otherwise nothing is written (delivery is best effort, as
    AWS's is when the destination was deleted).
    """
    row = find_group(ctx, group_name)
    if row is None:
        if not create_group:
            return 0
        group_id = ensure_group(ctx, group_name)
    else:
        group_id = int(row["id"])
    stream_id = _ensure_stream(ctx, group_id, stream_name)
    now = now_ms(ctx)
    batch: list[tuple[int, str]] = []
    for event in events:
        if isinstance(event, str):
            batch.append((now, event))
        elif isinstance(event, dict):
            batch.append((int(event.get("timestamp", now)), str(event["message"])))
        else:
            batch.append((int(event[0]), str(event[1])))
    _insert_events(ctx, group_id, stream_id, batch)
    return len(batch)


# -- tokens ----------------------------------------------------------------------------------------

INVALID_NEXT = "The specified nextToken is invalid."


def _decode_token(token: str, kind: str, *types: type) -> list[Any]:
    """The values of a ``paging`` token of ``kind``; anything else is the Logs API's own error."""
    return paging.decode(token, kind, types, message=INVALID_NEXT)


# -- log groups and streams ------------------------------------------------------------------------


def _describe_group(ctx: RequestContext, row: Any) -> dict[str, Any]:
    doc = loads(row["doc"])
    stored = ctx.store.value("SELECT COALESCE(SUM(stored_bytes), 0) FROM log_streams WHERE group_id = ?", (row["id"],))
    arn = group_arn(ctx, row["name"])
    out: dict[str, Any] = {
        "logGroupName": row["name"],
        "creationTime": row["created"],
        "metricFilterCount": 0,
        "arn": arn + ":*",
        "logGroupArn": arn,
        "storedBytes": stored,
        "logGroupClass": doc.get("logGroupClass", "STANDARD"),
        "deletionProtectionEnabled": bool(doc.get("deletionProtectionEnabled", False)),
    }
    if doc.get("kmsKeyId"):
        out["kmsKeyId"] = doc["kmsKeyId"]
    if doc.get("retentionInDays"):
        out["retentionInDays"] = doc["retentionInDays"]
    return out


@operation("logs", "CreateLogGroup")
def create_log_group(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    doc: dict[str, Any] = {
        k: req[k] for k in ("kmsKeyId", "tags", "logGroupClass", "deletionProtectionEnabled") if k in req
    }
    create_group(ctx, req["logGroupName"], doc)
    return {}


@operation("logs", "DeleteLogGroup")
def delete_log_group(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _require_group(ctx, req)
    if loads(row["doc"]).get("deletionProtectionEnabled"):
        raise AwsError(
            "OperationAbortedException", "Deletion protection is enabled for this log group; disable it first."
        )
    ctx.store.run("DELETE FROM log_groups WHERE id = ?", (row["id"],))
    return {}


@operation("logs", "DescribeLogGroups")
def describe_log_groups(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    prefix = req.get("logGroupNamePrefix")
    pattern = req.get("logGroupNamePattern")
    if prefix and pattern:
        raise invalid_parameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.")
    limit = int(req.get("limit") or 50)
    after = _decode_token(req["nextToken"], "log-groups", str)[0] if req.get("nextToken") else ""
    sql = "SELECT * FROM log_groups WHERE name > ?"
    params: list[Any] = [after]
    if prefix:
        # A range on the unique index instead of LIKE, which would need escaping and ignore case.
        sql += " AND name >= ? AND name < ?"
        params += [prefix, prefix + "\U0010ffff"]
    if req.get("logGroupClass"):
        sql += " AND COALESCE(json_extract(doc, '$.logGroupClass'), 'STANDARD') = ?"
        params.append(req["logGroupClass"])
    identifiers = req.get("logGroupIdentifiers")
    if identifiers:
        names = [group_name_from_arn(i) if i.startswith("arn:") else i for i in identifiers]
        sql += " AND name IN " + _marks(len(names))
        params += names
    sql += " ORDER BY name"
    rows: list[Any] = []
    needle = pattern.casefold() if pattern else None
    for row in ctx.store.all(sql, params):
        if needle is not None and needle not in row["name"].casefold():
            continue
        rows.append(row)
        if len(rows) > limit:
            break
    out: dict[str, Any] = {"logGroups": [_describe_group(ctx, r) for r in rows[:limit]]}
    if len(rows) > limit:
        out["nextToken"] = paging.encode("log-groups", [rows[limit - 1]["name"]])
    return out


@operation("logs", "CreateLogStream")
def create_log_stream(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    group = _require_group(ctx, req)
    if _stream(ctx, group["id"], req["logStreamName"]) is not None:
        raise AwsError("ResourceAlreadyExistsException", "The specified log stream already exists")
    _ensure_stream(ctx, group["id"], req["logStreamName"])
    return {}


def _describe_stream(ctx: RequestContext, group_name: str, row: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "logStreamName": row["name"],
        "creationTime": row["created"],
        "arn": f"{group_arn(ctx, group_name)}:log-stream:{row['name']}",
        "storedBytes": row["stored_bytes"],
    }
    if row["first_ts"] is not None:
        out["firstEventTimestamp"] = row["first_ts"]
        out["lastEventTimestamp"] = row["last_ts"]
        out["lastIngestionTime"] = row["last_ingest"]
    return out


@operation("logs", "DescribeLogStreams")
def describe_log_streams(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    group = _require_group(ctx, req)
    order_by = req.get("orderBy", "LogStreamName")
    prefix = req.get("logStreamNamePrefix")
    if prefix and order_by == "LastEventTime":
        raise invalid_parameter("Cannot order by LastEventTime with a logStreamNamePrefix.")
    descending = bool(req.get("descending", False))
    limit = int(req.get("limit") or 50)
    offset = _decode_token(req["nextToken"], "log-streams", int)[0] if req.get("nextToken") else 0
    sql = "SELECT * FROM log_streams WHERE group_id = ?"
    params: list[Any] = [group["id"]]
    if prefix:
        sql += " AND name >= ? AND name < ?"
        params += [prefix, prefix + "\U0010ffff"]
    direction = "DESC" if descending else "ASC"
    if order_by == "LastEventTime":
        sql += f" ORDER BY COALESCE(last_ts, 0) {direction}, name {direction}"
    else:
        sql += f" ORDER BY name {direction}"
    sql += " LIMIT ? OFFSET ?"
    rows = ctx.store.all(sql, [*params, limit + 1, offset])
    out: dict[str, Any] = {"logStreams": [_describe_stream(ctx, group["name"], r) for r in rows[:limit]]}
    if len(rows) > limit:
        out["nextToken"] = paging.encode("log-streams", [offset + limit])
    return out


# -- events ----------------------------------------------------------------------------------------


@operation("logs", "PutLogEvents")
def put_log_events(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    group = _require_group(ctx, req)
    stream = _stream(ctx, group["id"], req["logStreamName"])
    if stream is None:
        raise AwsError("ResourceNotFoundException", "The specified log stream does not exist.")
    events = req["logEvents"]
    if len(events) > 10_000:
        raise invalid_parameter("The batch of log events in a single PutLogEvents request cannot exceed 10000.")
    stamps = [int(e["timestamp"]) for e in events]
    if any(b < a for a, b in itertools.pairwise(stamps)):
        raise invalid_parameter("Log events in a single PutLogEvents request must be in chronological order.")
    if stamps and stamps[-1] - stamps[0] > 24 * 3600 * 1000:
        raise invalid_parameter(
            "The batch of log events in a single PutLogEvents request cannot span more than 24 hours."
        )
    now = now_ms(ctx)
    accepted: list[tuple[int, str]] = []
    too_old_end: int | None = None
    too_new_start: int | None = None
    for i, event in enumerate(events):
        ts = int(event["timestamp"])
        if ts < now - _TOO_OLD_MS:
            too_old_end = i + 1
        elif ts > now + _TOO_NEW_MS:
            if too_new_start is None:
                too_new_start = i
        else:
            accepted.append((ts, event["message"]))
    _insert_events(ctx, group["id"], stream["id"], accepted)
    out: dict[str, Any] = {"nextSequenceToken": f"{now:056d}"[-56:]}
    rejected: dict[str, int] = {}
    if too_old_end is not None:
        rejected["tooOldLogEventEndIndex"] = too_old_end
    if too_new_start is not None:
        rejected["tooNewLogEventStartIndex"] = too_new_start
    if rejected:
        out["rejectedLogEventsInfo"] = rejected
    return out


def _window(req: dict[str, Any]) -> tuple[int, int]:
    start = int(req["startTime"]) if req.get("startTime") is not None else 0
    end = int(req["endTime"]) if req.get("endTime") is not None else 2**62
    if start > end:
        raise invalid_parameter("startTime must be less than or equal to endTime.")
    return start, end


@operation("logs", "GetLogEvents")
def get_log_events(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    """One stream's events in time order. As CloudWatch's, a forward token starts ``f/`` and a backward
    one ``b/``; the rest is a ``paging`` token of the (timestamp, id) position."""
    group = _require_group(ctx, req)
    stream = _stream(ctx, group["id"], req["logStreamName"])
    if stream is None:
        raise AwsError("ResourceNotFoundException", "The specified log stream does not exist.")
    start, end = _window(req)
    limit = int(req.get("limit") or 10_000)
    token = req.get("nextToken")
    forward = bool(req.get("startFromHead", False))
    pos: tuple[int, int] | None = None
    if token:
        direction, slash, rest = token.partition("/")
        if direction not in ("f", "b") or not slash:
            raise invalid_parameter(INVALID_NEXT)
        forward = direction == "f"
        ts, eid = _decode_token(rest, "log-events", int, int)
        pos = (ts, eid)
    base = "SELECT id, ts, ingest, message FROM log_events WHERE stream_id = ? AND ts >= ? AND ts <= ?"
    params: list[Any] = [stream["id"], start, end]
    if forward:
        if pos is not None:
            base += " AND (ts > ? OR (ts = ? AND id > ?))"
            params += [pos[0], pos[0], pos[1]]
        rows = ctx.store.all(base + " ORDER BY ts, id LIMIT ?", [*params, limit])
    else:
        if pos is not None:
            base += " AND (ts < ? OR (ts = ? AND id < ?))"
            params += [pos[0], pos[0], pos[1]]
        rows = list(reversed(ctx.store.all(base + " ORDER BY ts DESC, id DESC LIMIT ?", [*params, limit])))
    rows = _cap_bytes(rows)
    events = [{"timestamp": r["ts"], "message": r["message"], "ingestionTime": r["ingest"]} for r in rows]
    if rows:
        first, last = rows[0], rows[-1]
        after, before = (last["ts"], last["id"]), (first["ts"], first["id"])
    elif pos is not None:
        after = before = pos  # nothing further: CloudWatch hands back the position it was given
    else:
        after, before = (end if forward else start, 0), (start, 0)
    fwd = "f/" + paging.encode("log-events", after)
    back = "b/" + paging.encode("log-events", before)
    return {"events": events, "nextForwardToken": fwd, "nextBackwardToken": back}


def _cap_bytes(rows: list[Any]) -> list[Any]:
    total = 0
    for i, r in enumerate(rows):
        total += len(r["message"]) + _EVENT_OVERHEAD
        if total > MAX_PAGE_BYTES and i:
            return rows[:i]
    return rows


@operation("logs", "FilterLogEvents")
def filter_log_events(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    group = _require_group(ctx, req)
    names = req.get("logStreamNames")
    prefix = req.get("logStreamNamePrefix")
    if names and prefix:
        raise invalid_parameter("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.")
    start, end = _window(req)
    limit = int(req.get("limit") or 10_000)
    try:
        matcher = compile_filter(req.get("filterPattern") or "")
    except FilterPatternError:
        raise invalid_parameter("Invalid filter pattern") from None
    sql = (
        "SELECT e.id, e.ts, e.ingest, e.message, e.stream_id FROM log_events e"
        " WHERE e.group_id = ? AND e.ts >= ? AND e.ts <= ?"
    )
    params: list[Any] = [group["id"], start, end]
    stream_names: dict[int, str] = {}
    if names or prefix:
        if names:
            srows = ctx.store.all(
                "SELECT id, name FROM log_streams WHERE group_id = ? AND name IN " + _marks(len(names)),  # noqa: S608 (bound values)
                [group["id"], *names],
            )
        else:
            srows = ctx.store.all(
                "SELECT id, name FROM log_streams WHERE group_id = ? AND name >= ? AND name < ?",
                [group["id"], prefix, f"{prefix}\U0010ffff"],
            )
        if not srows:
            raise AwsError("ResourceNotFoundException", "The specified log stream does not exist.")
        stream_names = {r["id"]: r["name"] for r in srows}
        sql += " AND e.stream_id IN " + _marks(len(stream_names))
        params += list(stream_names)
    if req.get("nextToken"):
        ts, eid = _decode_token(req["nextToken"], "filtered-events", int, int)
        sql += " AND (e.ts > ? OR (e.ts = ? AND e.id > ?))"
        params += [ts, ts, eid]
    # Rows are read lazily: a page fills (10,000 events or 1 MB) long before the scan budget is spent on
    # a busy group, and reading the rest would cost more than the page itself.
    matched: list[Any] = []
    size = 0
    last: Any = None
    more = False  # anything left in the window past a full page or the scan budget: another page
    rows = ctx.store.iter(sql + " ORDER BY e.ts, e.id LIMIT ?", [*params, SCAN_BUDGET + 1])
    for scanned, r in enumerate(rows):
        if scanned == SCAN_BUDGET:
            more = True
            break
        last = r
        if matcher(r["message"]):
            matched.append(r)
            size += len(r["message"]) + _EVENT_OVERHEAD
            if len(matched) >= limit or size >= MAX_PAGE_BYTES:
                more = next(rows, None) is not None
                break
    exhausted = not more
    missing = {r["stream_id"] for r in matched} - set(stream_names)
    if missing:
        sql = "SELECT id, name FROM log_streams WHERE id IN " + _marks(len(missing))  # noqa: S608 (bound values)
        for s in ctx.store.all(sql, list(missing)):
            stream_names[s["id"]] = s["name"]
    events = [
        {
            "logStreamName": stream_names.get(r["stream_id"], ""),
            "timestamp": r["ts"],
            "message": r["message"],
            "ingestionTime": r["ingest"],
            "eventId": f"{r['ts']:020d}{r['id']:020d}",
        }
        for r in matched
    ]
    out: dict[str, Any] = {"events": events, "searchedLogStreams": []}
    if not exhausted and last is not None:
        out["nextToken"] = paging.encode("filtered-events", [last["ts"], last["id"]])
    return out
