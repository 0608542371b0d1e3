"""``GET|POST /oauth2/userInfo``: the signed-in user's attributes for an access token with the openid scope.

Errors carry AWS's ``WWW-Authenticate`` header (COGNITO-FACTS §7.3): 400 ``invalid_request`` without a
Bearer token, 401 ``invalid_token`` for a token that is expired, revoked, another pool's, or without
``openid`` (the API's sign-in tokens have no OAuth scopes).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from console.emulator.core.errors import AwsError
from console.emulator.core.registry import http_route
from console.emulator.user_pools import attributes, clients, tokens

from . import pages

_BAD_REQUEST = 'error="invalid_request", error_description="Bad OAuth2 request at UserInfo Endpoint"'
_EXPIRED = "Access token is expired, disabled, or deleted, or the user has globally signed out."
_BAD_TOKEN = f'error="invalid_token", error_description="{_EXPIRED}"'


def _refused(status: int, challenge: str) -> Response:
    error = "invalid_request" if status == 400 else "invalid_token"
    return JSONResponse(
        {"error": error},
        status_code=status,
        headers={"WWW-Authenticate": f"Bearer {challenge}", "Cache-Control": "no-store"},
    )


@http_route("/oauth2/userInfo", ("GET", "POST"))
@http_route("/{domain}/oauth2/userInfo", ("GET", "POST"))
async def user_info(request: Request) -> Response:
    ctx = pages.context(request)
    site = pages.site(ctx, request)
    if site is None:
        return JSONResponse({"error": "invalid_request"}, status_code=404)
    header = request.headers.get("authorization", "")
    if header[:7].lower() != "bearer " or not header[7:].strip() or len(header) > 16384:
        return _refused(400, _BAD_REQUEST)
    try:
        with ctx.store.tx():
            pool, user, claims = tokens.check_access_token(ctx, header[7:].strip())
            client = clients.get_client(ctx, str(claims.get("client_id")))
    except AwsError:
        return _refused(401, _BAD_TOKEN)
    if pool["Id"] != site.pool_id or "openid" not in str(claims.get("scope", "")).split():
        return _refused(401, _BAD_TOKEN)
    readable = attributes.filter_readable(client, user.attrs)
    body: dict[str, str] = {"sub": user.sub}
    for name, value in readable.items():
        if name != "sub" and not name.startswith("dev:"):
            body[name] = value
    body["username"] = user.username
    return JSONResponse(body, headers={"Cache-Control": "no-store"})
