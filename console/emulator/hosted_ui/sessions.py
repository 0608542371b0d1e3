"""The hosted UI session: the browser's sign-in at a pool's domain, shared by every app client of the pool.

A session lasts one hour (COGNITO-FACTS §1.5) and lives in the ``cognito`` cookie (HttpOnly, SameSite=Lax,
Secure over https, scoped to the domain's path); the database keeps only the cookie's digest. While it
lasts, ``/oauth2/authorize`` answers any client of the pool without asking the user again (single sign-on),
unless the request says ``prompt=login``; ``/logout`` ends it.

Each session is also what ListUserSessions calls an SSO session (``sso`` and 25 lowercase letters or
digits, user_pools/session_tracking.py lists and ends them): it records the app client it began with and
its latest activity (the sign-in, then each token grant it answers). An administrator or the user ending it
(AdminRevokeUserSession, RevokeUserSession) deletes it: the browser's next authorize request signs in again.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from console.emulator.core.context import RequestContext
from console.emulator.user_pools import acr, session_tracking, tokens, users
from console.emulator.user_pools.users import User

from .sealing import digest

COOKIE = "cognito"
VALIDITY = 3600


@dataclass(frozen=True)
class HostedSession:
    pool_id: str
    user: User
    auth_time: float
    method: str
    session_id: str
    amr: tuple[str, ...] = ()


def cookie_path(request: Request) -> str:
    """Where the domain's pages answer: ``/{domain}/`` (path addressing) or ``/`` (its own host name)."""
    domain = request.path_params.get("domain")
    return f"/{domain}/" if domain else "/"


def secure(request: Request) -> bool:
    """Whether cookies get ``Secure``: the request came over https, or the server's public URL is https
    (a TLS-terminating proxy in front)."""
    public_url = str(request.app.state.emulator.config.public_url or "")
    return request.url.scheme == "https" or public_url.startswith("https://")


def start(
    ctx: RequestContext,
    pool_id: str,
    user: User,
    auth_time: float,
    method: str,
    client_id: str | None = None,
    amr: list[str] | None = None,
) -> tuple[str, str]:
    """A new session for ``user`` (inside a transaction), begun by app client ``client_id`` with the
    sign-in methods ``amr``; (the cookie value to give the browser, the session's ID)."""
    value = secrets.token_urlsafe(32)
    session_id = session_tracking.new_session_id("sso")
    ctx.store.run("DELETE FROM hosted_ui_sessions WHERE expires < ?", (ctx.now,))
    ctx.store.run(
        "INSERT INTO hosted_ui_sessions (id, pool_id, username_key, sub, auth_time, method, created, expires,"
        " session_id, client_id, last_active, device_type, last_ip, amr)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            digest(value),
            pool_id,
            user.username_key,
            user.sub,
            auth_time,
            method,
            ctx.now,
            ctx.now + VALIDITY,
            session_id,
            client_id,
            ctx.now,
            session_tracking.device_type(ctx.headers.get("user-agent", "")),
            ctx.source_ip,
            json.dumps(amr) if amr is not None else None,
        ),
    )
    return value, session_id


def link_tokens(ctx: RequestContext, session_id: str, issued: dict[str, Any]) -> None:
    """The token session of ``issued`` (a sign-in's tokens) came through hosted UI session ``session_id``
    (its OriginSessionId; in a transaction)."""
    decoded = tokens.decode_unverified(str(issued.get("AccessToken") or ""))
    origin = decoded[1].get("origin_jti") if decoded else None
    if origin and session_id:
        session_tracking.link(ctx, str(origin), session_id)


def touch(ctx: RequestContext, session: HostedSession) -> None:
    """The session answered a token grant (single sign-on): it was active now, from here (in a transaction)."""
    ctx.store.run(
        "UPDATE hosted_ui_sessions SET last_active = ?, device_type = ?, last_ip = ? WHERE session_id = ?",
        (ctx.now, session_tracking.device_type(ctx.headers.get("user-agent", "")), ctx.source_ip, session.session_id),
    )


def current(ctx: RequestContext, request: Request, pool: dict[str, Any]) -> HostedSession | None:
    """The browser's live session at this pool's domain, for a user who can still sign in; else None."""
    value = request.cookies.get(COOKIE)
    if not value or len(value) > 200:
        return None
    row = ctx.store.one(
        "SELECT * FROM hosted_ui_sessions WHERE id = ? AND pool_id = ? AND expires > ?",
        (digest(value), pool["Id"], ctx.now),
    )
    if row is None:
        return None
    user = users.by_key(ctx, str(pool["Id"]), row["username_key"])
    if user is None or user.sub != row["sub"] or not user.enabled or user.status == "RESET_REQUIRED":
        return None
    method = str(row["method"])
    amr = json.loads(row["amr"]) if row["amr"] else acr.session_methods(pool, method)
    return HostedSession(
        str(pool["Id"]), user, float(row["auth_time"]), method, str(row["session_id"] or ""), tuple(amr)
    )


def end(ctx: RequestContext, request: Request) -> None:
    """Forget the browser's session (inside a transaction)."""
    value = request.cookies.get(COOKIE)
    if value and len(value) <= 200:
        ctx.store.run("DELETE FROM hosted_ui_sessions WHERE id = ?", (digest(value),))


def set_cookie(response: Response, request: Request, value: str) -> None:
    response.set_cookie(
        COOKIE,
        value,
        max_age=VALIDITY,
        path=cookie_path(request),
        secure=secure(request),
        httponly=True,
        samesite="lax",
    )


def clear_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(COOKIE, path=cookie_path(request), secure=secure(request), httponly=True, samesite="lax")
