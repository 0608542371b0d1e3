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
- Level4: a passkey and a second factor: user verification the pool requires (``hwk``, ``user``, ``mfa``),
  or an MFA code after the passkey (``hwk``, ``otp``, ``mfa``).

A federated user's level is the identity provider's ``acr`` through the provider's AcrMapping
(``federated``; an unmapped or missing one is Level1), its ``amr`` the provider's own.

The sign-in engine (auth/) keeps the methods a sign-in has completed in its Flow (``first_methods``, then
``mfa_methods`` for each MFA code) and hands ``result`` the tokens' claims. Elsewhere (a hosted UI sign-in
answered from the browser's session, a sign-in the engine did not run) the methods are the session's, or
read from the request that completes the sign-in. A refreshed token carries neither claim. [U] An email
code answers both EMAIL_OTP MFA and a passwordless first factor; it is taken as MFA where the pool's MFA is
on with email codes.

Step-up: the *target* is the first requested level the user can reach (a second factor needs an MFA
method the user has or may be sent; a passkey level needs a passkey), else the first requested. When the
methods done so far fall short of a target that needs MFA, Cognito asks for the missing factor (an MFA
challenge, even after a passwordless first factor or where the pool's MFA is optional) instead of issuing
tokens: USER_AUTH's TARGET_ACR_VALUES (with an ACCESS_TOKEN, whose methods count as done unless older than
MAX_AGE), and the hosted UI's acr_values, from a fresh sign-in or a session that reached less.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter

from . import mfa_settings, pool_configurations, pools
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


def _uv_required(pool: dict[str, Any]) -> bool:
    return (pool.get("WebAuthnConfiguration") or {}).get("UserVerification") == "required"


def first_methods(pool: dict[str, Any], first_factor: str, code_channel: str | None = None) -> list[str]:
    """The ``amr`` of a first factor (the engine's Flow.first_factor; ``code_channel`` EMAIL_OTP or SMS_OTP
    for a one-time code)."""
    if first_factor == "OTP":
        return ["sms"] if code_channel == "SMS_OTP" else ["otp"]
    if first_factor == "WEB_AUTHN":
        return ["hwk", "user", "mfa"] if _uv_required(pool) else ["hwk"]
    return ["pwd"]


def mfa_methods(challenge: str) -> list[str]:
    """What an answered MFA challenge adds to ``amr``."""
    return ["sms", "mfa"] if challenge == "SMS_MFA" else ["otp", "mfa"]


def merged(done: list[str], more: list[str]) -> list[str]:
    return list(dict.fromkeys([*done, *more]))


def session_methods(pool: dict[str, Any], method: str) -> list[str]:
    """The ``amr`` of a hosted UI session from how it signed in (hosted_ui/sessions.py's ``method``)."""
    if method == "password":
        return ["pwd"]
    if method == "mfa":
        return ["pwd", "otp", "mfa"]
    if method == "otp":
        return ["otp"]
    if method == "passkey":
        return first_methods(pool, "WEB_AUTHN")
    return []  # an external provider's sign-in


def level_index(amr: list[str]) -> int:
    return _ORDER.index(_level(amr))


def target_values(pool: dict[str, Any], tier_feature: str, values: str) -> list[str]:
    """The pool's level names among ``values`` (TARGET_ACR_VALUES), or AWS's error: none known is
    InvalidParameterException, a Lite pool FeatureUnavailableInTierException."""
    if (pool.get("UserPoolTier") or "ESSENTIALS") == "LITE":
        raise AwsError(
            "FeatureUnavailableInTierException", f"{tier_feature} requires the Essentials or Plus feature plan."
        )
    wanted = requested_levels(pool, values)
    if wanted is None:
        raise invalid_parameter("None of the requested TARGET_ACR_VALUES is a valid ACR value of the user pool.")
    return wanted


def mfa_method(pool: dict[str, Any], user: User) -> str | None:
    """The MFA challenge a step-up asks of ``user``: their preferred or first enabled method, else a code by
    SMS or email where the pool offers it and the user has the contact; None when there is none."""
    enabled = mfa_settings.enabled_mfa(pool, user)
    if enabled:
        return mfa_settings.preferred_mfa(pool, user) or enabled[0]
    if pools.totp_mfa_enabled(pool) and user.mfa.get("totp_secret"):
        return "SOFTWARE_TOKEN_MFA"
    if pools.sms_mfa_enabled(pool) and user.attrs.get("phone_number"):
        return "SMS_MFA"
    if pools.email_mfa_enabled(pool) and user.attrs.get("email"):
        return "EMAIL_OTP"
    return None


def target(pool: dict[str, Any], wanted: list[str] | tuple[str, ...], user: User, *, passkey: bool) -> int:
    """The index (0..3) of the level a sign-in aims for: the first of ``wanted`` the user can reach."""
    level_of = {name: level for level, name in pool_configurations.acr_names(pool).items()}
    can_mfa = mfa_method(pool, user) is not None
    indexes = [_ORDER.index(level_of[v]) for v in wanted if v in level_of]
    for index in indexes:
        needs_passkey = index in (1, 3)
        needs_mfa = index >= 2
        if (not needs_passkey or passkey) and (not needs_mfa or can_mfa or (index == 3 and _uv_required(pool))):
            return index
    return indexes[0] if indexes else 0


def missing_factor(
    pool: dict[str, Any], wanted: list[str] | tuple[str, ...], user: User, done: list[str], *, passkey: bool
) -> str | None:
    """The MFA challenge that lifts ``done`` to the target level, or None when it is reached or MFA can't
    lift it (a passkey level after a password)."""
    aim = target(pool, wanted, user, passkey=passkey)
    if level_index(done) >= aim or "mfa" in done or aim < 2:
        return None
    if aim == 3 and "hwk" not in done:
        return None
    return mfa_method(pool, user)


def result(pool: dict[str, Any], wanted: list[str] | tuple[str, ...], amr: list[str]) -> dict[str, Any]:
    """``acr`` and ``amr`` for tokens of a sign-in that asked for ``wanted`` and completed ``amr``."""
    names = pool_configurations.acr_names(pool)
    reached = level_index(amr)
    level_of = {name: level for level, name in names.items()}
    acr = next((v for v in wanted if v in level_of and _ORDER.index(level_of[v]) <= reached), names[_ORDER[reached]])
    return {"acr": acr, "amr": amr}


def federated(
    pool: dict[str, Any], provider: dict[str, Any], provider_claims: dict[str, Any], wanted: list[str] | tuple[str, ...]
) -> dict[str, Any]:
    """``acr`` and ``amr`` for a federated sign-in that asked for ``wanted``: the level is the one the
    provider's AcrMapping maps its ``acr`` to (an unmapped or missing ``acr`` is the lowest, Level1); ``amr``
    is the provider's own, when it gave one (a list of strings, or one string as one method; anything else
    is left out)."""
    mapping = provider.get("AcrMapping") or {}
    given = provider_claims.get("acr")
    level = next((lvl for lvl, value in mapping.items() if given is not None and value == str(given)), "Level1")
    names = pool_configurations.acr_names(pool)
    reached = _ORDER.index(level)
    level_of = {name: lvl for lvl, name in names.items()}
    acr = next((v for v in wanted if v in level_of and _ORDER.index(level_of[v]) <= reached), names[level])
    out: dict[str, Any] = {"acr": acr}
    given_amr = provider_claims.get("amr")
    if isinstance(given_amr, str):
        given_amr = [given_amr]
    amr = [m for m in given_amr if isinstance(m, str)] if isinstance(given_amr, list) else []
    if amr:
        out["amr"] = amr
    return out


def provider_values(pool: dict[str, Any], provider: dict[str, Any], wanted: list[str] | tuple[str, ...]) -> str | None:
    """The ``acr_values`` to send an OIDC identity provider for the pool levels ``wanted``: each through the
    provider's AcrMapping, in order, the levels it does not map left out; None when it maps none."""
    mapping = provider.get("AcrMapping") or {}
    level_of = {name: level for level, name in pool_configurations.acr_names(pool).items()}
    values = [mapping[level_of[v]] for v in wanted if v in level_of and level_of[v] in mapping]
    return " ".join(dict.fromkeys(values)) or None


def claims(ctx: RequestContext, pool: dict[str, Any], user: User) -> dict[str, Any]:
    """``acr`` and ``amr`` for the tokens this request issues, when its sign-in asked for a level; else {}.

    A federated user's come from the identity provider's answer (``federated``), which only the hosted UI's
    federation knows: here they carry neither claim."""
    wanted = tuple(getattr(ctx.oauth, "acr_values", ()) or ())
    if not wanted or user.status == "EXTERNAL_PROVIDER":
        return {}
    return result(pool, wanted, methods(ctx, pool))
