"""Find the local Cognito on its configured port, or start it as a child process (and stop only that)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from . import errors

HOST = "127.0.0.1"
DEFAULT_PORT = 9229


def probe(base_url: str, timeout: float = 0.5) -> bool:
    """True when a local Cognito answers its health endpoint at base_url."""
    try:
        with urllib.request.urlopen(f"{base_url}/_emulator/health", timeout=timeout) as resp:  # noqa: S310 - http URL we built
            doc = json.loads(resp.read(65536))
    except (OSError, ValueError):
        return False
    return isinstance(doc, dict) and doc.get("service") == "cognito-local"


@dataclass
class LocalServer:
    base_url: str
    process: subprocess.Popen[str] | None = None  # set only when we started it
    data_dir: str = ""
    log: list[str] = field(default_factory=list)

    @property
    def started_by_us(self) -> bool:
        return self.process is not None

    def exited(self) -> bool:
        """True when this is a child we started and it has ended (crashed, or was killed)."""
        return self.process is not None and self.process.poll() is not None

    def alive(self) -> bool:
        return not self.exited() and probe(self.base_url)

    def stop(self, timeout: float = 5) -> None:
        """Stop the child we started; a server someone else runs is left alone."""
        proc = self.process
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout)
        if proc.stdout is not None:
            proc.stdout.close()
        self.process = None


def start_child(port: int = DEFAULT_PORT, data_dir: str = "", timeout: float = 20) -> LocalServer:
    """Start ``python -m console emulator`` and wait until it answers (blocking; use run_blocking)."""
    # A frozen build (PyInstaller) is itself the cognito-console command; otherwise run our module.
    prefix = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "console"]
    # --parent-pid: should the console crash or be killed, the child it started stops with it.
    cmd = [*prefix, "emulator", "--port", str(port), "--parent-pid", str(os.getpid())]
    if data_dir:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        cmd += ["--data-dir", data_dir]
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module, no shell
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        cwd=str(Path(__file__).resolve().parents[2]),
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("http"):
        proc.kill()
        proc.wait()
        proc.stdout.close()
        raise errors.ConnectionLost(
            "LocalCognitoFailed", f"The local Cognito did not start on port {port} (is the port in use?)."
        )
    server = LocalServer(line, proc, data_dir)
    deadline = time.monotonic() + timeout
    while not probe(line, timeout=1):
        if proc.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise errors.ConnectionLost("LocalCognitoFailed", f"The local Cognito at {line} did not answer.")
        time.sleep(0.05)
    return server


def find_or_start(port: int = DEFAULT_PORT, data_dir: str = "") -> LocalServer:
    """Use a local Cognito already listening on the port, else start one (blocking)."""
    base = f"http://{HOST}:{port}"
    if port and probe(base):
        return LocalServer(base)
    return start_child(port, data_dir)
