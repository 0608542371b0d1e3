"""Authentication context: the ``acr`` and ``amr`` claims of a sign-in that asked for a level (``acr_values``).

A user pool has four fixed authentication levels, named by its AcrConfiguration (``urn:cognito:loa:1`` to
``:4`` by default; pool_configurations.py). An authorize request's ``acr_values`` (space-separated level
names, highest priority first; names the pool does not know are ignored, and a request naming none of its
levels is refused) asks for them; the tokens of that sign-in then carry ``amr``, the methods the user
completed (RFC 8176's names), and ``acr``, the first requested level those methods reach (or, when none is
reached, the level reached). Requesting levels needs the Essentials or Plus feature plan.

The levels, from the methods (an assignment this server makes; [U] AWS documents the levels as fixed
without listing here which combination reaches which):

- Level1: one factor, a password (``pwd``) or a one-time code as the first factor (``otp``, ``sms``).
- Level2: a passkey (``hwk``).
- Level3: a password and a second factor (``pwd`` with ``otp`` (authenticator app or email code) or
  ``sms``, and ``mfa``).
- Level4: a passkey with user verification required by the pool (``hwk``, ``user``, ``mfa``).

The methods are read from the request that completes the sign-in (the challenge it answers, or the flow
it starts). A refreshed token carries neither claim. [U] An email code answers both EMAIL_OTP MFA and a
passwordless first factor; it is taken as MFA where the pool's MFA is on with email codes.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core.context import RequestContext

from . import pool_configurations
from .users import User

_ORDER = pool_configurations.LEVELS


def requested_levels(pool: dict[str, Any], acr_values: str) -> list[str] | None:
    """The pool's level names among ``acr_values``, in their order; None when there is none."""
    known = set(pool_configurations.acr_names(pool).values())
    wanted = [v for v in dict.fromkeys(acr_values.split()) if v in known]
    return wanted or None


def _email_is_mfa(pool: dict[str, Any]) -> bool:
    return (pool.get("MfaConfiguration") or "OFF") != "OFF" and bool(pool.get("EmailMfaConfiguration"))


def methods(ctx: RequestContext, pool: dict[str, Any]) -> list[str]:
    """The ``amr`` of the sign-in this request completes."""
    req = ctx.scratch.request or {}
    challenge = str(req.get("ChallengeName") or "")
    if challenge in ("SOFTWARE_TOKEN_MFA", "MFA_SETUP"):
        return ["pwd", "otp", "mfa"]
    if challenge == "SMS_MFA":
        return ["pwd", "sms", "mfa"]
    if challenge == "EMAIL_OTP":
        return ["pwd", "otp", "mfa"] if _email_is_mfa(pool) else ["otp"]
    if challenge == "SMS_OTP":
        return ["sms"]
    if challenge == "WEB_AUTHN":
        verification = (pool.get("WebAuthnConfiguration") or {}).get("UserVerification")
        return ["hwk", "user", "mfa"] if verification == "required" else ["hwk"]
    # A password (USER_PASSWORD_AUTH, SRP, a new password, a remembered device's password step).
    return ["pwd"]


def _level(amr: list[str]) -> str:
    if "hwk" in amr and "mfa" in amr:
        return "Level4"
    if "mfa" in amr:
        return "Level3"
    if "hwk" in amr:
        return "Level2"
    return "Level1"


def claims(ctx: RequestContext, pool: dict[str, Any], user: User) -> dict[str, Any]:
    """``acr`` and ``amr`` for the tokens this request issues, when its sign-in asked for a level; else {}.

    A federated user's levels would come from the identity provider's answer through its AcrMapping, which
    this server does not read: such a sign-in's tokens carry neither claim."""
    wanted = tuple(getattr(ctx.oauth, "acr_values", ()) or ())
    if not wanted or user.status == "EXTERNAL_PROVIDER":
        return {}
    names = pool_configurations.acr_names(pool)
    amr = methods(ctx, pool)
    reached = _ORDER.index(_level(amr))
    level_of = {name: level for level, name in names.items()}
    acr = next((v for v in wanted if v in level_of and _ORDER.index(level_of[v]) <= reached), names[_ORDER[reached]])
    return {"acr": acr, "amr": amr}
