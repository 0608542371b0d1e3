"""Review findings: each test reproduces a defect found by using the console, against the local Cognito."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from tests.conftest import unique


def _make_pool(ctx: Any, aloop: Any, **extra: Any) -> str:
    client = aloop.run_until_complete(ctx.service.client())
    resp = client.create_user_pool(PoolName=unique("review-"), **extra)
    return str(resp["UserPool"]["Id"])


def test_editing_a_pool_keeps_recovery_invitation_and_sign_in_settings(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """The edit dialog must not reset settings it does not show (UpdateUserPool resets what it is not given)."""
    from console.views.dialogs import PoolDialog
    from console.views.pools import PoolsView

    invite = {"EmailSubject": "Welcome", "EmailMessage": "Hi {username}, your code is {####}"}
    pool_id = _make_pool(
        ctx,
        aloop,
        AccountRecoverySetting={"RecoveryMechanisms": [{"Name": "admin_only", "Priority": 1}]},
        AdminCreateUserConfig={
            "AllowAdminCreateUserOnly": True,
            "UnusedAccountValidityDays": 3,
            "InviteMessageTemplate": invite,
        },
    )
    view = PoolsView(ctx)
    qtbot.addWidget(view)
    try:
        before = aloop.run_until_complete(ctx.service.describe_pool(pool_id))
        dialog = PoolDialog(view, before)
        qtbot.addWidget(dialog)
        dialog.ui.nameEdit.setText(unique("renamed-"))  # the only change the user makes
        assert dialog.validate() is None
        aloop.run_until_complete(view.update_pool(pool_id, dialog.changes(), dialog.mfa()))
        assert not ctx.errors
        after = aloop.run_until_complete(ctx.service.describe_pool(pool_id))
        assert after.raw["AccountRecoverySetting"] == before.raw["AccountRecoverySetting"]
        admin = after.raw["AdminCreateUserConfig"]
        assert admin.get("UnusedAccountValidityDays") == 3
        assert admin.get("InviteMessageTemplate", {}).get("EmailMessage") == invite["EmailMessage"]
    finally:
        aloop.run_until_complete(ctx.service.delete_pool(pool_id))


def test_editing_an_app_client_keeps_refresh_token_validity_in_hours(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """Opening and saving the edit dialog unchanged must not turn 12 hours into 1 day."""
    from console.views.app_clients import AppClientsView
    from console.views.dialogs import AppClientDialog

    client = aloop.run_until_complete(ctx.service.client())
    created = client.create_user_pool_client(
        UserPoolId=ctx.pool_id,
        ClientName=unique("hours-"),
        RefreshTokenValidity=12,
        AccessTokenValidity=300,
        TokenValidityUnits={"RefreshToken": "hours", "AccessToken": "seconds"},
    )["UserPoolClient"]
    view = AppClientsView(ctx)
    qtbot.addWidget(view)
    try:
        current = aloop.run_until_complete(ctx.service.describe_app_client(ctx.pool_id, created["ClientId"]))
        dialog = AppClientDialog(view, current)
        qtbot.addWidget(dialog)
        assert dialog.validate() is None
        aloop.run_until_complete(view.save(current.id, dialog.request()))
        assert not ctx.errors
        after = aloop.run_until_complete(ctx.service.describe_app_client(ctx.pool_id, current.id))
        units = after.raw.get("TokenValidityUnits") or {}
        hours = {"minutes": 1 / 60, "hours": 1, "days": 24}[units.get("RefreshToken", "days")]
        assert after.raw["RefreshTokenValidity"] * hours == 12
        seconds = {"seconds": 1, "minutes": 60, "hours": 3600}[units.get("AccessToken", "hours")]
        assert after.raw["AccessTokenValidity"] * seconds == 300
    finally:
        client.delete_user_pool_client(UserPoolId=ctx.pool_id, ClientId=created["ClientId"])


def test_cancel_stops_a_bulk_action(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """Cancel (Esc) during a bulk delete stops it; the remaining users are left alone and the window says so."""
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    notices: list[str] = []
    ctx.notice.connect(notices.append)
    names = [unique("stop") for _ in range(4)]
    for n in names:
        aloop.run_until_complete(view.create_user(n, {}, None, True))

    async def run() -> Any:
        task = asyncio.ensure_future(view.apply("delete", names))
        # cancel as soon as the first deletion is under way
        while not any(label.startswith("Delete ") for _t, label in ctx._busy):
            await asyncio.sleep(0)
        ctx.cancel_all()
        try:
            return await task
        except asyncio.CancelledError:
            return None

    aloop.run_until_complete(run())
    remaining = []
    for n in names:
        page = aloop.run_until_complete(ctx.service.list_users(ctx.pool_id, _flt(n)))
        remaining += [u.username for u in page.items if u.username == n]
    try:
        assert len(remaining) >= len(names) - 1, "the bulk delete went on after Cancel"
        assert any(text.startswith("Cancelled: ") and "not started" in text for text in notices), notices
    finally:
        from console.services.errors import NotFound

        for n in remaining:
            # The request under way when Cancel came was abandoned by the window, not by the server: it
            # may delete its user after the listing above.
            with contextlib.suppress(NotFound):
                aloop.run_until_complete(ctx.service.delete_user(ctx.pool_id, n))


def _flt(username: str) -> Any:
    from console.services.protocol import UserFilter

    return UserFilter(attribute="username", value=username, prefix=False)


def _run_until_idle(aloop: Any, ctx: Any) -> None:
    async def idle() -> None:
        for _ in range(500):
            await asyncio.sleep(0.01)
            pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
            if not pending and not ctx.is_busy:
                return

    aloop.run_until_complete(idle())


def test_double_click_on_edit_opens_one_dialog(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """Edit loads the app client first; a second click meanwhile must not open a second dialog."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from console.views.app_clients import AppClientsView
    from console.views.dialogs import AppClientDialog

    view = AppClientsView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    _run_until_idle(aloop, ctx)
    assert view.current() is not None
    opened: list[Any] = []

    def close_dialogs() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, AppClientDialog) and widget.isVisible():
                opened.append(widget)
                widget.reject()

    timer = QTimer()
    timer.timeout.connect(close_dialogs)
    timer.start(10)
    try:
        view.ui.editButton.click()
        view.ui.editButton.click()
        _run_until_idle(aloop, ctx)
    finally:
        timer.stop()
    assert len(opened) == 1
    assert view.ui.editButton.isEnabled()


def test_unreadable_saml_metadata_file_is_reported_in_the_dialog(qtbot: Any, tmp_path: Any) -> None:
    """A metadata file that cannot be read is said in the dialog, not raised after it closed (where the
    async slot's exception went to stderr and the window showed nothing)."""
    from console.views.dialogs import IdentityProviderDialog

    dialog = IdentityProviderDialog()
    qtbot.addWidget(dialog)
    dialog.ui.typeCombo.setCurrentText("SAML")
    dialog.ui.nameEdit.setText("corp")
    latin1 = tmp_path / "metadata.xml"
    latin1.write_bytes(
        '<?xml version="1.0" encoding="ISO-8859-1"?><md:EntityDescriptor entityID="Müller"/>'.encode("latin-1")
    )
    dialog.metadata_file = str(latin1)
    problem = dialog.validate()
    assert problem is not None and "metadata.xml" in problem
    dialog.metadata_file = str(tmp_path / "gone.xml")
    problem = dialog.validate()
    assert problem is not None and "gone.xml" in problem


def test_failed_load_after_switching_pools_shows_no_rows_of_the_old_pool(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """After a switch to a pool whose listing fails, the table must not go on showing (and acting on) the
    previous pool's groups, nor the users view offer the previous pool's groups."""
    from console.views.groups import GroupsView
    from console.views.users import UsersView

    groups = GroupsView(ctx)
    users = UsersView(ctx)
    qtbot.addWidget(groups)
    qtbot.addWidget(users)
    aloop.run_until_complete(groups.load())
    aloop.run_until_complete(users.load())
    _run_until_idle(aloop, ctx)
    assert groups.model.rowCount() and users.groups
    ctx.pool_id = "us-east-1_NoSuchPool"
    aloop.run_until_complete(groups.load())
    aloop.run_until_complete(users.load())
    _run_until_idle(aloop, ctx)
    assert ctx.errors and ctx.errors[-1].code == "ResourceNotFoundException"
    assert groups.model.rowCount() == 0
    assert groups.current() is None
    assert users.groups == []


def test_keyring_is_read_off_the_event_loop(qapp: Any, qtbot: Any, aloop: Any, tmp_path: Any, cognito: Any) -> None:
    """A keyring read can block (D-Bus, an unlock prompt): opening a connection reads it on a worker."""
    import threading

    from console.secrets import SecretStore
    from console.services.protocol import Connection, ConnectionKind
    from tests.gui.conftest import make_console
    from tests.memory_keyring import MemoryKeyring

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


def test_a_slow_connection_that_fails_late_does_not_override_the_newer_one(
    qapp: Any, qtbot: Any, aloop: Any, tmp_path: Any, cognito: Any
) -> None:
    """The user picks a slow connection, then (while it is still connecting) the local Cognito. When the slow
    one gives up, the window must still be on the local Cognito, not say "not connected"."""
    import socket
    import threading

    from console.secrets import SecretStore
    from console.services.protocol import Connection, ConnectionKind
    from tests.gui.conftest import make_console
    from tests.memory_keyring import MemoryKeyring

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


def test_token_edited_while_verifying_is_not_judged_with_the_old_one(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """Clearing (or replacing) the token while its pool's JWKS is fetched must not crash the slot (the error
    went to stderr only) nor put a verdict over the new text."""
    import base64
    import json

    from console.views.tokens import TokenInspectorView

    def part(doc: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(doc).encode()).decode().rstrip("=")

    base = ctx.service.connection.endpoint_url
    token = f"{part({'alg': 'RS256', 'kid': 'k'})}.{part({'iss': f'{base}/{ctx.pool_id}', 'exp': 1})}.AAAA"
    view = TokenInspectorView(ctx)
    qtbot.addWidget(view)
    view.ui.tokenEdit.setPlainText(token)
    assert view.decoded is not None

    async def run() -> Any:
        task = asyncio.ensure_future(view.verify())
        while not ctx.is_busy:
            await asyncio.sleep(0)
        view.ui.tokenEdit.clear()
        return await task

    aloop.run_until_complete(run())
    assert view.ui.verdict.text().startswith("Paste a token")


def test_pool_picker_follows_created_and_deleted_pools(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """After deleting the current pool, the picker must not offer (and show as current) the deleted pool."""
    from console.views.main_window import MainWindow
    from console.views.pools import PoolsView

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    view = PoolsView(ctx)
    window.add_view(view)
    pools = aloop.run_until_complete(ctx.service.list_pools())
    window.set_pools([(p.id, p.name) for p in pools], ctx.pool_id)
    aloop.run_until_complete(view.load())
    name = unique("picker-")
    created = aloop.run_until_complete(view.create_pool({"PoolName": name}))
    assert created is not None
    _run_until_idle(aloop, ctx)
    combo = window.ui.poolCombo
    assert combo.itemText(combo.findData(created.id)).startswith(name)
    aloop.run_until_complete(view.delete(created.id))
    _run_until_idle(aloop, ctx)
    assert combo.findData(created.id) < 0
    assert combo.currentData() == ctx.pool_id != ""


def test_users_count_does_not_claim_the_end_after_a_page_failed(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """A page that fails stops paging; the count must not then read as the whole pool."""
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    assert not view.model.exhausted
    loaded = view.model.rowCount()
    pool = ctx.pool_id
    ctx.pool_id = "us-east-1_NoSuchPool"  # the next page fails, as when the backend goes away
    try:
        assert view.model.canFetchMore()
        view.model.fetchMore()
        _run_until_idle(aloop, ctx)
    finally:
        ctx.pool_id = pool
    assert view.model.rowCount() == loaded and ctx.errors
    text = view.ui.countLabel.text()
    assert text != f"{loaded} users" and "+" in text, text


def test_app_client_details_show_token_validity_in_the_default_unit(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """Without TokenValidityUnits AWS counts access and ID token validity in hours: 2 is 2 hours."""
    from console.views.app_clients import AppClientsView

    client = aloop.run_until_complete(ctx.service.client())
    created = client.create_user_pool_client(
        UserPoolId=ctx.pool_id, ClientName=unique("units-"), AccessTokenValidity=2, IdTokenValidity=3
    )["UserPoolClient"]
    view = AppClientsView(ctx)
    qtbot.addWidget(view)
    try:
        view.client = aloop.run_until_complete(ctx.service.describe_app_client(ctx.pool_id, created["ClientId"]))
        view.show_client(reveal=False)
        text = view.ui.details.toPlainText()
        assert "2 hours" in text and "3 hours" in text, text
    finally:
        client.delete_user_pool_client(UserPoolId=ctx.pool_id, ClientId=created["ClientId"])


def test_an_unexpected_error_is_shown_in_the_window(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """A bug of ours inside a busy() block reaches the window's error banner instead of only stderr."""

    async def broken() -> None:
        async with ctx.busy("Loading things"):
            raise KeyError("Name")

    before = len(ctx.errors)
    aloop.run_until_complete(broken())
    assert len(ctx.errors) == before + 1
    shown = ctx.errors[-1]
    assert shown.code == "KeyError"
    assert "Loading things failed unexpectedly" in shown.message
