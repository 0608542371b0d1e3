"""Reviewers' follow-ups: keyring writes off the event loop, Cancel stopping the slot, the token screenshot."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from tests.memory_keyring import MemoryKeyring


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


def _console(qapp: Any, qtbot: Any, tmp_path: Any, backend: Any, port: int | None = None) -> Any:
    from console.secrets import SecretStore
    from tests.gui.conftest import make_console

    app = make_console(qapp, tmp_path, SecretStore(backend), port=port)
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
    assert opened and app.connections.connection is not None and app.connections.connection.name == "keys"


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


def test_demo_token_is_decoded_and_verified(qtbot: Any, aloop: Any, ctx: Any, demo: dict[str, str]) -> None:
    """The screenshot's demo token: a demo user signed in on the seeded pool, shown and verified as valid."""
    from console.services.boto import run_blocking
    from console.services.seed import demo_id_token
    from console.views.tokens import TokenInspectorView

    view = TokenInspectorView(ctx)
    qtbot.addWidget(view)
    client = aloop.run_until_complete(ctx.service.client())
    token = aloop.run_until_complete(run_blocking(demo_id_token, client, demo["pool_id"]))
    assert token
    verification = aloop.run_until_complete(view.inspect(token))
    assert verification is not None and verification.valid, verification
    assert view.ui.verdict.text().startswith("✔")
    assert view.decoded is not None and view.decoded.claims["cognito:username"] == "alice"
    assert view.decoded.claims["iss"].endswith(demo["pool_id"])
    assert not ctx.errors


def test_demo_token_is_only_for_the_demo_pool(aloop: Any, ctx: Any) -> None:
    from console.services.seed import demo_id_token
    from tests.conftest import unique

    client = aloop.run_until_complete(ctx.service.client())
    pool_id = client.create_user_pool(PoolName="demo-pool")["UserPool"]["Id"]  # the name alone is not enough
    other = client.create_user_pool(PoolName=unique("other-"))["UserPool"]["Id"]
    try:
        assert demo_id_token(client, pool_id) is None
        assert demo_id_token(client, other) is None
    finally:
        client.delete_user_pool(UserPoolId=pool_id)
        client.delete_user_pool(UserPoolId=other)


def test_token_inspector_screenshot_shows_a_verified_demo_token(
    qapp: Any, qtbot: Any, aloop: Any, tmp_path: Any, cognito: Any, demo: dict[str, str]
) -> None:
    """--screenshot FILE --view token-inspector on the local Cognito renders a decoded, verified token."""
    from console.services.protocol import Connection, ConnectionKind

    port = int(cognito.base_url.rsplit(":", 1)[-1])  # found there, not started
    app = _console(qapp, qtbot, tmp_path, MemoryKeyring(), port=port)
    app.ns.screenshot = str(tmp_path / "token-inspector.png")
    app.ns.view = "token-inspector"
    conn = Connection("Local Cognito", ConnectionKind.LOCAL)

    async def scenario() -> int:
        app.window.show_view("token-inspector")
        ok = await app.open_connection(conn, load_view=False)
        return int(await app.screenshot(tmp_path / "token-inspector.png", "token-inspector", ok))

    assert aloop.run_until_complete(scenario()) == 0
    view = app.window.views["token-inspector"]
    assert view.ui.verdict.text().startswith("✔"), view.ui.verdict.text()
    assert view.claims.rowCount() > 5
    assert (tmp_path / "token-inspector.png").stat().st_size > 0
