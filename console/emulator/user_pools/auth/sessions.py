"""What sign-in flows share: challenge sessions, app-client rules, SECRET_HASH, the lockout back-off.

Challenge sessions (the ``Session`` of InitiateAuth / RespondToAuthChallenge, also taken by
AssociateSoftwareToken and VerifySoftwareToken during MFA_SETUP) are opaque random strings naming a
server-side row that holds the flow's state. They expire after the client's ``AuthSessionValidity``
(3 minutes by default) and are single-use: answering a challenge consumes the session and the next
challenge gets a new one. A wrong code leaves the session usable for a few more tries.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import invalid_parameter, not_authorized
from console.emulator.user_pools import clients

SESSION_EXPIRED = "Invalid session for the user, session is expired."
MAX_CODE_ATTEMPTS = 3

# ExplicitAuthFlows when a client sets none (CreateUserPoolClient's documented default).
DEFAULT_FLOWS = ("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH")
# The legacy flow names and the ALLOW_ names they stand for.
_LEGACY = {
    "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY": "ALLOW_CUSTOM_AUTH",
}


@dataclass
class Session:
    token: str
    pool_id: str
    client_id: str
    username_key: str
    challenge: str
    state: dict[str, Any]
    expires: float
    attempts: int


def _id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_validity(client: dict[str, Any]) -> int:
    return int(client.get("AuthSessionValidity") or 3) * 60


def create(
    ctx: RequestContext,
    client: dict[str, Any],
    username_key: str,
    challenge: str,
    state: dict[str, Any],
) -> str:
    """A new Session string for ``challenge``."""
    token = secrets.token_urlsafe(120)
    ctx.store.run("DELETE FROM auth_sessions WHERE expires < ?", (ctx.now - 3600,))
    ctx.store.run(
        "INSERT INTO auth_sessions (id, pool_id, client_id, username_key, challenge, state, created, expires)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            _id(token),
            client["UserPoolId"],
            client["ClientId"],
            username_key,
            challenge,
            json.dumps(state),
            ctx.now,
            ctx.now + session_validity(client),
        ),
    )
    return token


def _row(ctx: RequestContext, where: str, params: tuple[Any, ...]) -> Session | None:
    row = ctx.store.one(f"SELECT * FROM auth_sessions WHERE {where}", params)  # noqa: S608 - fixed clauses
    if row is None:
        return None
    return Session(
        token="",
        pool_id=row["pool_id"],
        client_id=row["client_id"],
        username_key=row["username_key"],
        challenge=row["challenge"],
        state=json.loads(row["state"]),
        expires=row["expires"],
        attempts=row["attempts"],
    )


def peek(ctx: RequestContext, token: str | None, client_id: str | None = None) -> Session:
    """The live session ``token`` names (for ``client_id`` if given), else NotAuthorized, expired."""
    found = _row(ctx, "id = ?", (_id(token),)) if token else None
    if found is None or found.expires <= ctx.now or (client_id is not None and found.client_id != client_id):
        raise not_authorized(SESSION_EXPIRED)
    found.token = token or ""
    return found


def latest_for(ctx: RequestContext, client_id: str, username_key: str, challenge: str) -> Session | None:
    """The newest live session of a user for ``challenge`` (for clients that answer without Session)."""
    found = _row(
        ctx,
        "client_id = ? AND username_key = ? AND challenge = ? AND expires > ? ORDER BY created DESC LIMIT 1",
        (client_id, username_key, challenge, ctx.now),
    )
    return found


def consume(ctx: RequestContext, session: Session) -> None:
    ctx.store.run(
        "DELETE FROM auth_sessions WHERE pool_id = ? AND username_key = ? AND id = ?",
        (session.pool_id, session.username_key, _id(session.token)),
    )


def consume_pending(ctx: RequestContext, client_id: str, username_key: str, challenge: str) -> None:
    ctx.store.run(
        "DELETE FROM auth_sessions WHERE client_id = ? AND username_key = ? AND challenge = ?",
        (client_id, username_key, challenge),
    )


def count_failure(ctx: RequestContext, session: Session) -> None:
    """A wrong answer: the session survives ``MAX_CODE_ATTEMPTS`` of them."""
    if session.attempts + 1 >= MAX_CODE_ATTEMPTS:
        consume(ctx, session)
    else:
        ctx.store.run("UPDATE auth_sessions SET attempts = attempts + 1 WHERE id = ?", (_id(session.token),))


def update_state(ctx: RequestContext, session: Session, state: dict[str, Any]) -> None:
    session.state = state
    ctx.store.run("UPDATE auth_sessions SET state = ? WHERE id = ?", (json.dumps(state), _id(session.token)))


def replace(ctx: RequestContext, session: Session, client: dict[str, Any], state: dict[str, Any] | None = None) -> str:
    """Consume ``session`` and hand out a new one for the same challenge (AssociateSoftwareToken...)."""
    consume(ctx, session)
    return create(ctx, client, session.username_key, session.challenge, state if state is not None else session.state)


# -- app clients --------------------------------------------------------------------------------------


def allowed_flows(client: dict[str, Any]) -> set[str]:
    listed = client.get("ExplicitAuthFlows")
    if listed is None:
        listed = list(DEFAULT_FLOWS)
    flows = {_LEGACY.get(f, f) for f in listed}
    if not any(f.startswith("ALLOW_") for f in listed):
        # A client configured only with legacy names keeps SRP and refresh, as AWS's legacy clients did.
        flows |= {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}
    return flows


def require_flow(client: dict[str, Any], flow: str, allow: str) -> None:
    if allow not in allowed_flows(client):
        raise invalid_parameter(f"{flow} flow not enabled for this client")


def secret_hash_of(secret: str, username: str, client_id: str) -> bytes:
    digest = hmac.new(secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest)


def check_secret_hash(ctx: RequestContext, client: dict[str, Any], supplied: str | None, *usernames: str) -> None:
    """SECRET_HASH for clients with a secret: any of the client's secrets, any of ``usernames``."""
    client_id = client["ClientId"]
    found = clients.client_secrets(ctx, client_id)
    if not found:
        return
    if not supplied:
        raise not_authorized(f"Client {client_id} is configured with secret but SECRET_HASH was not received")
    ok = False
    for secret in found:
        for name in dict.fromkeys(u for u in usernames if u):
            ok |= hmac.compare_digest(secret_hash_of(secret, name, client_id), supplied.encode())
    if not ok:
        raise not_authorized(f"Unable to verify secret hash for client {client_id}")


def prevents_existence_errors(client: dict[str, Any]) -> bool:
    return client.get("PreventUserExistenceErrors") == "ENABLED"


# -- lockout (COGNITO-FACTS §2.1) ----------------------------------------------------------------------

LOCKOUT_AFTER = 5
LOCKOUT_MAX = 900
LOCKOUT_RESET = 900
ATTEMPTS_EXCEEDED = "Password attempts exceeded"


def locked(secret: dict[str, Any], now: float) -> bool:
    state = secret.get("lockout") or {}
    return float(state.get("until") or 0) > now


def record_failure(secret: dict[str, Any], now: float) -> dict[str, Any]:
    """The secret document after a failed sign-in: 5 failures lock 1 s, doubling to 15 minutes."""
    state = dict(secret.get("lockout") or {})
    failures = int(state.get("failures") or 0)
    if now - float(state.get("last") or 0) > LOCKOUT_RESET:
        failures = 0
    failures += 1
    state["failures"] = failures
    state["last"] = now
    if failures >= LOCKOUT_AFTER:
        state["until"] = now + min(2 ** (failures - LOCKOUT_AFTER), LOCKOUT_MAX)
    return {**secret, "lockout": state}


def record_success(secret: dict[str, Any]) -> dict[str, Any]:
    if "lockout" not in secret:
        return secret
    out = dict(secret)
    out.pop("lockout")
    return out


# -- the lockout of a username nobody has (PreventUserExistenceErrors) -------------------------------------
# Were only real users locked out, five wrong passwords would tell who exists: a known user's answer turns
# into "Password attempts exceeded", an unknown one's never would. Failures for a username that matches
# nobody are counted the same way, per pool and username, and forgotten once their lockout has reset.


def phantom_locked(ctx: RequestContext, pool_id: str, username_key: str) -> bool:
    doc = ctx.store.value(
        "SELECT doc FROM phantom_lockouts WHERE pool_id = ? AND username_key = ?", (pool_id, username_key)
    )
    return doc is not None and locked({"lockout": json.loads(doc)}, ctx.now)


def record_phantom_failure(ctx: RequestContext, pool_id: str, username_key: str) -> None:
    ctx.store.run("DELETE FROM phantom_lockouts WHERE last < ?", (ctx.now - LOCKOUT_RESET - LOCKOUT_MAX,))
    doc = ctx.store.value(
        "SELECT doc FROM phantom_lockouts WHERE pool_id = ? AND username_key = ?", (pool_id, username_key)
    )
    state = record_failure({"lockout": json.loads(doc)} if doc else {}, ctx.now)["lockout"]
    ctx.store.run(
        "INSERT OR REPLACE INTO phantom_lockouts (pool_id, username_key, doc, last) VALUES (?, ?, ?, ?)",
        (pool_id, username_key, json.dumps(state), ctx.now),
    )
