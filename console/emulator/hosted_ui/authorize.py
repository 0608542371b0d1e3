"""``GET /oauth2/authorize``: the authorize request checked as AWS checks it, then single sign-on or /login.

The checks, in AWS's order (COGNITO-FACTS §7.1): the app client must be the domain pool's, and the
``redirect_uri`` exactly one of its CallbackURLs, else an error page (``redirect_mismatch``) and never a
redirect; then errors go back to the ``redirect_uri`` with the state: ``unauthorized_client`` (OAuth not
allowed for the client, or not this flow), ``invalid_request`` (response_type, PKCE parameters),
``invalid_scope``. A browser with a live hosted UI session is answered at once (single sign-on) unless
``prompt=login``, ``max_age`` finds its sign-in too old, or ``acr_values`` ask for a factor it did not
complete (then /login asks for that factor only); otherwise it goes to ``/login`` with the same parameters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.registry import http_route
from console.emulator.user_pools import acr, cimd, clients, session_tracking, webauthn
from console.emulator.user_pools.identity_providers import providers_of

from . import pages, sessions
from .federation import start
from .flow import PendingAuthorization, error_redirect, finish_sign_in
from .pages import Site

RESPONSE_TYPES = {"code": "code", "token": "implicit"}
_PKCE = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")
_MAX_PARAM = 2048
OPENID_SCOPES = {"email", "phone", "profile"}


@dataclass(frozen=True)
class Refusal:
    """Why an authorize request is refused: on an error page (``page``) or back at the redirect URI."""

    error: str
    description: str = ""
    page: bool = False
    pending: PendingAuthorization | None = None


def _one(params: Mapping[str, str], name: str) -> str | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    return value


def validate(ctx: RequestContext, site: Site, params: Mapping[str, str]) -> PendingAuthorization | Refusal:
    """The authorize request in ``params`` (query or form), checked for ``site``'s pool."""
    if any(len(str(v)) > _MAX_PARAM for v in params.values()):
        return Refusal("invalid_request", "A parameter is too long.", page=True)
    client_id = _one(params, "client_id")
    if client_id is None:
        return Refusal("invalid_request", "Required String parameter 'client_id' is not present", page=True)
    try:
        client = clients.get_pool_client(ctx, site.pool_id, client_id)
    except AwsError:
        # A client ID metadata document URL stands for the app client of the CIMD policy it matches.
        metadata_client = cimd.client_for(ctx, site.pool_id, client_id)
        if metadata_client is None:
            return Refusal("invalid_request", "Invalid client_id.", page=True)
        client = metadata_client
    extra = {"client_id": client_id} if "MetadataURL" in client else {}
    client_id = str(client["ClientId"])
    redirect_uri = _one(params, "redirect_uri")
    if redirect_uri is None or redirect_uri not in (client.get("CallbackURLs") or []):
        return Refusal("redirect_mismatch", "The redirect_uri is not registered for this app client.", page=True)
    response_type = _one(params, "response_type")
    state = params.get("state")
    base = PendingAuthorization(
        pool_id=site.pool_id,
        client_id=client_id,
        domain=site.domain,
        redirect_uri=redirect_uri,
        response_type=response_type if response_type in RESPONSE_TYPES else "code",
        scopes=(),
        state=state,
        issued=ctx.now,
    )
    if not client.get("AllowedOAuthFlowsUserPoolClient"):
        return Refusal("unauthorized_client", "Client is not enabled for OAuth2.0 flows.", pending=base)
    if response_type not in RESPONSE_TYPES:
        return Refusal("invalid_request" if response_type is None else "unsupported_response_type", pending=base)
    if RESPONSE_TYPES[response_type] not in (client.get("AllowedOAuthFlows") or []):
        return Refusal("unauthorized_client", pending=base)
    challenge = _one(params, "code_challenge")
    method = _one(params, "code_challenge_method")
    if method is not None and method not in ("S256", "plain"):
        return Refusal("invalid_request", "Unsupported code_challenge_method.", pending=base)
    if method is not None and challenge is None:
        return Refusal("invalid_request", "code_challenge is required with code_challenge_method.", pending=base)
    if challenge is not None:
        if not _PKCE.match(challenge):
            return Refusal("invalid_request", "Invalid code_challenge.", pending=base)
        method = method or "plain"
    allowed = list(client.get("AllowedOAuthScopes") or [])
    asked = _one(params, "scope")
    if asked is None:
        scopes = allowed
    else:
        scopes = [s for s in dict.fromkeys(asked.split()) if s in allowed]
        if not scopes:
            return Refusal("invalid_scope", pending=base)
    if OPENID_SCOPES.intersection(scopes) and "openid" not in scopes:
        return Refusal("invalid_scope", pending=base)
    supported = list(client.get("SupportedIdentityProviders") or [])
    provider = _one(params, "identity_provider")
    identifier = _one(params, "idp_identifier")
    if provider is None and identifier is not None:
        for doc in providers_of(ctx, site.pool_id):
            if identifier in (doc.get("IdpIdentifiers") or []):
                provider = str(doc["ProviderName"])
                break
        if provider is None:
            return Refusal("invalid_request", "Login option is not available. Please try another one", page=True)
    if provider is not None and provider not in supported:
        return Refusal("invalid_request", "Login option is not available. Please try another one", page=True)
    acr_values = _one(params, "acr_values")
    if acr_values is not None:
        if site.pool.get("UserPoolTier") == "LITE":
            return Refusal("invalid_request", "acr_values requires the Essentials or Plus feature plan.", pending=base)
        levels = acr.requested_levels(site.pool, acr_values)
        if levels is None:
            return Refusal("invalid_request", "None of the acr_values is a level of the user pool.", pending=base)
        extra["acr_values"] = " ".join(levels)
    max_age = _one(params, "max_age")
    if max_age is not None:
        if not max_age.isdigit() or len(max_age) > 10:
            return Refusal("invalid_request", "max_age must be a number of seconds.", pending=base)
        extra["max_age"] = str(int(max_age))
    prompt = _one(params, "prompt")
    return PendingAuthorization(
        pool_id=site.pool_id,
        client_id=client_id,
        domain=site.domain,
        redirect_uri=redirect_uri,
        response_type=response_type,
        scopes=tuple(scopes),
        state=state,
        nonce=_one(params, "nonce"),
        code_challenge=challenge,
        code_challenge_method=method if challenge is not None else None,
        identity_provider=provider,
        lang=_one(params, "lang"),
        prompt=prompt if prompt in ("login", "none") else None,
        issued=ctx.now,
        extra=extra,
    )


def refuse(request: Request, ctx: RequestContext, site: Site, refusal: Refusal) -> Response:
    if refusal.page or refusal.pending is None:
        return pages.error_page(request, ctx, site, refusal.description or pages.GENERIC_ERROR, error=refusal.error)
    return error_redirect(refusal.pending, refusal.error, refusal.description or None)


def login_redirect(site: Site, pending: PendingAuthorization, path: str = "/login") -> Response:
    response = RedirectResponse(f"{site.url(path)}?{urlencode(pending.query())}", status_code=302)
    return pages.security_headers(response)


def reusable_session(
    request: Request, ctx: RequestContext, site: Site, pending: PendingAuthorization
) -> sessions.HostedSession | None:
    """The browser's live session when this authorize request may reuse its sign-in (for single sign-on, or
    as the first factor of a step-up); None when the user must sign in with their password again."""
    if pending.prompt == "login":
        return None
    session = sessions.current(ctx, request, site.pool)
    if session is None:
        return None
    # max_age: a session whose sign-in is older than that many seconds does not answer; the user signs in again.
    max_age = pending.extra.get("max_age")
    if max_age is not None and ctx.now - session.auth_time > int(max_age):
        return None
    # Each app client reuses a session only so long after the user's last fresh sign-in (its SSOSession
    # MaxValidityMinutes, SetUserPoolClientSessionConfiguration).
    minutes = session_tracking.sso_max_validity_minutes(ctx, pending.client_id)
    if ctx.now - session.auth_time > minutes * 60:
        return None
    return session


async def answer_or_login(
    request: Request, ctx: RequestContext, site: Site, pending: PendingAuthorization
) -> Response | None:
    """Single sign-on: the answer from the browser's live session, or None when the user must sign in."""
    session = reusable_session(request, ctx, site, pending)
    # acr_values above what the session's sign-in reached: the user is asked for the missing factor
    # (login.py), not answered from the session.
    if session is not None and needs_step_up(ctx, site, pending, session):
        session = None
    if session is None:
        if pending.prompt == "none":
            return error_redirect(pending, "login_required")
        return None
    return await finish_sign_in(
        request,
        ctx,
        pending,
        session.user,
        auth_time=session.auth_time,
        method=session.method,
        new_session=False,
        amr=session.amr,
    )


def needs_step_up(
    ctx: RequestContext, site: Site, pending: PendingAuthorization, session: sessions.HostedSession
) -> bool:
    """Whether the levels the request asks for need a factor the session's sign-in did not complete."""
    wanted = pending.extra.get("acr_values", "").split()
    if not wanted:
        return False
    passkey = webauthn.has_credentials(ctx, session.user)
    return acr.missing_factor(site.pool, wanted, session.user, list(session.amr), passkey=passkey) is not None


@http_route("/oauth2/authorize", ("GET",))
@http_route("/{domain}/oauth2/authorize", ("GET",))
async def authorize(request: Request) -> Response:
    ctx = pages.context(request)
    site = pages.site(ctx, request)
    if site is None:
        return pages.error_page(request, ctx, None, status=404)
    await cimd.prepare(ctx, site.pool_id, request.query_params.get("client_id"))
    checked = validate(ctx, site, request.query_params)
    if isinstance(checked, Refusal):
        return refuse(request, ctx, site, checked)
    answered = await answer_or_login(request, ctx, site, checked)
    if answered is not None:
        return answered
    if checked.identity_provider not in (None, "COGNITO"):
        return await start.redirect_to_provider(
            request, ctx, site, checked, identity_provider=checked.identity_provider
        )
    return login_redirect(site, checked)
