"""A pool's public discovery documents: ``/{userPoolId}/.well-known/jwks.json`` and ``openid-configuration``.

The JWKS lists the pool's two signing keys (ID tokens, access tokens). The discovery document has the
shape AWS serves for a pool (COGNITO-FACTS §7.6).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.registry import http_route
from console.emulator.core.store import loads

from . import domains, keys, pool_configurations


def _pool_context(request: Request) -> tuple[RequestContext, str]:
    ctx: RequestContext = request.app.state.emulator.context("", request)
    pool_id = request.path_params["pool_id"]
    if not ctx.store.value("SELECT 1 FROM pools WHERE id = ?", (pool_id,)):
        raise AwsError("ResourceNotFoundException", f"User pool {pool_id} does not exist.", 404)
    return ctx, pool_id


def _error(err: AwsError) -> Response:
    return JSONResponse({"__type": err.code, "message": err.message}, status_code=err.status)


@http_route("/{pool_id}/.well-known/jwks.json")
async def jwks(request: Request) -> Response:
    try:
        ctx, pool_id = _pool_context(request)
        pool_keys = await keys.ensure(ctx, pool_id)
    except AwsError as err:
        return _error(err)
    return JSONResponse(pool_keys.jwks())


def discovery(ctx: RequestContext, pool_id: str) -> dict[str, Any]:
    issuer = ctx.issuer(pool_id)
    # Endpoints are where this server answers them, even when the issuer claim has AWS's form.
    here = f"{ctx.base_url}/{pool_id}"
    doc: dict[str, Any] = {
        "id_token_signing_alg_values_supported": ["RS256"],
        "issuer": issuer,
        "jwks_uri": f"{here}/.well-known/jwks.json",
        "response_types_supported": ["code", "token"],
        "scopes_supported": ["openid", "email", "phone", "profile"],
        "subject_types_supported": ["public"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
    }
    # The OAuth endpoints are the pool domain's (hosted_ui/, at {base}/{domain}/...): a pool without a
    # domain has none. The prefix domain is preferred, as it answers on loopback without a DNS name.
    described = sorted(domains.domains_of(ctx, pool_id), key=domains.is_custom)
    if described:
        site = f"{ctx.base_url}/{described[0]['Domain']}"
        doc.update(
            {
                "authorization_endpoint": f"{site}/oauth2/authorize",
                "end_session_endpoint": f"{site}/logout",
                "revocation_endpoint": f"{site}/oauth2/revoke",
                "token_endpoint": f"{site}/oauth2/token",
                "userinfo_endpoint": f"{site}/oauth2/userInfo",
            }
        )
        # With dynamic client registration on, its endpoint is advertised too.
        pool = ctx.store.value("SELECT doc FROM pools WHERE id = ?", (pool_id,))
        if pool is not None and pool_configurations.dcr(loads(pool)) is not None:
            doc["registration_endpoint"] = f"{site}/oauth2/register"
        # [U] With a CIMD policy, URL client IDs are accepted, as the CIMD draft's metadata says.
        if ctx.store.value("SELECT 1 FROM cimd_policies WHERE pool_id = ?", (pool_id,)):
            doc["client_id_metadata_document_supported"] = True
    return dict(sorted(doc.items()))


@http_route("/{pool_id}/.well-known/openid-configuration")
async def openid_configuration(request: Request) -> Response:
    try:
        ctx, pool_id = _pool_context(request)
    except AwsError as err:
        return _error(err)
    return JSONResponse(discovery(ctx, pool_id))
