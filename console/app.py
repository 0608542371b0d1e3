"""Composition root: QApplication + qasync loop, settings, secrets, the window and its views, wired to the
connection manager of the service layer."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from qasync import QEventLoop

from console.secrets import SecretStore
from console.services import local
from console.services.boto import BotoCognito, run_blocking, shutdown_executor
from console.services.connections import (
    ChildProcessLauncher,
    ConnectionManager,
    ServiceFactory,
    aws_profiles,
    cognito_regions,
    current_pool,
)
from console.services.protocol import CognitoService, Connection, ConnectionKind, PoolSummary
from console.settings import Settings
from console.views import theme
from console.views.activity import SignInActivityView
from console.views.app_clients import AppClientsView
from console.views.assets import app_icon
from console.views.auth_events import AuthEventsView
from console.views.base import View, accepted
from console.views.branding import BrandingView
from console.views.context import AppContext
from console.views.dialogs import ConnectionDialog
from console.views.groups import GroupsView
from console.views.identity_pools import IdentityPoolsView
from console.views.identity_providers import IdentityProvidersView
from console.views.local_log import LocalLogDialog
from console.views.main_window import MainWindow
from console.views.outbox import OutboxView
from console.views.pools import PoolsView
from console.views.tokens import TokenInspectorView
from console.views.users import UsersView

SCREENSHOT_WAIT = 15.0
"""Seconds a screenshot waits at most for its view's content (and the branding preview's page) to load and show."""


class Console:
    """Wires one window to the connection manager; every backend call goes through the service layer."""

    def __init__(
        self,
        app: Any,
        ns: argparse.Namespace,
        settings: Settings,
        secrets: SecretStore,
        theme_name: str,
        service_factory: ServiceFactory,
        local_log_file: str | None = None,
    ) -> None:
        self.app = app
        self.ns = ns
        self.settings = settings
        self.secrets = secrets
        self.ctx = AppContext()
        self.window = MainWindow(self.ctx, theme_name)
        self.window.on_connection_requested = self.choose_connection
        self.window.on_local_log_requested = self.show_local_log
        self.window.close_hook = self.save_state
        for view in (
            PoolsView(self.ctx),
            UsersView(self.ctx, columns=settings.user_columns()),
            GroupsView(self.ctx),
            AppClientsView(self.ctx),
            IdentityProvidersView(self.ctx),
            TokenInspectorView(self.ctx),
            IdentityPoolsView(self.ctx),
            SignInActivityView(self.ctx),
            AuthEventsView(self.ctx),
            OutboxView(self.ctx),
            BrandingView(self.ctx, self.preview_endpoint),
        ):
            self.window.add_view(view)
        self.preview_server: local.LocalServer | None = None  # renders branding previews, on every connection
        # The output of local Cognito children goes to local_log_file (default: the platform's user log dir).
        self.launcher = ChildProcessLauncher(local_log_file)
        self.connections = ConnectionManager(
            self,
            service_factory,
            secrets,
            launcher=self.launcher,
            local_port=ns.local_port,
            local_data_dir=ns.local_data_dir or "",
        )
        self.choosing: asyncio.Task[None] | None = None  # the connection dialog, while it is up
        self.log_dialog: LocalLogDialog | None = None
        self.ctx.poolChanged.connect(self._remember_pool)
        self.ctx.connectionLost.connect(lambda _exc: self.connections.connection_lost())

    def _remember_pool(self, pool_id: str) -> None:
        connection = self.connections.connection
        if connection is not None and pool_id:
            self.settings.set_last_pool(connection.name, pool_id)

    async def open_connection(self, conn: Connection, load_view: bool = True) -> bool:
        """Open a connection and, once it is open, load the view on show."""
        opened = await self.connections.open(conn)
        view = self.window.current_view()
        if opened and view is not None and load_view:
            self.ctx.spawn(view.load())
        return opened

    # --- what the connection manager reports, shown in the window (ConnectionEvents) ----------------------
    def busy(self, label: str) -> contextlib.AbstractAsyncContextManager[None]:
        return self.ctx.busy(label)

    def connecting(self, connection: Connection) -> None:
        self.window.set_connection(connection.label + " (connecting)", connection.region)
        # Only keys typed into the console need keyring; say so where it matters, not on every connection.
        self.window.show_keyring_fallback(connection.kind is ConnectionKind.KEYS and not self.secrets.persistent)
        self.window.set_local_log(False)
        self.ctx.set_service(None)

    def connected(self, connection: Connection, service: CognitoService, pools: Sequence[PoolSummary]) -> None:
        self.settings.set_last_connection(connection.name)
        current = current_pool(pools, self.settings.last_pool(connection.name))
        self.window.set_pools([(p.id, p.name) for p in pools], current)
        self.window.set_connection(connection.label, connection.region)
        self.window.set_local_log(self.local_child_log() != "")
        self.ctx.set_service(service)
        self.ctx.pool_id = current

    def not_connected(self, connection: Connection) -> None:
        self.window.set_connection(f"{connection.label} (not connected)", connection.region)
        self.window.retry_action = lambda: self.ctx.spawn(self.open_connection(connection))

    def lost(self, connection: Connection, state: str) -> None:
        self.window.set_connection(connection.label, connection.region, lost=state)

    def local_stopped(self, connection: Connection, how: str, log_file: str) -> None:
        self.window.show_local_stopped(how)

    def restored(self, connection: Connection) -> None:
        self.window.set_connection(connection.label, connection.region)
        if self.window.local_stopped:
            self.window.show_local_restarted()
        else:
            self.window.hide_error()
        self.window.set_local_log(self.local_child_log() != "")
        self.ctx.notice.emit("Connection is back")
        self.ctx.connectionRestored.emit()
        view = self.window.current_view()
        if view is not None:
            self.ctx.spawn(view.load())

    def service_replaced(self, connection: Connection, service: CognitoService) -> None:
        pool = self.ctx.pool_id
        self.ctx.set_service(service)
        self.ctx.pool_id = pool

    def notice(self, text: str) -> None:
        self.ctx.notice.emit(text)

    # --- the local Cognito's log ---------------------------------------------------------------------------
    def local_child_log(self) -> str:
        """The log of the local Cognito in use when it is a child of ours; "" otherwise."""
        server = self.connections.local
        connection = self.connections.connection
        if server is None or connection is None or connection.kind is not ConnectionKind.LOCAL:
            return ""
        return server.log_file

    def show_local_log(self) -> None:
        """The log viewer over the children's log file (one window, brought forward and read again)."""
        if self.log_dialog is None:
            self.log_dialog = LocalLogDialog(
                self.launcher.log_file, lambda path: run_blocking(local.read_log, path), self.window
            )
        self.log_dialog.present()
        self.ctx.spawn(self.log_dialog.load())

    # --- choosing a connection ---------------------------------------------------------------------------
    def choose_connection(self) -> None:
        """Show the connection dialog; a second request while it is up is ignored."""
        if self.choosing is None or self.choosing.done():
            self.choosing = self.ctx.spawn(self.choose_connection_in_dialog())

    async def connection_dialog(self) -> ConnectionDialog:
        """The connection dialog over the saved connections, offering the regions that serve Cognito user pools
        and the AWS profiles (both read from files, so off the event loop)."""
        regions = await run_blocking(cognito_regions)
        profiles = await run_blocking(aws_profiles)
        current = self.connections.connection or self.settings.connection(None)
        connections = self.settings.connections()
        return ConnectionDialog(
            connections, current, self.secrets.persistent, regions, profiles or ["default"], self.window
        )

    async def choose_connection_in_dialog(self) -> None:
        dialog = await self.connection_dialog()
        try:
            if not await accepted(dialog):
                return
            conn, secret = dialog.value()
            self.ctx.spawn(self.apply_connection_choice(list(dialog.removed), conn, secret))
        finally:
            dialog.deleteLater()

    async def apply_connection_choice(self, removed: list[str], conn: Connection, secret: str | None) -> bool:
        """Forget removed connections, keep a typed secret, then open the chosen connection. keyring writes
        and deletes can block like reads (D-Bus, an unlock prompt), so they run on the executor too."""
        for name in removed:
            self.settings.remove_connection(name)
            async with self.ctx.busy(f"Forgetting the secret of {name}"):
                await run_blocking(self.secrets.delete, name)
        if secret:
            async with self.ctx.busy("Keeping the secret access key in keyring"):
                kept = await run_blocking(self.secrets.set, conn.name, secret)
                self.window.show_keyring_fallback(not kept)
        self.settings.save_connection(conn)
        return await self.open_connection(conn)

    # --- lifecycle ---------------------------------------------------------------------------------------
    def restore_state(self) -> None:
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.window.restoreGeometry(geometry)
        if state is not None:
            self.window.restoreState(state)

    def save_state(self) -> None:
        self.settings.save_window_state(self.window.saveGeometry(), self.window.saveState())
        view = self.window.current_view()
        if view is not None and not self.ns.screenshot:
            self.settings.last_view = view.name
        users = self.window.views.get("users")
        if isinstance(users, UsersView):
            self.settings.set_user_columns(users.model.attributes)
        self.settings.sync()

    async def preview_endpoint(self) -> str:
        """The local Cognito that renders branding previews, whatever the connection (the user's own pools are
        never touched): started once, ephemeral, on a free port, and stopped with the console."""
        if self.preview_server is None or self.preview_server.exited():
            self.preview_server = await run_blocking(local.start_child, 0, "", 20, "", True)
        return self.preview_server.base_url

    def shutdown(self) -> None:
        if self.preview_server is not None:
            self.preview_server.stop()
        self.connections.close()
        shutdown_executor()

    async def main(self) -> int:
        conn = self.settings.connection(self.ns.connection)
        view_name = self.ns.view if self.ns.screenshot else (self.ns.view_explicit or self.settings.last_view)
        if not self.ns.screenshot:
            self.restore_state()
        else:
            self.window.resize(1280, 800)
        self.window.show()
        self.window.show_view(view_name if view_name in self.window.views else "pools")
        ok = await self.open_connection(conn, load_view=not self.ns.screenshot)
        if self.ns.screenshot:
            return await self.screenshot(Path(self.ns.screenshot), view_name, ok)
        closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def on_last_window_closed() -> None:
            if not closed.done():
                closed.set_result(None)

        self.app.lastWindowClosed.connect(on_last_window_closed)
        await closed
        return 0

    async def screenshot(self, path: Path, view_name: str, connected: bool) -> int:
        view = self.window.show_view(view_name)
        if view is None:
            print(f"unknown view {view_name!r}; views: {', '.join(self.window.views)}", file=sys.stderr)
            return 2
        if connected:
            deadline = asyncio.get_running_loop().time() + SCREENSHOT_WAIT
            await view.load()
            if isinstance(view, TokenInspectorView):
                # A real token signed in on the seeded demo pool says more than an empty inspector; on AWS or
                # another pool there is none and the inspector keeps its empty state. The inspector verifies
                # against the chosen pool: choose the demo pool.
                demo = await self.connections.demo_token()
                if demo is not None:
                    self.ctx.set_pool(demo[0])
                    await view.inspect(demo[1])
            if isinstance(view, PoolsView):
                view.select(self.ctx.pool_id)
            table = getattr(getattr(view, "ui", None), "table", None)
            if table is not None and table.model() is not None and table.model().rowCount() and view.name != "pools":
                table.selectRow(0)
            ready = await self.view_settled(view, deadline)
            if ready and isinstance(view, BrandingView):
                ready = await preview_drawn(view, deadline)
            if not ready:
                print(
                    f"the {view_name} view was still loading after {SCREENSHOT_WAIT:g} s; saved as it was",
                    file=sys.stderr,
                )
        await asyncio.sleep(0.05)  # the window lays out what the last step showed
        path.parent.mkdir(parents=True, exist_ok=True)
        ok = self.window.grab().save(str(path), "PNG")
        self.window.close()
        return 0 if ok and connected else 1

    async def view_settled(self, view: View, deadline: float) -> bool:
        """Wait until what the view started loading has loaded: nothing busy in the status bar, no task of the
        views still running (a selection's details, the branding preview's page until QWebEngineView.loadFinished),
        and the view's own loading state off (sign-in activity and auth events' ``loading``, the users table's
        model). The state must hold twice in a row, 20 ms apart, since a task spawned by the last step starts on
        the loop's next turn. False if the deadline (the loop's time) came first."""
        loop = asyncio.get_running_loop()
        quiet = 0
        while quiet < 2:
            if loop.time() > deadline:
                return False
            await asyncio.sleep(0.02)
            quiet = quiet + 1 if self.view_idle(view) else 0
        return True

    def view_idle(self, view: View) -> bool:
        this = asyncio.current_task()
        running = any(task is not this and not task.done() for task in asyncio.all_tasks())
        model = getattr(view, "model", None)
        return not (running or self.ctx.is_busy or getattr(view, "loading", False) or getattr(model, "loading", False))


async def preview_drawn(view: BrandingView, deadline: float) -> bool:
    """Wait until the branding preview's loaded page has also been drawn: Chromium paints it in its own time, and
    until then the web view is one flat colour. True at once when there is no preview (no app client, no local
    Cognito to render it); False if the deadline (the loop's time) came first."""
    loop = asyncio.get_running_loop()
    while view.web is not None and one_colour(view.web.grab().toImage()):
        if loop.time() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True


def one_colour(image: QImage) -> bool:
    """Whether every pixel of the image is the same colour (an empty image counts as one)."""
    data = bytes(image.convertToFormat(QImage.Format.Format_RGB32).constBits())
    return data == data[:4] * (len(data) // 4)


def run(ns: argparse.Namespace) -> int:
    QCoreApplication.setOrganizationName("cognito-console")
    QCoreApplication.setApplicationName("cognito-console")
    existing = QApplication.instance()
    # The branding preview's web view shares OpenGL contexts with the window: set before the application exists.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("io.github.cognito_console.CognitoConsole")
    settings = Settings()
    for attr, default in (("local_port", None), ("local_data_dir", None), ("view_explicit", None)):
        if not hasattr(ns, attr):
            setattr(ns, attr, default)
    theme_name = theme.apply(app, ns.theme or settings.theme)
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    console = Console(app, ns, settings, SecretStore(), theme_name, service_factory=BotoCognito)
    if ns.theme is None and settings.theme == "system":
        app.styleHints().colorSchemeChanged.connect(lambda *_: theme.apply(app, "system"))
    try:
        with loop:
            return int(loop.run_until_complete(console.main()))
    finally:
        console.shutdown()
