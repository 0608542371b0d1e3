"""Connections, without Qt: what a connection can point at (the regions that serve Cognito user pools, the
AWS profiles), and the lifecycle: open a connection (a newer choice supersedes one still opening), find or
start the local Cognito and seed its demo pool on first use, re-probe a lost connection with back-off, and
restart a local Cognito child of ours that died (said at once, with where its log is, even when no call was
under way).

The composition root injects the factory that makes a service for a connection, and shows what happens
through ``ConnectionEvents``.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import replace
from typing import Any, Protocol

from . import errors, local, seed
from .boto import BotoCognito, run_blocking
from .protocol import CognitoService, Connection, ConnectionKind, PoolSummary

ServiceFactory = Callable[[Connection, str | None], CognitoService]
"""Makes the service for a connection, given the secret access key of a connection with typed keys."""

Seeder = Callable[[CognitoService], Awaitable[Sequence[str]]]
"""Seeds the demo pool into an empty local Cognito; returns notes on what it skipped."""

Sleep = Callable[[float], Awaitable[None]]

# Seconds between re-probes of a lost connection; the last one repeats. A local Cognito restarts within
# about a second, while an unreachable AWS endpoint should not be asked more than twice a minute.
RECONNECT_DELAYS: tuple[float, ...] = (1, 2, 4, 8, 15, 30)


# --- what a connection can point at --------------------------------------------------------------------------
# Both read files (botocore's endpoint data, ~/.aws): call them with run_blocking. boto3 and botocore are
# imported inside, as in make_client, so that their import cost falls on that worker thread.
@functools.cache
def cognito_regions() -> tuple[str, ...]:
    """Every region where botocore's endpoint data (botocore/data/endpoints.json) lists cognito-idp, partition by
    partition in botocore's order (aws, aws-cn, aws-us-gov, ...); a partition without cognito-idp adds none.

    The same answer as boto3's ``Session().get_available_regions("cognito-idp", partition_name=...)``, read
    without a session so that a malformed ~/.aws/config cannot take the list away.
    """
    from botocore.loaders import create_loader
    from botocore.regions import EndpointResolver

    resolver = EndpointResolver(create_loader().load_data("endpoints"))
    return tuple(
        region
        for partition in resolver.get_available_partitions()
        for region in resolver.get_available_endpoints("cognito-idp", partition_name=partition)
    )


def aws_profiles() -> list[str]:
    """The profiles in the AWS config and credentials files (empty when there are none or they do not parse)."""
    import botocore.exceptions
    import botocore.session

    try:
        return list(botocore.session.Session().available_profiles)
    except botocore.exceptions.BotoCoreError:  # a malformed ~/.aws/config must not keep the dialog from opening
        return []


# --- the lifecycle --------------------------------------------------------------------------------------------
class SecretReader(Protocol):
    """Where a connection's secret access key is kept (the keyring-backed store)."""

    def get(self, connection_name: str) -> str | None: ...


class LocalServerHandle(Protocol):
    """A local Cognito the console uses: one it found listening, or a child process it started."""

    base_url: str
    data_dir: str
    log_file: str  # where a child's output goes; "" for a server someone else runs

    def alive(self) -> bool: ...

    def exited(self) -> bool: ...

    def exit_status(self) -> str:
        """How a child that exited ended ("was killed by SIGKILL")."""
        ...

    def watch(self, on_exit: Callable[[], None]) -> None:
        """Call on_exit, from any thread, once a child of ours ends by itself."""

    def stop(self) -> None: ...


class LocalCognitoLauncher(Protocol):
    """Finds, starts and probes local Cognito servers (blocking; the manager calls it off the event loop)."""

    def find_or_start(self, port: int, data_dir: str) -> LocalServerHandle: ...

    def start_child(self, port: int, data_dir: str) -> LocalServerHandle: ...

    def probe(self, base_url: str) -> bool: ...


class ChildProcessLauncher:
    """The local Cognito as ``python -m console emulator`` child processes (console.services.local), their
    output kept in ``log_file`` (by default in the platform's user log directory)."""

    def __init__(self, log_file: str | None = None) -> None:
        self.log_file = local.default_log_file() if log_file is None else log_file

    def find_or_start(self, port: int, data_dir: str) -> local.LocalServer:
        return local.find_or_start(port, data_dir, log_file=self.log_file)

    def start_child(self, port: int, data_dir: str) -> local.LocalServer:
        return local.start_child(port, data_dir, log_file=self.log_file)

    def probe(self, base_url: str) -> bool:
        return local.probe(base_url)


class ConnectionEvents(Protocol):
    """What the connection manager reports while it works; the composition root shows it in the window."""

    def busy(self, label: str) -> AbstractAsyncContextManager[None]:
        """Marks work in progress. A ServiceError raised inside is reported and ends the block, not the caller;
        cancellation propagates."""
        ...

    def connecting(self, connection: Connection) -> None:
        """A connection starts opening; the previous one's service is no longer in use."""

    def connected(self, connection: Connection, service: CognitoService, pools: Sequence[PoolSummary]) -> None:
        """The connection is open and lists these user pools."""

    def not_connected(self, connection: Connection) -> None:
        """Opening the connection failed or was cancelled (the error, if any, went through busy())."""

    def lost(self, connection: Connection, state: str) -> None:
        """The open connection stopped answering; state says what the manager is doing about it."""

    def local_stopped(self, connection: Connection, how: str, log_file: str) -> None:
        """The local Cognito child of ours ended by itself (``how``: "was killed by SIGKILL"); its output is in
        ``log_file`` ("" when none is kept). The manager restarts it; restored() follows once it answers."""

    def restored(self, connection: Connection) -> None:
        """The lost connection answers again."""

    def service_replaced(self, connection: Connection, service: CognitoService) -> None:
        """A restarted local Cognito answers at another address: use this service from now on."""

    def notice(self, text: str) -> None:
        """Something worth a line in the status bar."""


def current_pool(pools: Sequence[PoolSummary], remembered: str) -> str:
    """The user pool to show first: the one used last on this connection if it still exists, else the first."""
    if any(p.id == remembered for p in pools):
        return remembered
    return pools[0].id if pools else ""


def _boto_service(service: CognitoService) -> BotoCognito:
    if not isinstance(service, BotoCognito):
        raise TypeError(f"the demo pool is reached through boto3, not {type(service).__name__}")
    return service


async def seed_demo_pool(service: CognitoService) -> list[str]:
    """Seed the demo pool (users, groups, app clients) and the demo identity pool beside it (its roles too)
    through the service's boto3 clients."""
    boto = _boto_service(service)
    client = await boto.client()
    result = await run_blocking(seed.seed_demo, client)
    identity, iam, logs = [await boto.client(name) for name in ("cognito-identity", "iam", "logs")]
    notes = [*result.notes, *await run_blocking(seed.seed_identity_pool, client, identity, iam, result.pool_id)]
    return [*notes, *await run_blocking(seed.seed_activity, client, logs, result.pool_id)]


class ConnectionManager:
    """One connection at a time: the one that is open (``connection`` and its ``service``), the one opening,
    the task that re-probes a lost one, and the local Cognito (``local``) when it is in use."""

    def __init__(
        self,
        events: ConnectionEvents,
        service_factory: ServiceFactory,
        secrets: SecretReader,
        *,
        launcher: LocalCognitoLauncher | None = None,
        seeder: Seeder = seed_demo_pool,
        local_port: int | None = None,
        local_data_dir: str = "",
        sleep: Sleep = asyncio.sleep,
        reconnect_delays: tuple[float, ...] = RECONNECT_DELAYS,
    ) -> None:
        self.events = events
        self.service_factory = service_factory
        self.secrets = secrets
        self.launcher: LocalCognitoLauncher = launcher if launcher is not None else ChildProcessLauncher()
        self.seeder = seeder
        self.local_port = local_port  # overrides a local connection's configured port (--local-port)
        self.local_data_dir = local_data_dir
        self.sleep = sleep
        self.reconnect_delays = reconnect_delays
        self.connection: Connection | None = None
        self.service: CognitoService | None = None
        self.local: LocalServerHandle | None = None
        self.reported_exit: LocalServerHandle | None = None  # the dead child local_stopped() was said for
        self.reconnect_task: asyncio.Task[None] | None = None
        self.opening_task: asyncio.Task[Any] | None = None
        self.closed = False  # once close() ran, nothing is re-probed or restarted

    # --- opening ----------------------------------------------------------------------------------------
    async def open(self, conn: Connection) -> bool:
        """Open a connection; True when it is now the open one. A later call supersedes this one while it is
        still opening: this one then ends quietly with False, whatever its backend answers later."""
        if self.reconnect_task is not None:
            self.reconnect_task.cancel()
            self.reconnect_task = None
        if self.opening_task is not None and not self.opening_task.done():
            self.opening_task.cancel()
        self.opening_task = asyncio.current_task()
        # The previous connection is no longer the one in use: an error while this one opens must not start
        # re-probing the previous one.
        self.connection = None
        self.service = None
        self.events.connecting(conn)
        try:
            opened = await self._connect(conn)
        except asyncio.CancelledError:
            # Esc while connecting, or a newer choice: busy() has said "Cancelled"; this attempt ends as "not
            # connected" (or, superseded, quietly) instead of taking its caller (start-up) down with it.
            opened = False
        if self._superseded():
            return False
        # Done opening: the task that called open() goes on (start-up's waits for the window to close), and a
        # later choice of connection must not cancel it.
        self.opening_task = None
        if not opened:
            self.events.not_connected(conn)
        return opened

    def _superseded(self) -> bool:
        return self.opening_task is not asyncio.current_task()

    async def _connect(self, conn: Connection) -> bool:
        opened = False
        async with self.events.busy(f"Connecting to {conn.label}"):
            if conn.kind is ConnectionKind.LOCAL:
                conn = replace(conn, endpoint_url=(await self._local_server(conn)).base_url)
            # keyring may block (D-Bus, an unlock prompt): read it off the event loop
            secret = await run_blocking(self.secrets.get, conn.name) if conn.kind is ConnectionKind.KEYS else None
            service = self.service_factory(conn, secret)
            pools = await service.list_pools()
            if not pools and conn.kind is ConnectionKind.LOCAL:
                notes = await self.seeder(service)
                if notes:
                    self.events.notice(f"Demo pool seeded; skipped: {'; '.join(notes[:3])}")
                pools = await service.list_pools()
            if self._superseded():
                return False
            self.connection = conn
            self.service = service
            self.events.connected(conn, service, pools)
            opened = True
        return opened

    async def _local_server(self, conn: Connection) -> LocalServerHandle:
        """The local Cognito in use, found or started on the configured port when there is none that answers."""
        if self.local is None or not await run_blocking(self.local.alive):
            if self.local is not None:
                await run_blocking(self.local.stop)
            port = self.local_port if self.local_port is not None else conn.port
            self.local = await run_blocking(self.launcher.find_or_start, port, self.local_data_dir)
            self._watch(self.local)
        return self.local

    # --- a local child that ends by itself ----------------------------------------------------------------
    def _watch(self, server: LocalServerHandle) -> None:
        loop = asyncio.get_running_loop()

        def ended() -> None:  # on the thread that keeps the child's log
            with contextlib.suppress(RuntimeError):  # the loop is closed: the console is exiting
                loop.call_soon_threadsafe(self._local_ended, server)

        server.watch(ended)

    def _local_ended(self, server: LocalServerHandle) -> None:
        """Our child ended with no call under way to notice: say so and re-probe, which restarts it."""
        if server is self.local and self.connection is not None and self.connection.kind is ConnectionKind.LOCAL:
            self.connection_lost()

    def _report_exit(self) -> None:
        """Say once per dead child that the local Cognito stopped, how, and where its log is."""
        server = self.local
        conn = self.connection
        if server is None or conn is None or server is self.reported_exit or not server.exited():
            return
        self.reported_exit = server
        self.events.local_stopped(conn, server.exit_status(), server.log_file)

    # --- a lost connection: re-probe with back-off until it answers ------------------------------------
    def connection_lost(self) -> None:
        """A call on the open connection could not reach it: re-probe it, unless that is already under way."""
        if self.connection is None or self.closed:
            return
        if self.connection.kind is ConnectionKind.LOCAL:
            self._report_exit()
        if self.reconnect_task is not None and not self.reconnect_task.done():
            return
        self.reconnect_task = asyncio.ensure_future(self.reconnect(self.connection))

    async def reconnect(self, conn: Connection) -> None:
        attempt = 0
        while True:
            delay = self.reconnect_delays[min(attempt, len(self.reconnect_delays) - 1)]
            self.events.lost(conn, f"connection lost; retrying in {delay:g} s")
            await self.sleep(delay)
            self.events.lost(conn, "connection lost; checking…")
            if await self.probe(conn):
                break
            attempt += 1
        self.events.restored(self.connection or conn)

    async def probe(self, conn: Connection) -> bool:
        """True when the backend answers again. A local Cognito child we started and that died is restarted
        (same port and data directory, so nothing is lost); one someone else runs is only waited for."""
        if conn.kind is ConnectionKind.LOCAL and self.local is not None:
            server = self.local
            if server.exited():
                self._report_exit()
                # stop() reaps it; should the restart fail, later probes wait for whoever serves the port.
                await run_blocking(server.stop)
                port = int(server.base_url.rsplit(":", 1)[-1])
                try:
                    self.local = await run_blocking(self.launcher.start_child, port, server.data_dir)
                except errors.ServiceError:
                    return False
                self._watch(self.local)
                if self.local.base_url != server.base_url:
                    new = replace(conn, endpoint_url=self.local.base_url)
                    self.connection = new
                    self.service = self.service_factory(new, None)
                    self.events.service_replaced(new, self.service)
                return True
            return await run_blocking(self.launcher.probe, server.base_url)
        if self.service is None:
            return False
        try:
            await self.service.list_pools()
        except errors.ConnectionLost:
            return False
        except errors.ServiceError:
            return True  # it answers, even if with an error
        return True

    # --- the demo pool and shutting down -------------------------------------------------------------
    async def demo_token(self) -> tuple[str, str] | None:
        """The demo pool and an ID token of its seeded demo user, when the open connection is a local Cognito
        with the demo pool; None otherwise."""
        if self.connection is None or self.connection.kind is not ConnectionKind.LOCAL or self.service is None:
            return None
        client = await _boto_service(self.service).client()
        pool_id = await run_blocking(seed.find_demo_pool, client)
        token = await run_blocking(seed.demo_id_token, client, pool_id) if pool_id else None
        return (pool_id, token) if pool_id and token else None

    def close(self) -> None:
        """Stop re-probing, and stop the local Cognito if it is a child we started (blocking). A call that
        fails afterwards (a details load still on its way) re-probes nothing."""
        self.closed = True
        if self.reconnect_task is not None:
            self.reconnect_task.cancel()
        if self.local is not None:
            self.local.stop()
