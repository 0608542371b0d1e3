"""The trip out to an external identity provider: which provider, the one-use state, the redirect.

``/oauth2/authorize`` (and ``/login``) with ``identity_provider=<name>`` or ``idp_identifier=<identifier>``
call ``redirect_to_provider``. The pending authorization is kept server-side under a random state (OIDC
``state``, SAML ``RelayState``) that can be used once, within the hour a pending authorization lasts, and
only for the provider and pool it was made for; the nonce sent to an OIDC provider and the ID of a SAML
AuthnRequest are kept with it, so the answer can be checked against them.

An OIDC or social provider answers with a top-level GET, which carries the browser's SameSite=Lax cookies:
the trip is also bound to the browser that started it (``BINDING_COOKIE``, compared in constant time), so a
provider's answer for someone else's sign-in cannot be planted in a victim's browser (login CSRF). SAML's
HTTP-POST binding and Sign in with Apple's form_post arrive as cross-site POSTs, which carry no Lax cookie;
their RelayState / state is one-use and unguessable, and a SAML response must answer the request it names.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.store import dumps, loads
from console.emulator.user_pools import acr, clients, identity_providers, keys, pools

from .. import flow, sessions
from ..pages import Site
from . import oidc, saml

_MAX_STATE = 128
BINDING_COOKIE = "cognito-federation"


def provider_for(
    ctx: RequestContext, pool_id: str, client_id: str, *, name: str | None, identifier: str | None
) -> dict[str, Any] | None:
    """The provider an authorize request names (by name, else by one of its IdpIdentifiers), if the app
    client supports it; else None."""
    provider: dict[str, Any] | None = None
    if name:
        try:
            provider = identity_providers.get_provider(ctx, pool_id, name)
        except AwsError:
            return None
    elif identifier:
        for doc in identity_providers.providers_of(ctx, pool_id):
            if identifier in (doc.get("IdpIdentifiers") or []):
                provider = doc
                break
    if provider is None:
        return None
    client = clients.get_pool_client(ctx, pool_id, client_id)
    if provider["ProviderName"] not in (client.get("SupportedIdentityProviders") or []):
        return None
    return provider


def keep_state(ctx: RequestContext, pool_id: str, provider_name: str, doc: dict[str, Any]) -> str:
    """A new one-use state for a trip to ``provider_name`` that keeps ``doc`` (inside a transaction)."""
    state = secrets.token_urlsafe(32)
    ctx.store.run("DELETE FROM federation_requests WHERE expires < ?", (ctx.now,))
    ctx.store.run(
        "INSERT INTO federation_requests (state, pool_id, provider_name, expires, doc) VALUES (?, ?, ?, ?, ?)",
        (state, pool_id, provider_name, ctx.now + flow.PENDING_VALIDITY, dumps(doc)),
    )
    return state


def take_state(ctx: RequestContext, state: str | None, pool_id: str) -> tuple[str, dict[str, Any]] | None:
    """The provider name and kept document of ``state``, used up (inside a transaction); None when it is
    unknown, used, expired or for another pool."""
    if not state or len(state) > _MAX_STATE:
        return None
    row = ctx.store.one("SELECT * FROM federation_requests WHERE state = ?", (state,))
    if row is None:
        return None
    ctx.store.run("DELETE FROM federation_requests WHERE state = ?", (state,))
    if row["pool_id"] != pool_id or row["expires"] <= ctx.now:
        return None
    return str(row["provider_name"]), loads(row["doc"])


def remember(ctx: RequestContext, pending: flow.PendingAuthorization, provider_name: str, extra: dict[str, Any]) -> str:
    """A new state for ``pending`` on its way to ``provider_name`` (inside a transaction)."""
    return keep_state(ctx, pending.pool_id, provider_name, {"pending": pending.seal(ctx), **extra})


def take(
    ctx: RequestContext, state: str | None, pool_id: str
) -> tuple[flow.PendingAuthorization, str, dict[str, Any]] | None:
    """The pending authorization, provider name and kept values of ``state``, used up (inside a
    transaction); None when it is unknown, used, expired or for another pool."""
    taken = take_state(ctx, state, pool_id)
    if taken is None:
        return None
    provider_name, doc = taken
    pending = flow.PendingAuthorization.open(ctx, doc.get("pending"), pool_id)
    if pending is None:
        return None
    return pending, provider_name, doc


def idp_response_url(request: Request, site: Site, path: str) -> str:
    """This domain's URL of ``path`` (``/oauth2/idpresponse``, ``/saml2/idpresponse``) as the browser sees it."""
    return f"{str(request.base_url).rstrip('/')}{site.url(path)}"


async def redirect_to_provider(
    request: Request,
    ctx: RequestContext,
    site: Site,
    pending: flow.PendingAuthorization,
    *,
    identity_provider: str | None = None,
    idp_identifier: str | None = None,
) -> Response:
    """The 302 that sends the browser to the provider for ``pending``, or an ``error=`` redirect to the app
    when the app client does not support that provider."""

    def work() -> tuple[dict[str, Any] | None, str, dict[str, Any]]:
        provider = provider_for(ctx, site.pool_id, pending.client_id, name=identity_provider, identifier=idp_identifier)
        if provider is None:
            return None, "", {}
        extra: dict[str, Any] = {}
        if provider["ProviderType"] == "SAML":
            extra["request_id"] = saml.new_request_id()
        else:
            extra["nonce"] = secrets.token_urlsafe(24)
            extra["binding"] = secrets.token_urlsafe(24)
            wanted = pending.grant().acr_values
            if wanted and provider.get("AcrMapping"):
                extra["acr_values"] = acr.provider_values(pools.get_pool(ctx, site.pool_id), provider, wanted)
        return provider, remember(ctx, pending, provider["ProviderName"], extra), extra

    provider, state, extra = await flow.run(ctx, work)
    if provider is None:
        return flow.error_redirect(pending, "invalid_request", "The identity provider is not supported by the client.")
    if provider["ProviderType"] == "SAML":
        signing = (provider.get("ProviderDetails") or {}).get("RequestSigningAlgorithm") == "rsa-sha256"
        target = saml.authn_request_url(
            ctx,
            provider,
            request_id=extra["request_id"],
            acs_url=idp_response_url(request, site, "/saml2/idpresponse"),
            relay_state=state,
            signing_key=(await keys.ensure(ctx, site.pool_id)).id_key if signing else None,
        )
        if target is None:
            return flow.error_redirect(pending, "invalid_request", "Unable to reach the SAML identity provider.")
    else:
        where = oidc.endpoints(provider, ctx.config.social_base_url)
        target = oidc.authorize_url(
            provider,
            where,
            redirect_uri=idp_response_url(request, site, "/oauth2/idpresponse"),
            state=state,
            nonce=extra["nonce"],
            acr_values=extra.get("acr_values"),
        )
    response = RedirectResponse(target, status_code=302)
    response.headers["Cache-Control"] = "no-store"
    if "binding" in extra:
        response.set_cookie(
            BINDING_COOKIE,
            extra["binding"],
            max_age=flow.PENDING_VALIDITY,
            path=sessions.cookie_path(request),
            secure=sessions.secure(request),
            httponly=True,
            samesite="lax",
        )
    return response


def same_browser(request: Request, kept: dict[str, Any]) -> bool:
    """Whether the answer came back to the browser that went out (see the module's docstring)."""
    expected = kept.get("binding")
    if not expected:
        return True
    cookie = request.cookies.get(BINDING_COOKIE) or ""
    return hmac.compare_digest(cookie.encode(), str(expected).encode())
