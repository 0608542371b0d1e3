"""Benchmark: auth-event history at 1,000,000 events in one pool, and a 100,000-row CSV user import.

1. A server makes the pool (Plus, threat protection ENFORCED), its userAuthEvents log group and delivery
   configuration, and one user through the API; then it stops.
2. The benchmark writes, straight into that server's database, 999 more users and 1,000,000 auth events
   spread over 30 days (in ``auth_events`` and, as their documented log records, in the log group).
3. The server restarts on the same data directory and the benchmark measures, with raw HTTP requests as
   boto3 sends them (keep-alive, one connection):
   - FilterLogEvents over one day's window (startTime/endTime), first page, p50/p99;
   - FilterLogEvents over the same day with a JSON filter pattern, p50/p99;
   - AdminListUserAuthEvents for one user (1,000 events), first page and a later page, p50/p99;
4. A 100,000-row CSV import, end to end: CreateUserImportJob, PUT to the PreSignedUrl, StartUserImportJob,
   DescribeUserImportJob until Succeeded.

Targets (issue 4): p50 under 50 ms; the import under 60 s. Run:

    python -m tests.benchmarks.bench_events [--events 1000000] [--import-rows 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from console.emulator.cloudwatch_logs import delivery
from tests.localcognito import start

IDP = "AWSCognitoIdentityProviderService."
LOGS = "Logs_20140328."
HEADERS = {"Content-Type": "application/x-amz-json-1.1"}
DAY_MS = 86_400_000
USERS = 1000


def call(client: httpx.Client, base: str, target: str, body: dict[str, Any]) -> dict[str, Any]:
    r = client.post(base + "/", content=json.dumps(body), headers={**HEADERS, "X-Amz-Target": target})
    if r.status_code != 200:
        raise RuntimeError(f"{target}: {r.status_code} {r.text[:300]}")
    out: dict[str, Any] = r.json()
    return out


def timed(fn: Any, n: int) -> tuple[float, float]:
    fn()  # warm up
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def setup(base: str) -> dict[str, str]:
    with httpx.Client(timeout=60) as c:
        pool = call(
            c,
            base,
            IDP + "CreateUserPool",
            {
                "PoolName": "events-bench",
                "UserPoolTier": "PLUS",
                "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"},
            },
        )["UserPool"]
        group = "/aws/vendedlogs/cognito/bench"
        call(c, base, LOGS + "CreateLogGroup", {"logGroupName": group})
        call(
            c,
            base,
            IDP + "SetLogDeliveryConfiguration",
            {
                "UserPoolId": pool["Id"],
                "LogConfigurations": [
                    {
                        "LogLevel": "INFO",
                        "EventSource": "userAuthEvents",
                        "CloudWatchLogsConfiguration": {
                            "LogGroupArn": f"arn:aws:logs:us-east-1:000000000000:log-group:{group}"
                        },
                    }
                ],
            },
        )
        call(
            c,
            base,
            IDP + "AdminCreateUser",
            {"UserPoolId": pool["Id"], "Username": "user0", "MessageAction": "SUPPRESS"},
        )
    return {"pool": pool["Id"], "group": group}


def fill(db_path: Path, pool_id: str, group: str, total: int, now_ms: int) -> float:
    t0 = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    template = db.execute("SELECT * FROM users WHERE pool_id = ? AND username_key = 'user0'", (pool_id,)).fetchone()
    cols = [d[0] for d in db.execute("SELECT * FROM users LIMIT 0").description]
    rows = []
    subs = {"user0": template[cols.index("sub")]}
    for i in range(1, USERS):
        row = list(template)
        name = f"user{i}"
        row[cols.index("username_key")] = name
        row[cols.index("username")] = name
        row[cols.index("sub")] = subs[name] = str(uuid.uuid4())
        rows.append(row)
    sql = f"INSERT INTO users ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})"  # noqa: S608 - own columns
    db.executemany(sql, rows)
    group_id = db.execute("SELECT id FROM log_groups WHERE name = ?", (group,)).fetchone()[0]
    start_ms = now_ms - 30 * DAY_MS
    db.execute(
        "INSERT INTO log_streams (group_id, name, created, first_ts, last_ts, last_ingest) VALUES (?, ?, ?, ?, ?, ?)",
        (group_id, pool_id, start_ms, start_ms, now_ms, now_ms),
    )
    stream_id = db.execute(
        "SELECT id FROM log_streams WHERE group_id = ? AND name = ?", (group_id, pool_id)
    ).fetchone()[0]
    rnd = random.Random(4)
    step = (now_ms - start_ms) / total
    batch_events: list[tuple[Any, ...]] = []
    batch_logs: list[tuple[Any, ...]] = []
    devices = ["Chrome 126, Windows 10", "Firefox 127, Linux", "Safari 17, Mac OS X 10.15", "Other, Other"]
    for n in range(total):
        ts = int(start_ms + n * step)
        user = f"user{n % USERS}"
        response = "Fail" if rnd.random() < 0.1 else "Pass"
        event_type = "SignIn" if rnd.random() < 0.9 else "SignUp"
        ip = f"10.0.{rnd.randrange(256)}.{rnd.randrange(256)}"
        event = {
            "EventId": str(uuid.uuid4()),
            "EventType": event_type,
            "CreationDate": ts / 1000,
            "EventResponse": response,
            "EventRisk": {"RiskDecision": "NoRisk", "CompromisedCredentialsDetected": False},
            "ChallengeResponses": [
                {"ChallengeName": "Password", "ChallengeResponse": "Success" if response == "Pass" else "Failure"}
            ],
            "EventContextData": {"IpAddress": ip, "DeviceName": devices[n % 4]},
        }
        batch_events.append(
            (pool_id, event["EventId"], user, ts / 1000, event_type, response, ip, devices[n % 4], json.dumps(event))
        )
        entry = delivery.auth_event_log_entry(
            pool_id, {**event, "UserSub": subs[user], "Username": user, "ClientId": "bench", "RequestId": "r"}
        )
        batch_logs.append((group_id, stream_id, ts, ts, json.dumps(entry, separators=(",", ":"))))
        if len(batch_events) >= 50_000:
            flush(db, batch_events, batch_logs)
    flush(db, batch_events, batch_logs)
    db.commit()
    db.close()
    return time.perf_counter() - t0


def flush(db: sqlite3.Connection, events: list[tuple[Any, ...]], log_rows: list[tuple[Any, ...]]) -> None:
    db.executemany(
        "INSERT INTO auth_events (pool_id, event_id, username_key, created, event_type, response, ip, device, doc)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events,
    )
    db.executemany("INSERT INTO log_events (group_id, stream_id, ts, ingest, message) VALUES (?, ?, ?, ?, ?)", log_rows)
    events.clear()
    log_rows.clear()


def measure_queries(base: str, pool_id: str, group: str, now_ms: int, n: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    day_start = now_ms - 10 * DAY_MS
    window = {"logGroupName": group, "startTime": day_start, "endTime": day_start + DAY_MS}
    with httpx.Client(timeout=60) as c:
        first = call(c, base, LOGS + "FilterLogEvents", window)
        out["filter_day_events_first_page"] = len(first["events"])
        out["filter_day_p50_ms"], out["filter_day_p99_ms"] = timed(
            lambda: call(c, base, LOGS + "FilterLogEvents", window), n
        )
        pattern = {**window, "filterPattern": '{ $.message.eventResponse = "Fail" }'}
        out["filter_pattern_events_first_page"] = len(call(c, base, LOGS + "FilterLogEvents", pattern)["events"])
        out["filter_pattern_p50_ms"], out["filter_pattern_p99_ms"] = timed(
            lambda: call(c, base, LOGS + "FilterLogEvents", pattern), n
        )
        body = {"UserPoolId": pool_id, "Username": "user7", "MaxResults": 60}
        page = call(c, base, IDP + "AdminListUserAuthEvents", body)
        out["list_user_events_first_page"] = len(page["AuthEvents"])
        out["list_user_p50_ms"], out["list_user_p99_ms"] = timed(
            lambda: call(c, base, IDP + "AdminListUserAuthEvents", body), n
        )
        for _ in range(8):
            if "NextToken" not in page:
                break
            page = call(c, base, IDP + "AdminListUserAuthEvents", {**body, "NextToken": page["NextToken"]})
        if "NextToken" in page:
            later = {**body, "NextToken": page["NextToken"]}
            out["list_user_page10_p50_ms"], out["list_user_page10_p99_ms"] = timed(
                lambda: call(c, base, IDP + "AdminListUserAuthEvents", later), n
            )
    return out


def measure_import(base: str, rows: int) -> dict[str, Any]:
    with httpx.Client(timeout=120) as c:
        pool = call(c, base, IDP + "CreateUserPool", {"PoolName": "import-bench", "AutoVerifiedAttributes": ["email"]})[
            "UserPool"
        ]
        header = call(c, base, IDP + "GetCSVHeader", {"UserPoolId": pool["Id"]})["CSVHeader"]
        values = {"cognito:mfa_enabled": "false", "email_verified": "true", "phone_number_verified": "false"}
        lines = [",".join(header)]
        for i in range(rows):
            row = dict(values, **{"cognito:username": f"imp{i}", "email": f"imp{i}@example.com"})
            lines.append(",".join(row.get(h, "") for h in header))
        csv = ("\n".join(lines) + "\n").encode()
        t0 = time.perf_counter()
        job = call(
            c,
            base,
            IDP + "CreateUserImportJob",
            {
                "UserPoolId": pool["Id"],
                "JobName": "bench",
                "CloudWatchLogsRoleArn": "arn:aws:iam::000000000000:role/import",
            },
        )["UserImportJob"]
        put = c.put(job["PreSignedUrl"], content=csv, headers={"x-amz-server-side-encryption": "aws:kms"})
        if put.status_code >= 300:
            raise RuntimeError(f"upload: {put.status_code} {put.text[:200]}")
        call(c, base, IDP + "StartUserImportJob", {"UserPoolId": pool["Id"], "JobId": job["JobId"]})
        while True:
            described = call(c, base, IDP + "DescribeUserImportJob", {"UserPoolId": pool["Id"], "JobId": job["JobId"]})
            state = described["UserImportJob"]
            if state["Status"] not in ("Pending", "InProgress", "Created"):
                break
            time.sleep(0.25)
        elapsed = time.perf_counter() - t0
    return {
        "import_rows": rows,
        "import_status": state["Status"],
        "import_imported": state.get("ImportedUsers"),
        "import_failed": state.get("FailedUsers"),
        "import_seconds": round(elapsed, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args(argv)
    results: dict[str, Any] = {"events": args.events}
    with tempfile.TemporaryDirectory(prefix="bench-events-") as tmp:
        data = Path(tmp)
        server = start(data)
        try:
            made = setup(server.base_url)
        finally:
            server.stop()
        now_ms = int(time.time() * 1000)
        results["fill_seconds"] = round(fill(data / "cognito.db", made["pool"], made["group"], args.events, now_ms), 1)
        server = start(data)
        try:
            results.update(measure_queries(server.base_url, made["pool"], made["group"], now_ms, args.samples))
            results.update(measure_import(server.base_url, args.import_rows))
        finally:
            server.stop()
    for key, value in results.items():
        print(f"{key:36} {round(value, 2) if isinstance(value, float) else value}")
    ok = (
        results["filter_day_p50_ms"] < 50
        and results["list_user_p50_ms"] < 50
        and results["import_status"] == "Succeeded"
        and results["import_seconds"] < 60
    )
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
