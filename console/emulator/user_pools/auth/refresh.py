"""Tokens from a refresh token: REFRESH_TOKEN_AUTH (InitiateAuth) and GetTokensFromRefreshToken.

REFRESH_TOKEN_AUTH never rotates the refresh token, and is refused for a client that rotates them; such a
client calls GetTokensFromRefreshToken, which rotates (or not) as the client's settings say.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import not_authorized
from console.emulator.core.registry import idp
from console.emulator.user_pools import activity, clients, flow_hooks, tokens

from . import sessions
from .steps import Flow, param


def refresh(ctx: RequestContext, flow: Flow, params: dict[str, str]) -> dict[str, Any]:
    token = param(params, "REFRESH_TOKEN")
    rotating, _ = tokens.rotation(flow.client)
    if rotating:
        raise not_authorized("Refresh token rotation is enabled for this client; use GetTokensFromRefreshToken.")
    user = tokens.refresh_token_user(ctx, flow.client, token)
    names = [params.get("USERNAME") or ""] + ([user.username, user.sub] if user else [])
    sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), *names)
    result = activity.counted(
        ctx,
        "TokenRefreshSuccesses",
        flow.pool["Id"],
        flow.client["ClientId"],
        lambda: tokens.redeem_refresh_token(ctx, flow.client, token, rotate=False, device_key=flow.device_key),
    )
    return {"AuthenticationResult": result, "ChallengeParameters": {}}


@idp("GetTokensFromRefreshToken", public=True)
def get_tokens_from_refresh_token(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client = clients.get_client(ctx, req["ClientId"])
    flow_hooks.begin(ctx, req, client)
    if not clients.authenticates(ctx, client["ClientId"], req.get("ClientSecret")):
        raise not_authorized(f"Unable to verify secret hash for client {client['ClientId']}")
    rotating, _ = tokens.rotation(client)
    result = activity.counted(
        ctx,
        "TokenRefreshSuccesses",
        client["UserPoolId"],
        client["ClientId"],
        lambda: tokens.redeem_refresh_token(
            ctx, client, req["RefreshToken"], rotate=rotating, device_key=req.get("DeviceKey")
        ),
    )
    return {"AuthenticationResult": result}
