"""User session tracking: the token session of each sign-in that yields a refresh token, its limit per user.

A token session is a sign-in's *origin* (tokens.py's ``token_origins``: the ``origin_jti`` of every token
it yields) seen as a session: ``token_sessions`` adds its ID (``tkn`` and 25 lowercase letters or digits),
when it was last active (the sign-in, then each refresh or rotation) and the device and address of that
activity. Ending a session revokes its origin, so its refresh and access tokens stop working at once, as
with RevokeToken and GlobalSignOut, and deletes its record. A session stays active while its origin is
neither revoked nor expired.

Tracking is off until SetUserPoolSessionConfiguration turns it on (sessions.py); a pool that tracks
sessions keeps at most ``MaxPerUser`` active token sessions per user: a new sign-in beyond it first ends
the user's least recently used ones. tokens.py calls ``start`` and ``touch``; sessions.py the rest. The
hosted UI's own sessions (SSO sessions, hosted_ui/sessions.py) are listed and ended here too.
"""

from __future__ import annotations

import re
import secrets
import string
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from console.emulator.core.context import RequestContext

DEFAULT_MAX_PER_USER = 20
DEFAULT_SSO_MAX_VALIDITY_MINUTES = 60
_ID_ALPHABET = string.ascii_lowercase + string.digits


@dataclass(frozen=True)
class PoolSessionConfiguration:
    tracking: bool
    max_per_user: int


def configuration(ctx: RequestContext, pool_id: str) -> PoolSessionConfiguration:
    """The pool's session configuration; AWS's defaults (tracking DISABLED, 20 per user) until it is set."""
    row = ctx.store.one("SELECT tracking, max_per_user FROM session_configurations WHERE pool_id = ?", (pool_id,))
    if row is None:
        return PoolSessionConfiguration(False, DEFAULT_MAX_PER_USER)
    return PoolSessionConfiguration(row["tracking"] == "ENABLED", int(row["max_per_user"]))


def sso_max_validity_minutes(ctx: RequestContext, client_id: str) -> int:
    """How long, in minutes since the user's last fresh authentication, app client ``client_id`` silently
    reuses a hosted UI (SSO) session (SetUserPoolClientSessionConfiguration; 60 until set)."""
    value = ctx.store.value(
        "SELECT sso_max_validity_minutes FROM client_session_configurations WHERE client_id = ?", (client_id,)
    )
    return DEFAULT_SSO_MAX_VALIDITY_MINUTES if value is None else int(value)


def new_session_id(prefix: str = "tkn") -> str:
    """A session ID: ``tkn`` (a token session) or ``sso`` (a hosted UI session), then 25 lowercase letters or
    digits."""
    return prefix + "".join(secrets.choice(_ID_ALPHABET) for _ in range(25))


# -- the device of an activity ------------------------------------------------------------------------

_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
_SYSTEMS = (
    ("iPhone", "iOS"),
    ("iPad", "iOS"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)
_SDK_OS = re.compile(r"(?:^|\s)os/([A-Za-z]+)")


def device_type(user_agent: str) -> str:
    """A description of the device from a User-Agent: its operating system and browser or app, or
    ``unknown``."""
    if not user_agent:
        return "unknown"
    system = next((name for marker, name in _SYSTEMS if marker in user_agent), None)
    sdk_os = _SDK_OS.search(user_agent)
    if system is None and sdk_os is not None:
        found = sdk_os.group(1).lower()
        system = {"macos": "macOS", "darwin": "macOS", "windows": "Windows", "linux": "Linux"}.get(found, found)
    if user_agent.startswith("Mozilla/"):
        app = next((name for marker, name in _BROWSERS if marker in user_agent), "unknown browser")
    else:
        app = user_agent.split(" ", 1)[0].split("/", 1)[0] or "unknown app"
    described = f"{system}, {app}" if system else app
    return described[:1024]


# -- what tokens.py records ---------------------------------------------------------------------------


def _active_sql(where: str) -> str:
    """Active sessions matching ``where`` (fixed SQL of this module): origin neither revoked nor expired,
    app client still there."""
    return (
        "SELECT s.* FROM token_sessions s JOIN token_origins o ON o.origin_jti = s.origin_jti"  # noqa: S608
        " JOIN clients c ON c.id = s.client_id"
        f" WHERE {where} AND o.revoked IS NULL AND o.expires > ?"
    )


def start(ctx: RequestContext, origin: dict[str, Any]) -> None:
    """Record the token session of a sign-in that issued a refresh token (``origin`` is its token_origins
    row), when the pool tracks sessions; first end the user's least recently used sessions beyond the
    pool's maximum."""
    config = configuration(ctx, origin["pool_id"])
    if not config.tracking:
        return
    active = ctx.store.all(
        _active_sql("s.pool_id = ? AND s.sub = ?") + " ORDER BY s.last_active, s.created",
        (origin["pool_id"], origin["sub"], ctx.now),
    )
    excess = len(active) - config.max_per_user + 1
    if excess > 0:
        end(ctx, [r["session_id"] for r in active[:excess]])
    ctx.store.run(
        "INSERT INTO token_sessions (session_id, origin_jti, pool_id, sub, client_id, created, last_active,"
        " device_type, last_ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new_session_id(),
            origin["origin_jti"],
            origin["pool_id"],
            origin["sub"],
            origin["client_id"],
            ctx.now,
            ctx.now,
            device_type(ctx.headers.get("user-agent", "")),
            ctx.source_ip,
        ),
    )


def touch(ctx: RequestContext, origin_jti: str) -> None:
    """A refresh or rotation under ``origin_jti``: its session (if tracked) was active now, from here."""
    ctx.store.run(
        "UPDATE token_sessions SET last_active = ?, device_type = ?, last_ip = ? WHERE origin_jti = ?",
        (ctx.now, device_type(ctx.headers.get("user-agent", "")), ctx.source_ip, origin_jti),
    )


# -- what sessions.py reads and ends ------------------------------------------------------------------


def active_sessions(ctx: RequestContext, pool_id: str, sub: str) -> list[Any]:
    """The user's active token sessions, most recently active first."""
    return ctx.store.all(
        _active_sql("s.pool_id = ? AND s.sub = ?") + " ORDER BY s.last_active DESC, s.created DESC",
        (pool_id, sub, ctx.now),
    )


def active_session(ctx: RequestContext, pool_id: str, session_id: str) -> Any:
    """The active token session ``session_id`` of the pool, or None."""
    return ctx.store.one(_active_sql("s.pool_id = ? AND s.session_id = ?"), (pool_id, session_id, ctx.now))


def session_of_token(ctx: RequestContext, claims: dict[str, Any]) -> str | None:
    """The ID of the token session an access token's claims belong to, if it is tracked."""
    if "origin_jti" in claims:
        value = ctx.store.value(
            "SELECT session_id FROM token_sessions WHERE origin_jti = ?", (str(claims["origin_jti"]),)
        )
    else:
        value = ctx.store.value(
            "SELECT s.session_id FROM token_sessions s JOIN token_origins o ON o.origin_jti = s.origin_jti"
            " WHERE o.event_id = ?",
            (str(claims.get("event_id")),),
        )
    return None if value is None else str(value)


def end(ctx: RequestContext, session_ids: Iterable[str]) -> None:
    """End token sessions: revoke every refresh and access token of each, and delete its record."""
    for session_id in session_ids:
        origin = ctx.store.value("SELECT origin_jti FROM token_sessions WHERE session_id = ?", (session_id,))
        if origin is None:
            continue
        ctx.store.run(
            "UPDATE token_origins SET revoked = ? WHERE origin_jti = ? AND revoked IS NULL", (ctx.now, origin)
        )
        ctx.store.run("DELETE FROM token_sessions WHERE session_id = ?", (session_id,))


def link(ctx: RequestContext, origin_jti: str, sso_session_id: str) -> None:
    """The token session of sign-in ``origin_jti`` (if tracked) came through hosted UI session
    ``sso_session_id``."""
    ctx.store.run("UPDATE token_sessions SET origin_session = ? WHERE origin_jti = ?", (sso_session_id, origin_jti))


def end_origin_sso(ctx: RequestContext, origin_jti: str) -> None:
    """End the hosted UI session that the token session of sign-in ``origin_jti`` came through, if any."""
    sso = ctx.store.value("SELECT origin_session FROM token_sessions WHERE origin_jti = ?", (origin_jti,))
    if sso:
        end_sso(ctx, str(sso))


def linked_token_sessions(ctx: RequestContext, sso_session_id: str) -> list[str]:
    """The token sessions that came through hosted UI session ``sso_session_id``."""
    rows = ctx.store.all("SELECT session_id FROM token_sessions WHERE origin_session = ?", (sso_session_id,))
    return [str(r["session_id"]) for r in rows]


def active_sso_sessions(ctx: RequestContext, pool_id: str, sub: str) -> list[Any]:
    """The user's live hosted UI (SSO) sessions (hosted_ui/sessions.py keeps them), most recently active
    first."""
    return ctx.store.all(
        "SELECT session_id, client_id, created, last_active, device_type, last_ip FROM hosted_ui_sessions"
        " WHERE pool_id = ? AND sub = ? AND expires > ? AND session_id IS NOT NULL"
        " ORDER BY last_active DESC, created DESC",
        (pool_id, sub, ctx.now),
    )


def active_sso_session(ctx: RequestContext, pool_id: str, session_id: str) -> Any:
    """The live hosted UI session ``session_id`` of the pool, or None."""
    return ctx.store.one(
        "SELECT session_id, sub FROM hosted_ui_sessions WHERE pool_id = ? AND session_id = ? AND expires > ?",
        (pool_id, session_id, ctx.now),
    )


def end_sso(ctx: RequestContext, session_id: str) -> None:
    """End a hosted UI session: the browser holding its cookie signs in again at its next authorize request."""
    ctx.store.run("DELETE FROM hosted_ui_sessions WHERE session_id = ?", (session_id,))


def forget_pool(ctx: RequestContext, pool_id: str) -> None:
    """Tracking turned off: no session records are kept (the tokens themselves stay valid)."""
    ctx.store.run("DELETE FROM token_sessions WHERE pool_id = ?", (pool_id,))
