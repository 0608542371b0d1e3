"""``POST /oauth2/revoke``: revokes a refresh token and every access token issued with it.

AWS's rules (COGNITO-FACTS §7.4): 200 with an empty body, also for a token already revoked or unknown;
400 ``invalid_request`` without a token or when the client has revocation disabled; 400
``unsupported_token_type`` for anything but a refresh token; 401 ``invalid_client``.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from console.emulator.core.errors import AwsError
from console.emulator.core.registry import http_route
from console.emulator.user_pools import tokens

from . import pages
from .flow import run
from .token import OAuthError, authenticate_client, oauth_error


@http_route("/oauth2/revoke", ("POST",))
@http_route("/{domain}/oauth2/revoke", ("POST",))
async def revoke(request: Request) -> Response:
    ctx = pages.context(request)
    site = pages.site(ctx, request)
    if site is None:
        return JSONResponse({"error": "invalid_request"}, status_code=404)
    fields = await pages.form(request)
    try:
        if fields is None or not fields.get("token"):
            raise OAuthError("invalid_request")
        client = authenticate_client(ctx, request, fields, site.pool_id)
        if not tokens.revocation_enabled(client):
            raise OAuthError("invalid_request")
        if tokens.decode_unverified(fields["token"]) is not None:
            raise OAuthError("unsupported_token_type")
        secrets = client.get("ClientSecret")
        req = {"ClientId": client["ClientId"], "Token": fields["token"]}
        if secrets:
            req["ClientSecret"] = secrets
        await run(ctx, tokens.revoke_token, ctx, req)
    except OAuthError as err:
        return oauth_error(err)
    except AwsError as err:
        return oauth_error(OAuthError("invalid_request", 400, err.message))
    return Response(b"", status_code=200, headers={"Cache-Control": "no-store"})
