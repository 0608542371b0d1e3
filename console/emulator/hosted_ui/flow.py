"""How a hosted UI sign-in travels and how it ends: the authorize request in flight, then a code or tokens.

A validated ``/oauth2/authorize`` request becomes a ``PendingAuthorization``. It travels through the
sign-in pages, or out to an external identity provider and back, sealed (``seal``: AES-GCM under the
server's key, so the browser can neither read nor change it) and is opened again with
``PendingAuthorization.open``. When the user has signed in, ``finish_sign_in`` starts the hosted UI
session and answers the authorize request: a redirect to the client's ``redirect_uri`` with a one-time
code (5 minutes) or, for ``response_type=token``, with the tokens in the fragment.

For the sign-in methods that live in other modules (federation, passkeys)::

    pending = PendingAuthorization.open(ctx, sealed)        # None: expired or tampered, show an error
    ...                                                     # the user proves who they are
    return await finish_sign_in(request, ctx, pending, user, auth_time=ctx.now, method="Google")

``finish_sign_in`` issues the tokens itself (PreTokenGeneration sees ``TokenGeneration_HostedAuth``) unless
it is handed ``tokens``: a sign-in run through the sign-in engine (user_pools/auth/) with ``ctx.oauth =
pending.grant()`` already ends with OAuth tokens, and passes its ``AuthenticationResult``.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from console.emulator.core import invocations, transaction
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.user_pools import acr, clients, identity_providers, pools, tokens
from console.emulator.user_pools.users import User

from . import sealing, sessions

T = TypeVar("T")

PENDING_VALIDITY = 3600  # how long a sign-in page (or a trip to an external provider) may take
CODE_VALIDITY = 300  # an authorization code: one use, five minutes
_PENDING = "pending-authorization"
_CODE_TOKENS = "code-tokens"


@dataclass(frozen=True)
class Grant:
    """What the tokens of a hosted UI sign-in carry (``ctx.oauth``; user_pools/tokens.py reads it)."""

    scopes: tuple[str, ...]
    nonce: str | None
    with_refresh: bool
    # The authentication levels the authorize request asked for (acr_values; user_pools/acr.py).
    acr_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class PendingAuthorization:
    """A validated authorize request, waiting for the user to sign in.

    ``domain`` is how the request reached us (the domain prefix or custom domain in the path, or "" when
    the request's Host was the domain itself); ``scopes`` are the scopes granted (already checked against
    the app client); ``response_type`` is ``code`` or ``token``; ``code_challenge_method`` is ``S256`` or
    ``plain`` when PKCE is used; ``prompt`` is ``login`` when the user must sign in again.
    """

    pool_id: str
    client_id: str
    domain: str
    redirect_uri: str
    response_type: str
    scopes: tuple[str, ...]
    state: str | None = None
    nonce: str | None = None
    code_challenge: str | None = None
    code_challenge_method: str | None = None
    identity_provider: str | None = None
    lang: str | None = None
    prompt: str | None = None
    issued: float = 0.0
    extra: dict[str, str] = field(default_factory=dict)

    def grant(self) -> Grant:
        acr_values = tuple(self.extra.get("acr_values", "").split())
        return Grant(self.scopes, self.nonce, with_refresh=self.response_type == "code", acr_values=acr_values)

    def seal(self, ctx: RequestContext) -> str:
        """This request as an opaque string for a form field, a cookie or an external provider's state."""
        doc = asdict(self)
        doc["scopes"] = list(self.scopes)
        return sealing.seal(ctx, _PENDING, doc)

    @classmethod
    def open(cls, ctx: RequestContext, sealed: str | None, pool_id: str | None = None) -> PendingAuthorization | None:
        """The request ``seal`` made, if it is intact, under an hour old and (given ``pool_id``) for that
        pool; else None."""
        doc = sealing.unseal(ctx, _PENDING, sealed)
        if not isinstance(doc, dict):
            return None
        try:
            doc["scopes"] = tuple(doc["scopes"])
            pending = cls(**doc)
        except (KeyError, TypeError):
            return None
        if not pending.issued <= ctx.now < pending.issued + PENDING_VALIDITY:
            return None
        if pool_id is not None and pending.pool_id != pool_id:
            return None
        return pending

    def query(self) -> dict[str, str]:
        """The authorize request's parameters, as ``/login`` and ``/oauth2/authorize`` take them."""
        # A CIMD client is named by its metadata URL (``extra["client_id"]``), as in its authorize request.
        client_id = self.extra.get("client_id", self.client_id)
        params = {"client_id": client_id, "response_type": self.response_type, "redirect_uri": self.redirect_uri}
        if self.scopes:
            params["scope"] = " ".join(self.scopes)
        for name in ("state", "nonce", "code_challenge", "code_challenge_method", "lang", "prompt"):
            value = getattr(self, name)
            if value is not None:
                params[name] = value
        for name in ("acr_values", "max_age"):
            if self.extra.get(name):
                params[name] = self.extra[name]
        return params


def redirect_to(redirect_uri: str, params: dict[str, str], *, fragment: bool = False) -> Response:
    """A 302 to the client's registered ``redirect_uri`` with ``params`` in its query (or fragment)."""
    if fragment:
        target = f"{redirect_uri.split('#', 1)[0]}#{urlencode(params)}"
    else:
        target = f"{redirect_uri}{'&' if '?' in redirect_uri else '?'}{urlencode(params)}"
    response = RedirectResponse(target, status_code=302)
    response.headers["Cache-Control"] = "no-store"
    return response


def error_redirect(pending: PendingAuthorization, error: str, description: str | None = None) -> Response:
    """An authorize error sent back to the (already validated) ``redirect_uri``, with the state."""
    params = {"error": error}
    if description:
        params["error_description"] = description
    if pending.state is not None:
        params["state"] = pending.state
    return redirect_to(pending.redirect_uri, params, fragment=False)


async def run(ctx: RequestContext, work: Callable[..., T], *args: Any) -> T:
    """``work(*args)`` in one transaction, with its Lambda triggers called off the event loop."""
    invocations.reset_memo(ctx)
    result: T = await invocations.settle(ctx, lambda: transaction.run(ctx, work, *args))
    return result


def issue_tokens(
    ctx: RequestContext,
    pending: PendingAuthorization,
    user: User,
    auth_time: float,
    amr: tuple[str, ...] | list[str] | None = None,
    provider: tuple[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The AuthenticationResult for ``user`` signing in through the hosted UI (inside a transaction):
    OAuth tokens with the granted scopes, the nonce and ``at_hash``; a refresh token for the code flow.
    ``amr``: the methods of the sign-in, where known (a session's), for the ``acr`` / ``amr`` claims;
    ``provider``: (name, its answer's claims) for a federated sign-in, whose level its AcrMapping gives."""
    pool = pools.get_pool(ctx, pending.pool_id)
    client = clients.get_pool_client(ctx, pending.pool_id, pending.client_id)
    ctx.oauth = grant = pending.grant()
    step_up = acr.result(pool, grant.acr_values, list(amr)) if grant.acr_values and amr else None
    if grant.acr_values and provider is not None:
        found = identity_providers.get_provider(ctx, pending.pool_id, provider[0])
        step_up = acr.federated(pool, found, provider[1], grant.acr_values)
    return tokens.issue_tokens(ctx, pool, client, user, auth_time=auth_time, source="HostedAuth", step_up=step_up)


def _store_code(ctx: RequestContext, pending: PendingAuthorization, issued: dict[str, Any]) -> str:
    code = str(uuid.uuid4())
    key = sealing.digest(code)
    ctx.store.run("DELETE FROM authorization_codes WHERE expires < ?", (ctx.now - CODE_VALIDITY,))
    decoded = tokens.decode_unverified(str(issued.get("AccessToken") or ""))
    origin = decoded[1].get("origin_jti") if decoded else None
    ctx.store.run(
        "INSERT INTO authorization_codes (id, pool_id, client_id, redirect_uri, code_challenge,"
        " code_challenge_method, tokens, created, expires, origin_jti) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            key,
            pending.pool_id,
            pending.client_id,
            pending.redirect_uri,
            pending.code_challenge,
            pending.code_challenge_method,
            sealing.seal(ctx, f"{_CODE_TOKENS}:{key}", issued),
            ctx.now,
            ctx.now + CODE_VALIDITY,
            str(origin) if origin else None,
        ),
    )
    return code


def redeem_code(ctx: RequestContext, code: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(the code's row, its tokens) if the code is live, and uses it up (inside a transaction); else None.

    A code redeemed a second time also revokes the tokens it was exchanged for (RFC 6749 section 10.5: a
    replayed code means it leaked)."""
    if not code or len(code) > 512:
        return None
    key = sealing.digest(code)
    row = ctx.store.one("SELECT * FROM authorization_codes WHERE id = ?", (key,))
    if row is None:
        return None
    # Used once, whatever comes of this attempt.
    ctx.store.run("UPDATE authorization_codes SET used = ?, tokens = '' WHERE id = ?", (ctx.now, key))
    if row["used"] is not None:
        if row["origin_jti"]:
            ctx.store.run(
                "UPDATE token_origins SET revoked = ? WHERE origin_jti = ? AND revoked IS NULL",
                (ctx.now, row["origin_jti"]),
            )
        return None
    if row["expires"] <= ctx.now:
        return None
    issued = sealing.unseal(ctx, f"{_CODE_TOKENS}:{key}", row["tokens"])
    if not isinstance(issued, dict):
        return None
    return dict(row), issued


def answer(pending: PendingAuthorization, issued: dict[str, Any], code: str | None) -> Response:
    """The redirect that answers the authorize request: ``?code=&state=`` or the implicit flow's fragment."""
    if code is not None:
        params = {"code": code}
        if pending.state is not None:
            params["state"] = pending.state
        return redirect_to(pending.redirect_uri, params)
    params = {}
    if "IdToken" in issued:
        params["id_token"] = issued["IdToken"]
    params["access_token"] = issued["AccessToken"]
    params["expires_in"] = str(issued.get("ExpiresIn", 3600))
    params["token_type"] = "Bearer"  # noqa: S105 - the OAuth token type, not a password
    if pending.state is not None:
        params["state"] = pending.state
    return redirect_to(pending.redirect_uri, params, fragment=True)


async def finish_sign_in(
    request: Request,
    ctx: RequestContext,
    pending: PendingAuthorization,
    user: User,
    *,
    auth_time: float,
    method: str,
    tokens: dict[str, Any] | None = None,
    new_session: bool = True,
    amr: tuple[str, ...] | None = None,
    provider_claims: dict[str, Any] | None = None,
) -> Response:
    """The user has signed in: start the hosted UI session and answer the authorize request.

    ``user`` is the signed-in user (user_pools/users.py), ``auth_time`` when they proved who they are,
    ``method`` how (``password``, ``mfa``, ``passkey``, or the external provider's name). ``tokens`` is the
    sign-in engine's AuthenticationResult when the engine issued them (see the module's docstring); else
    they are issued here. ``new_session=False`` answers from the browser's existing session (single
    sign-on) without starting another, and ``amr`` is then the session's methods. ``provider_claims`` are an
    external provider's claims (``method`` names it): its ``acr`` and ``amr`` through the provider's
    AcrMapping (user_pools/acr.py) make the tokens' when levels are asked for. The response is a 302 to
    the client's ``redirect_uri`` that also sets the session cookie; an AWS error on the way (the app client
    deleted meanwhile, a trigger's refusal) becomes an ``error=`` redirect.
    """

    def work() -> tuple[str | None, str | None, dict[str, Any]]:
        federated = (method, provider_claims) if provider_claims is not None else None
        issued = tokens if tokens is not None else issue_tokens(ctx, pending, user, auth_time, amr, federated)
        cookie = None
        if new_session:
            sessions.end(ctx, request)  # the browser's previous session, if any, ends with this sign-in
            done = _methods(ctx, pending, issued, method)
            cookie, session_id = sessions.start(ctx, pending.pool_id, user, auth_time, method, pending.client_id, done)
            sessions.link_tokens(ctx, session_id, issued)
        else:
            current = sessions.current(ctx, request, pools.get_pool(ctx, pending.pool_id))
            if current is not None:
                sessions.touch(ctx, current)
                sessions.link_tokens(ctx, current.session_id, issued)
        code = _store_code(ctx, pending, issued) if pending.response_type == "code" else None
        return cookie, code, issued

    try:
        cookie, code, issued = await run(ctx, work)
    except AwsError as err:
        kind = "unauthorized_client" if err.code == "ResourceNotFoundException" else "server_error"
        return error_redirect(pending, kind, err.message if kind == "server_error" else None)
    response = answer(pending, issued, code)
    if cookie is not None:
        sessions.set_cookie(response, request, cookie)
    return response


def _methods(ctx: RequestContext, pending: PendingAuthorization, issued: dict[str, Any], method: str) -> list[str]:
    """What the sign-in did: its tokens' ``amr`` when they carry one, else what ``method`` stands for."""
    decoded = tokens.decode_unverified(str(issued.get("AccessToken") or ""))
    amr = decoded[1].get("amr") if decoded else None
    if isinstance(amr, list) and amr:
        return [str(m) for m in amr]
    return acr.session_methods(pools.get_pool(ctx, pending.pool_id), method)


def new_nonce() -> str:
    """A nonce for an ID token whose authorize request gave none (an external provider's sign-in)."""
    return secrets.token_urlsafe(24)
