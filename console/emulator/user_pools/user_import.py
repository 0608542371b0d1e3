"""User import jobs: CSV upload to a pre-signed URL, background import, per-line results in a log group.

Operations: CreateUserImportJob, StartUserImportJob, StopUserImportJob, DescribeUserImportJob and
ListUserImportJobs (GetCSVHeader is in ``pools``).

The job's ``PreSignedUrl`` is served by the local Cognito itself: ``PUT {base}/_emulator/user-import/
{JobId}?X-Amz-Date=...&X-Amz-Expires=900&X-Amz-Signature=...`` with the CSV as the body (``curl -T
users.csv <url>`` works, as with AWS's S3 URL). The signature is an HMAC of the job and its expiry
under a key kept in the store; the URL is valid for 15 minutes and while the job is ``Created``.

CSV rules (COGNITO-FACTS §9): UTF-8 without a BOM; a header naming ``cognito:username``,
``cognito:mfa_enabled`` and ``email_verified`` or ``phone_number_verified``, plus any schema attribute
(order free); values unquoted and trimmed, ``\\,`` for a comma inside a value; booleans ``true``/``false``;
``birthdate`` as ``mm/dd/yyyy`` (stored as ``yyyy-mm-dd``) and ``updated_at`` as epoch seconds; rows of
at most 16,000 characters. A row must set at least one of the pool's auto-verified attributes to true, the
email/phone it verifies, the pool's required attributes, and ``cognito:mfa_enabled`` as the pool's MFA
setting demands (true when ON, false when OFF, any value when OPTIONAL). A header that breaks the rules
fails the job; a row that breaks them is counted as failed (or skipped when the user exists) and the
rest is imported. Imported users are ``RESET_REQUIRED`` with no password: they must reset it.

Each line's result goes to the log group ``/aws/cognito/userpools/<pool id>/<pool name>``, stream
``<job id>/<job name>``, in AWS's words (``[SUCCEEDED] Line Number 2 - The import succeeded.``).

The import runs as an asyncio task, 1,000 rows per transaction, yielding to the event loop between
chunks so the server keeps answering; StopUserImportJob takes effect at the next chunk. Progress is
saved with each chunk: a job left ``InProgress`` by a stopped server resumes when it is next described
or listed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import logging
import re
import secrets
import string
import time
import urllib.parse
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from console.emulator.cloudwatch_logs import api as logs_api
from console.emulator.core import ids, paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, limit_exceeded, resource_not_found
from console.emulator.core.registry import http_route, idp
from console.emulator.core.store import dumps, loads

from . import attributes, pools, users

log = logging.getLogger("console.emulator.user_pools.user_import")


URL_VALIDITY = 15 * 60
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_LINE_CHARS = 16_000
MAX_USERS = 500_000
MAX_JOBS = 1_000
CHUNK = 1_000
CHUNK_SECONDS = 0.1  # a chunk also ends after this long, so other requests wait at most about this
_TASKS = "user_import.tasks"
_AUTO_VERIFY_MESSAGE = (
    "The User Record does not set any of the auto verified attributes to true. (Example: email_verified to true)."
)
_BOOLEAN_COLUMNS = ("email_verified", "phone_number_verified", "cognito:mfa_enabled")


# -- jobs ------------------------------------------------------------------------------------------


def _job_id() -> str:
    return "import-" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(10))


def _key(ctx: RequestContext) -> bytes:
    cache = ctx.state.setdefault("user_import.key", {})
    if "key" not in cache:
        value = ctx.store.value("SELECT secret FROM user_import_keys WHERE name = 'url'")
        if value is None:
            ctx.store.run(
                "INSERT OR IGNORE INTO user_import_keys (name, secret) VALUES ('url', ?)", (secrets.token_hex(32),)
            )
            value = ctx.store.value("SELECT secret FROM user_import_keys WHERE name = 'url'")
        cache["key"] = bytes.fromhex(value)
    key: bytes = cache["key"]
    return key


def _signature(key: bytes, job_id: str, signed_at: str) -> str:
    return hmac.new(key, f"{job_id}|{signed_at}|{URL_VALIDITY}".encode(), hashlib.sha256).hexdigest()


def _presigned_url(ctx: RequestContext, job_id: str) -> str:
    signed_at = dt.datetime.fromtimestamp(ctx.now, dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    query = urllib.parse.urlencode(
        {
            "X-Amz-Algorithm": "HMAC-SHA256",
            "X-Amz-Date": signed_at,
            "X-Amz-Expires": str(URL_VALIDITY),
            "X-Amz-Signature": _signature(_key(ctx), job_id, signed_at),
        }
    )
    return f"{ctx.base_url}/_emulator/user-import/{job_id}?{query}"


def _load(ctx: RequestContext, pool_id: str, job_id: str) -> dict[str, Any]:
    row = ctx.store.one("SELECT doc FROM user_import_jobs WHERE job_id = ? AND pool_id = ?", (job_id, pool_id))
    if row is None:
        raise resource_not_found(f"Import job {job_id} does not exist.")
    doc: dict[str, Any] = loads(row["doc"])
    return doc


def _save(ctx: RequestContext, doc: dict[str, Any]) -> None:
    ctx.store.run("UPDATE user_import_jobs SET doc = ? WHERE job_id = ?", (dumps(doc), doc["JobId"]))


def _public(doc: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if not k.startswith("_")}


def log_group_name(pool: Mapping[str, Any]) -> str:
    """``/aws/cognito/userpools/<pool id>/<pool name>`` (characters a group name can't hold become ``-``)."""
    name = re.sub(r"[^.\-_/#A-Za-z0-9]", "-", str(pool.get("Name") or ""))
    return f"/aws/cognito/userpools/{pool['Id']}/{name}"[:512]


@idp("CreateUserImportJob")
def create_user_import_job(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    count = ctx.store.value("SELECT COUNT(*) FROM user_import_jobs WHERE pool_id = ?", (pool["Id"],))
    if count >= MAX_JOBS:
        raise limit_exceeded(f"A user pool can have at most {MAX_JOBS} import jobs.")
    job_id = _job_id()
    doc = {
        "JobName": req["JobName"],
        "JobId": job_id,
        "UserPoolId": pool["Id"],
        "PreSignedUrl": _presigned_url(ctx, job_id),
        "CreationDate": ctx.now,
        "Status": "Created",
        "CloudWatchLogsRoleArn": req["CloudWatchLogsRoleArn"],
        "ImportedUsers": 0,
        "SkippedUsers": 0,
        "FailedUsers": 0,
        "_line": 1,
    }
    ctx.store.run(
        "INSERT INTO user_import_jobs (job_id, pool_id, created, doc) VALUES (?, ?, ?, ?)",
        (job_id, pool["Id"], ctx.now, dumps(doc)),
    )
    return {"UserImportJob": _public(doc)}


@idp("DescribeUserImportJob")
def describe_user_import_job(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pools.get_pool(ctx, req["UserPoolId"])
    doc = _load(ctx, req["UserPoolId"], req["JobId"])
    _resume_if_orphaned(ctx, doc)
    return {"UserImportJob": _public(doc)}


@idp("ListUserImportJobs")
def list_user_import_jobs(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    limit = int(req["MaxResults"])
    sql = "SELECT created, job_id, doc FROM user_import_jobs WHERE pool_id = ?"
    params: list[Any] = [pool["Id"]]
    token = req.get("PaginationToken")
    if token:
        created, job_id = paging.decode(token, "user-import-jobs", (float, str))
        sql += " AND (created > ? OR (created = ? AND job_id > ?))"
        params += [created, created, job_id]
    rows = ctx.store.all(sql + " ORDER BY created, job_id LIMIT ?", [*params, limit + 1])
    jobs = []
    for r in rows[:limit]:
        doc = loads(r["doc"])
        _resume_if_orphaned(ctx, doc)
        jobs.append(_public(doc))
    out: dict[str, Any] = {"UserImportJobs": jobs}
    if len(rows) > limit:
        last = rows[limit - 1]
        out["PaginationToken"] = paging.encode("user-import-jobs", [last["created"], last["job_id"]])
    return out


@idp("StartUserImportJob")
def start_user_import_job(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    doc = _load(ctx, pool["Id"], req["JobId"])
    if doc["Status"] != "Created":
        raise AwsError(
            "PreconditionNotMetException", f"Import job {doc['JobId']} cannot be started: it is {doc['Status']}."
        )
    if not ctx.store.value("SELECT 1 FROM user_import_uploads WHERE job_id = ?", (doc["JobId"],)):
        raise AwsError("PreconditionNotMetException", "The CSV file has not been uploaded to the pre-signed URL.")
    if not pool.get("AutoVerifiedAttributes"):
        raise AwsError(
            "PreconditionNotMetException",
            "The user pool must have at least one auto verified attribute to import users.",
        )
    doc["Status"] = "Pending"
    doc["StartDate"] = ctx.now
    _save(ctx, doc)
    _spawn(ctx, doc["JobId"])
    return {"UserImportJob": _public(doc)}


@idp("StopUserImportJob")
def stop_user_import_job(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pools.get_pool(ctx, req["UserPoolId"])
    doc = _load(ctx, req["UserPoolId"], req["JobId"])
    if doc["Status"] not in ("Pending", "InProgress"):
        raise AwsError(
            "PreconditionNotMetException", f"Import job {doc['JobId']} cannot be stopped: it is {doc['Status']}."
        )
    doc["Status"] = "Stopping"
    _save(ctx, doc)
    if not _running(ctx, doc["JobId"]):
        _finish(ctx, doc, "Stopped", "The import job was stopped.")
    return {"UserImportJob": _public(doc)}


# -- upload ----------------------------------------------------------------------------------------


def _s3_error(status: int, code: str, message: str) -> Response:
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>'
    return Response(body, status_code=status, media_type="application/xml")


@http_route("/_emulator/user-import/{job_id}", ("PUT",))
async def upload(request: Request) -> Response:
    """The pre-signed URL: accepts the CSV for a ``Created`` job until the URL expires."""
    state = request.app.state.emulator
    ctx: RequestContext = state.context("UserImportUpload", request)
    job_id = request.path_params["job_id"]
    q = request.query_params
    signed_at = q.get("X-Amz-Date", "")
    try:
        issued = dt.datetime.strptime(signed_at, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC).timestamp()
    except ValueError:
        return _s3_error(403, "AccessDenied", "Query-string authentication requires the X-Amz-Date parameter.")
    expected = _signature(_key(ctx), job_id, signed_at)
    # As bytes: compare_digest refuses str with non-ASCII characters (TypeError), and the query is the client's.
    if not hmac.compare_digest(expected.encode(), q.get("X-Amz-Signature", "").encode()):
        return _s3_error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match.")
    if ctx.now > issued + URL_VALIDITY:
        return _s3_error(403, "AccessDenied", "Request has expired")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_FILE_BYTES:
        return _s3_error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            return _s3_error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
        chunks.append(chunk)
    body = b"".join(chunks)
    with ctx.store.tx():
        row = ctx.store.one("SELECT doc FROM user_import_jobs WHERE job_id = ?", (job_id,))
        if row is None:
            return _s3_error(404, "NoSuchKey", "The specified key does not exist.")
        if loads(row["doc"])["Status"] != "Created":
            return _s3_error(403, "AccessDenied", "The import job no longer accepts uploads.")
        ctx.store.run(
            "INSERT INTO user_import_uploads (job_id, body) VALUES (?, ?)"
            " ON CONFLICT(job_id) DO UPDATE SET body = excluded.body",
            (job_id, body),
        )
    etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
    return Response(b"", status_code=200, headers={"ETag": f'"{etag}"'})


# -- the background import -------------------------------------------------------------------------


def _running(ctx: RequestContext, job_id: str) -> bool:
    task = ctx.state.get(_TASKS, {}).get(job_id)
    return task is not None and not task.done()


def _spawn(ctx: RequestContext, job_id: str) -> None:
    tasks: dict[str, asyncio.Task[None]] = ctx.state.setdefault(_TASKS, {})
    if _running(ctx, job_id):
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return  # no loop (direct calls in tests): the job stays Pending until described on a server
    # The task starts after this request's transaction commits (the loop runs it after the handler returns).
    tasks[job_id] = loop.create_task(_run_job(ctx.store, ctx.config, ctx.state, job_id))


def _resume_if_orphaned(ctx: RequestContext, doc: dict[str, Any]) -> None:
    if doc["Status"] in ("Pending", "InProgress", "Stopping") and not _running(ctx, doc["JobId"]):
        if doc["Status"] == "Stopping":
            _finish(ctx, doc, "Stopped", "The import job was stopped.")
        else:
            _spawn(ctx, doc["JobId"])


def _finish(ctx: RequestContext, doc: dict[str, Any], status: str, message: str) -> None:
    doc["Status"] = status
    doc["CompletionDate"] = ctx.now
    doc["CompletionMessage"] = message
    _save(ctx, doc)
    ctx.store.run("DELETE FROM user_import_uploads WHERE job_id = ?", (doc["JobId"],))


class _Header(Exception):
    pass


def split_line(line: str) -> list[str]:
    """One CSV line: fields separated by commas, ``\\,`` a literal comma, every value trimmed."""
    fields: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line) and line[i + 1] == ",":
            current.append(",")
            i += 2
            continue
        if ch == ",":
            fields.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    fields.append("".join(current).strip())
    return fields


def parse_header(pool: Mapping[str, Any], line: str) -> list[str]:
    columns = split_line(line)
    known = set(attributes.schema_of(pool)) - {"sub"}
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            raise _Header(f"The CSV header repeats the column {name}.")
        seen.add(name)
        if name not in known and name not in ("cognito:username", "cognito:mfa_enabled"):
            raise _Header(f"The CSV header has an unknown column {name}.")
    for required in ("cognito:username", "cognito:mfa_enabled"):
        if required not in seen:
            raise _Header(f"The CSV header is missing the required column {required}.")
    if "email_verified" not in seen and "phone_number_verified" not in seen:
        raise _Header("The CSV header must have an email_verified or phone_number_verified column.")
    return columns


def _bool(value: str) -> bool | None:
    lowered = value.lower()
    if lowered == "true":
        return True
    if lowered in ("false", ""):
        return False
    return None


def import_row(ctx: RequestContext, pool: dict[str, Any], header: list[str], line: str) -> tuple[str, str]:
    """Import one CSV line; ``(SUCCEEDED|SKIPPED|FAILED, message)``."""
    if len(line) > MAX_LINE_CHARS:
        return "FAILED", f"The line is longer than {MAX_LINE_CHARS} characters."
    values = split_line(line)
    if len(values) != len(header):
        return "FAILED", "The number of values does not match the number of columns in the header."
    row = dict(zip(header, values, strict=True))
    username = row.pop("cognito:username")
    if not username or re.search(r"\s", username) or len(username) > 128:
        return "FAILED", "The cognito:username value is missing or invalid."
    flags: dict[str, bool] = {}
    for column in _BOOLEAN_COLUMNS:
        if column in row:
            parsed = _bool(row[column])
            if parsed is None:
                return "FAILED", f"The value of {column} must be true or false."
            flags[column] = parsed
    mfa_raw = row.pop("cognito:mfa_enabled")
    mfa_setting = pool.get("MfaConfiguration") or "OFF"
    if mfa_setting == "ON" and not flags["cognito:mfa_enabled"]:
        return "FAILED", "cognito:mfa_enabled must be true because MFA is required in the user pool."
    if mfa_setting == "OFF" and flags["cognito:mfa_enabled"]:
        return "FAILED", "cognito:mfa_enabled must be false because MFA is off in the user pool."
    if mfa_setting == "OPTIONAL" and not mfa_raw:
        return "FAILED", "cognito:mfa_enabled must be set because MFA is optional in the user pool."
    auto = pool.get("AutoVerifiedAttributes") or []
    if not any(flags.get(f"{a}_verified") for a in auto):
        return "FAILED", _AUTO_VERIFY_MESSAGE
    for attr in ("email", "phone_number"):
        if flags.get(f"{attr}_verified") and not row.get(attr):
            return "FAILED", f"The {attr} attribute is required because {attr}_verified is true."
    if row.get("birthdate") and re.fullmatch(r"\d{2}/\d{2}/\d{4}", row["birthdate"]):
        month, day, year = row["birthdate"].split("/")
        row["birthdate"] = f"{year}-{month}-{day}"
    if row.get("updated_at") and not row["updated_at"].isdigit():
        return "FAILED", "updated_at must be a number of seconds since the epoch."
    for column in ("email_verified", "phone_number_verified"):
        if column in row:
            row[column] = "true" if flags[column] else "false"
    try:
        attrs = attributes.validate_attributes(
            pool, {k: v for k, v in row.items() if v != ""}, op="ImportUsers", admin=True, creating=True
        )
    except AwsError as err:
        return "FAILED", err.message.strip().replace("\n", "; ")
    username_attrs = pools.username_attributes(pool)
    stored_name = username
    if username_attrs:
        # Email or phone as the username: the stored username is the sub; the user signs in with those.
        for attr in username_attrs:
            if attrs.get(attr) and users.by_attribute(ctx, pool, attr, attrs[attr]):
                return "SKIPPED", "The user already exists."
    if users.by_key(ctx, pool["Id"], users.username_key(pool, username)) is not None:
        return "SKIPPED", "The user already exists."
    for alias in pools.alias_attributes(pool):
        if alias in attrs and (alias == "preferred_username" or attrs.get(f"{alias}_verified") == "true"):
            for other in users.by_attribute(ctx, pool, alias, attrs[alias]):
                if alias == "preferred_username" or other.attrs.get(f"{alias}_verified") == "true":
                    return "FAILED", f"An account with the {alias} already exists."
    sub = ids.sub()
    if username_attrs:
        stored_name = sub
    mfa: dict[str, Any] = {}
    if flags.get("cognito:mfa_enabled") and attrs.get("phone_number"):
        mfa["enabled"] = ["SMS_MFA"]
    user = users.User(
        pool_id=pool["Id"],
        username=stored_name,
        username_key=users.username_key(pool, stored_name),
        sub=sub,
        status="RESET_REQUIRED",
        enabled=True,
        created=ctx.now,
        modified=ctx.now,
        attrs=attrs,
        mfa=mfa,
        secret={},
    )
    try:
        users.insert(ctx, pool, user)
    except AwsError:
        return "SKIPPED", "The user already exists."
    return "SUCCEEDED", "The import succeeded."


async def _run_job(store: Any, config: Any, state: dict[str, Any], job_id: str) -> None:
    await asyncio.sleep(0)  # let the starting request commit and answer first
    try:
        await _import(store, config, state, job_id)
    except Exception:
        log.exception("user import job %s crashed", job_id)
        ctx = RequestContext(store=store, config=config, state=state, now=config.now())
        with store.tx():
            row = store.one("SELECT doc FROM user_import_jobs WHERE job_id = ?", (job_id,))
            if row is not None:
                _finish(ctx, loads(row["doc"]), "Failed", "The import job failed because of an internal error.")


async def _import(store: Any, config: Any, state: dict[str, Any], job_id: str) -> None:
    lines: list[str] | None = None
    header: list[str] | None = None
    while True:
        ctx = RequestContext(store=store, config=config, state=state, now=config.now(), operation="UserImport")
        with store.tx():
            row = store.one("SELECT doc FROM user_import_jobs WHERE job_id = ?", (job_id,))
            if row is None:
                return  # the pool (and so the job) was deleted
            doc = loads(row["doc"])
            if doc["Status"] == "Stopping":
                _finish(ctx, doc, "Stopped", "The import job was stopped.")
                return
            if doc["Status"] not in ("Pending", "InProgress"):
                return
            try:
                pool = pools.get_pool(ctx, doc["UserPoolId"])
            except AwsError:
                return
            if lines is None:
                body = store.value("SELECT body FROM user_import_uploads WHERE job_id = ?", (job_id,))
                problem = None
                try:
                    text = bytes(body or b"").decode("utf-8")
                except UnicodeDecodeError:
                    text, problem = "", "The CSV file is not valid UTF-8."
                if text.startswith("\ufeff"):
                    problem = "The CSV file must be UTF-8 without a byte order mark."
                lines = text.splitlines()
                if problem is None and not lines:
                    problem = "The CSV file is empty."
                if problem is None:
                    try:
                        header = parse_header(pool, lines[0])
                    except _Header as exc:
                        problem = str(exc)
                if problem is None and len(lines) - 1 > MAX_USERS:
                    problem = f"The CSV file has more than {MAX_USERS} users."
                if problem is not None:
                    _finish(ctx, doc, "Failed", problem)
                    return
            assert header is not None
            doc["Status"] = "InProgress"
            start = int(doc.get("_line", 1))  # lines[0] is the header (line 1)
            limit = min(start + CHUNK, len(lines))
            results: list[tuple[int, str]] = []
            began = time.monotonic()
            end = start
            for index in range(start, limit):
                end = index + 1
                if index > start and time.monotonic() - began > CHUNK_SECONDS:
                    end = index
                    break
                text_line = lines[index]
                if not text_line.strip():
                    continue
                status, message = import_row(ctx, pool, header, text_line)
                doc[{"SUCCEEDED": "ImportedUsers", "SKIPPED": "SkippedUsers", "FAILED": "FailedUsers"}[status]] += 1
                results.append((int(ctx.now * 1000), f"[{status}] Line Number {index + 1} - {message}"))
            logs_api.append_events(ctx, log_group_name(pool), f"{job_id}/{doc['JobName']}", results, create_group=True)
            doc["_line"] = end
            if end >= len(lines):
                failed = doc["FailedUsers"] + doc["SkippedUsers"]
                total = failed + doc["ImportedUsers"]
                if total and doc["ImportedUsers"] == 0:
                    _finish(ctx, doc, "Failed", "Too many users have failed or been skipped during the import.")
                else:
                    _finish(ctx, doc, "Succeeded", "Import Job Completed Successfully.")
                return
            _save(ctx, doc)
        await asyncio.sleep(0)
