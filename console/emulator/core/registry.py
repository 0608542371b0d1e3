"""The registry from operation name to handler, one per service, filled by the services' handler modules.

A handler is ``def handler(ctx: RequestContext, req: dict) -> dict`` (or ``async def``). Plain handlers
run inside one SQLite transaction, so a handler that raises leaves the store untouched. Async handlers
are for work that must leave the event loop (SRP and RSA arithmetic); they open their own short
transactions with ``ctx.store.tx()`` and never hold one across an ``await``.

A service package declares which module registers each operation and HTTP route (``declare``); ``lookup``
imports that module on the first request for one of its operations, so start-up imports none of them.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .context import RequestContext

Handler = Callable[["RequestContext", dict[str, Any]], dict[str, Any] | Awaitable[dict[str, Any] | None] | None]


class Registered(NamedTuple):
    handler: Handler
    is_async: bool
    # Unauthenticated operations (SignUp, InitiateAuth, ...) may be called without SigV4 even when the
    # server listens beyond loopback.
    public: bool


_REGISTRY: dict[str, dict[str, Registered]] = {}
# (service, operation) -> the module that registers it, until it is imported.
_DECLARED: dict[tuple[str, str], str] = {}


def operation(service: str, name: str, *, public: bool = False) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        ops = _REGISTRY.setdefault(service, {})
        if name in ops:
            raise RuntimeError(f"{service}.{name} registered twice")
        ops[name] = Registered(fn, inspect.iscoroutinefunction(fn), public)
        return fn

    return register


def idp(name: str, *, public: bool = False) -> Callable[[Handler], Handler]:
    """Register a cognito-idp (user pools) operation."""
    return operation("cognito-idp", name, public=public)


class HttpRoute(NamedTuple):
    path: str
    endpoint: Callable[..., Any]
    methods: tuple[str, ...]


_ROUTES: list[HttpRoute] = []


def http_route(path: str, methods: tuple[str, ...] = ("GET",)) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a plain HTTP endpoint (JWKS, hosted UI, Cognito Sync REST paths).

    The endpoint is a Starlette endpoint ``async def endpoint(request) -> Response``; the server's
    ``ServerState`` is at ``request.app.state.emulator``.
    """

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        _ROUTES.append(HttpRoute(path, fn, methods))
        return fn

    return register


def http_routes() -> list[HttpRoute]:
    return list(_ROUTES)


def declare(service: str, name: str, module: str) -> None:
    """``module`` registers ``service``'s operation ``name``: ``lookup`` imports it when it is first asked for."""
    _DECLARED.setdefault((service, name), module)


def lookup(service: str, name: str) -> Registered | None:
    found = _REGISTRY.get(service, {}).get(name)
    if found is None and (service, name) in _DECLARED:
        importlib.import_module(_DECLARED[service, name])
        found = _REGISTRY.get(service, {}).get(name)
    return found


def http_endpoint(path: str, methods: tuple[str, ...], module: str) -> Callable[..., Any]:
    """A Starlette endpoint for a route ``module`` registers, which imports it on the route's first request."""
    resolved: list[Callable[..., Any]] = []

    async def endpoint(request: Any) -> Any:
        if not resolved:
            importlib.import_module(module)
            resolved.extend(r.endpoint for r in _ROUTES if r.path == path and r.methods == methods)
            if not resolved:
                raise LookupError(f"{module} registers no {path} route for {', '.join(methods)}")
        return await resolved[0](request)

    return endpoint


def implemented(service: str) -> list[str]:
    """The operations registered or declared (registered when their module is imported) for ``service``."""
    declared = {name for svc, name in _DECLARED if svc == service}
    return sorted(declared.union(_REGISTRY.get(service, {})))
