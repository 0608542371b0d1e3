"""Benchmark: sign-in on the local Cognito against moto's server, in the same run.

- InitiateAuth USER_PASSWORD_AUTH throughput with 1 and 8 concurrent connections (the local Cognito
  recomputes the SRP verifier from the password and signs two RS256 tokens with the pool's own keys; moto
  compares a clear-text password and signs with one static key);
- a full SRP sign-in (InitiateAuth USER_SRP_AUTH + RespondToAuthChallenge PASSWORD_VERIFIER) p50 / p99, with
  a gmpy2 client so that the client's arithmetic does not hide the server's.

    python -m tests.benchmarks.bench_auth [--skip-moto] [--seconds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
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


def srp_latency(base: str, pool: str, client_id: str, n: int) -> tuple[float, float, float] | None:
    """p50 and p99 of a whole SRP sign-in (both round trips and the client's answer; the client's ``A`` is
    made beforehand), and p50 of the time spent waiting on the server alone."""
    samples = []
    waiting = []
    with httpx.Client(timeout=60) as c:
        for _ in range(n):
            srp = SrpClient(pool, "bench", PASSWORD)
            t = time.perf_counter()
            try:
                first = call(
                    c,
                    base,
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
                done = call(
                    c,
                    base,
                    "RespondToAuthChallenge",
                    {
                        "ChallengeName": "PASSWORD_VERIFIER",
                        "ClientId": client_id,
                        "ChallengeResponses": answer,
                    },
                )
            except RuntimeError as exc:
                print(f"SRP failed: {exc}", file=sys.stderr)
                return None
            if "AuthenticationResult" not in done:
                return None
            end = time.perf_counter()
            samples.append((end - t) * 1000)
            waiting.append(((t_first - t) + (end - t_answer)) * 1000)
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
    p.add_argument("--seconds", type=float, default=5.0)
    ns = p.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-auth-"))
    ours = start(tmp)
    moto = None if ns.skip_moto else Moto()
    rows: list[dict[str, Any]] = []
    try:
        servers = [("local Cognito", ours.base_url, ours.process.pid)]
        if moto:
            servers.append(("moto", moto.base_url, moto.process.pid))
        for name, base, pid in servers:
            pool, client_id = setup(base)
            row: dict[str, Any] = {"server": name}
            if shutil.which("wrk"):
                # wrk (C) drives the load, so the load generator's own CPU is not taken from the server.
                body = lua_body(
                    {
                        "AuthFlow": "USER_PASSWORD_AUTH",
                        "ClientId": client_id,
                        "AuthParameters": {"USERNAME": "bench", "PASSWORD": PASSWORD},
                    }
                )
                row["rps_1"] = wrk_throughput(base, "InitiateAuth", body, 1, ns.seconds, concurrency=1)
                row["rps_8"] = wrk_throughput(base, "InitiateAuth", body, 1, ns.seconds, concurrency=8)
            else:
                row["rps_1"] = asyncio.run(password_rps(base, client_id, 1, ns.seconds))
                row["rps_8"] = asyncio.run(password_rps(base, client_id, 8, ns.seconds))
            row["srp"] = srp_latency(base, pool, client_id, 200)
            row["rss_mb"] = rss_mb(pid)
            print(json.dumps(row), flush=True)
            rows.append(row)
    finally:
        ours.stop()
        if moto:
            moto.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nmachine: a 3072-bit modular exponentiation takes {calibration_ms():.2f} ms")
    print(
        "\n| server | USER_PASSWORD_AUTH req/s, 1 conn | 8 conn | SRP sign-in p50 / p99 ms"
        " | of which server p50 ms | RSS MB |"
    )
    print("|---|---|---|---|---|---|")
    for r in rows:
        srp = f"{r['srp'][0]:.1f} / {r['srp'][1]:.1f} | {r['srp'][2]:.1f}" if r["srp"] else "not supported | -"
        print(f"| {r['server']} | {r['rps_1']:.0f} | {r['rps_8']:.0f} | {srp} | {r['rss_mb']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
