"""``POST /oauth2/register``: dynamic client registration (RFC 7591) at a user pool domain.

With the pool's DcrConfiguration on (Essentials or Plus), an application registers its own app client
(``ClientType: DCR``) by posting its client metadata as JSON. *Authenticated registration* sends an initial
access token of the pool, one carrying the system scope ``aws.cognito/dcr/register`` (a client credentials
token of an app client allowed that scope), as a bearer token; *open registration* (``OpenDcrEnabled``)
sends none. Each kind allows its own grant types (AuthenticatedGrantTypes: ``code`` and
``client_credentials`` by default; OpenDcrGrantTypes: ``code`` by default; an empty list refuses every
registration of that kind; ``implicit`` is ignored). Scopes: the OIDC scopes, and those in AllowedScopes,
never ``aws.cognito/dcr/register``.

Metadata the configuration forbids, or that an app client cannot have, is refused with RFC 7591's errors
(``invalid_redirect_uri``, ``invalid_client_metadata``) and nothing is registered. The answer is 201 with
the registered metadata, ``client_id``, ``client_id_issued_at`` and, for a confidential client
(``client_secret_basic`` or ``client_secret_post``; always with ``client_credentials``), ``client_secret``
with ``client_secret_expires_at: 0``. [U] AWS's exact answers to a disabled configuration and to a missing
or wrong initial access token are not documented: 404 ``invalid_request`` and 401 ``invalid_token`` here.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response

from console.emulator.core import fetch
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.registry import http_route
from console.emulator.user_pools import clients, keys, pool_configurations, tokens

from . import flow, pages

MAX_BODY = 64 * 1024
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
_CLIENT_NAME = re.compile(r"^[\w\s+=,.@-]{1,128}$")
_GRANTS = {"authorization_code": "code", "client_credentials": "client_credentials"}
_AUTH_METHODS = ("none", "client_secret_basic", "client_secret_post")
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


class RegistrationError(Exception):
    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


def _answer(err: RegistrationError) -> Response:
    headers = dict(_NO_STORE)
    if err.status == 401:
        headers["WWW-Authenticate"] = f'Bearer error="{err.error}"'
    return JSONResponse(
        {"error": err.error, "error_description": err.description}, status_code=err.status, headers=headers
    )


async def _json_body(request: Request) -> dict[str, Any]:
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != "application/json":
        raise RegistrationError("invalid_client_metadata", "The request body must be application/json.")
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:
                raise RegistrationError("invalid_client_metadata", "The client metadata is too large.")
            chunks.append(chunk)
    except ClientDisconnect:
        raise RegistrationError("invalid_client_metadata", "The request body is incomplete.") from None
    raw = b"".join(chunks)
    try:
        body = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise RegistrationError("invalid_client_metadata", "The client metadata is not a JSON object.") from None
    if not isinstance(body, dict):
        raise RegistrationError("invalid_client_metadata", "The client metadata is not a JSON object.")
    if b"\\u" in raw and not fetch.encodable(body):
        raise RegistrationError("invalid_client_metadata", "The client metadata holds a lone surrogate escape.")
    return body


def _initial_access_token(ctx: RequestContext, pool_id: str, header: str) -> bool:
    """Whether the bearer token is a live access token of the pool with the registration scope."""
    token = header[7:].strip()
    verified = tokens.verify_jwt(ctx, token)
    if verified is None or verified[0] != pool_id:
        return False
    _, head, claims = verified
    pool_keys = keys.require(ctx, pool_id)
    if head.get("kid") != pool_keys.access_kid or claims.get("token_use") != "access":
        return False
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or exp <= ctx.now:
        return False
    if pool_configurations.DCR_SCOPE not in str(claims.get("scope") or "").split():
        return False
    client_id = str(claims.get("client_id") or "")
    return ctx.store.value("SELECT 1 FROM clients WHERE id = ? AND pool_id = ?", (client_id, pool_id)) is not None


def _strings(metadata: dict[str, Any], name: str, default: list[str]) -> list[str]:
    value = metadata.get(name, default)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RegistrationError("invalid_client_metadata", f"{name} must be an array of strings.")
    return list(dict.fromkeys(value))


def _redirect_uris(metadata: dict[str, Any]) -> list[str]:
    try:
        uris = _strings(metadata, "redirect_uris", [])
    except RegistrationError:
        raise RegistrationError("invalid_redirect_uri", "redirect_uris must be an array of URIs.") from None
    if len(uris) > 100:
        raise RegistrationError("invalid_redirect_uri", "At most 100 redirect_uris can be registered.")
    for uri in uris:
        try:
            parts = urlsplit(uri)
            host = parts.hostname or ""
        except ValueError:
            raise RegistrationError("invalid_redirect_uri", f"Invalid redirect_uri: {uri}") from None
        secure = parts.scheme == "https" or (parts.scheme == "http" and host in _LOOPBACK)
        custom = parts.scheme not in ("http", "https", "") and parts.scheme.isascii()
        if (
            len(uri) > 1024
            or "#" in uri
            or not uri.isprintable()
            or any(c.isspace() for c in uri)
            or not ((secure and parts.netloc) or custom)
        ):
            raise RegistrationError("invalid_redirect_uri", f"Invalid redirect_uri: {uri}")
    return uris


def _client_request(pool: dict[str, Any], metadata: dict[str, Any], allowed_grants: list[str]) -> dict[str, Any]:
    """The CreateUserPoolClient request for ``metadata``, or RegistrationError."""
    config = pool_configurations.dcr(pool) or {}
    grant_types = _strings(metadata, "grant_types", ["authorization_code"])
    flows: list[str] = []
    for grant in grant_types:
        if grant == "refresh_token":
            continue  # every code-flow client gets refresh tokens
        flow_name = _GRANTS.get(grant)
        if flow_name is None or flow_name not in allowed_grants:
            raise RegistrationError("invalid_client_metadata", f"The grant type {grant} is not allowed.")
        flows.append(flow_name)
    if not flows:
        raise RegistrationError(
            "invalid_client_metadata", "grant_types must include authorization_code or client_credentials."
        )
    if "client_credentials" in flows and len(flows) > 1:
        raise RegistrationError(
            "invalid_client_metadata", "client_credentials can not be registered along with authorization_code."
        )
    response_types = _strings(metadata, "response_types", ["code"] if "code" in flows else [])
    if any(r != "code" for r in response_types) or (response_types and "code" not in flows):
        raise RegistrationError("invalid_client_metadata", "The only response type is code, with authorization_code.")
    method = metadata.get("token_endpoint_auth_method", "client_secret_basic")
    if method not in _AUTH_METHODS:
        raise RegistrationError("invalid_client_metadata", f"Unsupported token_endpoint_auth_method: {method}.")
    if "client_credentials" in flows and method == "none":
        raise RegistrationError("invalid_client_metadata", "client_credentials needs a confidential client.")
    redirect_uris = _redirect_uris(metadata)
    if "code" in flows and not redirect_uris:
        raise RegistrationError("invalid_redirect_uri", "redirect_uris are required with authorization_code.")
    scope = metadata.get("scope")
    if scope is not None and not isinstance(scope, str):
        raise RegistrationError("invalid_client_metadata", "scope must be a string.")
    extra = [s for s in config.get("AllowedScopes") or [] if s != pool_configurations.DCR_SCOPE]
    if "client_credentials" in flows:
        allowed_scopes = [s for s in extra if "/" in s]
        default_scopes = allowed_scopes
    else:
        allowed_scopes = [*pool_configurations.OIDC_SCOPES, *extra]
        default_scopes = ["openid"]
    scopes = list(dict.fromkeys(scope.split())) if scope and scope.split() else default_scopes
    for s in scopes:
        if s not in allowed_scopes:
            raise RegistrationError("invalid_client_metadata", f"The scope {s} is not allowed.")
    if not scopes:
        raise RegistrationError("invalid_client_metadata", "No scope can be registered for this client.")
    if {"email", "phone", "profile"} & set(scopes) and "openid" not in scopes:
        raise RegistrationError("invalid_client_metadata", "The scopes email, phone and profile need openid.")
    name = metadata.get("client_name", "dynamic client")
    if not isinstance(name, str) or not _CLIENT_NAME.match(name):
        raise RegistrationError(
            "invalid_client_metadata", "client_name must be 1 to 128 letters, digits, spaces or +=,.@-"
        )
    req: dict[str, Any] = {
        "UserPoolId": pool["Id"],
        "ClientName": name,
        "GenerateSecret": method != "none",
        "AllowedOAuthFlowsUserPoolClient": True,
        "AllowedOAuthFlows": flows,
        "AllowedOAuthScopes": scopes,
    }
    if "code" in flows:
        req["CallbackURLs"] = redirect_uris
        req["SupportedIdentityProviders"] = ["COGNITO"]
    return {"request": req, "method": method, "grant_types": grant_types, "response_types": response_types}


def _register(ctx: RequestContext, pool: dict[str, Any], plan: dict[str, Any]) -> dict[str, Any]:
    answer: Any = clients.create_user_pool_client(ctx, plan["request"])
    created = answer["UserPoolClient"]
    ctx.store.run("UPDATE clients SET doc = json_set(doc, '$.ClientType', 'DCR') WHERE id = ?", (created["ClientId"],))
    req = plan["request"]
    body: dict[str, Any] = {"client_id": created["ClientId"], "client_id_issued_at": int(ctx.now)}
    if created.get("ClientSecret"):
        body["client_secret"] = created["ClientSecret"]
        body["client_secret_expires_at"] = 0
    body["client_name"] = req["ClientName"]
    if req.get("CallbackURLs"):
        body["redirect_uris"] = req["CallbackURLs"]
    body["grant_types"] = plan["grant_types"]
    if plan["response_types"]:
        body["response_types"] = plan["response_types"]
    body["token_endpoint_auth_method"] = plan["method"]
    body["scope"] = " ".join(req["AllowedOAuthScopes"])
    return body


@http_route("/oauth2/register", ("POST",))
@http_route("/{domain}/oauth2/register", ("POST",))
async def register(request: Request) -> Response:
    ctx = pages.context(request)
    site = pages.site(ctx, request)
    if site is None:
        return JSONResponse({"error": "invalid_request"}, status_code=404, headers=_NO_STORE)
    try:
        config = pool_configurations.dcr(site.pool)
        if config is None:
            raise RegistrationError(
                "invalid_request", "Dynamic client registration is not enabled for this user pool.", 404
            )
        header = request.headers.get("authorization", "")
        if header:
            if header[:7].lower() != "bearer " or not _initial_access_token(ctx, site.pool_id, header):
                raise RegistrationError("invalid_token", "The initial access token is invalid.", 401)
            grants = config.get("AuthenticatedGrantTypes")
            allowed = list(pool_configurations.DEFAULT_AUTHENTICATED_GRANTS if grants is None else grants)
        else:
            if not config.get("OpenDcrEnabled"):
                raise RegistrationError("invalid_token", "An initial access token is required.", 401)
            grants = config.get("OpenDcrGrantTypes")
            allowed = list(pool_configurations.DEFAULT_OPEN_GRANTS if grants is None else grants)
        allowed = [g for g in allowed if g != "implicit"]
        if not allowed:
            raise RegistrationError("access_denied", "This kind of registration is not allowed.", 403)
        metadata = await _json_body(request)
        plan = _client_request(site.pool, metadata, allowed)
        try:
            body = await flow.run(ctx, _register, ctx, site.pool, plan)
        except AwsError as err:
            kind = "invalid_redirect_uri" if "URL" in err.message or "URI" in err.message else "invalid_client_metadata"
            raise RegistrationError(kind, err.message) from None
    except RegistrationError as err:
        return _answer(err)
    return JSONResponse(body, status_code=201, headers=_NO_STORE)
