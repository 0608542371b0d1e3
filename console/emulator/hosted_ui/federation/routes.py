"""Where external identity providers answer: ``/{domain}/oauth2/idpresponse`` and ``/{domain}/saml2/idpresponse``.

Both take the state (OIDC ``state``, SAML ``RelayState``) ``start.redirect_to_provider`` sent out, once;
an unknown, used or expired state gets the hosted UI's error page and nothing else happens. Otherwise the
provider's answer is checked (oidc.py, saml.py), the identity's user is found or made (user_pools/linking.py)
and the sign-in ends as every hosted UI sign-in does (flow.finish_sign_in: session and code). A refused
answer goes back to the app's redirect_uri as ``error=invalid_request&error_description=...`` (a provider's
own ``error``, such as ``access_denied``, is passed on), with nothing created.

A SAML response whose RelayState is not a state of ours is IdP-initiated: its RelayState must be an authorize
request (the parameters ``/oauth2/authorize`` takes, checked as it checks them) naming a SAML provider whose
``IDPInit`` is ``true``, and the response must answer no request (no InResponseTo).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.registry import http_route
from console.emulator.user_pools import identity_providers, linking, pools, saml_keys

from .. import authorize, flow, pages, sessions
from . import oidc, saml, start

_PASSED_ON = {"access_denied", "invalid_request", "unauthorized_client", "invalid_scope", "server_error"}
# AWS: "The saml2/idpresponse endpoint can accept SAML assertions of up to 100,000 characters in length."
MAX_SAML_FORM = 160 * 1024


def _params(request: Request, form: dict[str, str] | None) -> dict[str, str]:
    out = dict(request.query_params)
    out.update(form or {})
    return out


async def _signed_in(
    request: Request,
    ctx: RequestContext,
    pending: flow.PendingAuthorization,
    provider_name: str,
    subject: str,
    claims: dict[str, Any],
    issuer: str | None = None,
    assertion: saml.Assertion | None = None,
) -> Response:
    def work() -> Any:
        pool = pools.get_pool(ctx, pending.pool_id)
        provider = identity_providers.get_provider(ctx, pending.pool_id, provider_name)
        user = linking.sign_in(ctx, pool, provider, subject, claims, client_id=pending.client_id, issuer=issuer)
        if assertion is not None:
            expires = ctx.now + sessions.VALIDITY
            saml.remember_session(ctx, pending.pool_id, provider_name, assertion, user.username_key, expires)
        return user

    try:
        if assertion is not None:
            # Used up in its own transaction: a sign-in refused later (a trigger's refusal) keeps it used.
            await flow.run(ctx, saml.consume, ctx, pending.pool_id, assertion)
        user = await flow.run(ctx, work)
    except saml.SamlError as err:
        return flow.error_redirect(pending, "invalid_request", err.description)
    except AwsError as err:
        return flow.error_redirect(pending, "invalid_request", err.message)
    # An OIDC provider's acr and amr, through its AcrMapping, give the tokens' when the app asked for levels.
    provider_claims = claims if assertion is None else None
    return await flow.finish_sign_in(
        request, ctx, pending, user, auth_time=ctx.now, method=provider_name, provider_claims=provider_claims
    )


@http_route("/{domain}/oauth2/idpresponse", ("GET", "POST"))
async def oauth2_idpresponse(request: Request) -> Response:
    """An OIDC or social provider's answer (GET; Sign in with Apple's form_post)."""
    ctx = pages.context(request)
    site = pages.site(ctx, request)
    if site is None:
        return pages.error_page(request, ctx, None, status=404)
    form = await pages.form(request) if request.method == "POST" else None
    params = _params(request, form)
    taken = await flow.run(ctx, start.take, ctx, params.get("state"), site.pool_id)
    if taken is None:
        return pages.error_page(request, ctx, site, "Invalid state.", error="invalid_request")
    pending, provider_name, kept = taken
    if request.method == "GET" and not start.same_browser(request, kept):
        return pages.error_page(request, ctx, site, "Invalid state.", error="invalid_request")
    if params.get("error"):
        error = params["error"] if params["error"] in _PASSED_ON else "invalid_request"
        return flow.error_redirect(pending, error, params.get("error_description"))
    code = params.get("code")
    if not code:
        return flow.error_redirect(pending, "invalid_request", "The identity provider returned no code.")
    try:
        provider = await flow.run(ctx, identity_providers.get_provider, ctx, site.pool_id, provider_name)
    except AwsError:
        return flow.error_redirect(pending, "invalid_request", f"The identity provider {provider_name} is gone.")
    where = oidc.endpoints(provider, ctx.config.social_base_url)
    redirect_uri = start.idp_response_url(request, site, "/oauth2/idpresponse")
    try:
        tokens = await oidc.exchange_code(ctx, provider, where, code=code, redirect_uri=redirect_uri)
        claims = await oidc.user_claims(ctx, provider, where, tokens, nonce=kept.get("nonce"))
        subject = oidc.subject(provider, claims)
    except oidc.FederationError as err:
        return flow.error_redirect(pending, err.error, err.description)
    return await _signed_in(request, ctx, pending, provider_name, subject, claims)


async def saml_form(request: Request) -> dict[str, str] | None:
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_SAML_FORM:
            return None
    try:
        return dict(parse_qsl(body.decode("ascii"), keep_blank_values=True))
    except (UnicodeDecodeError, ValueError):
        return None


def _idp_initiated(
    ctx: RequestContext, site: pages.Site, relay_state: str
) -> tuple[flow.PendingAuthorization, str, dict[str, Any]] | None:
    """An IdP-initiated sign-in: the RelayState is the authorize request (``response_type``, ``client_id``,
    ``redirect_uri``, ``identity_provider`` or ``idp_identifier``, ``scope``), checked as the authorize
    endpoint checks it, for a SAML provider whose IDPInit is true. None otherwise."""
    if not relay_state or len(relay_state) > 8192:
        return None
    params = dict(parse_qsl(relay_state, keep_blank_values=False))
    if "client_id" not in params:
        return None
    checked = authorize.validate(ctx, site, params)
    if isinstance(checked, authorize.Refusal) or not checked.identity_provider:
        return None
    try:
        provider = identity_providers.get_provider(ctx, site.pool_id, checked.identity_provider)
    except AwsError:
        return None
    details = provider.get("ProviderDetails") or {}
    if provider["ProviderType"] != "SAML" or details.get("IDPInit") != "true":
        return None
    return checked, provider["ProviderName"], {"request_id": None}


@http_route("/{domain}/saml2/idpresponse", ("POST",))
async def saml2_idpresponse(request: Request) -> Response:
    """A SAML provider's response (HTTP-POST binding)."""
    ctx = pages.context(request)
    site = pages.site(ctx, request)
    if site is None:
        return pages.error_page(request, ctx, None, status=404)
    form = await saml_form(request)
    if form is None or not form.get("SAMLResponse"):
        return pages.error_page(request, ctx, site, "Invalid samlResponse or relayState from identity provider")
    taken = await flow.run(ctx, start.take, ctx, form.get("RelayState"), site.pool_id)
    if taken is None:
        taken = await flow.run(ctx, _idp_initiated, ctx, site, form.get("RelayState") or "")
    if taken is None:
        return pages.error_page(request, ctx, site, "Invalid samlResponse or relayState from identity provider")
    pending, provider_name, kept = taken
    try:
        provider = await flow.run(ctx, identity_providers.get_provider, ctx, site.pool_id, provider_name)
    except AwsError:
        return flow.error_redirect(pending, "invalid_request", f"The identity provider {provider_name} is gone.")
    acs_url = start.idp_response_url(request, site, "/saml2/idpresponse")
    decryption_key = await flow.run(ctx, saml_keys.private_key, ctx, site.pool_id, provider_name)
    try:
        idp = await saml.metadata(ctx, provider)
        assertion = saml.verify_response(
            ctx,
            provider,
            idp,
            form["SAMLResponse"],
            acs_url=acs_url,
            request_id=kept.get("request_id"),
            decryption_key=decryption_key,
        )
    except saml.SamlError as err:
        return flow.error_redirect(pending, "invalid_request", err.description)
    return await _signed_in(
        request,
        ctx,
        pending,
        provider_name,
        assertion.subject,
        assertion.attributes,
        issuer=assertion.issuer,
        assertion=assertion,
    )
