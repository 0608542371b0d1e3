"""Benchmark: user administration on the local Cognito against moto's server, in the same run.

Measures, at each pool size (default 20,000 and 100,000 users):
- AdminGetUser: throughput with 8 concurrent connections, and latency p50/p99 with one;
- ListUsers with an email Filter: latency p50/p99 and throughput;
- full ListUsers pagination (Limit 60) time;
- the server's resident memory.

Both servers get the same requests from the same raw HTTP client (httpx, keep-alive, unsigned; neither
server checks signatures), so the client's own cost is equal on both sides. Run:

    pip install 'moto[server]'
    python -m tests.benchmarks.bench_user_admin [--sizes 20000,100000] [--skip-moto]

moto's pagination is quadratic; it is cut off after ``--moto-page-budget`` seconds and the figure
extrapolated from the pages done (marked as such).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from tests.localcognito import start

TARGET = "AWSCognitoIdentityProviderService."
HEADERS = {"Content-Type": "application/x-amz-json-1.1"}


def call(client: httpx.Client, base: str, op: str, body: dict[str, Any]) -> dict[str, Any]:
    r = client.post(base + "/", content=json.dumps(body), headers={**HEADERS, "X-Amz-Target": TARGET + op})
    if r.status_code != 200:
        raise RuntimeError(f"{op}: {r.status_code} {r.text[:300]}")
    return r.json()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Moto:
    def __init__(self) -> None:
        self.port = free_port()
        exe = shutil.which("moto_server")
        cmd = [exe] if exe else [sys.executable, "-m", "moto.server"]
        self.process = subprocess.Popen(
            [*cmd, "-p", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.base_url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(self.base_url + "/moto-api/", timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.2)
        raise RuntimeError("moto server did not start")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(10)


def populate(base: str, pool_id: str, start_at: int, count: int, workers: int = 4) -> float:
    """AdminCreateUser ``count`` users (email attribute) with a few connections; returns seconds."""

    def chunk(lo: int, hi: int) -> None:
        with httpx.Client(timeout=60) as client:
            for i in range(lo, hi):
                call(
                    client,
                    base,
                    "AdminCreateUser",
                    {
                        "UserPoolId": pool_id,
                        "Username": f"user{i:06d}",
                        "MessageAction": "SUPPRESS",
                        "UserAttributes": [
                            {"Name": "email", "Value": f"user{i:06d}@example.com"},
                            {"Name": "given_name", "Value": f"Given{i % 1000}"},
                        ],
                    },
                )

    started = time.perf_counter()
    step = (count + workers - 1) // workers
    with ThreadPoolExecutor(workers) as ex:
        futures = [
            ex.submit(chunk, start_at + k * step, min(start_at + (k + 1) * step, start_at + count))
            for k in range(workers)
        ]
        for f in futures:
            f.result()
    return time.perf_counter() - started


def latency(fn: Callable[[int], None], n: int) -> tuple[float, float]:
    samples = []
    for i in range(n):
        t = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


async def throughput(
    base: str, bodies: Callable[[int], tuple[str, dict[str, Any]]], seconds: float, concurrency: int = 8
) -> float:
    done = 0
    stop_at = time.perf_counter() + seconds
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=concurrency)) as client:

        async def worker(k: int) -> None:
            nonlocal done
            i = k
            while time.perf_counter() < stop_at:
                op, body = bodies(i)
                r = await client.post(
                    base + "/", content=json.dumps(body), headers={**HEADERS, "X-Amz-Target": TARGET + op}
                )
                if r.status_code != 200:
                    raise RuntimeError(r.text[:200])
                done += 1
                i += concurrency

        started = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(concurrency)))
        return done / (time.perf_counter() - started)


WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AWSCognitoIdentityProviderService.%(op)s"
counter = 0
request = function()
  counter = counter + 1
  local i = (counter * 7919) %% %(size)d
  return wrk.format(nil, nil, nil, string.format([[%(body)s]], i, i))
end
"""


def lua_body(request: dict[str, Any]) -> str:
    """The request as JSON with ``#N#`` turned into the user number, as a Lua format string."""
    return json.dumps(request).replace("%", "%%").replace("#N#", "%06d") + "%.0s"


def wrk_throughput(base: str, op: str, body_format: str, size: int, seconds: float, concurrency: int = 8) -> float:
    """Requests per second measured by wrk (C, two threads), so the load generator is not the limit.

    ``body_format`` is a Lua format string taking the user number twice."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_SCRIPT % {"op": op, "size": size, "body": body_format})
    try:
        out = subprocess.run(
            ["wrk", f"-t{min(2, concurrency)}", f"-c{concurrency}", f"-d{seconds:.0f}s", "-s", f.name, base + "/"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(f.name)
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk saw errors:\n{out}")
    for line in out.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    raise RuntimeError(out)


def paginate(base: str, pool_id: str, budget: float) -> tuple[float, int, bool]:
    """Seconds to list every user 60 at a time; (seconds, users seen, finished)."""
    seen = 0
    token = None
    started = time.perf_counter()
    with httpx.Client(timeout=600) as client:
        while True:
            body: dict[str, Any] = {"UserPoolId": pool_id, "Limit": 60}
            if token:
                body["PaginationToken"] = token
            page = call(client, base, "ListUsers", body)
            seen += len(page["Users"])
            token = page.get("PaginationToken")
            if not token:
                return time.perf_counter() - started, seen, True
            if time.perf_counter() - started > budget:
                return time.perf_counter() - started, seen, False


def measure(name: str, base: str, pid: int, pool_id: str, size: int, page_budget: float) -> dict[str, Any]:
    rng = size

    def get_body(i: int) -> tuple[str, dict[str, Any]]:
        return "AdminGetUser", {"UserPoolId": pool_id, "Username": f"user{(i * 7919) % rng:06d}"}

    def filter_body(i: int) -> tuple[str, dict[str, Any]]:
        return "ListUsers", {
            "UserPoolId": pool_id,
            "Filter": f'email = "user{(i * 7919) % rng:06d}@example.com"',
            "Limit": 60,
        }

    out: dict[str, Any] = {"server": name, "users": size}
    with httpx.Client(timeout=60) as client:
        out["get_p50_ms"], out["get_p99_ms"] = latency(lambda i: call(client, base, *get_body(i)), 300)
        out["filter_p50_ms"], out["filter_p99_ms"] = latency(lambda i: call(client, base, *filter_body(i)), 100)
        found = call(client, base, *filter_body(3))["Users"]
        assert len(found) == 1, found
    if shutil.which("wrk"):
        out["load"] = "wrk"
        out["get_rps_8"] = wrk_throughput(
            base, "AdminGetUser", lua_body({"UserPoolId": pool_id, "Username": "user#N#"}), size, 5
        )
        filter_request = {"UserPoolId": pool_id, "Limit": 60, "Filter": 'email = "user#N#@example.com"'}
        out["filter_rps_8"] = wrk_throughput(base, "ListUsers", lua_body(filter_request), size, 5)
    else:
        out["load"] = "httpx"
        out["get_rps_8"] = asyncio.run(throughput(base, get_body, 4.0))
        out["filter_rps_8"] = asyncio.run(throughput(base, filter_body, 4.0))
    secs, seen, finished = paginate(base, pool_id, page_budget)
    out["paginate_s"] = secs if finished else secs * size / max(seen, 1)
    out["paginate_note"] = "" if finished else f"(extrapolated from {seen} users in {secs:.0f} s)"
    out["rss_mb"] = rss_mb(pid)
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="20000,100000")
    p.add_argument("--skip-moto", action="store_true")
    p.add_argument("--moto-page-budget", type=float, default=120.0)
    ns = p.parse_args()
    sizes = [int(s) for s in ns.sizes.split(",")]
    results: list[dict[str, Any]] = []

    tmp = Path(tempfile.mkdtemp(prefix="bench-cognito-"))
    ours = start(tmp)
    moto = None if ns.skip_moto else Moto()
    try:
        servers = [("local Cognito", ours.base_url, ours.process.pid)]
        if moto:
            servers.append(("moto", moto.base_url, moto.process.pid))
        pools = {}
        for name, base, _ in servers:
            with httpx.Client(timeout=60) as client:
                pools[name] = call(client, base, "CreateUserPool", {"PoolName": "bench"})["UserPool"]["Id"]
        have = 0
        for size in sizes:
            for name, base, _pid in servers:
                secs = populate(base, pools[name], have, size - have)
                print(f"{name}: created {size - have} users in {secs:.1f} s", file=sys.stderr, flush=True)
            have = size
            for name, base, pid in servers:
                r = measure(name, base, pid, pools[name], size, ns.moto_page_budget if name == "moto" else 3600)
                print(json.dumps(r), flush=True)
                results.append(r)
    finally:
        ours.stop()
        if moto:
            moto.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    print(
        "\n| users | server | AdminGetUser req/s (8 conn) | AdminGetUser p50 / p99 ms | "
        "ListUsers email filter p50 / p99 ms | filter req/s (8 conn) | full pagination s | RSS MB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['users']:,} | {r['server']} | {r['get_rps_8']:.0f} | {r['get_p50_ms']:.2f} / "
            f"{r['get_p99_ms']:.2f} | {r['filter_p50_ms']:.2f} / {r['filter_p99_ms']:.2f} | "
            f"{r['filter_rps_8']:.0f} | {r['paginate_s']:.1f} {r['paginate_note']} | {r['rss_mb']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
