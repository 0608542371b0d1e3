"""The log of a local Cognito child the console starts: its output (a line per request at info) lands in a log
file of capped size, a child that ends by itself is noticed and its end logged, and one that cannot start
says why. Real child processes on loopback."""

from __future__ import annotations

import os
import signal
import socket
import stat
import threading
import time
from pathlib import Path

import pytest

from console.services import errors, local
from tests.conftest import make_client


def wait_for(predicate: object, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def test_a_request_to_the_child_lands_in_its_log(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "local-cognito.log"
    server = local.start_child(0, str(tmp_path / "data"), log_file=str(log_file))
    try:
        assert server.started_by_us and server.log_file == str(log_file)
        make_client(server.base_url).list_user_pools(MaxResults=10)
        assert wait_for(lambda: "ListUserPools - 200" in log_file.read_text())
        text = log_file.read_text()
        assert f"console: started the local Cognito (pid {server.process.pid})" in text  # type: ignore[union-attr]
        assert "--log-level info" in text
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600  # request lines name pools and app clients
    finally:
        server.stop()
    assert server.returncode == 0
    assert local.read_log(log_file).rstrip().endswith("exited normally")


def test_a_killed_child_is_noticed_and_its_end_logged(tmp_path: Path) -> None:
    log_file = tmp_path / "local-cognito.log"
    server = local.start_child(0, str(tmp_path / "data"), log_file=str(log_file))
    ended = threading.Event()
    server.watch(ended.set)
    pid = server.process.pid  # type: ignore[union-attr]
    try:
        os.kill(pid, signal.SIGKILL)
        assert ended.wait(15)
        assert server.exited() and server.exit_status() == "was killed by SIGKILL"
        assert f"the local Cognito (pid {pid}) was killed by SIGKILL" in local.read_log(log_file)
        late = threading.Event()
        server.watch(late.set)  # watching a child that has already ended hears of it at once
        assert late.is_set()
    finally:
        server.stop()


def test_stopping_the_child_is_not_an_unexpected_end(tmp_path: Path) -> None:
    server = local.start_child(0, str(tmp_path / "data"), log_file=str(tmp_path / "local-cognito.log"))
    ended = threading.Event()
    server.watch(ended.set)
    server.stop()
    assert not ended.wait(0.5)
    assert not server.started_by_us and not server.exited()


def test_a_child_that_cannot_start_says_why_and_logs_it(tmp_path: Path) -> None:
    log_file = tmp_path / "local-cognito.log"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(errors.ConnectionLost) as failed:
            local.start_child(port, str(tmp_path / "data"), log_file=str(log_file))
    assert failed.value.code == "LocalCognitoFailed"
    assert f"cannot listen on 127.0.0.1 port {port}" in failed.value.message
    text = local.read_log(log_file)
    assert f"cannot listen on 127.0.0.1 port {port}" in text and "exited with status 2" in text


def test_the_log_keeps_about_its_limit_and_reads_back_in_order(tmp_path: Path) -> None:
    path = tmp_path / "capped.log"
    log = local.CappedLog(path, limit=1000)
    lines = [f"line {i:03d} " + "x" * 40 for i in range(100)]  # 49 bytes each with the newline
    for line in lines:
        log.write(line)
    log.close()
    previous = path.with_name("capped.log.1")
    assert path.stat().st_size <= 500 + 49 and previous.stat().st_size <= 500 + 49
    kept = local.read_log(path).splitlines()
    assert kept == lines[-len(kept) :] and 10 <= len(kept) <= 22  # the newest, oldest first
    assert local.read_log(path, max_lines=3).splitlines() == lines[-3:]
    assert stat.S_IMODE(previous.stat().st_mode) == 0o600


def test_no_log_yet_reads_as_empty(tmp_path: Path) -> None:
    assert local.read_log(tmp_path / "none.log") == ""


def test_how_a_process_ended() -> None:
    assert local.describe_exit(0) == "exited normally"
    assert local.describe_exit(2) == "exited with status 2"
    assert local.describe_exit(-9) == "was killed by SIGKILL"
    assert local.describe_exit(-200) == "was killed by signal 200"
