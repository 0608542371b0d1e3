"""Serving the local Cognito: the listening socket, uvicorn, worker processes, signals and the exit code."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import math
import os
import signal
import socket
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from starlette.types import ASGIApp

from . import access_log, seeding, sigv4, workers
from .app import create_app, error_response, open_store
from .context import ServerConfig
from .errors import AwsError
from .uvicorn_parts import Config, HttpToolsProtocol, Server

log = logging.getLogger("console.emulator")


def default_data_dir() -> str:
    import platformdirs

    return str(Path(platformdirs.user_data_dir("cognito-console")) / "local-cognito")


def schema_cache_dir() -> Path:
    """Where a new database's schema image is kept between starts (store.py): the user's cache directory."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("cognito-console")) / "local-cognito"


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this: without it a response written as headers then body waits for
    # the client's delayed ACK (40 ms per keep-alive request).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.setblocking(False)
    return sock


class _Server(Server):
    """uvicorn re-raises a caught SIGTERM after shutting down, which would end the process with a
    signal status; a clean stop must exit 0, so the signals are handled in ``serve`` instead."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield

    worker_count = 0
    first_answer: asyncio.Event | None = None  # set by the HTTP protocol once a response has gone out
    _starting_workers: asyncio.Task[None] | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        # The workers start once the first answer has gone out (or the server has been idle a moment): forking
        # the server and starting a Python process for each takes the CPU the first request needs (20 to 30 ms
        # of the first ListUserPools on two busy cores), and until they are up the work runs in place
        # (workers.py).
        if self.worker_count and not self.should_exit:
            self._starting_workers = asyncio.get_running_loop().create_task(
                _start_workers(self.worker_count, self.first_answer)
            )

    async def stop_workers(self) -> None:
        if self._starting_workers is not None:
            self._starting_workers.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._starting_workers
        await workers.stop()


WORKERS_WHEN_IDLE = 0.5  # seconds without an answer after which the workers start anyway


async def _start_workers(count: int, first_answer: asyncio.Event | None) -> None:
    if first_answer is not None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(first_answer.wait(), WORKERS_WHEN_IDLE)
    try:
        await workers.start(count)
    except OSError as exc:  # the work then runs in this process
        log.warning("could not start worker processes: %s", exc)


async def _exit_with_parent(server: Server, parent_pid: int) -> None:
    """Stop cleanly once the process that started us is gone, so no orphaned server keeps the port."""
    while not server.should_exit:
        await asyncio.sleep(0.5)
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            log.warning("parent process %d is gone: stopping", parent_pid)
            server.should_exit = True
        except PermissionError:  # alive, owned by someone else
            pass


class _CoalescingTransport:
    """A connection's transport whose writes within one turn of the event loop go out as one: uvicorn
    writes a response's status line and headers, then its body, and with TCP_NODELAY each write is a
    syscall and a segment of its own (on loopback the sender also pays for the receiver's TCP work)."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        if self._pending:  # the body after its headers: both go now
            self._pending.append(data)
            self.flush()
            return
        self._pending.append(data)
        self._loop.call_soon(self.flush)  # a lone write (headers of an empty body) goes at the turn's end

    def flush(self) -> None:
        if self._pending:
            data = b"".join(self._pending)
            self._pending.clear()
            if not self._transport.is_closing():
                self._transport.write(data)

    def writelines(self, chunks: Any) -> None:
        self.flush()
        self._transport.writelines(chunks)

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class Limits(NamedTuple):
    """What one client may hold. uvicorn bounds none of this for its httptools protocol: a connection that
    never finishes its headers stays forever, and llhttp keeps a header of any size in memory."""

    # Seconds for a request's line and headers, from its first byte (or from the connection's opening), and
    # between two chunks of its body. Between requests, uvicorn's keep-alive timeout (5 s) applies.
    request_timeout: float = 10.0
    # The request line and headers together, as common servers bound them (nginx, Node: 8 to 64 KB).
    max_header_bytes: int = 64 * 1024
    # Connections open at once (or requests under way); beyond it, a 503 for each new request.
    max_connections: int = 1000

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Limits:
        """The defaults, with ``COGNITO_LOCAL_REQUEST_TIMEOUT`` (seconds) and ``COGNITO_LOCAL_MAX_CONNECTIONS``
        where set; ValueError naming the variable for a value that is not one."""
        limits = cls()
        timeout = environ.get("COGNITO_LOCAL_REQUEST_TIMEOUT", "")
        if timeout:
            try:
                seconds = float(timeout)
            except ValueError:
                seconds = math.nan
            if not 0 < seconds < math.inf:
                raise ValueError(f"COGNITO_LOCAL_REQUEST_TIMEOUT={timeout!r} is not a number of seconds above 0")
            limits = limits._replace(request_timeout=seconds)
        connections = environ.get("COGNITO_LOCAL_MAX_CONNECTIONS", "")
        if connections:
            if not connections.strip().isdigit() or int(connections) < 1:
                raise ValueError(f"COGNITO_LOCAL_MAX_CONNECTIONS={connections!r} is not a number of connections")
            limits = limits._replace(max_connections=int(connections))
        return limits


# Where a connection is in its current request, from the parser's callbacks.
_IDLE, _HEADERS, _BODY = "idle", "headers", "body"
_TOO_LARGE = b"HTTP/1.1 431 Request Header Fields Too Large\r\n"


def _overloaded(limit: int) -> ASGIApp:
    """The AWS-shaped 503 answered beyond the connection limit; the connection closes after it."""
    response = error_response(
        AwsError(
            "ServiceUnavailableException",
            f"The local Cognito is serving its limit of {limit} connections at once; try again later.",
            503,
        )
    )
    response.headers["connection"] = "close"
    return response


class _HttpProtocol(HttpToolsProtocol):
    limits = Limits()
    first_answer: asyncio.Event | None = None  # set once a response has been written (the workers start then)

    @classmethod
    def with_limits(cls, limits: Limits, first_answer: asyncio.Event | None = None) -> type[_HttpProtocol]:
        return type(cls.__name__, (cls,), {"limits": limits, "first_answer": first_answer})

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(_CoalescingTransport(transport, self.loop))  # type: ignore[arg-type]
        self._phase = _IDLE
        self._header_bytes = 0
        self._begun = 0  # messages begun in the chunk being parsed
        # A connection that never sends a request is closed as one whose headers never end.
        self._deadline: asyncio.TimerHandle | None = self.loop.call_later(self.limits.request_timeout, self._expire)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def eof_received(self) -> None:
        # A client that half-closes after its request still gets the answer: the loop closes the real
        # transport right after this, before a write left for the end of the turn would go out.
        self.transport.flush()  # type: ignore[attr-defined]
        super().eof_received()

    def data_received(self, data: bytes) -> None:
        before = self._phase
        self._begun = 0
        super().data_received(data)
        if self._phase is _IDLE:  # nothing pending from the client (the keep-alive timeout follows the answer)
            self._disarm()
            return
        if self.transport.is_closing():
            return
        if self._phase is _BODY:  # the body must keep coming
            self._disarm()
            self._deadline = self.loop.call_later(self.limits.request_timeout, self._expire)
            return
        # Headers still incomplete. Every byte of this chunk is theirs when it continued them or began them
        # (llhttp begins a message at its first byte); a chunk that also ended an earlier, pipelined message
        # is left uncounted, which lets the headers pass the limit by at most one read.
        if (before is _HEADERS and self._begun == 0) or (before is _IDLE and self._begun == 1):
            self._header_bytes += len(data)
            if self._header_bytes > self.limits.max_header_bytes:
                self._refuse_headers()
                return
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.limits.request_timeout, self._expire)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._phase = _HEADERS
        self._header_bytes = 0
        self._begun += 1

    def on_headers_complete(self) -> None:
        self._phase = _BODY
        limit = self.limits.max_connections
        if len(self.connections) < limit and len(self.tasks) < limit:
            super().on_headers_complete()
            return
        log.warning("over the limit of %d connections: answering 503", limit)
        app, self.app = self.app, _overloaded(limit)
        try:
            super().on_headers_complete()
        finally:
            self.app = app

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._phase = _IDLE

    def on_response_complete(self) -> None:
        answered = self.first_answer
        if answered is not None and not answered.is_set():
            answered.set()
        super().on_response_complete()

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if self._phase is _BODY and self.flow.read_paused:
            # The server has not read what already came (uvicorn stops reading at 64 KB): not the client's delay.
            self._deadline = self.loop.call_later(self.limits.request_timeout, self._expire)
            return
        if not self.transport.is_closing():
            self.transport.close()

    def _refuse_headers(self) -> None:
        body = json.dumps(
            {
                "__type": "RequestHeaderSectionTooLarge",
                "message": "Your request header section exceeds the maximum allowed size of"
                f" {self.limits.max_header_bytes} bytes.",
            }
        ).encode()
        self.transport.write(
            _TOO_LARGE
            + b"content-type: application/x-amz-json-1.1\r\n"
            + b"x-amzn-ErrorType: RequestHeaderSectionTooLarge:\r\n"
            + b"content-length: %d\r\nconnection: close\r\n\r\n" % len(body)
            + body
        )
        self.transport.close()
        self._disarm()


def _raise_open_file_limit(wanted: int) -> None:
    """Let the process open ``wanted`` files, as far as the hard limit allows: a soft limit of 1024 (common)
    would turn the connection limit into accept() failures before a 503 could be answered."""
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's event loop where it is installed (uvicorn[standard] brings it), as uvicorn itself would
    choose; ``COGNITO_LOCAL_LOOP=asyncio`` picks asyncio's own (no difference in throughput was measured)."""
    if os.environ.get("COGNITO_LOCAL_LOOP") == "asyncio":
        return None
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def serve(config: ServerConfig, log_level: str = "warning", log_format: str = "text") -> int:
    """Run until SIGTERM or SIGINT; returns the process exit code. At ``info``, a line per request."""
    access_log.configure(log_level, log_format)
    try:
        limits = Limits.from_env(os.environ)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _raise_open_file_limit(limits.max_connections + 256)  # the store, workers' pipes and the listener besides
    seed = None
    if config.seed:
        try:
            seed = seeding.read(config.seed)
        except seeding.SeedError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if not config.data_dir and not config.ephemeral:
        config.data_dir = default_data_dir()
    if config.host not in sigv4.LOOPBACK:
        if config.accept_any_credentials:
            log.warning(
                "listening on %s with --accept-any-credentials: admin calls are NOT authenticated, anyone who can"
                " reach this port can read and change every user pool",
                config.host,
            )
        elif sigv4.credentials_from_env() is None:
            print(
                f"error: listening on {config.host} needs COGNITO_LOCAL_ACCESS_KEY_ID and"
                " COGNITO_LOCAL_SECRET_ACCESS_KEY: admin calls beyond loopback must be SigV4-signed",
                file=sys.stderr,
            )
            return 2
        else:
            print(f"Listening on {config.host}: admin calls must be SigV4-signed", file=sys.stderr)
    try:
        sock = bind(config.host, config.port)
    except OSError as exc:  # a host that is no address of this machine, a port in use or not allowed
        print(f"error: cannot listen on {config.host} port {config.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    host = f"[{config.host}]" if ":" in config.host else config.host
    config.port = port
    # What clients use: the listening address, unless --public-url names another (a container's 0.0.0.0).
    config.base_url = config.public_url or f"http://{host}:{port}"
    # --ephemeral: SQLite in memory, so nothing reaches the disk, not even after a kill -9.
    try:
        store = open_store(":memory:" if config.ephemeral else Path(config.data_dir) / "cognito.db", schema_cache_dir)
    except (OSError, sqlite3.Error) as exc:  # a data directory that cannot be made or written
        print(f"error: cannot open the database in {config.data_dir}: {exc}", file=sys.stderr)
        sock.close()
        return 2
    app = create_app(config, store)
    if seed is not None and config.seed:
        try:
            seeded = app.state.emulator.load_seed(config.seed, seed)
        except seeding.SeedError as exc:
            print(f"error: {exc}", file=sys.stderr)
            store.close()
            sock.close()
            return 2
        print(
            f"Seeded from {config.seed}: made {', '.join(seeded.created) or 'nothing'};"
            f" already there, left as they are: {', '.join(seeded.kept) or 'nothing'}",
            file=sys.stderr,
        )
    # What start-up made (modules, the app, the models read so far) lives as long as the server: out of the
    # collector's generations, which then go over each request's objects alone.
    gc.freeze()
    gc.enable()
    # A stop asked for between the first line and the event loop's own handlers still ends cleanly.
    early_stop: list[int] = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: early_stop.append(signum))
    # The first line names the base URL: tools and tests read it.
    print(config.base_url, flush=True)
    print(
        f"Local Cognito ({config.region}) serving {config.base_url}, data "
        + ("in memory only (--ephemeral)" if config.ephemeral else f"in {config.data_dir}"),
        file=sys.stderr,
        flush=True,
    )
    first_answer = asyncio.Event()
    uv_config = Config(
        app,
        http=_HttpProtocol.with_limits(limits, first_answer),
        ws="none",  # no WebSocket routes (the wrapper above does not carry a protocol switch)
        log_level=log_level,
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=3,
        server_header=False,
        timeout_keep_alive=5,  # uvicorn's default, said here beside the limits above (Limits)
    )
    server = _Server(uv_config)
    server.first_answer = first_answer

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, lambda: setattr(server, "should_exit", True))
        if early_stop:
            server.should_exit = True
        started = time.monotonic()
        watch = None
        if config.parent_pid:
            watch = asyncio.create_task(_exit_with_parent(server, config.parent_pid))
        server.worker_count = workers.default_count() if config.workers is None else max(0, config.workers)
        try:
            await server.serve(sockets=[sock])
        finally:
            if watch is not None:
                watch.cancel()
            await server.stop_workers()
        log.info("stopped after %.1f s", time.monotonic() - started)

    try:
        with asyncio.Runner(loop_factory=_loop_factory()) as runner:
            runner.run(main())
    finally:
        store.close()
    return 0
