"""The ephemeral local Cognito that renders branding previews is the console's child and ends with it: when the
console exits (the console's shutdown, or the process's own exit for the view's default server) and when the
console is killed (the child watches its parent's process ID)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from console.secrets import SecretStore
from console.services import local
from tests.gui.conftest import make_console
from tests.memory_keyring import MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]
# A console process that starts the view's preview server, says its process ID, then exits or is killed.
CONSOLE = """
import asyncio, os, signal, sys
from console.services import branding_preview
url = asyncio.run(branding_preview.ephemeral_endpoint())
print(branding_preview._SERVER.process.pid, url, flush=True)
if sys.argv[1] == "killed":
    os.kill(os.getpid(), signal.SIGKILL)
"""


def running(pid: int) -> bool:
    """Whether the process runs (an exited one not yet reaped by its new parent counts as ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status and "\nState:\tX" not in status


def ends(pid: int, within: float = 15) -> bool:
    deadline = time.monotonic() + within
    while running(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.parametrize("how", ["exits", "killed"])
def test_the_preview_server_ends_with_the_console_process(how: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", CONSOLE, how], capture_output=True, text=True, cwd=str(ROOT), timeout=60
    )
    pid_text, url = proc.stdout.split()
    pid = int(pid_text)
    try:
        assert url.startswith("http://127.0.0.1:")
        assert ends(pid), f"the preview server (pid {pid}) outlived the console that {how}"
    finally:
        if running(pid):
            os.kill(pid, 9)


def test_the_consoles_shutdown_stops_its_preview_server(qapp: Any, aloop: Any, tmp_path: Path) -> None:
    console = make_console(qapp, tmp_path, SecretStore(MemoryKeyring()))
    url = aloop.run_until_complete(console.preview_endpoint())
    server = console.preview_server
    assert server is not None and server.process is not None
    pid = server.process.pid
    try:
        assert local.probe(url) and running(pid)
        console.shutdown()
        assert ends(pid) and not local.probe(url)
    finally:
        if running(pid):
            os.kill(pid, 9)
        console.window.close()
