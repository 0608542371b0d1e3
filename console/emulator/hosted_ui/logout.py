"""``GET /logout``: ends the hosted UI session, then goes to a registered sign-out URL or back to /login.

AWS takes ``client_id`` with either ``logout_uri`` (exactly one of the client's LogoutURLs) or
``redirect_uri`` + ``response_type`` (+ ``state``, ``scope``...), which sends the browser to ``/login``
with those parameters, checked as an authorize request is. Anything else is an error page, never a
redirect.

When the session is a sign-in through a SAML provider whose ``IDPSignout`` is ``true``, the browser goes to
the provider's SingleLogoutService first and on from ``saml2/logout`` (federation/single_logout.py).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from console.emulator.core.errors import AwsError
from console.emulator.core.registry import http_route
from console.emulator.user_pools import clients

from . import authorize, pages, sessions
from .authorize import Refusal
from .federation import single_logout
from .flow import run


@http_route("/logout", ("GET",))
@http_route("/{domain}/logout", ("GET",))
async def logout(request: Request) -> Response:
    ctx = pages.context(request)
    site = pages.site(ctx, request)
    if site is None:
        return pages.error_page(request, ctx, None, status=404)
    params = request.query_params
    client_id = params.get("client_id") or ""
    try:
        client = clients.get_pool_client(ctx, site.pool_id, client_id)
    except AwsError:
        return pages.error_page(
            request, ctx, site, "Required String parameter 'client_id' is not present", error="invalid_request"
        )
    logout_uri = params.get("logout_uri")
    if logout_uri is not None:
        if logout_uri not in (client.get("LogoutURLs") or []):
            return pages.error_page(
                request, ctx, site, "The logout_uri is not registered for this app client.", error="redirect_mismatch"
            )
        response: Response = RedirectResponse(logout_uri, status_code=302)
    else:
        checked = authorize.validate(ctx, site, params)
        if isinstance(checked, Refusal):
            return authorize.refuse(request, ctx, site, checked)
        response = authorize.login_redirect(site, checked)
    through_provider = await single_logout.sign_out_at_provider(request, ctx, site, response.headers["location"])
    if through_provider is not None:
        response = through_provider
    await run(ctx, sessions.end, ctx, request)
    sessions.clear_cookie(response, request)
    return pages.security_headers(response)
