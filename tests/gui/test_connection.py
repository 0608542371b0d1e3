"""Connections through the console, against a real local Cognito: the first start on a child it starts, a
killed child, switching connections (a slow one superseded), the connection dialog and its regions, and
keyring access kept off the event loop."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail

from console.secrets import SecretStore
from console.services.protocol import LOCAL_DEFAULT, Connection, ConnectionKind
from tests.gui.conftest import make_console
from tests.memory_keyring import MemoryKeyring


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def console(qapp: Any, qtbot: Any, aloop: Any, tmp_path: Path, memory_keyring: Any) -> Iterator[Any]:
    app = make_console(
        qapp, tmp_path, SecretStore(memory_keyring), port=free_port(), data_dir=str(tmp_path / "local-cognito")
    )
    qtbot.addWidget(app.window)
    yield app
    app.connections.close()


class BlockingKeyring(MemoryKeyring):
    """Writes and deletes wait for the test to release them, as a backend waiting on D-Bus or a prompt would."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()
        self.waiting = False
        self.threads: list[str] = []

    def _block(self) -> None:
        self.threads.append(threading.current_thread().name)
        self.waiting = True
        self.entered.set()
        # The timeout only keeps a failing run (write on the loop thread) from hanging the suite.
        self.release.wait(30)
        self.release.clear()  # the next call blocks again (it can only start after this one returns)
        self.waiting = False

    def set_password(self, service: str, username: str, password: str) -> None:
        self._block()
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self._block()
        super().delete_password(service, username)


def test_first_start_starts_seeds_and_stops_only_its_child(console: Any, aloop: Any) -> None:
    console.window.show_view("pools")
    assert aloop.run_until_complete(console.open_connection(LOCAL_DEFAULT, load_view=False))
    assert console.connections.local is not None and console.connections.local.started_by_us
    pools = console.window.views["pools"]
    aloop.run_until_complete(pools.load())
    assert any(p.name == "demo-pool" for p in pools.model.items())
    assert console.window.ui.poolCombo.currentData() == console.ctx.pool_id != ""
    assert "Local Cognito" in console.window.connection_label.text()
    assert not console.window.ui.keyringBanner.isVisibleTo(console.window)
    process = console.connections.local.process
    console.connections.local.stop()
    assert process.poll() is not None


@pytest.mark.slow  # about 2.2 s: a real child is killed, then restarted after a back-off
def test_killed_local_cognito_is_reported_with_its_log_and_recovers(console: Any, aloop: Any, qtbot: Any) -> None:
    from console.views.local_log import LocalLogDialog

    window = console.window
    window.show_view("pools")
    console.connections.reconnect_delays = (0.2, 0.5)
    assert aloop.run_until_complete(console.open_connection(LOCAL_DEFAULT, load_view=False))
    assert window.log_button.isVisibleTo(window)  # a child of ours: its log is offered
    pools = window.views["pools"]
    aloop.run_until_complete(pools.load())
    old = console.connections.local.process
    old.kill()
    old.wait()

    restored: asyncio.Future[None] = aloop.create_future()
    console.ctx.connectionRestored.connect(lambda: None if restored.done() else restored.set_result(None))
    aloop.run_until_complete(pools.load())  # fails: the server is gone
    # A clear state: the banner says the local Cognito stopped and how, and offers its log; the status bar
    # says the connection is lost.
    assert window.ui.banner.isVisibleTo(window)
    assert window.ui.bannerTitle.text() == "The local Cognito stopped"
    assert window.ui.bannerText.text().startswith("It was killed by SIGKILL.")
    assert window.ui.bannerLog.isVisibleTo(window) and not window.ui.bannerRetry.isVisibleTo(window)
    assert window.connection_label.property("lost") is True
    assert "connection lost" in window.connection_label.text()
    assert console.connections.reconnect_task is not None and not console.connections.reconnect_task.done()

    window.ui.bannerLog.click()
    dialog = console.log_dialog
    assert isinstance(dialog, LocalLogDialog) and dialog.isVisible()
    ended = f"the local Cognito (pid {old.pid}) was killed by SIGKILL"

    async def read_until_ended() -> str:
        # The log's last line is written once the child's pipe closes (its worker processes let go of it
        # when they see it gone), which may be a moment after the banner.
        for _ in range(500):
            await dialog.load()
            if ended in (text := dialog.ui.logText.toPlainText()):
                return text
            await asyncio.sleep(0.01)
        return text

    text = aloop.run_until_complete(read_until_ended())
    assert ended in text
    assert "ListUserPools" in text  # the request lines before the crash

    aloop.run_until_complete(asyncio.wait_for(restored, 60))
    assert console.connections.local.process is not old and console.connections.local.alive()
    assert window.connection_label.property("lost") is False
    # The crash stays said until dismissed, with the log still offered.
    assert window.ui.bannerTitle.text() == "The local Cognito stopped and was started again"
    assert window.ui.bannerLog.isVisibleTo(window)
    window.ui.bannerClose.click()
    assert not window.ui.banner.isVisibleTo(window)
    aloop.run_until_complete(pools.load())
    assert any(p.name == "demo-pool" for p in pools.model.items())  # same data directory, nothing lost


@pytest.mark.slow  # about 2 s: a real child is killed, then restarted after a back-off
def test_a_child_killed_while_idle_is_noticed_without_a_call(console: Any, aloop: Any) -> None:
    """Nobody calls the local Cognito: its death is still noticed (the thread keeping its log sees the end),
    said in the banner, and the child started again."""
    window = console.window
    console.connections.reconnect_delays = (0.2, 0.5)
    assert aloop.run_until_complete(console.open_connection(LOCAL_DEFAULT, load_view=False))
    old = console.connections.local.process
    said: list[str] = []

    async def scenario() -> None:
        restored: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        console.ctx.connectionRestored.connect(lambda: None if restored.done() else restored.set_result(None))
        old.kill()
        while not window.ui.banner.isVisibleTo(window):
            await asyncio.sleep(0.01)
        said.append(window.ui.bannerTitle.text())
        await restored

    aloop.run_until_complete(asyncio.wait_for(scenario(), 60))
    assert said == ["The local Cognito stopped"]
    assert console.connections.local.process is not old and console.connections.local.alive()
    assert window.ui.bannerTitle.text() == "The local Cognito stopped and was started again"


def test_a_slow_connection_that_fails_late_does_not_override_the_newer_one(
    qapp: Any, qtbot: Any, aloop: Any, tmp_path: Any, cognito: Any
) -> None:
    """The user picks a slow connection, then (while it is still connecting) the local Cognito. When the slow
    one gives up, the window must still be on the local Cognito, not say "not connected"."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted = threading.Event()
    release = threading.Event()

    def serve() -> None:
        # Hold the first request until released, then hang up on every attempt.
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            accepted.set()
            release.wait(30)
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    app = make_console(qapp, tmp_path, SecretStore(MemoryKeyring()))
    qtbot.addWidget(app.window)
    slow = Connection("slow", ConnectionKind.PROFILE, endpoint_url=f"http://127.0.0.1:{listener.getsockname()[1]}")
    local = Connection("local", ConnectionKind.KEYS, endpoint_url=cognito.base_url, access_key_id="AKIAEXAMPLEEXAMPLE")
    app.secrets.set(local.name, "not-a-real-secret")

    async def scenario() -> None:
        first = app.ctx.spawn(app.open_connection(slow, load_view=False))
        while not accepted.is_set():
            await asyncio.sleep(0.01)
        assert await app.open_connection(local, load_view=False)
        release.set()
        await first

    try:
        aloop.run_until_complete(scenario())
    finally:
        release.set()
        listener.close()
    assert app.connections.connection is not None and app.connections.connection.name == "local"
    assert app.ctx.service is not None and app.ctx.service.connection.name == "local"
    label = app.window.connection_label.text()
    assert "not connected" not in label and "connection lost" not in label, label
    assert app.connections.reconnect_task is None  # nothing is lost: the abandoned attempt is not the connection
    assert "AKIAEXAMPLEEXAMPLE" in app.window.connection_label.text()


def test_choosing_a_connection_in_the_dialog_opens_it(
    qapp: Any, qtbot: Any, aloop: Any, tmp_path: Path, memory_keyring: Any, cognito: Any, demo: dict[str, str]
) -> None:
    """The dialog is shown without a nested event loop: this test's own coroutine (a task, like a re-probe or
    a details load) keeps running while the dialog is up, and OK opens the chosen connection. (The session's
    local Cognito is seeded first by the demo fixture: the console must not seed it with its own demo.)"""
    from console.views.dialogs import ConnectionDialog

    app = make_console(qapp, tmp_path, SecretStore(memory_keyring))
    qtbot.addWidget(app.window)
    port = int(cognito.base_url.rsplit(":", 1)[-1])

    async def scenario() -> ConnectionDialog:
        app.choose_connection()
        app.choose_connection()  # a second request while the first dialog is up opens no other
        while not (dialogs := [w for w in app.window.findChildren(ConnectionDialog) if w.isVisible()]):
            await asyncio.sleep(0.01)
        assert len(dialogs) == 1
        dialog = dialogs[0]
        assert dialog.ui.savedCombo.currentText() == LOCAL_DEFAULT.name
        dialog.ui.portSpin.setValue(port)  # the session's local Cognito: found there, not started
        dialog.ok_button().click()
        assert app.choosing is not None
        await app.choosing
        while app.connections.connection is None or app.ctx.is_busy:
            await asyncio.sleep(0.01)
        return dialog

    aloop.run_until_complete(asyncio.wait_for(scenario(), 30))
    assert app.connections.connection is not None and app.connections.connection.endpoint_url == cognito.base_url
    assert app.connections.local is not None and app.connections.local.process is None  # not a child of ours
    assert app.settings.connection(None).port == port


def test_region_picker_lists_every_region_botocore_says_serves_cognito_idp(
    qapp: Any, qtbot: Any, aloop: Any, tmp_path: Path, memory_keyring: Any
) -> None:
    """The source of truth is botocore's endpoint data (botocore/data/endpoints.json, the "cognito-idp" service
    in each partition), as boto3's Session.get_available_regions reads it. A hand-kept list missed regions that
    opened after it was written (ap-east-2, ap-southeast-5/6/7, ca-west-1, mx-central-1) and GovCloud."""
    import boto3

    app = make_console(qapp, tmp_path, SecretStore(memory_keyring))
    qtbot.addWidget(app.window)
    dialog = aloop.run_until_complete(app.connection_dialog())
    combo = dialog.ui.regionCombo
    listed = [combo.itemText(i) for i in range(combo.count())]
    for region in ("us-east-1", "ap-east-2", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-west-1",
                   "mx-central-1", "us-gov-west-1", "us-gov-east-1"):  # fmt: skip
        assert region in listed, region
    session = boto3.session.Session()
    expected = [
        region
        for partition in session.get_available_partitions()
        for region in session.get_available_regions("cognito-idp", partition_name=partition)
    ]
    assert listed == expected


def test_keyring_fallback_banner_for_typed_keys(qapp: Any, qtbot: Any, aloop: Any, tmp_path: Path) -> None:
    app = make_console(qapp, tmp_path, SecretStore(fail.Keyring()))
    qtbot.addWidget(app.window)
    assert not app.secrets.persistent
    keys = Connection("work", ConnectionKind.KEYS, "eu-west-1", access_key_id="AKIAEXAMPLEEXAMPLE")
    errors: list[Any] = []
    app.ctx.errorRaised.connect(errors.append)
    # No secret was typed this session, so the connection cannot open; the banner says keys are not kept.
    assert not aloop.run_until_complete(app.open_connection(keys))
    assert app.window.ui.keyringBanner.isVisibleTo(app.window)
    assert "not be remembered" in app.window.ui.keyringBanner.text()
    assert errors and errors[0].code == "NoCredentialsError"
    assert "eu-west-1" in app.window.connection_label.text()


def test_keyring_is_read_off_the_event_loop(qapp: Any, qtbot: Any, aloop: Any, tmp_path: Any, cognito: Any) -> None:
    """A keyring read can block (D-Bus, an unlock prompt): opening a connection reads it on a worker."""

    class RecordingKeyring(MemoryKeyring):
        def __init__(self) -> None:
            super().__init__()
            self.threads: list[str] = []

        def get_password(self, service: str, username: str) -> str | None:
            self.threads.append(threading.current_thread().name)
            return super().get_password(service, username)

    backend = RecordingKeyring()
    app = make_console(qapp, tmp_path, SecretStore(backend))
    qtbot.addWidget(app.window)
    conn = Connection("keys", ConnectionKind.KEYS, endpoint_url=cognito.base_url, access_key_id="AKIAEXAMPLEEXAMPLE")
    app.secrets.set(conn.name, "not-a-real-secret")
    assert aloop.run_until_complete(app.open_connection(conn, load_view=False))
    assert backend.threads and threading.main_thread().name not in backend.threads


def test_keyring_writes_and_deletes_leave_the_event_loop_running(
    qapp: Any, qtbot: Any, aloop: Any, tmp_path: Any, cognito: Any
) -> None:
    """Choosing a connection forgets removed ones' secrets and keeps a typed one; while keyring blocks on
    either, the loop must keep running (the window stays responsive) and the connection opens afterwards."""
    from console.secrets import SERVICE

    backend = BlockingKeyring()
    backend.store[(SERVICE, "connection:old")] = "old-secret"
    app = make_console(qapp, tmp_path, SecretStore(backend))
    qtbot.addWidget(app.window)
    conn = Connection("keys", ConnectionKind.KEYS, endpoint_url=cognito.base_url, access_key_id="AKIAEXAMPLEEXAMPLE")
    seen_blocked: list[bool] = []

    async def scenario() -> bool:
        task = app.ctx.spawn(app.apply_connection_choice(["old"], conn, "not-a-real-secret"))
        for _ in ("delete", "set"):
            while not backend.entered.is_set():
                await asyncio.sleep(0.01)
            # This coroutine runs while keyring is still blocked only if the call left the loop.
            seen_blocked.append(backend.waiting)
            backend.entered.clear()
            backend.release.set()
        return bool(await task)

    try:
        opened = aloop.run_until_complete(scenario())
    finally:
        backend.release.set()
    assert seen_blocked == [True, True]
    assert threading.main_thread().name not in backend.threads
    assert (SERVICE, "connection:old") not in backend.store
    assert backend.store[(SERVICE, "connection:keys")] == "not-a-real-secret"
    assert opened and app.connections.connection is not None and app.connections.connection.name == "keys"
