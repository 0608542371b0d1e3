"""Benchmark: sign-in on the local Cognito against moto's server, in the same run.

- InitiateAuth USER_PASSWORD_AUTH throughput with 1 and 8 concurrent connections (the local Cognito
  recomputes the SRP verifier from the password and signs two RS256 tokens with the pool's own keys; moto
  compares a clear-text password and signs with one static key);
- a full SRP sign-in (InitiateAuth USER_SRP_AUTH + RespondToAuthChallenge PASSWORD_VERIFIER) p50 / p99, with
  a gmpy2 client so that the client's arithmetic does not hide the server's.

    python -m tests.benchmarks.bench_auth [--skip-moto] [--seconds 3] [--rounds 5]

The servers are measured in turns, round after round, because this machine's speed drifts within seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

import httpx

from tests.benchmarks.bench_user_admin import Moto, call, lua_body, rss_mb, wrk_throughput
from tests.localcognito import start
from tests.srp_client import SrpClient

TARGET = "AWSCognitoIdentityProviderService."
HEADERS = {"Content-Type": "application/x-amz-json-1.1"}
PASSWORD = "Bench-Passw0rd!"


def setup(base: str) -> tuple[str, str]:
    with httpx.Client(timeout=60) as c:
        pool = call(c, base, "CreateUserPool", {"PoolName": "bench-auth"})["UserPool"]["Id"]
        client = call(
            c,
            base,
            "CreateUserPoolClient",
            {
                "UserPoolId": pool,
                "ClientName": "bench",
                "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            },
        )["UserPoolClient"]["ClientId"]
        call(c, base, "AdminCreateUser", {"UserPoolId": pool, "Username": "bench", "MessageAction": "SUPPRESS"})
        call(
            c,
            base,
            "AdminSetUserPassword",
            {"UserPoolId": pool, "Username": "bench", "Password": PASSWORD, "Permanent": True},
        )
    return pool, client


async def password_rps(base: str, client_id: str, concurrency: int, seconds: float) -> float:
    body = json.dumps(
        {
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": client_id,
            "AuthParameters": {"USERNAME": "bench", "PASSWORD": PASSWORD},
        }
    )
    done = 0
    stop_at = time.perf_counter() + seconds
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=concurrency)) as client:

        async def worker() -> None:
            nonlocal done
            while time.perf_counter() < stop_at:
                r = await client.post(
                    base + "/", content=body, headers={**HEADERS, "X-Amz-Target": TARGET + "InitiateAuth"}
                )
                if r.status_code != 200 or "AuthenticationResult" not in r.json():
                    raise RuntimeError(r.text[:300])
                done += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return done / (time.perf_counter() - started)


class _Keepalive:
    """A lean keep-alive JSON client (stdlib http.client): httpx costs the benchmark's side about a
    millisecond a request here, which would be counted as the server's."""

    def __init__(self, base: str) -> None:
        url = urllib.parse.urlsplit(base)
        self.conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=60)

    def call(self, op: str, body: dict[str, Any]) -> dict[str, Any]:
        self.conn.request("POST", "/", json.dumps(body), {**HEADERS, "X-Amz-Target": TARGET + op})
        response = self.conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{op}: {response.status} {data[:300]!r}")
        parsed: dict[str, Any] = json.loads(data)
        return parsed

    def close(self) -> None:
        self.conn.close()


def srp_latency(base: str, pool: str, client_id: str, n: int) -> tuple[float, float, float] | None:
    """p50 and p99 of a whole SRP sign-in (both round trips and the client's answer; the client's ``A`` is
    made beforehand), and p50 of the time spent waiting on the server alone."""
    samples = []
    waiting = []
    client = _Keepalive(base)
    try:
        for _ in range(n):
            srp = SrpClient(pool, "bench", PASSWORD)
            t = time.perf_counter()
            try:
                first = client.call(
                    "InitiateAuth",
                    {
                        "AuthFlow": "USER_SRP_AUTH",
                        "ClientId": client_id,
                        "AuthParameters": {"USERNAME": "bench", "SRP_A": srp.srp_a()},
                    },
                )
                t_first = time.perf_counter()
                answer = srp.answer(first["ChallengeParameters"])
                t_answer = time.perf_counter()
                done = client.call(
                    "RespondToAuthChallenge",
                    {"ChallengeName": "PASSWORD_VERIFIER", "ClientId": client_id, "ChallengeResponses": answer},
                )
            except RuntimeError as exc:
                print(f"SRP failed: {exc}", file=sys.stderr)
                return None
            if "AuthenticationResult" not in done:
                return None
            end = time.perf_counter()
            samples.append((end - t) * 1000)
            waiting.append(((t_first - t) + (end - t_answer)) * 1000)
    finally:
        client.close()
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1], statistics.median(waiting)


def calibration_ms() -> float:
    """One 3072-bit modular exponentiation with a 256-bit exponent (gmpy2), to compare machines and runs."""
    import gmpy2

    from tests.srp_client import N

    base = gmpy2.mpz(3) ** 1000 % N
    exponent = gmpy2.mpz(2) ** 255 + 12345
    started = time.perf_counter()
    for _ in range(20):
        gmpy2.powmod(base, exponent, N)
    return (time.perf_counter() - started) / 20 * 1000


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--skip-moto", action="store_true")
    p.add_argument("--seconds", type=float, default=3.0, help="length of one throughput measurement")
    p.add_argument("--rounds", type=int, default=5, help="measurements per server and connection count")
    ns = p.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-auth-"))
    ours = start(tmp)
    moto = None if ns.skip_moto else Moto()
    rows: dict[str, dict[str, Any]] = {}
    ratios: dict[int, list[float]] = {1: [], 8: []}
    calibrations = [calibration_ms()]
    try:
        servers = [("local Cognito", ours.base_url, ours.process.pid)]
        if moto:
            servers.append(("moto", moto.base_url, moto.process.pid))
        bodies: dict[str, str] = {}
        for name, base, pid in servers:
            pool, client_id = setup(base)
            rows[name] = {"server": name, "pool": pool, "client": client_id, "pid": pid, 1: [], 8: []}
            bodies[name] = lua_body(
                {
                    "AuthFlow": "USER_PASSWORD_AUTH",
                    "ClientId": client_id,
                    "AuthParameters": {"USERNAME": "bench", "PASSWORD": PASSWORD},
                }
            )
        # This machine's speed drifts by up to 1.6x within seconds, so the servers are measured in turns,
        # round after round (the order flipping each round), and each round's ratio compares neighbours.
        for concurrency in (1, 8):
            for round_no in range(ns.rounds):
                order = servers if round_no % 2 == 0 else servers[::-1]
                got: dict[str, float] = {}
                for name, base, _ in order:
                    if shutil.which("wrk"):
                        # wrk (C) drives the load: 3% of a core, not taken from the servers.
                        rps = wrk_throughput(base, "InitiateAuth", bodies[name], 1, ns.seconds, concurrency)
                    else:
                        rps = asyncio.run(password_rps(base, rows[name]["client"], concurrency, ns.seconds))
                    rows[name][concurrency].append(rps)
                    got[name] = rps
                if "moto" in got:
                    ratios[concurrency].append(got["local Cognito"] / got["moto"])
                print(json.dumps({"connections": concurrency, "round": round_no + 1, **got}), flush=True)
            calibrations.append(calibration_ms())
        for name, base, pid in servers:
            row = rows[name]
            row["srp"] = srp_latency(base, row["pool"], row["client"], 200) if name != "moto" else None
            row["rss_mb"] = rss_mb(pid)
    finally:
        ours.stop()
        if moto:
            moto.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    calibrations.append(calibration_ms())
    print(
        "\nmachine: a 3072-bit modular exponentiation took "
        + ", ".join(f"{c:.2f}" for c in calibrations)
        + " ms (start, after each connection count, end)"
    )
    print(
        f"\n| server | USER_PASSWORD_AUTH req/s, 1 conn (median of {ns.rounds}, range) | 8 conn"
        " | SRP sign-in p50 / p99 ms | of which server p50 ms | RSS MB |"
    )
    print("|---|---|---|---|---|---|")

    def cell(values: list[float]) -> str:
        return f"{statistics.median(values):.0f} ({min(values):.0f}-{max(values):.0f})"

    for row in rows.values():
        srp = f"{row['srp'][0]:.1f} / {row['srp'][1]:.1f} | {row['srp'][2]:.1f}" if row["srp"] else "- | -"
        print(f"| {row['server']} | {cell(row[1])} | {cell(row[8])} | {srp} | {row['rss_mb']:.0f} |")
    if ratios[1]:
        for concurrency in (1, 8):
            values = ratios[concurrency]
            print(
                f"\nlocal Cognito / moto, {concurrency} connection(s), round by round: "
                + ", ".join(f"{r:.2f}" for r in values)
                + f" (median {statistics.median(values):.2f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
