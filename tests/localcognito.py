"""Start and stop a real local Cognito process on loopback for tests and benchmarks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass
class LocalCognito:
    process: subprocess.Popen[str]
    base_url: str
    data_dir: Path

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        if self.process.stdout is not None:
            self.process.stdout.close()
        return self.process.returncode

    def advance_clock(self, seconds: float) -> float:
        """Move the server's clock forward (a server started with ``--movable-clock``); its new time."""
        r = httpx.post(f"{self.base_url}/_emulator/clock", json={"advance": seconds}, timeout=10)
        r.raise_for_status()
        return float(r.json()["now"])

    def outbox(self, pool_id: str | None = None) -> list[dict]:
        params = {"user_pool_id": pool_id} if pool_id else None
        return httpx.get(f"{self.base_url}/_emulator/outbox", params=params, timeout=10).json()


def start(
    data_dir: Path, *extra: str, port: int = 0, env: dict[str, str] | None = None, log: Path | None = None
) -> LocalCognito:
    """Run ``python -m console emulator --port 0`` and wait for the first line, the base URL. With ``log``,
    the server's log (its stderr) goes to that file, for tests that read it."""
    cmd = [
        sys.executable,
        "-m",
        "console",
        "emulator",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
        # A test run that dies without its teardown (a timeout, a crash) takes its servers with it.
        "--parent-pid",
        str(os.getpid()),
        *extra,
    ]
    stderr = log.open("wb") if log is not None else None
    try:
        process = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env={**os.environ, **(env or {})},
            cwd=Path(__file__).resolve().parents[1],
        )
    finally:
        if stderr is not None:
            stderr.close()
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line.startswith("http"):
        process.kill()
        process.wait()
        process.stdout.close()
        raise RuntimeError(f"local Cognito did not start: {line!r}")
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(f"{line}/_emulator/health", timeout=2)
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.05)
    return LocalCognito(process, line, data_dir)
