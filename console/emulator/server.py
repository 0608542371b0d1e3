"""The local Cognito's HTTP server: one port, the AWS JSON 1.1 protocol, and the plain HTTP endpoints.

``POST /`` carries ``X-Amz-Target: <Prefix>.<Operation>``; the prefix picks the service model, the model
validates the body, the registry picks the handler, and every failure becomes an AWS-shaped error here
and nowhere else.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import logging
import os
import pkgutil
import signal
import socket
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from . import ids, invocations, protocol, registry, signatures, sigv4, workers
from .context import RequestContext, ServerConfig
from .errors import AwsError
from .store import Store, compact_json

log = logging.getLogger("console.emulator")

MAX_BODY = 1024 * 1024  # AWS rejects larger JSON requests; SetUICustomization needs about 180 KB
_JSON = "application/x-amz-json-1.1"

# Modules of this package that hold no handlers; every other module is an API area and is imported so
# that its operations register themselves.
_INFRASTRUCTURE = {
    "server",
    "protocol",
    "registry",
    "store",
    "context",
    "errors",
    "ids",
    "support",
    "sigv4",
    "invocations",
    "signatures",
    "workers",
}


def load_api_areas() -> None:
    package = Path(__file__).parent
    for info in pkgutil.iter_modules([str(package)]):
        if info.name.startswith("_") or info.name in _INFRASTRUCTURE:
            continue
        importlib.import_module(f"{__package__}.{info.name}")


class ServerState:
    """What lives as long as the server: the store, the configuration, per-module caches."""

    def __init__(self, config: ServerConfig, store: Store) -> None:
        self.config = config
        self.store = store
        self.shared: dict[str, Any] = {}
        # Beyond loopback, admin calls must be SigV4-signed with these (see sigv4.py).
        self.credentials = None if config.host in sigv4.LOOPBACK else sigv4.credentials_from_env()

    def context(self, operation: str = "", request: Request | None = None) -> RequestContext:
        ctx = RequestContext(
            store=self.store,
            config=self.config,
            operation=operation,
            request_id=ids.request_id(),
            state=self.shared,
        )
        if request is not None:
            ctx.headers = {k.lower(): v for k, v in request.headers.items()}
            ctx.source_ip = request.client.host if request.client else "127.0.0.1"
        return ctx


def error_response(err: AwsError, request_id: str = "") -> Response:
    body = json.dumps({"__type": err.code, "message": err.message}).encode()
    headers = {
        "x-amzn-ErrorType": f"{err.code}:",
        "x-amzn-RequestId": request_id or ids.request_id(),
    }
    # Only printable ASCII may go into a header: a message that echoes a control character (a member's
    # value) would make the HTTP layer refuse the whole response.
    if err.message and all(" " <= c <= "~" for c in err.message):
        headers["x-amzn-ErrorMessage"] = err.message[:1024]
    return Response(body, status_code=err.status, headers=headers, media_type=_JSON)


async def read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise AwsError("SerializationException", f"Request body exceeds {MAX_BODY} bytes.", 413)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise AwsError("SerializationException", f"Request body exceeds {MAX_BODY} bytes.", 413)
        chunks.append(chunk)
    return b"".join(chunks)


async def dispatch_json(request: Request) -> Response:
    with workers.serving():
        # Requests that arrived together with this one start too before it goes on, so that it sees
        # them waiting and hands its crypto to a worker process (workers.py).
        await asyncio.sleep(0)
        return await _dispatch_json(request)


async def _dispatch_json(request: Request) -> Response:
    state: ServerState = request.app.state.emulator
    request_id = ids.request_id()
    try:
        target = request.headers.get("x-amz-target", "")
        if not target:
            query = getattr(request.app.state, "query_protocol", None)
            if query is not None:
                return await query(request)
            raise AwsError("UnknownOperationException", "Missing X-Amz-Target header.")
        prefix, _, name = target.partition(".")
        service = protocol.JSON_SERVICES.get(prefix)
        if service is None or not name:
            raise AwsError("UnknownOperationException", f"Unknown operation {target}.")
        model = protocol.service_model(service)
        if name not in model.operation_names:
            raise AwsError("UnknownOperationException", f"Unknown operation {target}.")
        op_model = model.operation_model(name)
        body = await read_body(request)
        try:
            params = json.loads(body) if body.strip() else {}
        except (ValueError, UnicodeDecodeError, RecursionError):
            # RecursionError: JSON nested deeper than the parser's recursion limit (say 10,000 "[").
            raise AwsError("SerializationException", "Could not parse the request body as JSON.") from None
        params = protocol.validate_input(op_model, params)
        handler = registry.lookup(service, name)
        if handler is None:
            raise AwsError(
                "UnsupportedOperationException",
                f"{name} is not supported by the local Cognito yet.",
            )
        if state.config.host not in sigv4.LOOPBACK and not handler.public:
            if state.credentials is None:
                raise AwsError("UnrecognizedClientException", "Admin calls are disabled: no credentials set.", 403)
            sigv4.verify(
                request.method,
                str(request.url),
                {k.lower(): v for k, v in request.headers.items()},
                body,
                state.credentials,
                time.time(),
            )
        ctx = state.context(name, request)
        ctx.request_id = request_id
        signatures.defer(ctx)
        if handler.is_async:
            result = await invocations.settle(ctx, lambda: handler.handler(ctx, params))
        else:

            def attempt() -> Any:
                with state.store.tx():
                    return handler.handler(ctx, params)

            # Lambda triggers called by the handler are answered off the event loop (invocations.py).
            result = await invocations.settle(ctx, attempt)
        shaped = protocol.shape_output(op_model.output_shape, result or {})
        # Tokens are signed now, after the commit (signatures.py).
        return Response(
            await signatures.complete(ctx, compact_json(shaped)),
            media_type=_JSON,
            headers={"x-amzn-RequestId": request_id},
        )
    except AwsError as err:
        return error_response(err, request_id)
    except Exception:
        log.exception("internal error in %s", request.headers.get("x-amz-target"))
        return error_response(
            AwsError("InternalErrorException", "An internal error occurred in the local Cognito.", 500),
            request_id,
        )


async def outbox(request: Request) -> Response:
    """Every email and SMS the local Cognito has "sent", oldest first (optionally ?user_pool_id=)."""
    state: ServerState = request.app.state.emulator
    pool = request.query_params.get("user_pool_id")
    if pool:
        rows = state.store.all("SELECT * FROM outbox WHERE user_pool_id = ? ORDER BY id", (pool,))
    else:
        rows = state.store.all("SELECT * FROM outbox ORDER BY id")
    return JSONResponse([dict(r) for r in rows])


async def health(request: Request) -> Response:
    state: ServerState = request.app.state.emulator
    return JSONResponse(
        {
            "service": "cognito-local",
            "region": state.config.region,
            "schema": state.store.schema_versions(),
            "operations": {svc: len(registry.implemented(svc)) for svc in ("cognito-idp", "cognito-identity", "logs")},
        }
    )


class _App(Starlette):
    """Starlette, with the AWS JSON endpoint (``POST /``, nearly every request) taken before Starlette's
    middleware and router: ``dispatch_json`` turns every error into an AWS error itself."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/" and scope["method"] == "POST":
            scope["app"] = self
            response = await dispatch_json(Request(scope, receive))
            await response(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def create_app(config: ServerConfig, store: Store | None = None) -> Starlette:
    load_api_areas()
    if store is None:
        store = Store(Path(config.data_dir) / "cognito.db")
    else:
        # A store opened before the API areas were imported has only the core schema so far.
        store.migrate()
    routes = [
        Route("/", dispatch_json, methods=["POST"]),
        Route("/_emulator/outbox", outbox, methods=["GET"]),
        Route("/_emulator/health", health, methods=["GET"]),
    ]
    routes += [Route(r.path, r.endpoint, methods=list(r.methods)) for r in registry.http_routes()]

    async def not_found(request: Request, exc: Exception) -> Response:
        return error_response(AwsError("ResourceNotFoundException", f"No such path: {request.url.path}", 404))

    async def bad_method(request: Request, exc: Exception) -> Response:
        return error_response(
            AwsError("UnknownOperationException", f"{request.method} is not allowed on {request.url.path}", 405)
        )

    app = _App(routes=routes, exception_handlers={404: not_found, 405: bad_method})
    app.state.emulator = ServerState(config, store)
    return app


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


def serve(config: ServerConfig, log_level: str = "warning") -> int:
    """Run until SIGTERM or SIGINT; returns the process exit code."""
    logging.basicConfig(level=getattr(logging, log_level.upper(), logging.WARNING), stream=sys.stderr)
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
    store = Store(Path(config.data_dir) / "cognito.db")
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
