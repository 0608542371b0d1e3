"""The local Cognito's HTTP app: one port, the AWS JSON 1.1 protocol, and the plain HTTP endpoints.

``POST /`` carries ``X-Amz-Target: <Prefix>.<Operation>``; the prefix picks the service model, the model
validates the body, the registry picks the handler, and every failure becomes an AWS-shaped error here
and nowhere else. A ``POST /`` with a form body and no ``X-Amz-Target`` is an AWS query-protocol call (IAM and
STS, query.py). Calls signed with credentials this server issued are verified whatever the protocol
(credentials.py).

The service packages are listed in ``SERVICE_PACKAGES``. Each names the module that registers each of its
operations (``OPERATIONS``) and HTTP routes (``HTTP_ROUTES``), the modules that read its seed file sections
(``SEED_MODULES``) and its schema (``MIGRATIONS``); nothing else is imported to find handlers. A handler's
module is imported on the first request for it (registry.py): start-up applies every schema and imports no
handler module.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Match, Route, Router
from starlette.types import Message, Receive, Scope, Send

from . import (
    access_log,
    credentials,
    hosts,
    ids,
    invocations,
    protocol,
    query,
    registry,
    rest_json,
    rpc_v2_cbor,
    schema,
    seeding,
    signatures,
    sigv4,
    transaction,
    workers,
)
from .context import RequestContext, ServerConfig
from .errors import AwsError
from .outbox import messages as outbox_messages
from .service_models import ServiceModel
from .store import Migrations, Store, compact_json

log = logging.getLogger("console.emulator")

MAX_BODY = 1024 * 1024  # AWS rejects larger JSON requests; SetUICustomization needs about 180 KB
# Operations that document a larger request-size limit: managed login branding's 2 MB (an asset alone may be
# 1,000,000 bytes, a third more in base64).
LARGE_BODIES = {
    "AWSCognitoIdentityProviderService.CreateManagedLoginBranding": 2 * 1024 * 1024,
    "AWSCognitoIdentityProviderService.UpdateManagedLoginBranding": 2 * 1024 * 1024,
}
_JSON = "application/x-amz-json-1.1"

# In the order their schemas apply.
SERVICE_PACKAGES = (
    "console.emulator.user_pools",
    "console.emulator.cloudwatch_logs",
    "console.emulator.cloudwatch",
    "console.emulator.identity_pools",
    "console.emulator.sync",
    "console.emulator.hosted_ui",
    "console.emulator.iam",
    "console.emulator.sts",
)


def declare_services() -> Migrations:
    """Declare every service package's operations to the registry, without importing their modules; return
    the schema of the core and of each package."""
    migrations: dict[str, Any] = dict(schema.MIGRATIONS)
    for name in SERVICE_PACKAGES:
        package = importlib.import_module(name)
        for service, modules in package.OPERATIONS.items():
            for module, operations in modules.items():
                for operation in operations:
                    registry.declare(service, operation, f"{name}.{module}")
        # Access keys the package issues (sts: ASIA...), verified on every call made with them.
        for prefix, module in getattr(package, "CREDENTIALS", {}).items():
            credentials.declare(prefix, f"{name}.{module}")
        migrations.update(package.MIGRATIONS)
    return migrations


def handler_modules() -> list[str]:
    """Every module that registers an operation, an HTTP route or a seed file section, by its full name."""
    modules: dict[str, None] = {}
    for name in SERVICE_PACKAGES:
        package = importlib.import_module(name)
        for by_module in package.OPERATIONS.values():
            modules.update(dict.fromkeys(f"{name}.{module}" for module in by_module))
        modules.update(dict.fromkeys(f"{name}.{module}" for _, _, module in package.HTTP_ROUTES))
        modules.update(dict.fromkeys(f"{name}.{module}" for module in package.SEED_MODULES))
    return list(modules)


def http_routes() -> list[tuple[str, tuple[str, ...], str]]:
    """Every service package's HTTP routes: path, methods and the full name of the module that registers it."""
    return [
        (path, methods, f"{name}.{module}")
        for name in SERVICE_PACKAGES
        for path, methods, module in importlib.import_module(name).HTTP_ROUTES
    ]


def load_services() -> Migrations:
    """Import every handler module now (seeding, the README's table); return the schemas as ``declare_services``."""
    migrations = declare_services()
    for module in handler_modules():
        importlib.import_module(module)
    return migrations


def open_store(path: str | Path, schema_cache: Callable[[], Path] | None = None) -> Store:
    """The store at ``path`` with every service's schema applied; a new one copied from the schema image in
    the directory ``schema_cache()`` names (store.py's ``schema_image``) where given."""
    return Store(path, declare_services(), schema_cache)


class ServerState:
    """What lives as long as the server: the store, the configuration, per-module caches."""

    def __init__(self, config: ServerConfig, store: Store) -> None:
        self.config = config
        self.store = store
        self.shared: dict[str, Any] = {}
        # Beyond loopback, admin calls must be SigV4-signed with these (see sigv4.py), unless the operator
        # chose to accept any credentials (--accept-any-credentials, for containers).
        self.verify_signatures = config.host not in sigv4.LOOPBACK and not config.accept_any_credentials
        self.credentials = sigv4.credentials_from_env() if self.verify_signatures else None
        self.seed: tuple[str, dict[str, Any]] | None = None  # the seed file loaded at start, and what it held

    def load_seed(self, file: str, document: dict[str, Any]) -> seeding.Seeding:
        """Load a seed file's ``document`` (seeding.py); ``reset`` loads it again."""
        load_services()  # a seed file's sections and the operations its entries make
        seeded = seeding.apply(file, document, self.context)
        self.seed = (file, document)
        return seeded

    def reset(self) -> None:
        """Back to a fresh start: every table emptied and the seed file loaded again, in one transaction (no
        request sees the server half empty, or empty where the seed fills it), the per-server caches
        dropped, the movable clock back to the wall clock. Requests under way keep the cache dictionary they
        started with, so nothing they note from before the reset lands in the new one."""
        shared, offset = self.shared, self.config.clock_offset
        self.shared, self.config.clock_offset = {}, 0.0
        try:
            with self.store.tx():
                self.store.reset()
                if self.seed is not None:
                    seeding.apply(*self.seed, self.context)
        except BaseException:  # rolled back: the server is as it was
            self.shared, self.config.clock_offset = shared, offset
            raise

    def context(self, operation: str = "", request: Request | None = None) -> RequestContext:
        ctx = RequestContext(
            store=self.store,
            config=self.config,
            operation=operation,
            request_id=ids.request_id(),
            state=self.shared,
            now=self.config.now(),
        )
        if request is not None:
            ctx.headers = {k.lower(): v for k, v in request.headers.items()}
            ctx.source_ip = request.client.host if request.client else "127.0.0.1"
        return ctx


def error_response(err: AwsError, request_id: str = "", model: ServiceModel | None = None) -> Response:
    code = err.code
    headers = {"x-amzn-RequestId": request_id or ids.request_id()}
    compatible = protocol.query_compatible_error(model, code) if model is not None else None
    if compatible is not None:  # CloudWatch: botocore reads the query protocol's code from this header
        code, query_code = compatible
        headers["x-amzn-query-error"] = f"{query_code};{'Receiver' if err.status >= 500 else 'Sender'}"
    body = json.dumps({"__type": code, "message": err.message}).encode()
    headers["x-amzn-ErrorType"] = f"{code}:"
    # Only printable ASCII may go into a header: a message that echoes a control character (a member's
    # value) would make the HTTP layer refuse the whole response.
    if err.message and all(" " <= c <= "~" for c in err.message):
        headers["x-amzn-ErrorMessage"] = err.message[:1024]
    return Response(body, status_code=err.status, headers=headers, media_type=_JSON)


async def read_body(request: Request) -> bytes:
    limit = LARGE_BODIES.get(request.headers.get("x-amz-target", ""), MAX_BODY)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise AwsError("SerializationException", f"Request body exceeds {limit} bytes.", 413)
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise AwsError("SerializationException", f"Request body exceeds {limit} bytes.", 413)
            chunks.append(chunk)
    except ClientDisconnect:  # gone mid-body (or closed for sending too slowly): no one reads the answer
        raise AwsError("SerializationException", "The connection closed before the request body ended.") from None
    return b"".join(chunks)


async def served(
    request: Request, handle: Callable[[], Awaitable[tuple[Response, str]]], error_of: Callable[[Response], str]
) -> Response:
    """Every protocol's call: counted as served (workers.py), timed, and written to the access log with the
    operation ``handle`` answered for and the error code ``error_of`` reads off the response."""
    started = time.perf_counter()
    with workers.serving():
        # Requests that arrived together with this one start too before it goes on, so that it sees
        # them waiting and hands its crypto to a worker process (workers.py).
        await asyncio.sleep(0)
        response, operation = await handle()
    if access_log.enabled():
        access_log.record(
            operation,
            response.status_code,
            error_of(response),
            time.perf_counter() - started,
            getattr(request.state, "identifiers", None),
        )
    return response


def _json_error(response: Response) -> str:
    return response.headers.get("x-amzn-errortype", "").partition(":")[0]


async def dispatch_json(request: Request) -> Response:
    async def handle() -> tuple[Response, str]:
        return await _dispatch_json(request), request.headers.get("x-amz-target", "")

    return await served(request, handle, _json_error)


async def _dispatch_json(request: Request) -> Response:
    request_id = ids.request_id()
    model: ServiceModel | None = None
    try:
        target = request.headers.get("x-amz-target", "")
        if not target:
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
        params = protocol.json_document(body) if body.strip() else {}
        params = protocol.validate_input(op_model, params)
        if access_log.enabled():
            request.state.identifiers = access_log.fields_of(params)
        ctx, result = await run_operation(request, model, name, params, body, request_id)
        shaped = protocol.shape_output(op_model.output_shape, result or {})
        # Tokens are signed now, after the commit (signatures.py).
        return Response(
            await signatures.complete(ctx, compact_json(shaped)),
            media_type=_JSON,
            headers={"x-amzn-RequestId": request_id},
        )
    except AwsError as err:
        return error_response(err, request_id, model)
    except Exception:
        log.exception("internal error in %s", request.headers.get("x-amz-target"))
        return error_response(
            AwsError("InternalErrorException", "An internal error occurred in the local Cognito.", 500),
            request_id,
        )


async def run_operation(
    request: Request, model: ServiceModel, name: str, params: dict[str, Any], body: bytes, request_id: str
) -> tuple[RequestContext, Any]:
    """Run the handler of ``model``'s operation ``name`` on validated ``params``, whatever the wire protocol:
    the signature check beyond loopback (over the raw ``body``), one transaction, Lambda calls settled off the
    event loop. Returns the request's context (its deferred signatures) and the handler's result."""
    state: ServerState = request.app.state.emulator
    handler = registry.lookup(model.service_name, name)
    if handler is None:
        raise AwsError("UnsupportedOperationException", f"{name} is not supported by the local Cognito.")
    # Credentials this server issued are checked on every call, loopback included (credentials.py).
    temporary = credentials.verify(
        request.scope,
        body,
        state.store,
        region=state.config.region,
        service=model.signing_name,
        now=time.time(),
        clock=state.config.now(),
    )
    if temporary is None and state.verify_signatures and not handler.public:
        if state.credentials is None:
            raise AwsError("UnrecognizedClientException", "Admin calls are disabled: no credentials set.", 403)
        sigv4.verify(
            request.scope,
            body,
            state.credentials,
            region=state.config.region,
            service=model.signing_name,
            now=time.time(),
        )
    ctx = state.context(name, request)
    ctx.request_id = request_id
    signatures.defer(ctx)
    if handler.is_async:
        result = await invocations.settle(ctx, lambda: handler.handler(ctx, params))
    else:
        # One transaction with the writes it keeps (transaction.py); Lambda triggers called by the
        # handler are answered off the event loop (invocations.py).
        result = await invocations.settle(ctx, lambda: transaction.run(ctx, handler.handler, ctx, params))
    return ctx, result


async def dispatch_query(request: Request) -> Response:
    """An AWS query-protocol call (IAM, STS): ``POST /`` with a form body (query.py)."""
    return await served(request, lambda: _dispatch_query(request), lambda response: "")


async def _dispatch_query(request: Request) -> tuple[Response, str]:
    request_id = ids.request_id()
    model: ServiceModel | None = None
    action = ""
    try:
        body = await read_body(request)
        form = query.parse_form(body)
        action = form.get("Action", "")
        model = protocol.service_model(query.service_of(request.scope, form))
        op_model = query.operation(model, form)
        params = protocol.validate_input(op_model, query.request_params(op_model, form))
        if access_log.enabled():
            request.state.identifiers = access_log.fields_of(params)
        _, result = await run_operation(request, model, op_model.name, params, body, request_id)
        return query.response(op_model, result, request_id), action
    except AwsError as err:
        return query.error_response(model, err, request_id), action
    except Exception:
        log.exception("internal error in %s", action)
        failure = AwsError("InternalFailure", "An internal error occurred in the local Cognito.", 500)
        return query.error_response(model, failure, request_id), action


async def dispatch_rpc_v2(request: Request) -> Response:
    """A Smithy RPC v2 CBOR call (CloudWatch): ``POST /service/{Service}/operation/{Operation}``."""
    return await served(
        request,
        lambda: _dispatch_rpc_v2(request),
        lambda response: response.headers.get("x-amzn-query-error", "").partition(";")[0],
    )


async def _dispatch_rpc_v2(request: Request) -> tuple[Response, str]:
    request_id = ids.request_id()
    model: ServiceModel | None = None
    name = ""
    try:
        service, name = rpc_v2_cbor.target(request.url.path)
        model = protocol.service_model(service)
        op_model = rpc_v2_cbor.operation(model, name)
        body = await read_body(request)
        decoded = rpc_v2_cbor.request_params(op_model.input_shape, rpc_v2_cbor.decode(body))
        params = protocol.validate_input(op_model, decoded)
        if access_log.enabled():
            request.state.identifiers = access_log.fields_of(params)
        _, result = await run_operation(request, model, name, params, body, request_id)
        shaped = protocol.shape_output(op_model.output_shape, result or {})
        return rpc_v2_cbor.response(op_model, shaped, request_id), name
    except AwsError as err:
        return rpc_v2_cbor.error_response(model, err, request_id), name
    except Exception:
        log.exception("internal error in %s", name)
        failure = AwsError("InternalFailure", "An internal error occurred in the local Cognito.", 500)
        return rpc_v2_cbor.error_response(model, failure, request_id), name


async def dispatch_rest_json(request: Request, route: rest_json.Route) -> Response:
    """A REST-JSON call (Cognito Sync's paths): ``route`` is the operation its method and path matched."""

    async def handle() -> tuple[Response, str]:
        return await _dispatch_rest_json(request, route), route.operation.name

    return await served(request, handle, _json_error)


async def _dispatch_rest_json(request: Request, route: rest_json.Route) -> Response:
    request_id = ids.request_id()
    op_model = route.operation
    try:
        body = await read_body(request)
        params = protocol.validate_input(op_model, rest_json.request_params(route, request, body))
        if access_log.enabled():
            request.state.identifiers = access_log.fields_of(params)
        ctx, result = await run_operation(request, op_model.service_model, op_model.name, params, body, request_id)
        return await rest_json.response(ctx, op_model, result, request_id)
    except AwsError as err:
        return rest_json.error_response(op_model.service_model, err, request_id)
    except Exception:
        log.exception("internal error in %s", op_model.name)
        return rest_json.error_response(
            op_model.service_model,
            AwsError("InternalErrorException", "An internal error occurred in the local Cognito.", 500),
            request_id,
        )


async def outbox(request: Request) -> Response:
    """Every email and SMS the local Cognito has "sent", oldest first (optionally ?user_pool_id=)."""
    state: ServerState = request.app.state.emulator
    pool = request.query_params.get("user_pool_id")
    return JSONResponse(outbox_messages(state.store, state.config.now(), pool))


async def health(request: Request) -> Response:
    state: ServerState = request.app.state.emulator
    return JSONResponse(
        {
            "service": "cognito-local",
            "region": state.config.region,
            "schema": state.store.schema_versions(),
            "operations": {
                svc: len(registry.implemented(svc))
                for svc in ("cognito-idp", "cognito-identity", "cognito-sync", "iam", "sts", "logs", "cloudwatch")
            },
        }
    )


CLOCK_LIMIT = 10 * 366 * 86400.0  # a move no test needs more than; keeps dates inside what SQLite and JSON hold


async def clock(request: Request) -> Response:
    """``GET``: the server's clock; ``POST {"advance": seconds}``: move it forward (--movable-clock only).

    Every rule that reads the request's clock follows: lockouts, code and session expiry, token lifetimes.
    The clock never moves back: what the server already wrote stays in its past.
    """
    config: ServerConfig = request.app.state.emulator.config
    if request.method == "POST":
        if not config.movable_clock:
            return error_response(
                AwsError("AccessDeniedException", "The clock moves only on a server started with --movable-clock.", 403)
            )
        try:
            advance = json.loads(await read_body(request) or b"{}").get("advance")
        except (ValueError, AttributeError):
            advance = None
        if isinstance(advance, bool) or not isinstance(advance, int | float) or not 0 <= advance <= CLOCK_LIMIT:
            return error_response(
                AwsError("InvalidParameterException", "advance must be a number of seconds from 0 to 10 years.")
            )
        config.clock_offset = min(config.clock_offset + float(advance), CLOCK_LIMIT)
    return JSONResponse({"now": config.now(), "offset": config.clock_offset, "movable": config.movable_clock})


async def reset(request: Request) -> Response:
    """``POST``: empty the server, as a fresh start would leave it (``ServerState.reset``)."""
    state: ServerState = request.app.state.emulator
    try:
        state.reset()
    except seeding.SeedError as exc:  # the seed's triggers refused this time: nothing changed
        return error_response(AwsError("InternalErrorException", f"The reset was undone: {exc}", 500))
    return JSONResponse({})


# The /_emulator/* endpoints answered without a signature beyond loopback, and why each may be.
UNSIGNED_EMULATOR_PATHS = (
    # A liveness probe for containers, the console and test harnesses, before they hold any keys: it tells the
    # service name, region, schema versions and operation counts (nothing about any pool) and changes nothing.
    "/_emulator/health",
    # The one-click link of account-takeover emails, followed by a user's browser: its HMAC token is its key.
    "/_emulator/feedback",
)
# CreateUserImportJob's pre-signed upload URLs (curl -T): their query-string signature is their key.
UNSIGNED_EMULATOR_PREFIXES = ("/_emulator/user-import/",)


async def verified_emulator_call(state: ServerState, scope: Scope, receive: Receive) -> Receive:
    """Check the SigV4 signature of an ``/_emulator/*`` call, signed as the admin API is (service
    ``cognito-idp``); the body it read is handed on to the endpoint through the ``Receive`` returned."""
    body = await read_body(Request(scope, receive))
    if state.credentials is None:
        raise AwsError("UnrecognizedClientException", "Admin calls are disabled: no credentials set.", 403)
    sigv4.verify(scope, body, state.credentials, region=state.config.region, service="cognito-idp", now=time.time())
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if delivered:
            return await receive()  # the disconnect, when it comes
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


class _Router(Router):
    """Starlette's router, remembering which route took each method and path whole: it otherwise tries the
    routes in turn, some forty of them before a pool domain's ``/oauth2/token``. Which route takes a request
    depends on its method and path alone (every route is a ``Route``), so a remembered one is the one the
    search would find; the memory is bounded, as paths are the clients' choice."""

    MEMORY = 4096

    def __init__(self, routes: Sequence[BaseRoute]) -> None:
        super().__init__(routes)
        self._taken: dict[tuple[str, str], BaseRoute] = {}

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().app(scope, receive, send)
            return
        key = (scope["method"], scope["path"])
        route = self._taken.get(key)
        if route is None:
            route = next((r for r in self.routes if r.matches(scope)[0] is Match.FULL), None)
            if route is None:  # a method the path does not take, a slash to redirect, or nothing: Starlette's way
                await super().app(scope, receive, send)
                return
            if len(self._taken) >= self.MEMORY:
                self._taken.clear()
            self._taken[key] = route
        _, child_scope = route.matches(scope)
        scope.setdefault("router", self)
        scope["route"] = route
        scope.update(child_scope)
        await route.handle(scope, receive, send)


class _App(Starlette):
    """Starlette, with the AWS JSON endpoint (``POST /``, nearly every request) taken before Starlette's
    middleware and router: ``dispatch_json`` turns every error into an AWS error itself. Before either, the
    Host and Origin check (hosts.py) and, beyond loopback, the signature of ``/_emulator/*`` calls."""

    allowed_hosts: hosts.AllowedHosts | None = None

    def routed(self, scope: Scope) -> bool:
        """Whether one of the app's own routes takes ``scope`` whole: a hosted UI domain may be named like the
        first segment of a REST-JSON service's paths (``/identitypools/login``), and its pages stay its own."""
        return any(route.matches(scope)[0] is Match.FULL for route in self.router.routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if self.allowed_hosts is not None:
                refused = self.allowed_hosts.refusal(scope)
                if refused is not None:
                    await error_response(refused)(scope, receive, send)
                    return
            path = scope["path"]
            if path == "/" and scope["method"] == "POST":
                scope["app"] = self
                if query.is_query(scope):  # IAM and STS: a form body, no X-Amz-Target
                    response = await dispatch_query(Request(scope, receive))
                else:
                    response = await dispatch_json(Request(scope, receive))
                await response(scope, receive, send)
                return
            if rpc_v2_cbor.is_rpc_v2(scope):  # CloudWatch: /service/{Service}/operation/{Operation}
                scope["app"] = self
                response = await dispatch_rpc_v2(Request(scope, receive))
                await response(scope, receive, send)
                return
            rest_route = rest_json.route(scope)  # Cognito Sync's paths; None for every other path
            if rest_route is not None and not self.routed(scope):
                scope["app"] = self
                response = await dispatch_rest_json(Request(scope, receive), rest_route)
                await response(scope, receive, send)
                return
            if (
                path.startswith("/_emulator/")
                and self.state.emulator.verify_signatures
                and path not in UNSIGNED_EMULATOR_PATHS
                and not path.startswith(UNSIGNED_EMULATOR_PREFIXES)
            ):
                try:
                    receive = await verified_emulator_call(self.state.emulator, scope, receive)
                except AwsError as err:
                    await error_response(err)(scope, receive, send)
                    return
        await super().__call__(scope, receive, send)


def create_app(config: ServerConfig, store: Store | None = None) -> Starlette:
    """The app over ``store`` (opened with ``open_store``), or over the database in ``config.data_dir``."""
    if store is None:
        store = open_store(Path(config.data_dir) / "cognito.db")
    else:
        declare_services()
    routes = [
        Route("/", dispatch_json, methods=["POST"]),
        Route("/_emulator/outbox", outbox, methods=["GET"]),
        Route("/_emulator/health", health, methods=["GET"]),
        Route("/_emulator/clock", clock, methods=["GET", "POST"]),
        Route("/_emulator/reset", reset, methods=["POST"]),
    ]
    routes += [
        Route(path, registry.http_endpoint(path, methods, module), methods=list(methods))
        # Literal paths first: Starlette takes the first route that matches, and /{pool_id}/.well-known/...
        # would otherwise answer /_identity/.well-known/... (identity pools' discovery documents).
        for path, methods, module in sorted(http_routes(), key=lambda route: "{" in route[0])
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        return error_response(AwsError("ResourceNotFoundException", f"No such path: {request.url.path}", 404))

    async def bad_method(request: Request, exc: Exception) -> Response:
        return error_response(
            AwsError("UnknownOperationException", f"{request.method} is not allowed on {request.url.path}", 405)
        )

    app = _App(exception_handlers={404: not_found, 405: bad_method})
    app.router = _Router(routes)
    app.state.emulator = ServerState(config, store)
    app.allowed_hosts = hosts.for_server(config)
    return app
