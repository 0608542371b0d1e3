"""Serving the local Cognito: the listening socket, uvicorn, worker processes, signals and the exit code."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from . import access_log, sigv4, workers
from .app import create_app, open_store
from .context import ServerConfig

log = logging.getLogger("console.emulator")


def default_data_dir() -> str:
    import platformdirs

    return str(Path(platformdirs.user_data_dir("cognito-console")) / "local-cognito")


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


class _Server(uvicorn.Server):
    """uvicorn re-raises a caught SIGTERM after shutting down, which would end the process with a
    signal status; a clean stop must exit 0, so the signals are handled in ``serve`` instead."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


async def _exit_with_parent(server: uvicorn.Server, parent_pid: int) -> None:
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


class _HttpProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(_CoalescingTransport(transport, self.loop))  # type: ignore[arg-type]

    def eof_received(self) -> None:
        # A client that half-closes after its request still gets the answer: the loop closes the real
        # transport right after this, before a write left for the end of the turn would go out.
        self.transport.flush()  # type: ignore[attr-defined]
        super().eof_received()


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
    if not config.data_dir:
        config.data_dir = default_data_dir()
    if config.host not in sigv4.LOOPBACK:
        if sigv4.credentials_from_env() is None:
            print(
                f"error: listening on {config.host} needs COGNITO_LOCAL_ACCESS_KEY_ID and"
                " COGNITO_LOCAL_SECRET_ACCESS_KEY: admin calls beyond loopback must be SigV4-signed",
                file=sys.stderr,
            )
            return 2
        print(f"Listening on {config.host}: admin calls must be SigV4-signed", file=sys.stderr)
    sock = bind(config.host, config.port)
    port = sock.getsockname()[1]
    host = f"[{config.host}]" if ":" in config.host else config.host
    config.port = port
    config.base_url = f"http://{host}:{port}"
    store = open_store(Path(config.data_dir) / "cognito.db")
    app = create_app(config, store)
    # A stop asked for between the first line and the event loop's own handlers still ends cleanly.
    early_stop: list[int] = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: early_stop.append(signum))
    # The first line names the base URL: tools and tests read it.
    print(config.base_url, flush=True)
    print(
        f"Local Cognito ({config.region}) serving {config.base_url}, data in {config.data_dir}",
        file=sys.stderr,
        flush=True,
    )
    uv_config = uvicorn.Config(
        app,
        http=_HttpProtocol,
        ws="none",  # no WebSocket routes (the wrapper above does not carry a protocol switch)
        log_level=log_level,
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=3,
        server_header=False,
    )
    server = _Server(uv_config)

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
        count = workers.default_count() if config.workers is None else max(0, config.workers)
        try:
            await workers.start(count)
        except OSError as exc:  # the work then runs in this process
            log.warning("could not start worker processes: %s", exc)
        try:
            await server.serve(sockets=[sock])
        finally:
            if watch is not None:
                watch.cancel()
            await workers.stop()
        log.info("stopped after %.1f s", time.monotonic() - started)

    try:
        with asyncio.Runner(loop_factory=_loop_factory()) as runner:
            runner.run(main())
    finally:
        store.close()
    return 0
