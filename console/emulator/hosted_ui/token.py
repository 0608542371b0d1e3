"""``POST /oauth2/token``: the authorization code, refresh token and client credentials grants.

Clients authenticate with ``client_secret_basic`` or ``client_secret_post``; secrets are compared in
constant time. A code is used up by its first redemption, whatever comes of it, and is redeemed only by
the client it was issued to, with the same ``redirect_uri`` and, where the authorize request carried a
PKCE challenge, the ``code_verifier`` that answers it. Errors are AWS's JSON (COGNITO-FACTS §7.2):
``invalid_request``, ``invalid_client`` (401), ``invalid_grant``, ``unauthorized_client``,
``unsupported_grant_type``, ``invalid_scope``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from typing import Any
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.registry import http_route
from console.emulator.core.store import compact_json
from console.emulator.user_pools import cimd, client_tokens, clients, token_exchange, tokens
from console.emulator.user_pools.keys import b64url

from . import flow, pages

_VERIFIER = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


class OAuthError(Exception):
    def __init__(self, error: str, status: int = 400, description: str | None = None) -> None:
        super().__init__(error)
        self.error = error
        self.status = status
        self.description = description


def oauth_error(err: OAuthError) -> Response:
    body: dict[str, str] = {"error": err.error}
    if err.description:
        body["error_description"] = err.description
    headers = dict(_NO_STORE)
    if err.status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="cognito"'
    return JSONResponse(body, status_code=err.status, headers=headers)


def authenticate_client(
    ctx: RequestContext, request: Request, fields: dict[str, str], pool_id: str, *, secret_required: bool = False
) -> dict[str, Any]:
    """The app client the request authenticates as (Basic credentials or form fields), else OAuthError."""
    client_id = fields.get("client_id") or None
    secret = fields.get("client_secret") or None
    header = request.headers.get("authorization", "")
    if header[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise OAuthError("invalid_client", 401) from None
        basic_id, sep, basic_secret = decoded.partition(":")
        if not sep:
            raise OAuthError("invalid_client", 401)
        basic_id, basic_secret = unquote(basic_id), unquote(basic_secret)
        if client_id is not None and client_id != basic_id:
            raise OAuthError("invalid_client", 401)
        client_id, secret = basic_id, basic_secret
    if client_id is None:
        raise OAuthError("invalid_request")
    try:
        client = clients.get_pool_client(ctx, pool_id, client_id)
    except AwsError:
        # A CIMD client (its client_id a metadata URL) is public: it never authenticates with a secret.
        metadata_client = cimd.client_for(ctx, pool_id, client_id)
        if metadata_client is None or secret is not None:
            raise OAuthError("invalid_client", 401) from None
        return metadata_client
    # The client's document carries its first secret where it has any (clients.get_client).
    if client.get("ClientSecret"):
        if secret is None or not clients.secret_matches(ctx, client_id, secret):
            raise OAuthError("invalid_client", 401)
    elif secret is not None or secret_required:
        raise OAuthError("invalid_client", 401)
    return client


def pkce_answers(method: str | None, challenge: str, verifier: str | None) -> bool:
    if verifier is None or not _VERIFIER.match(verifier):
        return False
    if method == "S256":
        made = b64url(hashlib.sha256(verifier.encode("ascii")).digest())
        return hmac.compare_digest(made, challenge)
    return hmac.compare_digest(verifier, challenge)


def _token_body(issued: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if "IdToken" in issued:
        body["id_token"] = issued["IdToken"]
    body["access_token"] = issued["AccessToken"]
    if "RefreshToken" in issued:
        body["refresh_token"] = issued["RefreshToken"]
    body["expires_in"] = int(issued.get("ExpiresIn") or 3600)
    body["token_type"] = "Bearer"  # noqa: S105 - the OAuth token type, not a password
    return body


async def _authorization_code(ctx: RequestContext, client: dict[str, Any], fields: dict[str, str]) -> dict[str, Any]:
    code = fields.get("code")
    redirect_uri = fields.get("redirect_uri")
    if not code or not redirect_uri:
        raise OAuthError("invalid_request")
    if not client.get("AllowedOAuthFlowsUserPoolClient") or "code" not in (client.get("AllowedOAuthFlows") or []):
        raise OAuthError("unauthorized_client")

    def work() -> dict[str, Any] | None:
        redeemed = flow.redeem_code(ctx, code)
        if redeemed is None:
            return None
        row, issued = redeemed
        if row["client_id"] != client["ClientId"] or row["pool_id"] != client["UserPoolId"]:
            return None
        if not hmac.compare_digest(str(row["redirect_uri"]), redirect_uri):
            return None
        if row["code_challenge"] and not pkce_answers(
            row["code_challenge_method"], str(row["code_challenge"]), fields.get("code_verifier")
        ):
            return None
        return issued

    issued = await flow.run(ctx, work)
    if issued is None:
        raise OAuthError("invalid_grant")
    return _token_body(issued)


async def _refresh_token(ctx: RequestContext, client: dict[str, Any], fields: dict[str, str]) -> dict[str, Any]:
    token = fields.get("refresh_token")
    if not token:
        raise OAuthError("invalid_request")
    rotate, _ = tokens.rotation(client)
    try:
        issued = await flow.run(ctx, lambda: tokens.redeem_refresh_token(ctx, client, token, rotate=rotate))
    except AwsError as err:
        if err.code in ("NotAuthorizedException", "RefreshTokenReuseException", "UserNotFoundException"):
            raise OAuthError("invalid_grant") from None
        raise
    return _token_body(issued)


async def _client_credentials(ctx: RequestContext, client: dict[str, Any], fields: dict[str, str]) -> dict[str, Any]:
    if not client.get("AllowedOAuthFlowsUserPoolClient") or "client_credentials" not in (
        client.get("AllowedOAuthFlows") or []
    ):
        raise OAuthError("unauthorized_client")
    scope = fields.get("scope")
    requested = scope.split() if scope else None
    try:
        issued = await flow.run(
            ctx,
            lambda: client_tokens.issue_client_token(
                ctx, client["UserPoolId"], client["ClientId"], requested, client=client
            ),
        )
    except AwsError as err:
        if err.code == "InvalidParameterException":
            raise OAuthError("invalid_scope") from None
        raise
    return {"access_token": issued.access_token, "expires_in": issued.expires_in, "token_type": "Bearer"}


async def _token_exchange(ctx: RequestContext, client: dict[str, Any], fields: dict[str, str]) -> dict[str, Any]:
    try:
        exchange = token_exchange.exchange_from_form(fields)
        issued = await flow.run(ctx, token_exchange.exchange_token, ctx, client, exchange)
    except token_exchange.ExchangeRefused as err:
        raise OAuthError(err.oauth_error, 400, err.message) from None
    except AwsError as err:
        raise OAuthError("invalid_grant", 400, err.message) from None
    return token_exchange.oauth_body(issued)


@http_route("/oauth2/token", ("POST",))
@http_route("/{domain}/oauth2/token", ("POST",))
async def token(request: Request) -> Response:
    ctx = pages.context(request)
    # The grants read the pool again and again (the domain's, the client's, the token's) and change none.
    ctx.pool_documents = {}
    pool_id = pages.site_pool_id(ctx, request)
    if pool_id is None:
        return JSONResponse({"error": "invalid_request"}, status_code=404, headers=_NO_STORE)
    fields = await pages.form(request)
    try:
        if fields is None:
            raise OAuthError("invalid_request")
        grant_type = fields.get("grant_type")
        if not grant_type:
            raise OAuthError("invalid_request")
        if grant_type not in ("authorization_code", "refresh_token", "client_credentials", token_exchange.GRANT_TYPE):
            raise OAuthError("unsupported_grant_type")
        await cimd.prepare(ctx, pool_id, fields.get("client_id"))
        client = authenticate_client(ctx, request, fields, pool_id, secret_required=grant_type == "client_credentials")
        if grant_type == "authorization_code":
            body = await _authorization_code(ctx, client, fields)
        elif grant_type == "refresh_token":
            body = await _refresh_token(ctx, client, fields)
        elif grant_type == token_exchange.GRANT_TYPE:
            body = await _token_exchange(ctx, client, fields)
        else:
            body = await _client_credentials(ctx, client, fields)
    except OAuthError as err:
        return oauth_error(err)
    except AwsError as err:
        return oauth_error(OAuthError("invalid_request", 400, err.message))
    return Response(compact_json(body), media_type="application/json", headers=_NO_STORE)
