"""Machine-to-machine access tokens: GetClientToken, and the token every client-credentials grant issues.

An M2M access token authorizes an app client, not a user: ``sub`` and ``client_id`` are the client's ID,
``scope`` holds custom scopes of the pool's resource servers, and there is neither an ID nor a refresh
token. AWS's claims, in AWS's order: ``sub``, ``token_use``, ``scope``, ``auth_time``, ``iss``, ``exp``,
``iat``, ``version`` (2), ``jti``, ``client_id``. A Pre Token Generation trigger of event version V3_0 is
invoked for them (trigger source ``TokenGeneration_ClientCredentials``); V1_0 and V2_0 functions are not.

``issue_client_token`` is the one way to make such a token: GetClientToken here and the hosted UI's
``/oauth2/token`` ``client_credentials`` grant both call it, each after authenticating the client its own
way (the ALLOW_CLIENT_TOKEN_AUTH flow and ``Secret`` here; the ``client_credentials`` OAuth flow and Basic
or form credentials there).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, not_authorized
from console.emulator.core.registry import idp

from . import clients, keys, pools, pre_token, resource_servers, tokens, triggers

TRIGGER_SOURCE = "TokenGeneration_ClientCredentials"


@dataclass(frozen=True)
class ClientToken:
    """An issued M2M access token: ``access_token`` lasts ``expires_in`` seconds and grants ``scopes``."""

    access_token: str
    expires_in: int
    scopes: tuple[str, ...]


def granted_scopes(ctx: RequestContext, client: Mapping[str, Any], requested: list[str] | None) -> list[str]:
    """The scopes a token for ``client`` carries when ``requested`` are asked for (None or empty: all the
    client's custom scopes).

    Each requested scope must be a custom scope (``resource-server-identifier/scope-name``) of a resource
    server of the pool and one of the client's ``AllowedOAuthScopes``: InvalidParameterException
    "Invalid scope requested: <scope>" otherwise; a client with no custom scopes at all gets
    InvalidParameterException too.
    """
    defined = resource_servers.custom_scopes(ctx, client["UserPoolId"])
    allowed = [s for s in client.get("AllowedOAuthScopes") or [] if s in defined]
    if not requested:
        if not allowed:
            raise invalid_parameter(f"Client {client['ClientId']} is not allowed any custom scopes.")
        return allowed
    out: list[str] = []
    for scope in dict.fromkeys(requested):
        if scope not in defined or scope not in allowed:
            raise invalid_parameter(f"Invalid scope requested: {scope}")
        out.append(scope)
    return out


def _pre_token_generation(
    ctx: RequestContext,
    pool: dict[str, Any],
    client_id: str,
    scopes: list[str],
    client_metadata: Mapping[str, str] | None,
) -> pre_token.TokenCustomization:
    """Invoke a V3_0 Pre Token Generation function for the client credentials token, if there is one."""
    if not triggers.configured(pool, "PreTokenGeneration") or triggers.pre_token_version(pool) != "V3_0":
        return pre_token.TokenCustomization()
    request: dict[str, Any] = {
        "userAttributes": {},
        "groupConfiguration": {"groupsToOverride": [], "iamRolesToOverride": [], "preferredRole": None},
        "scopes": list(scopes),
    }
    if client_metadata:
        request["clientMetadata"] = dict(client_metadata)
    event = triggers.pre_token_event(ctx, pool, client_id, client_id, TRIGGER_SOURCE, request)
    answered = triggers.invoke(ctx, pool, "PreTokenGeneration", event) or {}
    custom = pre_token.customization("V3_0", answered.get("response") or {})
    # An M2M token has no ID token and no groups: only the access token's part applies.
    return pre_token.TokenCustomization(
        access_add=custom.access_add,
        access_suppress=custom.access_suppress,
        scopes_add=custom.scopes_add,
        scopes_suppress=custom.scopes_suppress,
    )


def issue_client_token(
    ctx: RequestContext,
    pool_id: str,
    client_id: str,
    scopes: list[str] | None,
    *,
    client_metadata: Mapping[str, str] | None = None,
    client: dict[str, Any] | None = None,
) -> ClientToken:
    """Issue the M2M access token of app client ``client_id`` of pool ``pool_id`` for ``scopes``.

    The caller has authenticated the client (its secret, compared in constant time) and checked that the
    client may use its grant. ``scopes`` None or empty means every custom scope the client is allowed
    (``granted_scopes`` says which are refused, with InvalidParameterException). ``client_metadata``
    reaches a V3_0 Pre Token Generation function as ``request.clientMetadata``; its errors are the
    trigger's AwsErrors (UserLambdaValidationException...). ResourceNotFoundException if the pool or the
    client does not exist. Must run inside a transaction (a request handler's). ``expires_in`` is the
    client's access token validity. ``client``: the app client's document, when the caller has read it.
    """
    pool = pools.get_pool(ctx, pool_id)
    if client is None or client.get("UserPoolId") != pool_id or client.get("ClientId") != client_id:
        client = clients.get_pool_client(ctx, pool_id, client_id)
    granted = granted_scopes(ctx, client, scopes)
    custom = _pre_token_generation(ctx, pool, client_id, granted, client_metadata)
    now = int(ctx.now)
    validity = tokens.access_validity(client)
    claims: dict[str, Any] = {
        "sub": client_id,
        "token_use": "access",
        "scope": " ".join(granted),
        "auth_time": now,
        "iss": ctx.issuer(pool_id),
        "exp": now + validity,
        "iat": now,
        "version": 2,
        "jti": str(uuid.uuid4()),
        "client_id": client_id,
    }
    custom.apply_access(claims)
    token = tokens.sign_access_token(ctx, keys.require(ctx, pool_id), claims)
    return ClientToken(token, validity, tuple(str(claims.get("scope") or "").split()))


@idp("GetClientToken", public=True)
def get_client_token(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client = clients.get_client(ctx, req["ClientId"])
    # Every secret is compared, in constant time, whichever matches.
    if not clients.secret_matches(ctx, client["ClientId"], req["Secret"]):
        raise not_authorized(f"Unable to verify secret for client {client['ClientId']}")
    if clients.CLIENT_TOKEN_FLOW not in (client.get("ExplicitAuthFlows") or []):
        raise AwsError("InvalidParameterException", "CLIENT_TOKEN_AUTH flow not enabled for this client")
    issued = issue_client_token(
        ctx,
        client["UserPoolId"],
        client["ClientId"],
        req.get("Scopes"),
        client_metadata=req.get("ClientMetadata"),
        client=client,
    )
    return {
        "ClientAuthenticationResult": {
            "AccessToken": issued.access_token,
            "ExpiresIn": issued.expires_in,
            "TokenType": "Bearer",
        }
    }
