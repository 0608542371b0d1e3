"""The Pre Token Generation trigger: the claims and scopes it adds, overrides and suppresses (V1, V2, V3)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError

from . import triggers, users
from .flow_hooks import client_id_of

_PROTECTED = frozenset(
    {
        "iss", "sub", "aud", "exp", "iat", "auth_time", "jti", "origin_jti", "token_use", "cognito:username",
        "nonce", "at_hash", "identities", "acr", "amr", "event_id", "client_id", "username", "device_key",
        "version", "scope",
    }
)  # fmt: skip


# The operations whose ClientMetadata reaches PreTokenGeneration (InitiateAuth's goes only to PreSignUp,
# PreAuthentication and UserMigration, as the model's ClientMetadata documentation says).
_METADATA_TO_PRE_TOKEN = frozenset(
    {"RespondToAuthChallenge", "AdminRespondToAuthChallenge", "GetTokensFromRefreshToken"}
)


@dataclass
class TokenCustomization:
    """What PreTokenGeneration answered, applied to the claims before signing."""

    id_add: dict[str, Any] = field(default_factory=dict)
    id_suppress: list[str] = field(default_factory=list)
    access_add: dict[str, Any] = field(default_factory=dict)
    access_suppress: list[str] = field(default_factory=list)
    scopes_add: list[str] = field(default_factory=list)
    scopes_suppress: list[str] = field(default_factory=list)
    groups: dict[str, Any] | None = None  # replaces the group claims when set

    def apply_id(self, claims: dict[str, Any]) -> None:
        _apply(claims, self.id_add, self.id_suppress)

    def apply_access(self, claims: dict[str, Any]) -> None:
        _apply(claims, self.access_add, self.access_suppress)
        if self.scopes_add or self.scopes_suppress:
            scopes = [s for s in str(claims.get("scope") or "").split() if s]
            scopes += [s for s in self.scopes_add if s not in scopes]
            claims["scope"] = " ".join(s for s in scopes if s not in self.scopes_suppress)


def _apply(claims: dict[str, Any], add: Mapping[str, Any], suppress: Iterable[str]) -> None:
    for name, value in add.items():
        if name not in _PROTECTED:
            claims[name] = value
    for name in suppress:
        if name not in _PROTECTED:
            claims.pop(name, None)


def _group_claims(details: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    groups = details.get("groupsToOverride")
    if groups:
        out["cognito:groups"] = list(groups)
    roles = details.get("iamRolesToOverride")
    if roles:
        out["cognito:roles"] = list(roles)
    if details.get("preferredRole"):
        out["cognito:preferred_role"] = details["preferredRole"]
    return out


def pre_token(
    ctx: RequestContext,
    pool: dict[str, Any],
    client: Mapping[str, Any],
    user: users.User,
    groups: Mapping[str, Any],
    *,
    source: str,
    scopes: list[str] | None = None,
) -> TokenCustomization:
    """Invoke PreTokenGeneration (V1_0, V2_0 or V3_0) for ``TokenGeneration_<source>``."""
    if not triggers.configured(pool, "PreTokenGeneration"):
        return TokenCustomization()
    version = triggers.pre_token_version(pool)
    request: dict[str, Any] = {
        "userAttributes": triggers.user_attributes(pool, user),
        "groupConfiguration": {
            "groupsToOverride": list(groups.get("cognito:groups") or []),
            "iamRolesToOverride": list(groups.get("cognito:roles") or []),
            "preferredRole": groups.get("cognito:preferred_role"),
        },
    }
    if version != "V1_0":
        request["scopes"] = list(scopes or ["aws.cognito.signin.user.admin"])
    metadata = (ctx.scratch.request).get("ClientMetadata")
    if metadata and ctx.operation in _METADATA_TO_PRE_TOKEN:
        request["clientMetadata"] = dict(metadata)
    event = triggers.pre_token_event(
        ctx, pool, client_id_of(client), user.username, f"TokenGeneration_{source}", request
    )
    answered = triggers.invoke(ctx, pool, "PreTokenGeneration", event) or {}
    return customization(version, answered.get("response") or {})


def customization(version: str, response: Mapping[str, Any]) -> TokenCustomization:
    """What a PreTokenGeneration function's ``response`` asks for, read as its event ``version`` says."""
    out = TokenCustomization()
    if version == "V1_0":
        details = response.get("claimsOverrideDetails") or {}
        if not isinstance(details, dict):
            raise AwsError("InvalidLambdaResponseException", "Unrecognizable lambda output")
        added = details.get("claimsToAddOrOverride") or {}
        if not isinstance(added, dict) or any(not isinstance(v, str) for v in added.values()):
            raise AwsError("InvalidLambdaResponseException", "Unrecognizable lambda output")
        out.id_add = dict(added)
        out.id_suppress = list(details.get("claimsToSuppress") or [])
        if "groupOverrideDetails" in details:
            out.groups = _group_claims(details.get("groupOverrideDetails") or {})
        return out
    details = response.get("claimsAndScopeOverrideDetails") or {}
    if not isinstance(details, dict):
        raise AwsError("InvalidLambdaResponseException", "Unrecognizable lambda output")
    id_gen = details.get("idTokenGeneration") or {}
    access_gen = details.get("accessTokenGeneration") or {}
    out.id_add = dict(id_gen.get("claimsToAddOrOverride") or {})
    out.id_suppress = list(id_gen.get("claimsToSuppress") or [])
    out.access_add = dict(access_gen.get("claimsToAddOrOverride") or {})
    out.access_suppress = list(access_gen.get("claimsToSuppress") or [])
    out.scopes_add = list(access_gen.get("scopesToAdd") or [])
    out.scopes_suppress = list(access_gen.get("scopesToSuppress") or [])
    if "groupOverrideDetails" in details:
        out.groups = _group_claims(details.get("groupOverrideDetails") or {})
    for value in (*out.id_add.values(), *out.access_add.values()):
        json.dumps(value)  # JSON values only; anything else would have failed to arrive here
    return out
