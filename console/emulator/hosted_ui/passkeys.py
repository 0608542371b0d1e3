"""Passkey sign-in on the hosted UI: the "Sign in with a passkey" page, its request options and its answer.

``GET /passkey`` (reached from the login page's link, with the authorize request's parameters) shows a
username field and a button. The page's script (``/passkey.js``; the CSP allows scripts from the page's own
origin only, and none inline) posts the username to ``/passkey/options``, which starts USER_AUTH with
PREFERRED_CHALLENGE WEB_AUTHN through the sign-in engine, as InitiateAuth does (the hosted UI needs no
ALLOW_USER_AUTH, as for its password sign-in), and answers the challenge's CREDENTIAL_REQUEST_OPTIONS and the
sealed sign-in state as JSON. The script asks the browser for the passkey (``navigator.credentials.get``) and
posts the assertion with the form's fields to ``/passkey``, which answers the WEB_AUTHN challenge through
RespondToAuthChallenge's engine and ends like the password sign-in (login.proceed): a redirect to the app with
a code or tokens, which the script follows. (The script posts with fetch rather than submitting the form: the
pages' ``Referrer-Policy: no-referrer`` makes a browser send ``Origin: null`` with a form post, which the
server's Origin check refuses; a fetch from the page carries its real origin.) The relying party is the pool's
(user_pools/webauthn.py), so a browser on the local server's origin signs in where the pool's RelyingPartyId
is ``localhost``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.registry import http_route
from console.emulator.user_pools import clients, flow_hooks, pools
from console.emulator.user_pools.auth import choice
from console.emulator.user_pools.auth.sessions import secret_hash_of
from console.emulator.user_pools.auth.steps import Flow, drive

from . import authorize, pages
from .flow import PendingAuthorization
from .login import _open_state, _respond, _seal_state, links, pending_from_query, posted, proceed
from .pages import Site

SCRIPT = (Path(__file__).parent / "templates" / "passkey.js").read_text(encoding="utf-8")
_MAX_USERNAME = 128
_MAX_CREDENTIAL = 16 * 1024
NOT_AVAILABLE = "Passkey sign-in is not available for this user."
EXPIRED = "Your session has expired. Please sign in again."


def passkey_page(
    request: Request,
    ctx: RequestContext,
    site: Site,
    pending: PendingAuthorization,
    *,
    username: str = "",
    error: str | None = None,
    status: int = 200,
) -> Response:
    return pages.render(
        request,
        ctx,
        site,
        "passkey.html",
        client_id=pending.client_id,
        status=status,
        lang=pending.lang,
        script_sources=("'self'",),
        authorization=pending.seal(ctx),
        username=username,
        error=error,
        login_href=links(site, pending)["login_href"],
    )


@http_route("/{domain}/passkey", ("GET",))
async def passkey(request: Request) -> Response:
    ctx, site, checked = await pending_from_query(request)
    if not isinstance(checked, PendingAuthorization):
        return checked
    assert site is not None
    answered = await authorize.answer_or_login(request, ctx, site, checked)
    if answered is not None:
        return answered
    return passkey_page(request, ctx, site, checked)


@http_route("/{domain}/passkey.js", ("GET",))
async def script(request: Request) -> Response:
    response = Response(SCRIPT, media_type="text/javascript; charset=utf-8")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-cache"
    return response


def _start(ctx: RequestContext, pending: PendingAuthorization, username: str) -> Any:
    """The engine's USER_AUTH first step with PREFERRED_CHALLENGE WEB_AUTHN, for the hosted UI."""
    pool = pools.get_pool(ctx, pending.pool_id)
    client = clients.get_pool_client(ctx, pending.pool_id, pending.client_id)
    params = {"USERNAME": username, "PREFERRED_CHALLENGE": "WEB_AUTHN"}
    if client.get("ClientSecret"):
        params["SECRET_HASH"] = secret_hash_of(client["ClientSecret"], username, client["ClientId"]).decode()
    req = {"ClientId": client["ClientId"], "AuthFlow": "USER_AUTH", "AuthParameters": params}
    flow_hooks.begin(ctx, req, client)
    flow = Flow(pool=pool, client=client, admin=False, flow="USER_AUTH", source="HostedAuth", req=req)
    return choice.start(ctx, flow, params)


def _refusal(message: str, status: int = 400) -> Response:
    return pages.security_headers(JSONResponse({"error": message}, status_code=status))


@http_route("/{domain}/passkey/options", ("POST",))
async def options(request: Request) -> Response:
    """JSON: ``{"options": PublicKeyCredentialRequestOptionsJSON, "state": sealed}``, or ``{"error": ...}``."""
    ctx, _, pending, fields = await posted(request)
    if not isinstance(pending, PendingAuthorization):
        return _refusal(EXPIRED, 403 if pending.status_code == 403 else 400)
    username = fields.get("username", "").strip()
    if not username or len(username) > _MAX_USERNAME:
        return _refusal("Please enter your username.")
    ctx.oauth = pending.grant()
    ctx.operation = "InitiateAuth"
    try:
        result = await drive(ctx, _start, ctx, pending, username)
    except AwsError as err:
        if err.code in ("UserNotFoundException", "NotAuthorizedException"):
            return _refusal(NOT_AVAILABLE if err.code == "UserNotFoundException" else err.message)
        return _refusal(err.message)
    if result.get("ChallengeName") != "WEB_AUTHN":
        return _refusal(NOT_AVAILABLE)
    parameters = dict(result.get("ChallengeParameters") or {})
    state = _seal_state(ctx, pending, s=result.get("Session"), c="WEB_AUTHN", u=username)
    body = {"options": json.loads(parameters["CREDENTIAL_REQUEST_OPTIONS"]), "state": state}
    return pages.security_headers(JSONResponse(body))


@http_route("/{domain}/passkey", ("POST",))
async def passkey_post(request: Request) -> Response:
    """The assertion: the app's redirect (a page for a further step), or for the page's script (``Accept:
    application/json``) ``{"location": ...}`` with the session cookie, or ``{"error": ...}``."""
    wants_json = "application/json" in request.headers.get("accept", "")
    ctx, site, pending, fields = await posted(request)
    if not isinstance(pending, PendingAuthorization):
        return _refusal(EXPIRED, 403 if pending.status_code == 403 else 400) if wants_json else pending
    assert site is not None
    state = _open_state(ctx, pending, fields.get("state"))
    username = str(state.get("u") or "") if state else fields.get("username", "")[:_MAX_USERNAME]
    credential = fields.get("credential", "")

    def refuse(message: str) -> Response:
        if wants_json:
            return _refusal(message)
        return passkey_page(request, ctx, site, pending, username=username, error=message, status=400)

    if state is None or state.get("c") != "WEB_AUTHN":
        return refuse(EXPIRED)
    if not credential or len(credential) > _MAX_CREDENTIAL:
        return refuse(NOT_AVAILABLE)
    try:
        result = await _respond(ctx, pending, state, "WEB_AUTHN", {"CREDENTIAL": credential})
    except AwsError as err:
        return refuse(err.message)
    answer = await proceed(request, ctx, site, pending, result, username, "passkey")
    if not wants_json:
        return answer
    if answer.status_code not in (302, 303) or "location" not in answer.headers:
        return _refusal("Sign in with your password to continue.")
    out = JSONResponse({"location": answer.headers["location"]})
    out.raw_headers.extend((name, value) for name, value in answer.raw_headers if name == b"set-cookie")
    return pages.security_headers(out)
