"""Run the local Cognito with its memory accounted for, for the soak benchmark's ``--probe-memory``.

    python -m tests.benchmarks.memory_probe LOG emulator [server options]

Every second a JSON line goes to LOG: seconds since start, the process's RSS and anonymous memory, what
Python's allocator holds for live objects (tracemalloc; its own bookkeeping left out), and what SQLite
holds (``sqlite3_memory_used``: its page caches, schema and statements, for every connection). What is
left of the anonymous memory is the allocators' free lists and fragments, thread stacks and the
interpreter. With ``COGNITO_PROBE_SNAPSHOT_AT=S``, the Python allocations that grew most between S seconds
and the end are written to ``LOG.growth`` when the server stops (the snapshot at S is dumped to a file and
dropped, and the C allocator's free memory given back: held, its tens of MB would be counted as the
server's). tracemalloc slows the server several times; ``COGNITO_PROBE_TRACEMALLOC=0`` leaves it off (Python's
figure is then 0, counted in the rest) to account for SQLite at the server's own speed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import sys
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any


def _sqlite_memory() -> Any:
    found = ctypes.util.find_library("sqlite3")
    if found is None:
        return lambda: -1
    used = ctypes.CDLL(found).sqlite3_memory_used
    used.restype = ctypes.c_int64
    return used


def _give_back_free_memory() -> None:
    found = ctypes.util.find_library("c")
    if found is not None and hasattr(ctypes.CDLL(found), "malloc_trim"):
        ctypes.CDLL(found).malloc_trim(0)


def _status() -> dict[str, int]:
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon"):
            out[key] = int(value.split()[0]) * 1024
    return out


def _probe(log: Path, halt: threading.Event, snapshot_at: float | None) -> None:
    sqlite_used = _sqlite_memory()
    started = time.monotonic()
    baseline = log.with_suffix(".snapshot")
    with log.open("w") as out:
        while not halt.wait(1.0):
            t = time.monotonic() - started
            if snapshot_at is not None and tracemalloc.is_tracing() and not baseline.exists() and t >= snapshot_at:
                tracemalloc.take_snapshot().dump(str(baseline))
                _give_back_free_memory()
            status = _status()
            record = {
                "t": round(t, 1),
                "rss": status.get("VmRSS", 0),
                "anon": status.get("RssAnon", 0),
                "python": tracemalloc.get_traced_memory()[0],
                "sqlite": int(sqlite_used()),
                "tracemalloc_itself": tracemalloc.get_tracemalloc_memory(),
            }
            out.write(json.dumps(record) + "\n")
            out.flush()
    if baseline.exists():
        growth = tracemalloc.take_snapshot().compare_to(tracemalloc.Snapshot.load(str(baseline)), "traceback")
        grown = sorted((stat for stat in growth if stat.size_diff > 0), key=lambda stat: -stat.size_diff)
        with log.with_suffix(".growth").open("w") as out:
            for stat in grown[:25]:
                frames = " <- ".join(f"{f.filename}:{f.lineno}" for f in list(reversed(stat.traceback))[:6])
                out.write(f"{stat.size_diff / 1024:+.0f} KiB {stat.count_diff:+d} blocks: {frames}\n")


def main() -> int:
    log, args = Path(sys.argv[1]), sys.argv[2:]
    snapshot_at = os.environ.get("COGNITO_PROBE_SNAPSHOT_AT")
    if os.environ.get("COGNITO_PROBE_TRACEMALLOC", "1") != "0":
        tracemalloc.start(8)
    halt = threading.Event()
    probe = threading.Thread(target=_probe, args=(log, halt, float(snapshot_at) if snapshot_at else None))
    probe.start()
    from console.cli import main as cli_main

    try:
        return cli_main(args)
    finally:
        halt.set()
        probe.join()


if __name__ == "__main__":
    sys.exit(main())
