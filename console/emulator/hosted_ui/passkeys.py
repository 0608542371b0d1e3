"""Passkeys on the hosted UI: sign-in with a passkey (``/passkey``) and, with managed login, adding one
(``/passkeys/add``, AWS's path).

``GET /passkey`` (reached from the login page's link, with the authorize request's parameters) shows a
username field and a button. The page's script (``/passkey.js``; the CSP allows scripts from the page's own
origin only, and none inline) posts the username to ``/passkey/options``, which starts USER_AUTH with
PREFERRED_CHALLENGE WEB_AUTHN through the sign-in engine, as InitiateAuth does (the hosted UI needs no
ALLOW_USER_AUTH, as for its password sign-in), and answers the challenge's CREDENTIAL_REQUEST_OPTIONS and the
sealed sign-in state as JSON. The script asks the browser for the passkey (``navigator.credentials.get``) and
posts the assertion with the form's fields to ``/passkey``, which answers the WEB_AUTHN challenge through
RespondToAuthChallenge's engine and ends like the password sign-in (login.proceed): a redirect to the app with
a code or tokens, which the script follows. (The script posts with fetch and ``Accept: application/json``, and
is answered ``{"location": ...}`` with the session cookie, or ``{"error": ...}`` shown in place; a plain form
post gets the redirect or the page.) The relying party is the pool's (user_pools/webauthn.py), so a browser on
the local server's origin signs in where the pool's RelyingPartyId is ``localhost``.

``GET /passkeys/add?client_id=…&redirect_uri=…`` (managed login only, as AWS's page is; ``redirect_uri`` one
of the app client's callback URLs) lets the user signed in at the domain (the hosted UI session) add a
passkey: its script fetches the creation options from ``/passkeys/add/options`` (StartWebAuthnRegistration's
for the session's user and the page's app client), asks the browser to create the passkey
(``navigator.credentials.create``) and posts it to ``/passkeys/add`` (CompleteWebAuthnRegistration's checks),
then returns to ``redirect_uri``. Without a session the page asks the user to sign in first.
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
from console.emulator.user_pools import clients, flow_hooks, pools, webauthn
from console.emulator.user_pools.auth import choice
from console.emulator.user_pools.auth.sessions import secret_hash_of
from console.emulator.user_pools.auth.steps import Flow, drive

from . import authorize, pages, sealing, sessions
from .flow import PendingAuthorization, run
from .login import _open_state, _respond, _seal_state, links, pending_from_query, posted, proceed
from .pages import Site

SCRIPT = (Path(__file__).parent / "templates" / "passkey.js").read_text(encoding="utf-8")
_MAX_USERNAME = 128
_MAX_CREDENTIAL = 16 * 1024
NOT_AVAILABLE = "Passkey sign-in is not available for this user."
EXPIRED = "Your session has expired. Please sign in again."
SIGN_IN_FIRST = "Sign in before you add a passkey."
_REGISTRATION = "passkey-registration"


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


@http_route("/passkey", ("GET",))
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


@http_route("/passkey.js", ("GET",))
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


def _refusal(request: Request, site: Site | None, message: str, status: int = 400) -> Response:
    """``{"error": message}`` for the page's script, in the page's language (its form's address says which)."""
    words = pages.page_words(request, site)
    return pages.security_headers(JSONResponse({"error": words(message)}, status_code=status))


@http_route("/passkey/options", ("POST",))
@http_route("/{domain}/passkey/options", ("POST",))
async def options(request: Request) -> Response:
    """JSON: ``{"options": PublicKeyCredentialRequestOptionsJSON, "state": sealed}``, or ``{"error": ...}``."""
    ctx, site, pending, fields = await posted(request)
    if not isinstance(pending, PendingAuthorization):
        return _refusal(request, site, EXPIRED, 403 if pending.status_code == 403 else 400)
    username = fields.get("username", "").strip()
    if not username or len(username) > _MAX_USERNAME:
        return _refusal(request, site, "Please enter your username.")
    ctx.oauth = pending.grant()
    ctx.operation = "InitiateAuth"
    try:
        result = await drive(ctx, _start, ctx, pending, username)
    except AwsError as err:
        if err.code in ("UserNotFoundException", "NotAuthorizedException"):
            return _refusal(request, site, NOT_AVAILABLE if err.code == "UserNotFoundException" else err.message)
        return _refusal(request, site, err.message)
    if result.get("ChallengeName") != "WEB_AUTHN":
        return _refusal(request, site, NOT_AVAILABLE)
    parameters = dict(result.get("ChallengeParameters") or {})
    state = _seal_state(ctx, pending, s=result.get("Session"), c="WEB_AUTHN", u=username)
    body = {"options": json.loads(parameters["CREDENTIAL_REQUEST_OPTIONS"]), "state": state}
    return pages.security_headers(JSONResponse(body))


@http_route("/passkey", ("POST",))
@http_route("/{domain}/passkey", ("POST",))
async def passkey_post(request: Request) -> Response:
    """The assertion: the app's redirect (a page for a further step), or for the page's script (``Accept:
    application/json``) ``{"location": ...}`` with the session cookie, or ``{"error": ...}``."""
    wants_json = "application/json" in request.headers.get("accept", "")
    ctx, site, pending, fields = await posted(request)
    if not isinstance(pending, PendingAuthorization):
        return _refusal(request, site, EXPIRED, 403 if pending.status_code == 403 else 400) if wants_json else pending
    assert site is not None
    state = _open_state(ctx, pending, fields.get("state"))
    username = str(state.get("u") or "") if state else fields.get("username", "")[:_MAX_USERNAME]
    credential = fields.get("credential", "")

    def refuse(message: str) -> Response:
        if wants_json:
            return _refusal(request, site, message)
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
        return _refusal(request, site, "Sign in with your password to continue.")
    out = JSONResponse({"location": answer.headers["location"]})
    out.raw_headers.extend((name, value) for name, value in answer.raw_headers if name == b"set-cookie")
    return pages.security_headers(out)


# -- /passkeys/add: a signed-in user adds a passkey (managed login only) ----------------------------------


def _registration_site(
    request: Request, ctx: RequestContext, site: Site, client_id: str, redirect_uri: str
) -> dict[str, Any] | Response:
    """The app client ``/passkeys/add`` is for, or the error page that refuses the request."""
    if not site.managed_login:
        return pages.error_page(request, ctx, site, "Passkey registration is available with managed login only.")
    try:
        client = clients.get_pool_client(ctx, site.pool_id, client_id)
    except AwsError:
        return pages.error_page(request, ctx, site, error="invalid_request")
    if not redirect_uri or redirect_uri not in (client.get("CallbackURLs") or []):
        return pages.error_page(request, ctx, site, error="redirect_mismatch")
    if not webauthn.enabled(site.pool):
        return pages.error_page(request, ctx, site, "Passkeys are not enabled for this user pool.")
    return client


@http_route("/passkeys/add", ("GET",))
@http_route("/{domain}/passkeys/add", ("GET",))
async def add_page(request: Request) -> Response:
    """The page where the browser's signed-in user adds a passkey, then returns to ``redirect_uri``."""
    ctx = pages.context(request)
    site = pages.site(ctx, request)
    if site is None:
        return pages.error_page(request, ctx, None, status=404)
    client_id = request.query_params.get("client_id", "")
    redirect_uri = request.query_params.get("redirect_uri", "")
    checked = _registration_site(request, ctx, site, client_id, redirect_uri)
    if isinstance(checked, Response):
        return checked
    session = sessions.current(ctx, request, site.pool)
    if session is None:
        return pages.error_page(request, ctx, site, SIGN_IN_FIRST, status=401)
    registration = sealing.seal(
        ctx,
        _REGISTRATION,
        {"pool": site.pool_id, "client": client_id, "redirect": redirect_uri, "sub": session.user.sub, "t": ctx.now},
    )
    return pages.render(
        request,
        ctx,
        site,
        "passkey_add.html",
        client_id=client_id,
        script_sources=("'self'",),
        registration=registration,
        username=session.user.username,
        back_href=redirect_uri,
    )


async def _registration(
    request: Request,
) -> tuple[RequestContext, Site, Any, dict[str, Any], dict[str, str]] | Response:
    """A post of the registration page: CSRF-checked, its sealed registration opened, the browser still
    signed in as the user it was made for; or the JSON refusal."""
    ctx = pages.context(request)
    site = pages.site(ctx, request)
    if site is None:
        return _refusal(request, None, pages.GENERIC_ERROR, 404)
    fields = await pages.form(request)
    if fields is None or not pages.csrf_ok(ctx, request, fields):
        return _refusal(request, site, EXPIRED, 403)
    registration = sealing.unseal(ctx, _REGISTRATION, fields.get("registration"))
    if (
        not isinstance(registration, dict)
        or registration.get("pool") != site.pool_id
        or not float(registration.get("t") or 0) + 3600 > ctx.now
    ):
        return _refusal(request, site, EXPIRED)
    session = sessions.current(ctx, request, site.pool)
    if session is None or session.user.sub != registration.get("sub"):
        return _refusal(request, site, SIGN_IN_FIRST, 401)
    return ctx, site, session.user, registration, fields


@http_route("/passkeys/add/options", ("POST",))
@http_route("/{domain}/passkeys/add/options", ("POST",))
async def add_options(request: Request) -> Response:
    """JSON: ``{"options": PublicKeyCredentialCreationOptionsJSON}``, as StartWebAuthnRegistration answers."""
    opened = await _registration(request)
    if isinstance(opened, Response):
        return opened
    ctx, site, user, registration, _ = opened
    ctx.operation = "StartWebAuthnRegistration"
    try:
        created = await run(ctx, webauthn.registration_options, ctx, site.pool, user, str(registration["client"]))
    except AwsError as err:
        return _refusal(request, site, err.message)
    return pages.security_headers(JSONResponse({"options": created}))


@http_route("/passkeys/add", ("POST",))
@http_route("/{domain}/passkeys/add", ("POST",))
async def add_post(request: Request) -> Response:
    """The new credential (``credential``: RegistrationResponseJSON): ``{"location": redirect_uri}`` once it
    is the user's passkey, as CompleteWebAuthnRegistration stores it; or ``{"error": ...}``."""
    opened = await _registration(request)
    if isinstance(opened, Response):
        return opened
    ctx, site, user, registration, fields = opened
    raw = fields.get("credential", "")
    try:
        credential = json.loads(raw) if 0 < len(raw) <= _MAX_CREDENTIAL else None
    except (ValueError, RecursionError):
        credential = None
    if not isinstance(credential, dict):
        return _refusal(request, site, "The passkey could not be read.")
    ctx.operation = "CompleteWebAuthnRegistration"
    try:
        await run(ctx, webauthn.complete_registration, ctx, site.pool, user, str(registration["client"]), credential)
    except AwsError as err:
        return _refusal(request, site, err.message)
    return pages.security_headers(JSONResponse({"location": str(registration["redirect"])}))
