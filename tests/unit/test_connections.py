"""The connection manager without Qt: opening and superseding connections, the local Cognito found, started,
seeded and restarted, and the back-off while a lost connection is re-probed. The service, the local Cognito
processes and the window are fakes; tests/gui/test_connection.py drives the same code against a real local
Cognito."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from typing import Any

import pytest

from console.services import errors
from console.services.connections import (
    RECONNECT_DELAYS,
    ConnectionManager,
    aws_profiles,
    cognito_regions,
    current_pool,
)
from console.services.protocol import Connection, ConnectionKind, PoolSummary

POOL = PoolSummary("us-east-1_demo", "demo-pool")
LOCAL = Connection("Local Cognito", ConnectionKind.LOCAL)
AWS = Connection("work", ConnectionKind.PROFILE, "eu-west-1", profile="work")
KEYS = Connection("keys", ConnectionKind.KEYS, "eu-west-1", access_key_id="AKIAEXAMPLEEXAMPLE")


class FakeService:
    """A CognitoService whose list_pools answers from its backend's script."""

    def __init__(self, backend: FakeBackend, connection: Connection, secret: str | None) -> None:
        self.backend = backend
        self.connection = connection
        self.secret = secret

    async def list_pools(self) -> list[PoolSummary]:
        return await self.backend.list_pools(self)


class FakeBackend:
    """The service factory and what its services answer: pools per connection name, failures queued, and an
    optional gate that holds a connection's first listing until the test releases it."""

    def __init__(self) -> None:
        self.pools: dict[str, list[PoolSummary]] = {}
        self.failures: list[errors.ServiceError] = []
        self.gates: dict[str, asyncio.Event] = {}
        self.entered: dict[str, asyncio.Event] = {}
        self.made: list[FakeService] = []

    def __call__(self, connection: Connection, secret: str | None) -> FakeService:
        service = FakeService(self, connection, secret)
        self.made.append(service)
        return service

    def gate(self, name: str) -> asyncio.Event:
        self.entered[name] = asyncio.Event()
        self.gates[name] = asyncio.Event()
        return self.gates[name]

    async def list_pools(self, service: FakeService) -> list[PoolSummary]:
        name = service.connection.name
        if name in self.gates:
            self.entered[name].set()
            await self.gates.pop(name).wait()
        if self.failures:
            raise self.failures.pop(0)
        return list(self.pools.get(name, [POOL]))


class FakeEvents:
    """ConnectionEvents that records what the window would show; busy() reports errors as AppContext does."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.errors: list[errors.ServiceError] = []

    @contextlib.asynccontextmanager
    async def busy(self, label: str) -> AsyncIterator[None]:
        self.calls.append(("busy", label))
        try:
            yield
        except errors.ServiceError as exc:
            self.errors.append(exc)

    def connecting(self, connection: Connection) -> None:
        self.calls.append(("connecting", connection.name))

    def connected(self, connection: Connection, service: Any, pools: Sequence[PoolSummary]) -> None:
        self.calls.append(("connected", connection.name, [p.id for p in pools]))

    def not_connected(self, connection: Connection) -> None:
        self.calls.append(("not_connected", connection.name))

    def lost(self, connection: Connection, state: str) -> None:
        self.calls.append(("lost", connection.name, state))

    def local_stopped(self, connection: Connection, how: str, log_file: str) -> None:
        self.calls.append(("local_stopped", connection.name, how, log_file))

    def restored(self, connection: Connection) -> None:
        self.calls.append(("restored", connection.name))

    def service_replaced(self, connection: Connection, service: Any) -> None:
        self.calls.append(("service_replaced", connection.endpoint_url))

    def notice(self, text: str) -> None:
        self.calls.append(("notice", text))

    def named(self, *kinds: str) -> list[tuple[Any, ...]]:
        return [c for c in self.calls if c[0] in kinds]


class FakeServer:
    def __init__(self, base_url: str, data_dir: str, child: bool) -> None:
        self.base_url = base_url
        self.data_dir = data_dir
        self.child = child
        self.died = False
        self.stopped = False
        self.log_file = f"/logs/{base_url.rsplit(':', 1)[-1]}.log"
        self.on_exit: Callable[[], None] | None = None

    def die(self) -> None:
        """The child ends by itself: its watcher hears of it (from another thread, as a real child's does)."""
        self.died = True
        if self.on_exit is not None:
            threading.Thread(target=self.on_exit).start()

    def exit_status(self) -> str:
        return "was killed by SIGKILL" if self.died else ""

    def watch(self, on_exit: Callable[[], None]) -> None:
        self.on_exit = on_exit

    def alive(self) -> bool:
        return not self.died and not self.stopped

    def exited(self) -> bool:
        return self.child and self.died

    def stop(self) -> None:
        self.stopped = True
        self.child = False  # like LocalServer: once reaped it is no longer a process of ours


class FakeLauncher:
    """Local Cognito servers: each start answers on the next URL in ``urls`` (a restart may get a new one)."""

    def __init__(self, urls: Sequence[str] = ("http://127.0.0.1:9229",)) -> None:
        self.urls = list(urls)
        self.calls: list[tuple[Any, ...]] = []
        self.start_failures: list[errors.ServiceError] = []
        self.answering = True
        self.servers: list[FakeServer] = []

    def find_or_start(self, port: int, data_dir: str) -> FakeServer:
        self.calls.append(("find_or_start", port, data_dir))
        return self._new(data_dir)

    def start_child(self, port: int, data_dir: str) -> FakeServer:
        self.calls.append(("start_child", port, data_dir))
        if self.start_failures:
            raise self.start_failures.pop(0)
        return self._new(data_dir)

    def probe(self, base_url: str) -> bool:
        self.calls.append(("probe", base_url))
        return self.answering

    def _new(self, data_dir: str) -> FakeServer:
        server = FakeServer(self.urls.pop(0) if len(self.urls) > 1 else self.urls[0], data_dir, child=True)
        self.servers.append(server)
        return server


class Seeder:
    def __init__(self, backend: FakeBackend, notes: Sequence[str] = ()) -> None:
        self.backend = backend
        self.notes = list(notes)
        self.seeded: list[str | None] = []

    async def __call__(self, service: Any) -> list[str]:
        self.seeded.append(service.connection.endpoint_url)
        self.backend.pools[service.connection.name] = [POOL]
        return self.notes


class Sleeps:
    """An injectable sleep: records each delay and yields to the loop instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        await asyncio.sleep(0)


def make(
    backend: FakeBackend | None = None,
    launcher: FakeLauncher | None = None,
    secrets: dict[str, str] | None = None,
    **kwargs: Any,
) -> tuple[ConnectionManager, FakeEvents, FakeBackend, FakeLauncher]:
    backend = backend or FakeBackend()
    launcher = launcher or FakeLauncher()
    events = FakeEvents()
    kwargs.setdefault("seeder", Seeder(backend))
    kwargs.setdefault("sleep", Sleeps())
    manager = ConnectionManager(
        events, backend, _Secrets(secrets or {}), launcher=launcher, local_data_dir="/data", **kwargs
    )
    return manager, events, backend, launcher


class _Secrets:
    def __init__(self, store: dict[str, str]) -> None:
        self.store = store

    def get(self, connection_name: str) -> str | None:
        return self.store.get(connection_name)


def run(factory: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    return asyncio.run(factory())


# --- what a connection can point at ---------------------------------------------------------------------
def test_cognito_regions_are_those_of_botocore_endpoint_data(tmp_path: Any, monkeypatch: Any) -> None:
    """botocore's endpoint data (botocore/data/endpoints.json: the cognito-idp service in each partition) is the
    source: every region it lists, GovCloud's included, and nothing else; a malformed ~/.aws/config changes
    nothing (the list is read without a session)."""
    import boto3

    session = boto3.session.Session()
    expected = tuple(
        region
        for partition in session.get_available_partitions()
        for region in session.get_available_regions("cognito-idp", partition_name=partition)
    )
    assert {"us-east-1", "ca-west-1", "ap-southeast-7", "mx-central-1", "us-gov-west-1"} <= set(expected)
    config = tmp_path / "config"
    config.write_text("[profile broken\nregion = nowhere\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    cognito_regions.cache_clear()
    assert cognito_regions() == expected
    assert aws_profiles() == []  # the malformed file has no profiles to offer, and raises nothing


def test_aws_profiles_come_from_the_config_and_credentials_files(tmp_path: Any, monkeypatch: Any) -> None:
    config, credentials = tmp_path / "config", tmp_path / "credentials"
    config.write_text("[default]\nregion = eu-west-1\n[profile work]\nregion = us-gov-west-1\n")
    credentials.write_text("[ci]\naws_access_key_id = AKIAEXAMPLEEXAMPLE\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    assert sorted(aws_profiles()) == ["ci", "default", "work"]


# --- opening ---------------------------------------------------------------------------------------------
def test_first_local_connection_starts_the_local_cognito_and_seeds_its_empty_pool_list() -> None:
    backend = FakeBackend()
    backend.pools[LOCAL.name] = []
    seeder = Seeder(backend, notes=["a", "b", "c", "d"])
    manager, events, _, launcher = make(backend, seeder=seeder)

    assert run(lambda: manager.open(LOCAL))
    assert launcher.calls == [("find_or_start", LOCAL.port, "/data")]
    assert seeder.seeded == ["http://127.0.0.1:9229"]
    assert manager.connection is not None and manager.connection.endpoint_url == "http://127.0.0.1:9229"
    assert manager.service is backend.made[-1]
    assert events.named("connecting", "connected", "notice") == [
        ("connecting", LOCAL.name),
        ("notice", "Demo pool seeded; skipped: a; b; c"),
        ("connected", LOCAL.name, [POOL.id]),
    ]


def test_a_local_cognito_that_answers_is_reused_and_the_port_option_wins() -> None:
    manager, _, _, launcher = make(local_port=9400)

    async def scenario() -> None:
        assert await manager.open(LOCAL)
        assert await manager.open(LOCAL)  # the server from the first time still answers

    run(scenario)
    assert launcher.calls == [("find_or_start", 9400, "/data")]


def test_typed_keys_are_read_from_the_secret_store_and_aws_is_never_seeded() -> None:
    backend = FakeBackend()
    backend.pools[KEYS.name] = []
    seeder = Seeder(backend)
    manager, events, _, launcher = make(backend, secrets={"keys": "not-a-real-secret"}, seeder=seeder)

    assert run(lambda: manager.open(KEYS))
    assert backend.made[-1].secret == "not-a-real-secret"
    assert seeder.seeded == [] and launcher.calls == []
    assert events.named("connected") == [("connected", KEYS.name, [])]


def test_a_newer_choice_supersedes_a_connection_still_opening() -> None:
    manager, events, backend, _ = make()
    slow = Connection("slow", ConnectionKind.PROFILE, endpoint_url="http://127.0.0.1:1")

    async def scenario() -> tuple[bool, bool]:
        release = backend.gate("slow")
        first = asyncio.ensure_future(manager.open(slow))
        await backend.entered["slow"].wait()
        second = await manager.open(AWS)
        release.set()
        return await first, second

    assert run(scenario) == (False, True)
    assert manager.connection == AWS and manager.service is not None and manager.service.connection == AWS
    # The abandoned attempt neither took the window over nor said "not connected" over the newer connection.
    assert events.named("connected", "not_connected") == [("connected", AWS.name, [POOL.id])]
    assert manager.reconnect_task is None


def test_a_finished_open_leaves_its_caller_alone_when_another_connection_is_chosen() -> None:
    """Start-up opens the first connection in the task that then waits for the window to close; choosing
    another connection later (in a task of its own) must not cancel that task."""
    manager, events, _, _ = make()

    async def scenario() -> str:
        assert await manager.open(AWS)
        assert await asyncio.ensure_future(manager.open(KEYS))
        await asyncio.sleep(0)
        return "still running"

    assert run(scenario) == "still running"
    assert manager.connection == KEYS
    assert events.named("connected", "not_connected") == [
        ("connected", AWS.name, [POOL.id]),
        ("connected", KEYS.name, [POOL.id]),
    ]


def test_cancel_while_connecting_ends_as_not_connected() -> None:
    manager, events, backend, _ = make()

    async def scenario() -> bool:
        backend.gate(AWS.name)
        task = asyncio.ensure_future(manager.open(AWS))
        await backend.entered[AWS.name].wait()
        task.cancel()  # what Esc does to the busy task
        return await task

    assert run(scenario) is False
    assert events.named("not_connected") == [("not_connected", AWS.name)]
    assert manager.connection is None


def test_a_failed_open_is_reported_and_does_not_re_probe_the_connection_it_replaced() -> None:
    manager, events, backend, _ = make()

    async def scenario() -> bool:
        assert await manager.open(AWS)
        backend.failures.append(errors.ConnectionLost("EndpointConnectionError", "Could not connect"))
        opened = await manager.open(KEYS)
        manager.connection_lost()  # what the window's busy() signals for that ConnectionLost
        return opened

    assert run(scenario) is False
    assert [e.code for e in events.errors] == ["EndpointConnectionError"]
    assert events.named("not_connected") == [("not_connected", KEYS.name)]
    assert manager.connection is None and manager.service is None
    assert manager.reconnect_task is None


def test_current_pool_is_the_remembered_one_while_it_exists() -> None:
    pools = [PoolSummary("p1", "one"), PoolSummary("p2", "two")]
    assert current_pool(pools, "p2") == "p2"
    assert current_pool(pools, "gone") == "p1"
    assert current_pool([], "p2") == ""


# --- a lost connection -------------------------------------------------------------------------------------
def test_a_lost_connection_is_re_probed_with_back_off_until_it_answers() -> None:
    sleeps = Sleeps()
    manager, events, backend, _ = make(sleep=sleeps)

    async def scenario() -> None:
        assert await manager.open(AWS)
        backend.failures += [errors.ConnectionLost("EndpointConnectionError", "down") for _ in range(7)]
        manager.connection_lost()
        manager.connection_lost()  # a second failing call meanwhile starts no second loop
        assert manager.reconnect_task is not None
        await manager.reconnect_task

    run(scenario)
    assert tuple(sleeps.delays) == (*RECONNECT_DELAYS, 30, 30)
    lost = [state for _, _, state in events.named("lost")]
    assert lost[:4] == [
        "connection lost; retrying in 1 s",
        "connection lost; checking…",
        "connection lost; retrying in 2 s",
        "connection lost; checking…",
    ]
    assert len(lost) == 2 * len(sleeps.delays)
    assert events.calls[-1] == ("restored", AWS.name)


def test_an_answer_with_an_error_counts_as_back() -> None:
    sleeps = Sleeps()
    manager, events, backend, _ = make(sleep=sleeps, reconnect_delays=(0.5,))

    async def scenario() -> None:
        assert await manager.open(AWS)
        backend.failures.append(errors.ServiceError("AccessDeniedException", "no"))
        manager.connection_lost()
        assert manager.reconnect_task is not None
        await manager.reconnect_task

    run(scenario)
    assert sleeps.delays == [0.5]
    assert events.calls[-1] == ("restored", AWS.name)


def test_a_dead_local_child_is_restarted_on_its_port_and_data_directory() -> None:
    launcher = FakeLauncher(urls=["http://127.0.0.1:9229", "http://127.0.0.1:9230"])
    manager, events, backend, _ = make(launcher=launcher)

    async def scenario() -> None:
        assert await manager.open(LOCAL)
        old = launcher.servers[-1]
        old.died = True
        manager.connection_lost()
        assert manager.reconnect_task is not None
        await manager.reconnect_task

    run(scenario)
    old, new = launcher.servers
    assert old.stopped and launcher.calls[-1] == ("start_child", 9229, "/data")
    assert manager.local is new
    # It came back at another address: the window gets a service for it, and the connection says where.
    assert events.named("service_replaced") == [("service_replaced", "http://127.0.0.1:9230")]
    assert manager.connection is not None and manager.connection.endpoint_url == "http://127.0.0.1:9230"
    assert manager.service is backend.made[-1] and backend.made[-1].connection.endpoint_url == new.base_url
    assert events.calls[-1] == ("restored", LOCAL.name)


def test_a_child_that_dies_with_no_call_under_way_is_reported_once_and_restarted() -> None:
    """The child's watcher says it ended: the window hears that the local Cognito stopped, how, and where its
    log is, once (a failing call after that says nothing new), and the child is restarted."""
    launcher = FakeLauncher()
    manager, events, _, _ = make(launcher=launcher)

    async def scenario() -> None:
        assert await manager.open(LOCAL)
        launcher.servers[-1].die()
        while manager.reconnect_task is None:
            await asyncio.sleep(0.01)
        manager.connection_lost()  # a call that failed meanwhile
        await manager.reconnect_task

    run(scenario)
    old, new = launcher.servers
    assert events.named("local_stopped") == [("local_stopped", LOCAL.name, "was killed by SIGKILL", old.log_file)]
    kinds = [c[0] for c in events.calls]
    assert kinds.index("local_stopped") < kinds.index("lost")
    assert old.stopped and manager.local is new and new.on_exit is not None  # the new child is watched too
    assert events.calls[-1] == ("restored", LOCAL.name)


def test_a_server_someone_else_runs_is_never_reported_as_stopped() -> None:
    launcher = FakeLauncher()
    manager, events, _, _ = make(launcher=launcher)

    async def scenario() -> None:
        assert await manager.open(LOCAL)
        launcher.servers[-1].child = False  # found listening, not ours
        launcher.servers[-1].died = True
        manager.connection_lost()
        assert manager.reconnect_task is not None
        await manager.reconnect_task

    run(scenario)
    assert events.named("local_stopped") == []


def test_a_restart_that_fails_leaves_the_port_to_be_waited_for() -> None:
    launcher = FakeLauncher()
    launcher.start_failures.append(errors.ConnectionLost("LocalCognitoFailed", "port in use"))
    sleeps = Sleeps()
    manager, events, _, _ = make(launcher=launcher, sleep=sleeps)

    async def scenario() -> None:
        assert await manager.open(LOCAL)
        launcher.servers[-1].died = True
        launcher.answering = False
        manager.connection_lost()
        while len(sleeps.delays) < 3:
            await asyncio.sleep(0)
        launcher.answering = True  # someone serves the port again
        assert manager.reconnect_task is not None
        await manager.reconnect_task

    run(scenario)
    assert [c[0] for c in launcher.calls] == ["find_or_start", "start_child", "probe", "probe"]
    assert events.named("service_replaced") == []
    assert events.calls[-1] == ("restored", LOCAL.name)


def test_opening_another_connection_stops_re_probing_the_lost_one() -> None:
    manager, _, _, _ = make(sleep=lambda _delay: asyncio.Event().wait())

    async def scenario() -> asyncio.Task[None]:
        assert await manager.open(AWS)
        manager.connection_lost()
        reconnect = manager.reconnect_task
        assert reconnect is not None
        await asyncio.sleep(0)
        assert await manager.open(KEYS)
        with pytest.raises(asyncio.CancelledError):
            await reconnect
        return reconnect

    assert run(scenario).cancelled()
    assert manager.reconnect_task is None and manager.connection == KEYS


def test_close_stops_re_probing_and_the_local_child() -> None:
    manager, _, _, launcher = make(sleep=lambda _delay: asyncio.Event().wait())

    async def scenario() -> asyncio.Task[None]:
        assert await manager.open(LOCAL)
        manager.connection_lost()
        assert manager.reconnect_task is not None
        await asyncio.sleep(0)
        manager.close()
        await asyncio.wait([manager.reconnect_task])
        return manager.reconnect_task

    assert run(scenario).cancelled()
    assert launcher.servers[-1].stopped
