"""A remembered device in place of MFA: DEVICE_SRP_AUTH and its DEVICE_PASSWORD_VERIFIER answer.

The chain (chain.py) offers DEVICE_SRP_AUTH after a password when the client sent the DEVICE_KEY of a
remembered device; the device then proves its own SRP secret, and the sign-in ends in tokens with no MFA.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, not_authorized
from console.emulator.user_pools import keys, users
from console.emulator.user_pools.users import User

from . import completion, sessions, srp, srp_challenge
from .steps import INCORRECT, Compute, Flow, check_usable, param


def answer_device_srp_auth(ctx: RequestContext, flow: Flow, user: User, responses: dict[str, str]) -> Any:
    device_key = param(responses, "DEVICE_KEY")
    a_hex = param(responses, "SRP_A")
    if not srp.valid_a(a_hex):
        raise invalid_parameter("SRP_A cannot be 0 mod N")
    device = completion.device(ctx, flow.pool, user, device_key)
    if device is None:
        raise AwsError("ResourceNotFoundException", "Device does not exist.")
    if not device.get("remembered"):
        # Only a remembered device stands in for MFA (DEVICE_SRP_AUTH may have been offered for another).
        raise not_authorized(INCORRECT)
    pool_keys = keys.require(ctx, flow.pool["Id"])
    flow.device_key = device_key

    def then(pair: tuple[str, str]) -> dict[str, Any]:
        b_hex, big_b_hex = pair
        state = {
            "k": "device",
            "p": flow.pool["Id"],
            "c": flow.client["ClientId"],
            "u": user.username_key,
            "d": device_key,
            "g": device["group_key"],
            "a": a_hex,
            "b": b_hex,
            "B": big_b_hex,
            "v": device["verifier"],
            "exp": ctx.now + sessions.session_validity(flow.client),
            "f": flow.state(),
        }
        block = srp.seal(pool_keys, state)
        srp.prepare(a_hex, b_hex, big_b_hex, device["verifier"], sessions.session_validity(flow.client))
        return {
            "ChallengeName": "DEVICE_PASSWORD_VERIFIER",
            "ChallengeParameters": {
                "SALT": device["salt"],
                "SECRET_BLOCK": block,
                "SRP_B": big_b_hex,
                "USERNAME": user.username,
                "DEVICE_KEY": device_key,
            },
        }

    return Compute(srp.server_ephemeral, (device["verifier"],), then)


def answer_device_password_verifier(
    ctx: RequestContext,
    client: dict[str, Any],
    pool: dict[str, Any],
    responses: dict[str, str],
    metadata: dict[str, str] | None,
) -> Any:
    state, raw, signature, timestamp = srp_challenge.open_secret_block(ctx, client, pool, responses, "device")
    user = users.by_key(ctx, pool["Id"], state["u"])
    if user is None:
        raise not_authorized(INCORRECT)
    sessions.check_secret_hash(
        ctx, client, responses.get("SECRET_HASH"), responses.get("USERNAME") or "", user.username
    )
    flow = Flow.restore(pool, client, state.get("f") or {}, metadata)
    claim = srp_challenge.claimer(ctx, raw, float(state["exp"]))
    if not srp.fresh_timestamp(timestamp, ctx.now):
        ctx.keep(claim)
        raise not_authorized(INCORRECT)

    def then(key: bytes | None) -> dict[str, Any]:
        if not claim():
            raise not_authorized(INCORRECT)
        ok = srp.check_signature(key, state["g"], state["d"], raw, timestamp, signature)
        if not ok:
            ctx.keep(claim)
            raise not_authorized(INCORRECT)
        try:
            fresh = users.by_key(ctx, user.pool_id, user.username_key) or user
            device = completion.device(ctx, pool, fresh, state["d"])
            if device is None or not device.get("remembered") or device.get("verifier") != state["v"]:
                raise not_authorized(INCORRECT)  # forgotten, no longer remembered, or re-confirmed meanwhile
            check_usable(flow, fresh, password_checked=True)
            flow.device_key = state["d"]
            flow.first_factor = "DEVICE"
            flow.source = "AuthenticateDevice"
            return completion.issue_tokens(ctx, flow, fresh)
        except AwsError:
            ctx.keep(claim)
            raise

    return Compute(srp.session_key, (state["a"], state["b"], state["B"], state["v"]), then)
