"""The server's process life: the first line is the base URL, clean stops exit 0, orphans stop."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.localcognito import start


@pytest.mark.slow
def test_sigint_and_sigterm_exit_zero(tmp_path: Path) -> None:
    for sig in (signal.SIGTERM, signal.SIGINT):
        server = start(tmp_path / sig.name)
        assert server.base_url.startswith("http://127.0.0.1:")
        assert server.stop(sig) == 0


@pytest.mark.parametrize("command", [[sys.executable, "-m", "console"], ["cognito-console"]])
def test_first_line_is_the_base_url_and_an_early_stop_exits_zero(tmp_path: Path, command: list[str]) -> None:
    """Both entry points print the base URL first; a SIGTERM right after it is still a clean stop."""
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed")
    process = subprocess.Popen(
        [*command, "emulator", "--port", "0", "--data-dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline().strip()
        assert first.startswith("http://127.0.0.1:") and first.count(":") == 2
    finally:
        process.terminate()
        assert process.wait(10) == 0
        if process.stdout:
            process.stdout.close()


def test_stops_when_its_parent_is_gone(tmp_path: Path) -> None:
    """A server started with --parent-pid stops by itself once that process has died."""
    parent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "console",
            "emulator",
            "--port",
            "0",
            "--data-dir",
            str(tmp_path),
            "--parent-pid",
            str(parent.pid),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        base = child.stdout.readline().strip()
        assert httpx.get(base + "/_emulator/health", timeout=10).status_code == 200
        parent.kill()
        parent.wait()
        assert child.wait(15) == 0
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
        if child.stdout:
            child.stdout.close()
    # It let go of its port: nothing answers there any more.
    with pytest.raises(httpx.TransportError):
        httpx.get(base + "/_emulator/health", timeout=2)
