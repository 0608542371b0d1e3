"""Benchmark: the agent-facing OAuth of the local Cognito, against moto's server in the same run.

- GetClientToken (machine-to-machine access token, ALLOW_CLIENT_TOKEN_AUTH) and GetDerivedToken (token
  exchange, impersonation with an audience) throughput with 1 and 8 connections, side by side with moto's
  InitiateAuth USER_PASSWORD_AUTH (moto has neither operation; its sign-in is the nearest token-issuing
  call). Target: at least 3x moto's rate.
- A dynamic client registration round trip (``POST /{domain}/oauth2/register``, open registration, the
  201 answer read) p50 / p99 on a kept connection. Target: p50 under 10 ms.

    python -m tests.benchmarks.bench_agent_oauth [--skip-moto] [--seconds 3] [--rounds 3] [--registrations 300]

The servers are measured in turns, round after round (the order flipping each round), because this
machine's speed drifts within seconds; each round's ratio compares neighbours.
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
import uuid
from pathlib import Path
from typing import Any

import httpx

from tests.benchmarks.bench_auth import PASSWORD, password_rps
from tests.benchmarks.bench_auth import setup as moto_setup
from tests.benchmarks.bench_user_admin import Moto, call, lua_body, wrk_throughput
from tests.localcognito import start

TARGET = "AWSCognitoIdentityProviderService."
HEADERS = {"Content-Type": "application/x-amz-json-1.1"}
CALLBACK = "http://localhost:8976/callback"


def setup_ours(base: str) -> dict[str, Any]:
    """A pool with a domain, open registration, a resource server, a machine client, a user signed in, and a
    service client allowed to exchange her token."""
    with httpx.Client(timeout=60) as c:
        pool = call(
            c, base, "CreateUserPool", {"PoolName": "bench-agent", "DcrConfiguration": {"OpenDcrEnabled": True}}
        )
        pool_id = pool["UserPool"]["Id"]
        domain = f"bench{uuid.uuid4().hex[:10]}"
        call(c, base, "CreateUserPoolDomain", {"UserPoolId": pool_id, "Domain": domain})
        call(
            c,
            base,
            "CreateResourceServer",
            {
                "UserPoolId": pool_id,
                "Identifier": "orders",
                "Name": "orders",
                "Scopes": [{"ScopeName": "read", "ScopeDescription": "r"}],
            },
        )
        machine = call(
            c,
            base,
            "CreateUserPoolClient",
            {
                "UserPoolId": pool_id,
                "ClientName": "machine",
                "GenerateSecret": True,
                "ExplicitAuthFlows": ["ALLOW_CLIENT_TOKEN_AUTH"],
                "AllowedOAuthScopes": ["orders/read"],
            },
        )["UserPoolClient"]
        app = call(
            c,
            base,
            "CreateUserPoolClient",
            {"UserPoolId": pool_id, "ClientName": "app", "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH"]},
        )["UserPoolClient"]
        service = call(
            c,
            base,
            "CreateUserPoolClient",
            {
                "UserPoolId": pool_id,
                "ClientName": "service",
                "ExplicitAuthFlows": ["ALLOW_TOKEN_EXCHANGE_IMPERSONATION"],
                "AllowedOAuthScopes": ["aws.cognito.signin.user.admin", "orders/read"],
            },
        )["UserPoolClient"]
        call(c, base, "AdminCreateUser", {"UserPoolId": pool_id, "Username": "bench", "MessageAction": "SUPPRESS"})
        call(
            c,
            base,
            "AdminSetUserPassword",
            {"UserPoolId": pool_id, "Username": "bench", "Password": PASSWORD, "Permanent": True},
        )
        signed_in = call(
            c,
            base,
            "InitiateAuth",
            {
                "AuthFlow": "USER_PASSWORD_AUTH",
                "ClientId": app["ClientId"],
                "AuthParameters": {"USERNAME": "bench", "PASSWORD": PASSWORD},
            },
        )["AuthenticationResult"]
    return {
        "pool": pool_id,
        "domain": domain,
        "client_token": {"ClientId": machine["ClientId"], "Secret": machine["ClientSecret"]},
        "derived_token": {
            "ClientId": service["ClientId"],
            "SubjectToken": signed_in["AccessToken"],
            "SubjectTokenType": "ACCESS_TOKEN",
            "Audiences": [app["ClientId"]],
        },
    }


def check(base: str, op: str, body: dict[str, Any]) -> None:
    with httpx.Client(timeout=60) as c:
        call(c, base, op, body)


async def json_rps(base: str, op: str, body: dict[str, Any], concurrency: int, seconds: float) -> float:
    """Requests per second of ``op`` with httpx (when wrk is not installed)."""
    content = json.dumps(body)
    done = 0
    stop_at = time.perf_counter() + seconds
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=concurrency)) as client:

        async def worker() -> None:
            nonlocal done
            while time.perf_counter() < stop_at:
                r = await client.post(base + "/", content=content, headers={**HEADERS, "X-Amz-Target": TARGET + op})
                if r.status_code != 200:
                    raise RuntimeError(r.text[:300])
                done += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return done / (time.perf_counter() - started)


def throughput(base: str, op: str, body: dict[str, Any], concurrency: int, seconds: float) -> float:
    if shutil.which("wrk"):
        # wrk (C) drives the load: a few percent of a core, not taken from the servers.
        return wrk_throughput(base, op, lua_body(body), 1, seconds, concurrency)
    return asyncio.run(json_rps(base, op, body, concurrency, seconds))


def registration_latency(base: str, domain: str, n: int) -> tuple[float, float]:
    """p50 and p99 (ms) of an open registration: the POST and its 201 answer, on a kept connection."""
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=60)
    samples = []
    try:
        for i in range(n):
            body = json.dumps(
                {
                    "client_name": f"agent {i}",
                    "redirect_uris": [CALLBACK],
                    "grant_types": ["authorization_code", "refresh_token"],
                    "token_endpoint_auth_method": "none",
                    "scope": "openid email",
                }
            )
            t = time.perf_counter()
            conn.request("POST", f"/{domain}/oauth2/register", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            data = response.read()
            samples.append((time.perf_counter() - t) * 1000)
            if response.status != 201 or "client_id" not in json.loads(data):
                raise RuntimeError(f"registration: {response.status} {data[:300]!r}")
    finally:
        conn.close()
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.99) - 1)]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--skip-moto", action="store_true")
    p.add_argument("--seconds", type=float, default=3.0, help="length of one throughput measurement")
    p.add_argument("--rounds", type=int, default=3, help="measurements per operation and connection count")
    p.add_argument("--registrations", type=int, default=300)
    ns = p.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-agent-"))
    ours = start(tmp)
    moto = None if ns.skip_moto else Moto()
    ops = ("GetClientToken", "GetDerivedToken")
    rates: dict[str, dict[int, list[float]]] = {name: {1: [], 8: []} for name in (*ops, "moto InitiateAuth")}
    ratios: dict[str, dict[int, list[float]]] = {op: {1: [], 8: []} for op in ops}
    try:
        site = setup_ours(ours.base_url)
        bodies = {"GetClientToken": site["client_token"], "GetDerivedToken": site["derived_token"]}
        for op in ops:
            check(ours.base_url, op, bodies[op])
        moto_body: dict[str, Any] | None = None
        if moto:
            _, moto_client = moto_setup(moto.base_url)
            moto_body = {
                "AuthFlow": "USER_PASSWORD_AUTH",
                "ClientId": moto_client,
                "AuthParameters": {"USERNAME": "bench", "PASSWORD": PASSWORD},
            }
        for concurrency in (1, 8):
            for round_no in range(ns.rounds):
                got: dict[str, float] = {}
                turns: list[tuple[str, str, str, dict[str, Any]]] = [(op, ours.base_url, op, bodies[op]) for op in ops]
                if moto and moto_body is not None:
                    turns.insert(1, ("moto InitiateAuth", moto.base_url, "InitiateAuth", moto_body))
                for name, base, op, body in turns if round_no % 2 == 0 else turns[::-1]:
                    if name == "moto InitiateAuth" and not shutil.which("wrk"):
                        rps = asyncio.run(password_rps(base, body["ClientId"], concurrency, ns.seconds))
                    else:
                        rps = throughput(base, op, body, concurrency, ns.seconds)
                    rates[name][concurrency].append(rps)
                    got[name] = rps
                if "moto InitiateAuth" in got:
                    for op in ops:
                        ratios[op][concurrency].append(got[op] / got["moto InitiateAuth"])
                print(json.dumps({"connections": concurrency, "round": round_no + 1, **got}), flush=True)
        registration = registration_latency(ours.base_url, site["domain"], ns.registrations)
    finally:
        ours.stop()
        if moto:
            moto.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    def cell(values: list[float]) -> str:
        return f"{statistics.median(values):.0f} ({min(values):.0f}-{max(values):.0f})" if values else "-"

    print(f"\n| call | req/s, 1 conn (median of {ns.rounds}, range) | 8 conn |")
    print("|---|---|---|")
    for name, by in rates.items():
        if by[1]:
            print(f"| {name} | {cell(by[1])} | {cell(by[8])} |")
    for op in ops:
        for concurrency in (1, 8):
            values = ratios[op][concurrency]
            if values:
                print(
                    f"\n{op} / moto InitiateAuth, {concurrency} connection(s), round by round: "
                    + ", ".join(f"{r:.2f}" for r in values)
                    + f" (median {statistics.median(values):.2f}, target 3)"
                )
    print(
        f"\ndynamic client registration round trip over {ns.registrations}: p50 {registration[0]:.2f} ms,"
        f" p99 {registration[1]:.2f} ms (target p50 < 10 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
