"""Benchmark: the hosted UI's authorization code flow and token endpoint, with moto's InitiateAuth beside.

- the whole authorization code flow with PKCE as a browser and an app run it (GET /oauth2/authorize, the
  login page, POST /login, POST /oauth2/token exchanging the code): p50 / p99 over a fresh browser each time;
- /oauth2/token throughput with 1 and 8 connections for the refresh_token and client_credentials grants;
- moto has no hosted UI: its InitiateAuth USER_PASSWORD_AUTH throughput, the nearest thing it serves, is
  measured in the same run for scale.

    python -m tests.benchmarks.bench_hosted_ui [--skip-moto] [--seconds 3] [--rounds 3] [--flows 100]

The servers are measured in turns, round after round, because this machine's speed drifts within seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from tests.benchmarks.bench_auth import password_rps
from tests.benchmarks.bench_auth import setup as moto_setup
from tests.benchmarks.bench_user_admin import Moto, call
from tests.integration.hosted_ui_support import CALLBACK, PASSWORD, hidden_fields, pkce, query_of
from tests.localcognito import start


def setup(base: str) -> dict[str, Any]:
    with httpx.Client(timeout=60) as c:
        pool = call(c, base, "CreateUserPool", {"PoolName": "bench-hosted-ui"})["UserPool"]["Id"]
        call(c, base, "CreateUserPoolDomain", {"UserPoolId": pool, "Domain": "bench"})
        web = call(
            c,
            base,
            "CreateUserPoolClient",
            {
                "UserPoolId": pool,
                "ClientName": "web",
                "AllowedOAuthFlowsUserPoolClient": True,
                "AllowedOAuthFlows": ["code"],
                "AllowedOAuthScopes": ["openid", "email"],
                "CallbackURLs": [CALLBACK],
                "SupportedIdentityProviders": ["COGNITO"],
            },
        )["UserPoolClient"]["ClientId"]
        call(
            c,
            base,
            "CreateResourceServer",
            {
                "UserPoolId": pool,
                "Identifier": "api",
                "Name": "api",
                "Scopes": [{"ScopeName": "read", "ScopeDescription": "r"}],
            },
        )
        machine = call(
            c,
            base,
            "CreateUserPoolClient",
            {
                "UserPoolId": pool,
                "ClientName": "machine",
                "GenerateSecret": True,
                "AllowedOAuthFlowsUserPoolClient": True,
                "AllowedOAuthFlows": ["client_credentials"],
                "AllowedOAuthScopes": ["api/read"],
            },
        )["UserPoolClient"]
        call(c, base, "AdminCreateUser", {"UserPoolId": pool, "Username": "bench", "MessageAction": "SUPPRESS"})
        call(
            c,
            base,
            "AdminSetUserPassword",
            {"UserPoolId": pool, "Username": "bench", "Password": PASSWORD, "Permanent": True},
        )
    return {"pool": pool, "web": web, "machine": machine["ClientId"], "secret": machine["ClientSecret"]}


def code_flow(browser: httpx.Client, site: dict[str, Any]) -> dict[str, Any]:
    """One authorization code flow with PKCE in a fresh browser session (no cookies; the connection kept, as a
    browser keeps it); the token response."""
    browser.cookies.clear()
    verifier, challenge = pkce()
    params = {
        "client_id": site["web"],
        "response_type": "code",
        "redirect_uri": CALLBACK,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": "bench",
    }
    login = browser.get("/bench/oauth2/authorize", params=params)
    page = browser.get(login.headers["location"])
    fields = {**hidden_fields(page.text), "username": "bench", "password": PASSWORD}
    answered = browser.post(page.url.path, data=fields)
    code = query_of(answered.headers["location"])["code"]
    tokens = browser.post(
        "/bench/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "client_id": site["web"],
            "code": code,
            "redirect_uri": CALLBACK,
            "code_verifier": verifier,
        },
    )
    tokens.raise_for_status()
    body: dict[str, Any] = tokens.json()
    return body


async def token_rps(
    base: str, form: dict[str, str], auth: httpx.BasicAuth | None, concurrency: int, seconds: float
) -> float:
    done = 0
    stop_at = time.perf_counter() + seconds
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=concurrency)) as client:

        async def worker() -> None:
            nonlocal done
            while time.perf_counter() < stop_at:
                r = await client.post(f"{base}/bench/oauth2/token", data=form, auth=auth or httpx.USE_CLIENT_DEFAULT)
                if r.status_code != 200:
                    raise RuntimeError(r.text[:300])
                done += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return done / (time.perf_counter() - started)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--skip-moto", action="store_true")
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--flows", type=int, default=100)
    ns = p.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-hosted-ui-"))
    ours = start(tmp)
    moto = None if ns.skip_moto else Moto()
    results: dict[str, list[float]] = {}
    try:
        site = setup(ours.base_url)
        # One client for every flow: making an httpx client (its TLS context) costs milliseconds of the client's
        # own, which a browser does not pay per sign-in.
        with httpx.Client(base_url=ours.base_url, timeout=60) as browser:
            code_flow(browser, site)  # warm-up: modules imported, keys made
            flows = []
            for _ in range(ns.flows):
                started = time.perf_counter()
                refresh = code_flow(browser, site)["refresh_token"]
                flows.append((time.perf_counter() - started) * 1000)
        flows.sort()
        refresh_form = {"grant_type": "refresh_token", "client_id": site["web"], "refresh_token": refresh}
        machine_form = {"grant_type": "client_credentials", "scope": "api/read"}
        moto_client = moto_setup(moto.base_url)[1] if moto else None
        for concurrency in (1, 8):
            for _ in range(ns.rounds):
                runs = {
                    f"refresh_token {concurrency}": lambda c=concurrency: token_rps(
                        ours.base_url, refresh_form, None, c, ns.seconds
                    ),
                    f"client_credentials {concurrency}": lambda c=concurrency: token_rps(
                        ours.base_url, machine_form, httpx.BasicAuth(site["machine"], site["secret"]), c, ns.seconds
                    ),
                }
                if moto and moto_client:
                    runs[f"moto InitiateAuth {concurrency}"] = lambda c=concurrency: password_rps(
                        moto.base_url, moto_client, c, ns.seconds
                    )
                for name, run in runs.items():
                    results.setdefault(name, []).append(asyncio.run(run()))
    finally:
        ours.stop()
        if moto:
            moto.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(
        f"\nauthorization code flow with PKCE (4 requests, fresh browser), {ns.flows} flows:"
        f" p50 {statistics.median(flows):.1f} ms, p99 {flows[max(0, int(len(flows) * 0.99) - 1)]:.1f} ms"
    )
    print(f"\n| measurement | req/s (median of {ns.rounds}, range) |\n|---|---|")
    for name, values in results.items():
        print(f"| {name} conn | {statistics.median(values):.0f} ({min(values):.0f}-{max(values):.0f}) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
