"""The PASSWORD_VERIFIER challenge and the sealed SECRET_BLOCK that SRP answers bring back.

USER_SRP_AUTH, USER_AUTH's PASSWORD_SRP and SRP_A inside CUSTOM_AUTH all issue this challenge; the server's
half of SRP travels to the client sealed in SECRET_BLOCK and is opened (here, for PASSWORD_VERIFIER and
DEVICE_PASSWORD_VERIFIER alike) when the answer comes back. Each block answers once (``claimer``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import not_authorized
from console.emulator.user_pools import keys, users
from console.emulator.user_pools.users import User

from . import sessions, srp
from .steps import INCORRECT, Compute, Flow, check_usable, param, pre_authentication, pre_authentication_not_found


def issue(ctx: RequestContext, flow: Flow, user: User | None, username: str, a_hex: str) -> Compute:
    pool_keys = keys.require(ctx, flow.pool["Id"])
    if user is not None:
        check_usable(flow, user, password_checked=False)
        pre_authentication(ctx, flow, user)
        salt, verifier = user.secret.get("salt"), user.secret.get("verifier")
        user_id = user.username
    else:
        pre_authentication_not_found(ctx, flow, username)
        salt = verifier = None
    if user is None or not salt or not verifier:
        # PreventUserExistenceErrors: a simulated challenge, the same for the same username.
        key = users.username_key(flow.pool, username)
        salt = srp.fake_salt(pool_keys.secret, key)
        verifier = srp.fake_verifier(pool_keys.secret, key)
        user_id = srp.fake_user_id(pool_keys.secret, key) if user is None else user.username

    def then(pair: tuple[str, str]) -> dict[str, Any]:
        b_hex, big_b_hex = pair
        state = {
            "k": "srp",
            "p": flow.pool["Id"],
            "c": flow.client["ClientId"],
            "u": user.username_key if user is not None else None,
            "id": user_id,
            "a": a_hex,
            "b": b_hex,
            "B": big_b_hex,
            "v": verifier,
            "exp": ctx.now + sessions.session_validity(flow.client),
            "f": flow.state(),
        }
        block = srp.seal(pool_keys, state)
        srp.prepare(a_hex, b_hex, big_b_hex, verifier, sessions.session_validity(flow.client))
        return {
            "ChallengeName": "PASSWORD_VERIFIER",
            "ChallengeParameters": {
                "SALT": salt,
                "SECRET_BLOCK": block,
                "SRP_B": big_b_hex,
                "USERNAME": user_id,
                "USER_ID_FOR_SRP": user_id,
            },
        }

    return Compute(srp.server_ephemeral, (verifier,), then)


def open_secret_block(
    ctx: RequestContext, client: dict[str, Any], pool: dict[str, Any], responses: dict[str, str], kind: str
) -> tuple[dict[str, Any], bytes, str, str]:
    """The sealed server state of a PASSWORD_VERIFIER (``srp``) or DEVICE_PASSWORD_VERIFIER (``device``)
    answer, checked to be of that kind, for this client and pool, and unexpired; with the raw block, the
    claimed signature and the timestamp."""
    block_b64 = param(responses, "PASSWORD_CLAIM_SECRET_BLOCK")
    signature = param(responses, "PASSWORD_CLAIM_SIGNATURE")
    timestamp = param(responses, "TIMESTAMP")
    opened = srp.unseal(keys.require(ctx, pool["Id"]), block_b64)
    if opened is None:
        raise not_authorized(INCORRECT)
    state, raw = opened
    if state.get("k") != kind or state.get("c") != client["ClientId"] or state.get("p") != pool["Id"]:
        raise not_authorized(INCORRECT)
    if float(state.get("exp") or 0) <= ctx.now:
        raise not_authorized(sessions.SESSION_EXPIRED)
    return state, raw, signature, timestamp


def claimer(ctx: RequestContext, raw: bytes, expires: float) -> Callable[[], bool]:
    def claim() -> bool:
        return srp.claim_block(ctx, raw, expires)

    return claim
