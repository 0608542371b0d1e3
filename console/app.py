"""Composition root: QApplication + qasync loop, settings, secrets, the backend, the main window."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from console.services.protocol import Connection, ConnectionKind


class Console:
    """Wires one window to one connection at a time; every backend call goes through the service layer."""

    def __init__(self, app: Any, ns: argparse.Namespace, settings: Any, secrets: Any, theme_name: str) -> None:
        from console.views.app_clients import AppClientsView
        from console.views.context import AppContext
        from console.views.groups import GroupsView
        from console.views.identity_providers import IdentityProvidersView
        from console.views.main_window import PLACEHOLDERS, MainWindow
        from console.views.placeholder import PlaceholderView
        from console.views.pools import PoolsView
        from console.views.tokens import TokenInspectorView
        from console.views.users import UsersView

        self.app = app
        self.ns = ns
        self.settings = settings
        self.secrets = secrets
        self.local: Any = None  # LocalServer when the local Cognito is in use
        self.ctx = AppContext()
        self.window = MainWindow(self.ctx, theme_name)
        self.window.on_connection_requested = self.choose_connection
        self.window.close_hook = self.save_state
        for view in (
            PoolsView(self.ctx),
            UsersView(self.ctx, columns=settings.user_columns()),
            GroupsView(self.ctx),
            AppClientsView(self.ctx),
            IdentityProvidersView(self.ctx),
            TokenInspectorView(self.ctx),
        ):
            self.window.add_view(view)
        from console.views.main_window import NAV

        for key, title, icon in NAV:
            if key in PLACEHOLDERS:
                self.window.add_view(PlaceholderView(self.ctx, key, title, icon, PLACEHOLDERS[key]))
        self.ctx.poolChanged.connect(self._remember_pool)
        self.ctx.connectionLost.connect(self._on_connection_lost)
        self.connection: Connection | None = None
        # Seconds between re-probes of a lost connection (the last one repeats).
        self.reconnect_delays: tuple[float, ...] = (1, 2, 4, 8, 15, 30)
        self.reconnect_task: asyncio.Task[Any] | None = None
        self.opening_task: asyncio.Task[Any] | None = None  # the open_connection that is current

    def _remember_pool(self, pool_id: str) -> None:
        if self.connection is not None and pool_id:
            self.settings.set_last_pool(self.connection.name, pool_id)

    # --- connections --------------------------------------------------------------------------------
    async def open_connection(self, conn: Connection, load_view: bool = True) -> bool:
        if self.reconnect_task is not None:
            self.reconnect_task.cancel()
            self.reconnect_task = None
        # A newer choice of connection supersedes one still connecting: its late answer (or failure) must
        # not take over the window, the service or the lost-connection state.
        if self.opening_task is not None and not self.opening_task.done():
            self.opening_task.cancel()
        self.opening_task = asyncio.current_task()
        self.window.set_connection(conn.label + " (connecting)", conn.region)
        # Only keys typed into the console need keyring; say so where it matters, not on every connection.
        self.window.show_keyring_fallback(conn.kind is ConnectionKind.KEYS and not self.secrets.persistent)
        self.ctx.set_service(None)
        opened = False
        try:
            opened = await self._connect(conn)
        except asyncio.CancelledError:
            # Esc while connecting, or a newer choice of connection: busy() has said "Cancelled"; this
            # attempt ends as "not connected" with Retry (or, superseded, quietly) instead of taking the
            # caller (main() at start-up) down with it.
            opened = False
        if self.opening_task is not asyncio.current_task():
            return False
        if not opened:
            self.window.set_connection(f"{conn.label} (not connected)", conn.region)
            self.window.retry_action = lambda: self.ctx.spawn(self.open_connection(conn))
            return False
        view = self.window.current_view()
        if view is not None and load_view:
            self.ctx.spawn(view.load())
        return True

    async def _connect(self, conn: Connection) -> bool:
        """Open the service for a connection and list its user pools; True when the window now shows it."""
        from console.services.boto import BotoCognito, run_blocking

        opened = False
        async with self.ctx.busy(f"Connecting to {conn.label}"):
            if conn.kind is ConnectionKind.LOCAL:
                from console.services import local

                if self.local is None or not await run_blocking(self.local.alive):
                    if self.local is not None:
                        await run_blocking(self.local.stop)
                    port = self.ns.local_port if self.ns.local_port is not None else conn.port
                    self.local = await run_blocking(local.find_or_start, port, self.ns.local_data_dir or "")
                conn = Connection(conn.name, conn.kind, conn.region, self.local.base_url, port=conn.port)
            # keyring may block (D-Bus, an unlock prompt): read it off the event loop
            secret = await run_blocking(self.secrets.get, conn.name) if conn.kind is ConnectionKind.KEYS else None
            service = BotoCognito(conn, secret)
            pools = await service.list_pools()
            if not pools and conn.kind is ConnectionKind.LOCAL:
                from console.services.seed import seed_demo

                client = await service.client()
                result = await run_blocking(seed_demo, client)
                if result.notes:
                    self.ctx.notice.emit(f"Demo pool seeded; skipped: {'; '.join(result.notes[:3])}")
                pools = await service.list_pools()
            if self.opening_task is not asyncio.current_task():
                return False
            self.connection = conn
            self.settings.set_last_connection(conn.name)
            last = self.settings.last_pool(conn.name)
            current = last if any(p.id == last for p in pools) else (pools[0].id if pools else "")
            self.window.set_pools([(p.id, p.name) for p in pools], current)
            self.window.set_connection(conn.label, conn.region)
            self.ctx.set_service(service)
            self.ctx.pool_id = current
            opened = True
        return opened

    # --- a lost connection: say so, re-probe with backoff, reload when it is back ---------------------
    def _on_connection_lost(self, exc: Any) -> None:
        if self.connection is None or (self.reconnect_task is not None and not self.reconnect_task.done()):
            return
        self.reconnect_task = self.ctx.spawn(self.reconnect(self.connection))

    async def reconnect(self, conn: Connection) -> None:
        attempt = 0
        while True:
            delay = self.reconnect_delays[min(attempt, len(self.reconnect_delays) - 1)]
            self.window.set_connection(conn.label, conn.region, lost=f"connection lost; retrying in {delay:g} s")
            await asyncio.sleep(delay)
            self.window.set_connection(conn.label, conn.region, lost="connection lost; checking…")
            if await self.probe(conn):
                break
            attempt += 1
        self.window.set_connection(self.connection.label if self.connection else conn.label, conn.region)
        self.window.hide_error()
        self.ctx.notice.emit("Connection is back")
        self.ctx.connectionRestored.emit()
        view = self.window.current_view()
        if view is not None:
            self.ctx.spawn(view.load())

    async def probe(self, conn: Connection) -> bool:
        """True when the backend answers again. A local Cognito child we started and that died is restarted
        (same port and data directory, so nothing is lost); one someone else runs is only waited for."""
        from console.services import errors, local
        from console.services.boto import BotoCognito, run_blocking

        if conn.kind is ConnectionKind.LOCAL and self.local is not None:
            server = self.local
            if server.process is not None and server.process.poll() is not None:
                await run_blocking(server.stop)
                port = int(server.base_url.rsplit(":", 1)[-1])
                try:
                    self.local = await run_blocking(local.start_child, port, server.data_dir)
                except errors.ServiceError:
                    self.local = local.LocalServer(server.base_url, None, server.data_dir)
                    return False
                if self.local.base_url != server.base_url:
                    new = Connection(conn.name, conn.kind, conn.region, self.local.base_url, port=conn.port)
                    pool = self.ctx.pool_id
                    self.ctx.set_service(BotoCognito(new))
                    self.ctx.pool_id = pool
                    self.connection = new
                return True
            return await run_blocking(local.probe, server.base_url)
        service = self.ctx.service
        if service is None:
            return False
        try:
            await service.list_pools()
        except errors.ConnectionLost:
            return False
        except errors.ServiceError:
            return True  # it answers, even if with an error
        return True

    def choose_connection(self) -> None:
        from PySide6.QtWidgets import QDialog

        from console.views.dialogs import ConnectionDialog

        current = self.connection or self.settings.connection(None)
        dialog = ConnectionDialog(self.settings.connections(), current, self.secrets.persistent, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        conn, secret = dialog.value()
        self.ctx.spawn(self.apply_connection_choice(list(dialog.removed), conn, secret))

    async def apply_connection_choice(self, removed: list[str], conn: Connection, secret: str | None) -> bool:
        """Forget removed connections, keep a typed secret, then open the chosen connection. keyring writes
        and deletes can block like reads (D-Bus, an unlock prompt), so they run on the executor too."""
        from console.services.boto import run_blocking

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
        if users is not None:
            self.settings.set_user_columns(users.model.attributes)  # type: ignore[attr-defined]
        self.settings.sync()

    def shutdown(self) -> None:
        from console.services.boto import shutdown_executor

        if self.reconnect_task is not None:
            self.reconnect_task.cancel()

        if self.local is not None:
            self.local.stop()  # only stops a child we started
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

    async def _show_demo_token(self, view: Any) -> None:
        """The token inspector's screenshot shows a real token, signed in on the seeded local demo pool (an
        empty inspector says little); on AWS or another pool it keeps its empty state."""
        from console.services import seed
        from console.services.boto import run_blocking

        service = self.ctx.service
        if self.connection is None or self.connection.kind is not ConnectionKind.LOCAL or service is None:
            return
        client = await service.client()  # type: ignore[attr-defined]  # BotoCognito's: local is always boto3
        pool_id = await run_blocking(seed.find_demo_pool, client)
        token = await run_blocking(seed.demo_id_token, client, pool_id) if pool_id else None
        if token:
            await view.inspect(token)

    async def screenshot(self, path: Path, view_name: str, connected: bool) -> int:
        view = self.window.show_view(view_name)
        if view is None:
            print(f"unknown view {view_name!r}; views: {', '.join(self.window.views)}", file=sys.stderr)
            return 2
        if connected:
            await view.load()
            if view.name == "token-inspector":
                await self._show_demo_token(view)
            if view.name == "pools":
                view.select(self.ctx.pool_id)  # type: ignore[attr-defined]
            table = getattr(getattr(view, "ui", None), "table", None)
            if table is not None and table.model() is not None and table.model().rowCount() and view.name != "pools":
                table.selectRow(0)
            # let selection-driven detail loads finish
            for _ in range(100):
                await asyncio.sleep(0.02)
                if not self.ctx.is_busy:
                    break
        await asyncio.sleep(0.05)
        path.parent.mkdir(parents=True, exist_ok=True)
        ok = self.window.grab().save(str(path), "PNG")
        self.window.close()
        return 0 if ok and connected else 1


def run(ns: argparse.Namespace) -> int:
    import qasync
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from console.secrets import SecretStore
    from console.settings import Settings
    from console.views import theme
    from console.views.assets import app_icon

    QCoreApplication.setOrganizationName("cognito-console")
    QCoreApplication.setApplicationName("cognito-console")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("io.github.cognito_console.CognitoConsole")
    settings = Settings()
    for attr, default in (("local_port", None), ("local_data_dir", None), ("view_explicit", None)):
        if not hasattr(ns, attr):
            setattr(ns, attr, default)
    theme_name = theme.apply(app, ns.theme or settings.theme)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    console = Console(app, ns, settings, SecretStore(), theme_name)
    if ns.theme is None and settings.theme == "system":
        app.styleHints().colorSchemeChanged.connect(lambda *_: theme.apply(app, "system"))
    try:
        with loop:
            return int(loop.run_until_complete(console.main()))
    finally:
        console.shutdown()
