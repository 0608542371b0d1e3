"""Soak: 50 clients for 60 s of mixed sign-in and user administration on one local Cognito, then a second
run whose server is killed with SIGKILL midway, restarted on the same data, and checked for every write it
had acknowledged.

Each client is a sequential loop over one keep-alive connection, drawing from:

- sign-in: USER_PASSWORD_AUTH, SRP (InitiateAuth USER_SRP_AUTH + RespondToAuthChallenge, tests/srp_client.py)
  and REFRESH_TOKEN_AUTH with the refresh token of its last sign-in;
- administration: AdminCreateUser, AdminGetUser, ListUsers with filters (an email prefix, an exact email,
  a username prefix), AdminUpdateUserAttributes, AdminAddUserToGroup / AdminRemoveUserFromGroup.

Every answer must be a 200 (an error is any other answer, or none). Each client logs what the server
acknowledged (users created, attribute values, group memberships, refresh tokens) to a file of its own;
at the end of the first run the pool must match the logs exactly. The server's RSS (and its workers') is
sampled every second: first, last, max and the least-squares slope.

In the second run the server is killed (SIGKILL) after ``--crash-after`` seconds; after a restart on the
same data directory every acknowledged write must be there. A write whose request was in flight at the
kill may or may not have landed; either is accepted.

    python -m tests.benchmarks.bench_soak [--clients 50] [--seconds 60] [--crash-after 20] [--warm-up 10]
                                          [--probe-memory [full|sqlite]]

``--probe-memory`` runs the soak's server under tests/benchmarks/memory_probe.py, which accounts for its
memory every second (Python's live objects by tracemalloc, SQLite's by ``sqlite3_memory_used``, the rest of
the anonymous memory) and lists the Python allocations that grew most after the warm-up; tracemalloc slows
the server several times, so its request figures are not the soak's. ``--probe-memory sqlite`` leaves
tracemalloc off: SQLite's share at the server's own speed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.benchmarks.bench_auth import calibration_ms
from tests.localcognito import LocalCognito, start
from tests.srp_client import SrpClient

TARGET = "AWSCognitoIdentityProviderService."
HEADERS = {"Content-Type": "application/x-amz-json-1.1"}
PASSWORD = "Soak-Passw0rd!"
GROUPS = [f"group{i}" for i in range(5)]
# Weights of the operations a client draws (sign-ins, then administration).
MIX = {
    "password": 14,
    "srp": 8,
    "refresh": 10,
    "create": 14,
    "get": 16,
    "list": 12,
    "update": 14,
    "group": 12,
}


class Refused(Exception):
    """An answer other than 200, or none."""


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS and its parts: RssAnon (the heap), RssFile and RssShmem (mapped files: libraries, SQLite's
    shared-memory WAL index)."""
    out: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile", "RssShmem"):
                out[key] = int(value.split()[0])
    except OSError:
        pass
    return out


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class RssSampler(threading.Thread):
    """The server's memory, and its worker processes' RSS, every second."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.samples: list[dict[str, float]] = []  # t (s), rss, anon, mapped, workers (MB)
        self.halt = threading.Event()
        self.t0 = time.monotonic()

    def run(self) -> None:
        while not self.halt.is_set():
            m = memory_kb(self.pid)
            workers = sum(memory_kb(c).get("VmRSS", 0) for c in children(self.pid))
            if m.get("VmRSS"):
                self.samples.append(
                    {
                        "t": time.monotonic() - self.t0,
                        "rss": m["VmRSS"] / 1024,
                        "anon": m.get("RssAnon", 0) / 1024,
                        "mapped": (m.get("RssFile", 0) + m.get("RssShmem", 0)) / 1024,
                        "workers": workers / 1024,
                    }
                )
            self.halt.wait(1.0)


def slope_per_minute(points: list[tuple[float, float]]) -> float:
    if len(points) < 2:
        return float("nan")
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx * 60 if sxx else float("nan")


# -- the pool and its clients ---------------------------------------------------------------------------------


class Connection:
    """A lean keep-alive HTTP/1.1 client over asyncio streams: httpx spends about a millisecond of CPU a
    request, which on this 2-core machine is taken from the server."""

    def __init__(self, base: str) -> None:
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname or "127.0.0.1", url.port or 80
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post(self, op: str, body: bytes) -> tuple[int, bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(
            f"POST / HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: application/x-amz-json-1.1\r\n"
            f"X-Amz-Target: {TARGET}{op}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        lengths = [int(h.split(b":", 1)[1]) for h in head.split(b"\r\n") if h.lower().startswith(b"content-length:")]
        if not lengths:
            raise OSError("an answer without Content-Length")
        return status, await reader.readexactly(lengths[0])

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def call(conn: Connection, op: str, body: dict[str, Any]) -> dict[str, Any]:
    try:
        status, data = await asyncio.wait_for(conn.post(op, json.dumps(body).encode()), 60)
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError) as exc:
        conn.close()
        raise Refused(f"{op}: no answer ({type(exc).__name__})") from exc
    if status != 200:
        raise Refused(f"{op}: {status} {data[:200]!r}")
    answer: dict[str, Any] = json.loads(data)
    return answer


async def setup(base: str, clients: int) -> tuple[str, str]:
    """A pool with five groups, an app client for the three sign-in flows, and one signed-up user per client."""
    with contextlib.closing(Connection(base)) as http:
        pool = (await call(http, "CreateUserPool", {"PoolName": "soak"}))["UserPool"]["Id"]
        app_client = (
            await call(
                http,
                "CreateUserPoolClient",
                {
                    "UserPoolId": pool,
                    "ClientName": "soak",
                    "ExplicitAuthFlows": [
                        "ALLOW_USER_PASSWORD_AUTH",
                        "ALLOW_USER_SRP_AUTH",
                        "ALLOW_REFRESH_TOKEN_AUTH",
                    ],
                },
            )
        )["UserPoolClient"]["ClientId"]
        for group in GROUPS:
            await call(http, "CreateGroup", {"UserPoolId": pool, "GroupName": group})
        for k in range(clients):
            await call(
                http,
                "AdminCreateUser",
                {"UserPoolId": pool, "Username": f"signin{k:02d}", "MessageAction": "SUPPRESS"},
            )
            await call(
                http,
                "AdminSetUserPassword",
                {"UserPoolId": pool, "Username": f"signin{k:02d}", "Password": PASSWORD, "Permanent": True},
            )
    return pool, app_client


class Client:
    """One soak client: a sequential loop on its own connection, logging every acknowledged write."""

    def __init__(self, k: int, base: str, pool: str, app_client: str, log_dir: Path, stats: Stats) -> None:
        self.k = k
        self.base = base
        self.pool = pool
        self.app_client = app_client
        self.stats = stats
        self.rng = random.Random(k)
        self.signin_user = f"signin{k:02d}"
        self.users: list[str] = []
        self.memberships: set[tuple[str, str]] = set()
        self.refresh_token = ""
        self.n = 0
        self.log = (log_dir / f"client{k:02d}.jsonl").open("a", buffering=1)
        self.pending: dict[str, Any] | None = None  # the write in flight, logged before it is sent

    def ack(self, record: dict[str, Any]) -> None:
        self.log.write(json.dumps({"ack": True, **record}) + "\n")

    def in_flight(self, record: dict[str, Any]) -> None:
        self.log.write(json.dumps({"ack": False, **record}) + "\n")

    async def run(self, until: float, halt: asyncio.Event) -> None:
        ops = list(MIX)
        weights = list(MIX.values())
        with contextlib.closing(Connection(self.base)) as http:
            while time.monotonic() < until and not halt.is_set():
                op = self.rng.choices(ops, weights)[0]
                if op in ("get", "update", "group") and not self.users:
                    op = "create"
                if op == "refresh" and not self.refresh_token:
                    op = "password"
                started = time.perf_counter()
                try:
                    await getattr(self, op)(http)
                except Refused as exc:
                    if halt.is_set():
                        return
                    self.stats.errors[op].append(str(exc))
                    continue
                self.stats.latencies[op].append((time.perf_counter() - started) * 1000)
        self.log.close()

    async def password(self, http: Connection) -> None:
        body = {
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": self.app_client,
            "AuthParameters": {"USERNAME": self.signin_user, "PASSWORD": PASSWORD},
        }
        tokens = (await call(http, "InitiateAuth", body))["AuthenticationResult"]
        self.refresh_token = tokens["RefreshToken"]
        self.ack({"op": "signin", "refresh": self.refresh_token})

    async def srp(self, http: Connection) -> None:
        srp = SrpClient(self.pool, self.signin_user, PASSWORD)
        first = await call(
            http,
            "InitiateAuth",
            {
                "AuthFlow": "USER_SRP_AUTH",
                "ClientId": self.app_client,
                "AuthParameters": {"USERNAME": self.signin_user, "SRP_A": srp.srp_a()},
            },
        )
        answer = srp.answer(first["ChallengeParameters"])
        done = await call(
            http,
            "RespondToAuthChallenge",
            {
                "ChallengeName": "PASSWORD_VERIFIER",
                "ClientId": self.app_client,
                "ChallengeResponses": answer,
                **({"Session": first["Session"]} if first.get("Session") else {}),
            },
        )
        self.refresh_token = done["AuthenticationResult"]["RefreshToken"]
        self.ack({"op": "signin", "refresh": self.refresh_token})

    async def refresh(self, http: Connection) -> None:
        body = {
            "AuthFlow": "REFRESH_TOKEN_AUTH",
            "ClientId": self.app_client,
            "AuthParameters": {"REFRESH_TOKEN": self.refresh_token},
        }
        await call(http, "InitiateAuth", body)

    async def create(self, http: Connection) -> None:
        self.n += 1
        username = f"c{self.k:02d}-u{self.n:05d}"
        record = {"op": "create", "user": username}
        self.in_flight(record)
        await call(
            http,
            "AdminCreateUser",
            {
                "UserPoolId": self.pool,
                "Username": username,
                "MessageAction": "SUPPRESS",
                "UserAttributes": [{"Name": "email", "Value": f"{username}@soak.example"}],
            },
        )
        self.users.append(username)
        self.ack(record)

    async def get(self, http: Connection) -> None:
        username = self.rng.choice(self.users)
        got = await call(http, "AdminGetUser", {"UserPoolId": self.pool, "Username": username})
        if got["Username"] != username:
            raise Refused(f"AdminGetUser {username}: answered {got['Username']}")

    async def list(self, http: Connection) -> None:
        kind = self.rng.randrange(3) if self.users else 0
        if kind == 0:
            flt, limit = f'email ^= "c{self.k:02d}-"', 20
        elif kind == 1:
            flt, limit = f'email = "{self.rng.choice(self.users)}@soak.example"', 60
        else:
            flt, limit = f'username ^= "c{self.k:02d}-u0"', 10
        found = await call(http, "ListUsers", {"UserPoolId": self.pool, "Filter": flt, "Limit": limit})
        if kind == 1 and len(found["Users"]) != 1:
            raise Refused(f"ListUsers {flt}: {len(found['Users'])} users")

    async def update(self, http: Connection) -> None:
        username = self.rng.choice(self.users)
        self.n += 1
        value = f"v{self.n}"
        record = {"op": "update", "user": username, "given_name": value}
        self.in_flight(record)
        await call(
            http,
            "AdminUpdateUserAttributes",
            {"UserPoolId": self.pool, "Username": username, "UserAttributes": [{"Name": "given_name", "Value": value}]},
        )
        self.ack(record)

    async def group(self, http: Connection) -> None:
        username = self.rng.choice(self.users)
        group = self.rng.choice(GROUPS)
        member = (username, group) not in self.memberships
        record = {"op": "group", "user": username, "group": group, "member": member}
        self.in_flight(record)
        op = "AdminAddUserToGroup" if member else "AdminRemoveUserFromGroup"
        await call(http, op, {"UserPoolId": self.pool, "Username": username, "GroupName": group})
        if member:
            self.memberships.add((username, group))
        else:
            self.memberships.discard((username, group))
        self.ack(record)


async def drive(
    base: str, pool: str, app_client: str, clients: int, seconds: float, log_dir: Path, crash: Any = None
) -> tuple[Stats, float]:
    """Run the clients for ``seconds``; ``crash`` (a callable) is called from a timer after that many seconds
    instead, and the clients stop at their first unanswered request."""
    stats = Stats()
    halt = asyncio.Event()
    started = time.monotonic()
    until = started + (seconds if crash is None else seconds + 3600)
    runners = [Client(k, base, pool, app_client, log_dir, stats) for k in range(clients)]
    tasks = [asyncio.ensure_future(c.run(until, halt)) for c in runners]
    if crash is not None:
        await asyncio.sleep(seconds)
        halt.set()
        crash()
    await asyncio.gather(*tasks)
    for c in runners:
        if not c.log.closed:
            c.log.close()
    return stats, time.monotonic() - started


# -- checking the pool against the clients' logs ----------------------------------------------------------------


@dataclass
class Expected:
    users: set[str] = field(default_factory=set)
    maybe_users: set[str] = field(default_factory=set)  # created in flight at the kill
    given_name: dict[str, set[str | None]] = field(default_factory=dict)  # acceptable values
    membership: dict[tuple[str, str], set[bool]] = field(default_factory=dict)
    refresh_tokens: list[str] = field(default_factory=list)
    acknowledged_writes: int = 0


def read_logs(log_dir: Path) -> Expected:
    """What the clients' logs say must be there: the last acknowledged state of each thing, and the state a
    write in flight at the end would have made."""
    e = Expected()
    for path in sorted(log_dir.glob("client*.jsonl")):
        lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        acked = [r for r in lines if r["ack"]]
        # The last line not followed by its acknowledgement is the write in flight (a client is sequential).
        pending = lines[-1] if lines and not lines[-1]["ack"] else None
        last_refresh = ""
        names: dict[str, str | None] = {}
        members: dict[tuple[str, str], bool] = {}
        for r in acked:
            if r["op"] == "signin":
                last_refresh = r["refresh"]
                continue
            e.acknowledged_writes += 1
            if r["op"] == "create":
                e.users.add(r["user"])
                names.setdefault(r["user"], None)
            elif r["op"] == "update":
                names[r["user"]] = r["given_name"]
            elif r["op"] == "group":
                members[(r["user"], r["group"])] = r["member"]
        for user, name in names.items():
            e.given_name[user] = {name}
        for key, member in members.items():
            e.membership[key] = {member}
        if pending is not None:
            if pending["op"] == "create":
                e.maybe_users.add(pending["user"])
            elif pending["op"] == "update":
                e.given_name.setdefault(pending["user"], set()).add(pending["given_name"])
            elif pending["op"] == "group":
                e.membership.setdefault((pending["user"], pending["group"]), {False}).add(pending["member"])
        if last_refresh:
            e.refresh_tokens.append(last_refresh)
    return e


async def check(base: str, pool: str, app_client: str, e: Expected) -> list[str]:
    """Everything the logs say must be there; the problems found."""
    problems: list[str] = []
    with contextlib.closing(Connection(base)) as http:
        users: dict[str, dict[str, str]] = {}
        token: str | None = None
        while True:
            page = await call(
                http,
                "ListUsers",
                {"UserPoolId": pool, "Limit": 60, **({"PaginationToken": token} if token else {})},
            )
            for u in page["Users"]:
                users[u["Username"]] = {a["Name"]: a["Value"] for a in u.get("Attributes", [])}
            token = page.get("PaginationToken")
            if not token:
                break
        soak_users = {u for u in users if not u.startswith("signin")}
        missing = e.users - soak_users
        extra = soak_users - e.users - e.maybe_users
        if missing:
            problems.append(f"{len(missing)} acknowledged users missing, e.g. {sorted(missing)[:5]}")
        if extra:
            problems.append(f"{len(extra)} users nobody created, e.g. {sorted(extra)[:5]}")
        for user, names in e.given_name.items():
            if user in users and users[user].get("given_name") not in names:
                problems.append(f"{user}: given_name {users[user].get('given_name')!r}, expected one of {names}")
        in_group: dict[str, set[str]] = {}
        for group in GROUPS:
            members: set[str] = set()
            token = None
            while True:
                page = await call(
                    http,
                    "ListUsersInGroup",
                    {"UserPoolId": pool, "GroupName": group, "Limit": 60, **({"NextToken": token} if token else {})},
                )
                members.update(u["Username"] for u in page["Users"])
                token = page.get("NextToken")
                if not token:
                    break
            in_group[group] = members
        for (user, group), accepted in e.membership.items():
            if (user in in_group[group]) not in accepted:
                problems.append(f"{user} in {group}: {user in in_group[group]}, expected one of {accepted}")
        tracked = {u for u, _ in e.membership}
        for group, members in in_group.items():
            for user in members - tracked:
                problems.append(f"{user} is in {group}, which no acknowledged write put it in")
        refused = 0
        for refresh in e.refresh_tokens:
            try:
                await call(
                    http,
                    "InitiateAuth",
                    {
                        "AuthFlow": "REFRESH_TOKEN_AUTH",
                        "ClientId": app_client,
                        "AuthParameters": {"REFRESH_TOKEN": refresh},
                    },
                )
            except Refused:
                refused += 1
        if refused:
            problems.append(f"{refused} of {len(e.refresh_tokens)} acknowledged refresh tokens refused")
    return problems


# -- the two runs -----------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else float("nan")


def print_ops(stats: Stats, elapsed: float) -> None:
    print("\n| operation | requests | errors | p50 ms | p99 ms |")
    print("|---|---|---|---|---|")
    total = 0
    errors = 0
    for op in MIX:
        lat = stats.latencies.get(op, [])
        err = len(stats.errors.get(op, []))
        total += len(lat)
        errors += err
        print(
            f"| {op} | {len(lat):,} | {err} | {statistics.median(lat) if lat else float('nan'):.1f} | "
            f"{percentile(lat, 0.99):.1f} |"
        )
    print(f"| all | {total:,} ({total / elapsed:,.0f}/s) | {errors} | | |")
    for op, msgs in stats.errors.items():
        for msg in msgs[:3]:
            print(f"  error in {op}: {msg}")


def start_probed(data_dir: Path, log: Path, snapshot_at: float, tracemalloc: bool = True) -> LocalCognito:
    """``start``, with the server under memory_probe.py writing its accounts to ``log``."""
    cmd = [sys.executable, "-m", "tests.benchmarks.memory_probe", str(log), "emulator", "--port", "0"]
    cmd += ["--data-dir", str(data_dir), "--parent-pid", str(os.getpid())]
    env = {
        **os.environ,
        "COGNITO_PROBE_SNAPSHOT_AT": str(snapshot_at),
        "COGNITO_PROBE_TRACEMALLOC": str(int(tracemalloc)),
    }
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env, cwd=Path(__file__).parents[2])
    assert process.stdout is not None
    base = process.stdout.readline().strip()
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{base}/_emulator/health", timeout=2)
            return LocalCognito(process, base, data_dir)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.05)


def print_probe(log: Path, warm_up: float) -> None:
    """The memory accounts memory_probe.py wrote, and the Python allocations that grew after the warm-up."""
    records = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    if not records:
        return
    for r in records:
        r["rest"] = r["anon"] - r["python"] - r["sqlite"] - r["tracemalloc_itself"]
    print(f"\n| memory accounts (memory_probe.py) | first | last | max | slope | slope after {warm_up:.0f} s |")
    print("|---|---|---|---|---|---|")
    for key, name in (
        ("rss", "server RSS"),
        ("anon", "anonymous"),
        ("python", "Python's live objects (tracemalloc)"),
        ("sqlite", "SQLite (page caches, schema, statements)"),
        ("tracemalloc_itself", "tracemalloc's own bookkeeping"),
        ("rest", "the rest of the anonymous memory"),
    ):
        series = [(r["t"], r[key] / 2**20) for r in records]
        values = [v for _, v in series]
        late = [(t, v) for t, v in series if t >= warm_up]
        print(
            f"| {name} | {values[0]:.1f} MB | {values[-1]:.1f} MB | {max(values):.1f} MB | "
            f"{slope_per_minute(series):+.2f} MB/min | {slope_per_minute(late):+.2f} MB/min |"
        )
    growth = log.with_suffix(".growth")
    if growth.exists():
        print(f"\nPython allocations that grew most from {warm_up:.0f} s to the end:")
        for line in growth.read_text().splitlines()[:12]:
            print("  " + line.replace(str(Path(__file__).parents[2]) + "/", ""))


def soak(ns: argparse.Namespace, tmp: Path) -> bool:
    probe_log = tmp / "memory-probe.jsonl"
    if ns.probe_memory:
        server = start_probed(tmp / "soak-data", probe_log, ns.warm_up, tracemalloc=ns.probe_memory == "full")
    else:
        server = start(tmp / "soak-data")
    sampler = RssSampler(server.process.pid)
    try:
        pool, app_client = asyncio.run(setup(server.base_url, ns.clients))
        log_dir = tmp / "soak-logs"
        log_dir.mkdir()
        sampler.start()
        stats, elapsed = asyncio.run(drive(server.base_url, pool, app_client, ns.clients, ns.seconds, log_dir))
        sampler.halt.set()
        sampler.join()
        expected = read_logs(log_dir)
        problems = asyncio.run(check(server.base_url, pool, app_client, expected))
    finally:
        sampler.halt.set()
        server.stop()
    print(f"\n## Soak: {ns.clients} clients, {elapsed:.0f} s")
    print_ops(stats, elapsed)
    print(f"\n| memory (sampled every second) | first | last | max | slope | slope after {ns.warm_up:.0f} s |")
    print("|---|---|---|---|---|---|")
    for key, name in (
        ("rss", "server RSS"),
        ("anon", "of which anonymous (heap)"),
        ("mapped", "of which mapped files (libraries, WAL index)"),
        ("workers", "worker processes' RSS"),
    ):
        series = [(x["t"], x[key]) for x in sampler.samples]
        values = [v for _, v in series]
        late = [(t, v) for t, v in series if t >= ns.warm_up]
        print(
            f"| {name} | {values[0]:.1f} MB | {values[-1]:.1f} MB | {max(values):.1f} MB | "
            f"{slope_per_minute(series):+.2f} MB/min | {slope_per_minute(late):+.2f} MB/min |"
        )
    trace = [x for x in sampler.samples if round(x["t"]) % 10 == 0]
    print(
        "\nserver RSS / anonymous every 10 s (MB): "
        + ", ".join(f"{x['t']:.0f}s {x['rss']:.0f}/{x['anon']:.0f}" for x in trace)
    )
    db = sum(f.stat().st_size for f in (tmp / "soak-data").glob("cognito.db*")) / 2**20
    print(f"\ndatabase and WAL at the end: {db:.1f} MB")
    print(
        f"\nafter the run: {len(expected.users):,} users created, {expected.acknowledged_writes:,} acknowledged"
        f" writes; pool checked against the clients' logs: {'OK' if not problems else 'PROBLEMS'}"
    )
    for p in problems[:20]:
        print("  " + p)
    if ns.probe_memory:
        print_probe(probe_log, ns.warm_up)
    errors = sum(len(v) for v in stats.errors.values())
    return errors == 0 and not problems


def crash_run(ns: argparse.Namespace, tmp: Path) -> bool:
    data_dir = tmp / "crash-data"
    server = start(data_dir)
    try:
        pool, app_client = asyncio.run(setup(server.base_url, ns.clients))
        log_dir = tmp / "crash-logs"
        log_dir.mkdir()

        def kill() -> None:
            # The workers end by themselves when the server's end of their pipe closes.
            server.process.send_signal(signal.SIGKILL)
            server.process.wait()

        stats, elapsed = asyncio.run(
            drive(server.base_url, pool, app_client, ns.clients, ns.crash_after, log_dir, crash=kill)
        )
        server.stop()
        restarted_at = time.monotonic()
        server = start(data_dir)
        up = time.monotonic() - restarted_at
        expected = read_logs(log_dir)
        problems = asyncio.run(check(server.base_url, pool, app_client, expected))
    finally:
        server.stop()
    print(f"\n## SIGKILL after {ns.crash_after:.0f} s of the same load, restart on the same data")
    print_ops(stats, elapsed)
    in_flight = len(expected.maybe_users) + sum(1 for v in expected.given_name.values() if len(v) > 1)
    in_flight += sum(1 for v in expected.membership.values() if len(v) > 1)
    print(
        f"\nacknowledged before the kill: {expected.acknowledged_writes:,} writes ({len(expected.users):,} users"
        f" created), {len(expected.refresh_tokens)} clients' last refresh tokens; {in_flight} writes in flight."
        f" Restarted and answering in {up:.2f} s."
    )
    print(f"after the restart: {'every acknowledged write is there' if not problems else 'PROBLEMS'}")
    for p in problems[:20]:
        print("  " + p)
    return not problems


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--seconds", type=float, default=60.0, help="length of the soak run")
    p.add_argument("--crash-after", type=float, default=20.0, help="seconds of load before the SIGKILL")
    p.add_argument("--warm-up", type=float, default=10.0, help="seconds left out of the second memory slope")
    p.add_argument("--skip-soak", action="store_true")
    p.add_argument("--skip-crash", action="store_true")
    p.add_argument(
        "--probe-memory",
        nargs="?",
        const="full",
        choices=["full", "sqlite"],
        help="account for the soak server's memory: full (with tracemalloc: slow) or sqlite (at the server's speed)",
    )
    ns = p.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-soak-"))
    print(f"machine: a 3072-bit modular exponentiation took {calibration_ms():.2f} ms", flush=True)
    ok = True
    try:
        if not ns.skip_soak:
            ok &= soak(ns, tmp)
        if not ns.skip_crash:
            ok &= crash_run(ns, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nmachine: a 3072-bit modular exponentiation took {calibration_ms():.2f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
