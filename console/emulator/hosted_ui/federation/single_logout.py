"""SAML single logout: ``/logout`` through the identity provider, and ``/{domain}/saml2/logout``.

For a SAML provider whose ``IDPSignout`` is ``true`` (and whose metadata names a SingleLogoutService with the
HTTP-Redirect binding), AWS's sign-out goes through the provider:

- ``GET /logout`` from a browser whose hosted UI session is that provider's sign-in ends the session, then
  sends the browser to the provider's SingleLogoutService with a LogoutRequest for the user's NameID and
  SessionIndex (from the assertion), signed with the pool's signing certificate (GetSigningCertificate) as
  the HTTP-Redirect binding signs, and a RelayState that keeps where ``/logout`` was going (the client's
  ``logout_uri``, or ``/login`` with ``redirect_uri``);
- the provider answers at ``saml2/logout`` with a LogoutResponse (HTTP-POST, as AWS asks; HTTP-Redirect too):
  it must answer that request (InResponseTo), come from the provider (Issuer) to this URL (Destination), and
  verify when signed; then the browser goes on to where ``/logout`` was going;
- a provider's own LogoutRequest at ``saml2/logout`` (IdP-initiated, either binding) must be signed with a
  certificate of its metadata (the HTTP-Redirect binding's signature, or an XML signature): it ends the
  hosted UI sessions that user began with that provider (only those of the SessionIndex it names, when it
  names one), and the browser goes back to the provider with a signed LogoutResponse (Success) and the
  RelayState it came with.

A message that is malformed, unsigned where a signature is required, forged, for another pool or to a
used RelayState gets the hosted UI's error page (400) and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.registry import http_route
from console.emulator.user_pools import identity_providers, keys, session_tracking

from .. import flow, pages, sessions
from ..pages import Site
from . import saml, start
from .routes import saml_form

_INVALID = "Invalid samlResponse or relayState from identity provider"


@dataclass(frozen=True)
class _Received:
    """A message at saml2/logout: its parameters, the raw query string when it came by the HTTP-Redirect
    binding (None by HTTP-POST), and this domain's saml2/logout URL."""

    params: dict[str, str]
    raw_query: str | None
    logout_url: str


def _slo_provider(ctx: RequestContext, pool_id: str, name: str) -> dict[str, Any] | None:
    """The SAML provider ``name`` when it signs users out (IDPSignout, a SingleLogoutService); else None."""
    try:
        provider = identity_providers.get_provider(ctx, pool_id, name)
    except AwsError:
        return None
    details = provider.get("ProviderDetails") or {}
    if provider["ProviderType"] != "SAML" or details.get("IDPSignout") != "true":
        return None
    return provider if details.get("SLORedirectBindingURI") else None


async def sign_out_at_provider(request: Request, ctx: RequestContext, site: Site, destination: str) -> Response | None:
    """The redirect to the identity provider's SingleLogoutService when the browser's session is a sign-in
    through a SAML provider that signs users out, remembering ``destination`` for its LogoutResponse; None
    otherwise (``/logout`` goes straight on). The caller ends the session."""

    def work() -> tuple[dict[str, Any], Any, str, str] | None:
        session = sessions.current(ctx, request, site.pool)
        if session is None:
            return None
        provider = _slo_provider(ctx, site.pool_id, session.method)
        if provider is None:
            return None
        row = ctx.store.one(
            "SELECT * FROM saml_sessions WHERE pool_id = ? AND provider_name = ? AND username_key = ?"
            " ORDER BY expires DESC LIMIT 1",
            (site.pool_id, provider["ProviderName"], session.user.username_key),
        )
        if row is None:
            return None
        request_id = saml.new_request_id()
        kept = {"logout": {"request_id": request_id, "destination": destination}}
        state = start.keep_state(ctx, site.pool_id, provider["ProviderName"], kept)
        return provider, row, request_id, state

    found = await flow.run(ctx, work)
    if found is None:
        return None
    provider, row, request_id, state = found
    target = saml.logout_request_url(
        ctx,
        provider,
        request_id=request_id,
        name_id=row["name_id"],
        name_id_format=row["name_id_format"],
        session_index=row["session_index"],
        relay_state=state,
        signing_key=(await keys.ensure(ctx, site.pool_id)).id_key,
    )
    if target is None:
        return None
    response = RedirectResponse(target, status_code=302)
    response.headers["Cache-Control"] = "no-store"
    return response


def _take(ctx: RequestContext, state: str | None, pool_id: str) -> tuple[str, dict[str, str]] | None:
    """The provider name and the kept logout of a LogoutRequest's RelayState, used up (inside a
    transaction); None when it is not a live one of this pool's."""
    taken = start.take_state(ctx, state, pool_id)
    kept = taken[1].get("logout") if taken is not None else None
    if taken is None or not isinstance(kept, dict):
        return None
    return taken[0], kept


@http_route("/saml2/logout", ("GET", "POST"))
@http_route("/{domain}/saml2/logout", ("GET", "POST"))
async def saml2_logout(request: Request) -> Response:
    """A SAML provider's LogoutResponse (to our LogoutRequest) or LogoutRequest (its own)."""
    ctx = pages.context(request)
    site = pages.site(ctx, request)
    if site is None:
        return pages.error_page(request, ctx, None, status=404)
    if request.method == "POST":
        form = await saml_form(request)
        if form is None:
            return pages.error_page(request, ctx, site, _INVALID, error="invalid_request")
        params, raw_query = form, None
    else:
        params, raw_query = dict(request.query_params), request.url.query
    received = _Received(params, raw_query, start.idp_response_url(request, site, "/saml2/logout"))
    try:
        if params.get("SAMLResponse"):
            return await _logout_response(request, ctx, site, received)
        if params.get("SAMLRequest"):
            return await _logout_request(request, ctx, site, received)
    except saml.SamlError as err:
        return pages.error_page(request, ctx, site, err.description, error="invalid_request")
    return pages.error_page(request, ctx, site, _INVALID, error="invalid_request")


async def _logout_response(request: Request, ctx: RequestContext, site: Site, received: _Received) -> Response:
    params, raw_query = received.params, received.raw_query
    taken = await flow.run(ctx, _take, ctx, params.get("RelayState"), site.pool_id)
    if taken is None:
        return pages.error_page(request, ctx, site, _INVALID, error="invalid_request")
    provider_name, kept = taken
    provider = await flow.run(ctx, _slo_provider, ctx, site.pool_id, provider_name)
    if provider is None:
        return pages.error_page(request, ctx, site, _INVALID, error="invalid_request")
    idp = await saml.metadata(ctx, provider)
    document = saml.binding_document(params["SAMLResponse"], deflated=raw_query is not None)
    if raw_query is not None and "Signature=" in raw_query:
        saml.verify_redirect_signature(idp, raw_query, "SAMLResponse")
    saml.read_logout_response(document, idp, request_id=kept["request_id"], logout_url=received.logout_url)
    response = RedirectResponse(kept["destination"], status_code=302)
    sessions.clear_cookie(response, request)
    return pages.security_headers(response)


async def _logout_request(request: Request, ctx: RequestContext, site: Site, received: _Received) -> Response:
    params, raw_query = received.params, received.raw_query
    document = saml.binding_document(params["SAMLRequest"], deflated=raw_query is not None)
    issuer = saml.peek_issuer(document)
    provider, idp = await _provider_of_issuer(ctx, site, issuer)
    if raw_query is not None:
        saml.verify_redirect_signature(idp, raw_query, "SAMLRequest")
    message = saml.read_logout_request(
        ctx, document, idp, logout_url=received.logout_url, binding_signed=raw_query is not None
    )

    def work() -> None:
        rows = ctx.store.all(
            "SELECT username_key, session_index FROM saml_sessions"
            " WHERE pool_id = ? AND provider_name = ? AND name_id = ?",
            (site.pool_id, provider["ProviderName"], message.name_id),
        )
        for row in rows:
            if message.session_indexes and row["session_index"] not in message.session_indexes:
                continue
            for session in ctx.store.all(
                "SELECT session_id FROM hosted_ui_sessions WHERE pool_id = ? AND username_key = ? AND method = ?",
                (site.pool_id, row["username_key"], provider["ProviderName"]),
            ):
                session_tracking.end_sso(ctx, session["session_id"])
            ctx.store.run(
                "DELETE FROM saml_sessions WHERE pool_id = ? AND provider_name = ? AND name_id = ?",
                (site.pool_id, provider["ProviderName"], message.name_id),
            )

    await flow.run(ctx, work)
    target = saml.logout_response_url(
        ctx,
        provider,
        in_response_to=message.request_id,
        relay_state=params.get("RelayState"),
        signing_key=(await keys.ensure(ctx, site.pool_id)).id_key,
    )
    if target is None:
        return pages.error_page(request, ctx, site, _INVALID, error="invalid_request")
    response = RedirectResponse(target, status_code=302)
    response.headers["Cache-Control"] = "no-store"
    return response


async def _provider_of_issuer(
    ctx: RequestContext, site: Site, issuer: str | None
) -> tuple[dict[str, Any], saml.IdpMetadata]:
    """The pool's SAML provider that signs users out whose metadata's entityID is ``issuer``."""

    def candidates() -> list[dict[str, Any]]:
        return [
            provider
            for doc in identity_providers.providers_of(ctx, site.pool_id)
            if (provider := _slo_provider(ctx, site.pool_id, doc["ProviderName"])) is not None
        ]

    if issuer:
        for provider in await flow.run(ctx, candidates):
            try:
                idp = await saml.metadata(ctx, provider)
            except saml.SamlError:
                continue
            if idp.entity_id == issuer:
                return provider, idp
    raise saml.SamlError("Invalid SAML message: no identity provider of this user pool signs users out as its Issuer.")
