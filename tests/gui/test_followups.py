"""Reviewers' follow-ups: keyring writes off the event loop, Cancel stopping the slot, the token screenshot."""

from __future__ import annotations

import argparse
import asyncio
import threading
from typing import Any

from tests.gui.conftest import MemoryKeyring


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


def _console(qapp: Any, qtbot: Any, tmp_path: Any, backend: Any) -> Any:
    from PySide6.QtCore import QSettings

    from console.app import Console
    from console.secrets import SecretStore
    from console.settings import Settings

    ns = argparse.Namespace(screenshot=None, view="pools", view_explicit=None, connection=None, theme="light",
                            local_port=None, local_data_dir=None)  # fmt: skip
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    app = Console(qapp, ns, settings, SecretStore(backend), "light")
    qtbot.addWidget(app.window)
    return app


def test_keyring_writes_and_deletes_leave_the_event_loop_running(
    qapp: Any, qtbot: Any, aloop: Any, tmp_path: Any, cognito: Any
) -> None:
    """Choosing a connection forgets removed ones' secrets and keeps a typed one; while keyring blocks on
    either, the loop must keep running (the window stays responsive) and the connection opens afterwards."""
    from console.secrets import SERVICE
    from console.services.protocol import Connection, ConnectionKind

    backend = BlockingKeyring()
    backend.store[(SERVICE, "connection:old")] = "old-secret"
    app = _console(qapp, qtbot, tmp_path, backend)
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
    assert opened and app.connection is not None and app.connection.name == "keys"


def test_cancelled_users_load_does_not_go_on_to_load_groups(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """Esc during the users listing stops load() there: the status bar says so, groups are not listed, and
    the model is not left 'loading'."""
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    labels: list[str] = []
    notices: list[str] = []
    ctx.busyChanged.connect(lambda _busy, label: labels.append(label))
    ctx.notice.connect(notices.append)

    async def scenario() -> str:
        task = asyncio.ensure_future(view.load())
        while not any(label == "Loading users" for _t, label in ctx._busy):
            await asyncio.sleep(0)
        ctx.cancel_all()
        try:
            await task
        except asyncio.CancelledError:
            return "cancelled"
        return "finished"

    assert aloop.run_until_complete(scenario()) == "cancelled"
    assert "Cancelled: Loading users" in notices
    assert "Loading groups" not in labels, labels
    assert view.groups == []
    assert not view.model.loading
    assert not ctx.is_busy
    assert not ctx.errors  # a Cancel is no error


def test_cancelled_refresh_slot_ends_quietly(qtbot: Any, aloop: Any, ctx: Any, monkeypatch: Any) -> None:
    """The @asyncSlot entry point ends on Cancel without a traceback and re-enables its button."""
    import sys

    from console.views.users import UsersView

    hooked: list[Any] = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: hooked.append(exc))
    view = UsersView(ctx)
    qtbot.addWidget(view)

    async def scenario() -> bool:
        task = view.on_refresh_clicked()
        while not any(label == "Loading users" for _t, label in ctx._busy):
            await asyncio.sleep(0)
        ctx.cancel_all()
        await asyncio.wait([task])
        await asyncio.sleep(0)  # the slot's done-callback runs after the task ends
        return bool(task.cancelled())

    assert aloop.run_until_complete(scenario())
    assert hooked == []
    assert view.ui.refreshButton.isEnabled()
