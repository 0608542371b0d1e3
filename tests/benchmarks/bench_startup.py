"""Start-up to the first answered request: the local Cognito against moto's server, in the same run.

Each measurement runs from process spawn to the first ListUserPools that answers 200, the client polling
the server's port every few milliseconds over a fresh connection (connection refused until it listens).
Both servers get a free port chosen beforehand and are measured one at a time, in turns, the order
flipping every round; each round's ratio compares neighbours. The local Cognito is measured twice a round:
on a new data directory (the database created from the schema image the warm-up start left in the user's cache
directory, store.py) and on the one it made the round before.

Both start from compiled modules, as an installed package does (pip compiles a wheel's modules at install, and
moto's are): the source tree's modules are compiled first, since an environment with PYTHONDONTWRITEBYTECODE
would otherwise compile every module of ours from source at every start, and none of moto's.

    python -m tests.benchmarks.bench_startup [--rounds 9] [--skip-moto]
"""

from __future__ import annotations

import argparse
import compileall
import http.client
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from tests.benchmarks.bench_auth import calibration_ms

ROOT = Path(__file__).resolve().parents[2]
TARGET = "AWSCognitoIdentityProviderService.ListUserPools"
POLL = 0.005


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def answered(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request(
            "POST",
            "/",
            json.dumps({"MaxResults": 1}),
            {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET},
        )
        response = conn.getresponse()
        response.read()
        return response.status == 200
    except OSError:
        return False
    finally:
        conn.close()


def time_to_first_answer(cmd: list[str], port: int, timeout: float = 60) -> float:
    """Seconds from spawn to the first ListUserPools answered with 200; the process is stopped after."""
    started = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        while not answered(port):
            if process.poll() is not None:
                raise RuntimeError(f"{cmd[:4]} exited with {process.returncode} before answering")
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"{cmd[:4]} did not answer in {timeout} s")
            time.sleep(POLL)
        return time.perf_counter() - started
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def ours(data_dir: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "console", "emulator", "--port", str(port), "--data-dir", str(data_dir)]


def moto(port: int) -> list[str]:
    exe = shutil.which("moto_server") or str(Path(sys.executable).with_name("moto_server"))
    return [exe, "-p", str(port)] if Path(exe).exists() else [sys.executable, "-m", "moto.server", "-p", str(port)]


def _bucket(name: str) -> str:
    top = name.split(".")[0]
    if top == "console":
        return ".".join(name.split(".")[:3])  # console.emulator.core, console.emulator.user_pools...
    if top in sys.stdlib_module_names or top.startswith("_"):
        return "(standard library)"
    return top


def import_profile(data_dir: Path) -> tuple[float, dict[str, float], dict[str, float]]:
    """One start under ``python -X importtime``: spawn to first answer (importtime's own bookkeeping
    included), and in ms the import time of each package's own modules and, for the packages the project's
    code imports, with everything they bring in (rich under httpx, urllib3 under botocore)."""
    port = free_port()
    log = data_dir.with_suffix(".importtime")
    cmd = [sys.executable, "-X", "importtime", *ours(data_dir, port)[1:]]
    started = time.perf_counter()
    with log.open("wb") as stderr:
        process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr, cwd=ROOT)
    try:
        while not answered(port):
            if process.poll() is not None:
                raise RuntimeError(f"exited with {process.returncode} before answering")
            time.sleep(POLL)
        elapsed = time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(10)
    rows = []
    for line in log.read_text(errors="replace").splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _, name = line[len("import time:") :].split("|")
        rows.append((int(own) / 1000, (len(name) - len(name.lstrip())) // 2, name.strip()))
    own_time: dict[str, float] = defaultdict(float)
    brought_in: dict[str, float] = defaultdict(float)
    # importtime prints a module after the modules it imports, indented one level deeper: read backwards,
    # each module comes after its importers.
    chain: list[str] = []
    for ms, level, name in reversed(rows):
        del chain[level:]
        chain.append(name)
        own_time[_bucket(name)] += ms
        first_foreign = next((m for m in chain if not m.startswith("console")), name)
        brought_in[_bucket(first_foreign)] += ms
    return elapsed, dict(own_time), dict(brought_in)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=9)
    p.add_argument("--skip-moto", action="store_true")
    p.add_argument("--profile", type=int, default=3, metavar="N", help="starts under -X importtime (0: none)")
    ns = p.parse_args()
    compileall.compile_dir(ROOT / "console", quiet=1)
    tmp = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    times: dict[str, list[float]] = {"local Cognito, new data directory": [], "local Cognito, existing data": []}
    if not ns.skip_moto:
        times["moto"] = []
    ratios: list[float] = []
    calibrations = [calibration_ms()]
    try:
        # One untimed start of each, so that the first round does not pay for a cold page cache alone.
        warm_up = [ours(tmp / "warm-up", port := free_port())] + ([] if ns.skip_moto else [moto(port)])
        for cmd in warm_up:
            time_to_first_answer(cmd, port)
        for round_no in range(ns.rounds):
            data_dir = tmp / f"round{round_no}"
            measurements = ["new", "existing", "moto"] if round_no % 2 == 0 else ["moto", "new", "existing"]
            got: dict[str, float] = {}
            for which in measurements:
                port = free_port()
                if which == "moto":
                    if ns.skip_moto:
                        continue
                    got["moto"] = time_to_first_answer(moto(port), port)
                    times["moto"].append(got["moto"])
                else:
                    seconds = time_to_first_answer(ours(data_dir, port), port)
                    key = "local Cognito, new data directory" if which == "new" else "local Cognito, existing data"
                    times[key].append(seconds)
                    got[which] = seconds
            if "moto" in got:
                ratios.append(got["new"] / got["moto"])
            print(json.dumps({"round": round_no + 1, **{k: round(v, 3) for k, v in got.items()}}), flush=True)
            calibrations.append(calibration_ms())
        profiles = [import_profile(tmp / f"profile{i}") for i in range(ns.profile)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(
        "\nmachine: a 3072-bit modular exponentiation took "
        + ", ".join(f"{c:.2f}" for c in calibrations)
        + " ms (start, after each round)"
    )
    print(f"\n| server | spawn to first ListUserPools answered, median of {ns.rounds} | range |")
    print("|---|---|---|")
    for name, values in times.items():
        median, lo, hi = (statistics.median(values) * 1000, min(values) * 1000, max(values) * 1000)
        print(f"| {name} | {median:.0f} ms | {lo:.0f}-{hi:.0f} ms |")
    if ratios:
        print(
            "\nlocal Cognito (new data directory) / moto, round by round: "
            + ", ".join(f"{r:.2f}" for r in ratios)
            + f" (median {statistics.median(ratios):.2f}; target at most 0.33)"
        )
    if profiles:
        answered_after = statistics.median(elapsed for elapsed, _, _ in profiles) * 1000
        total = statistics.median(sum(own.values()) for _, own, _ in profiles)
        names = {name for _, own, brought in profiles for name in (*own, *brought)}
        own_ms = {n: statistics.median(own.get(n, 0.0) for _, own, _ in profiles) for n in names}
        with_ms = {n: statistics.median(brought.get(n, 0.0) for _, _, brought in profiles) for n in names}
        print(
            f"\nWhere the local Cognito's start-up goes (-X importtime, median of {len(profiles)} starts): imports"
            f" take {total:.0f} ms of the {answered_after:.0f} ms from spawn to the first answer (importtime's"
            " bookkeeping included)\n"
        )
        print("| package | its own modules, ms | with what it brings in, ms | share of imports |")
        print("|---|---|---|---|")
        for name in sorted(names, key=lambda n: -max(own_ms[n], with_ms[n]))[:16]:
            print(f"| {name} | {own_ms[name]:.0f} | {with_ms[name]:.0f} | {with_ms[name] / total:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
