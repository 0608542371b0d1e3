"""Which role an identity pool gives a signed-in user, and why: its role mappings applied to the user's token
claims as the Cognito Developer Guide describes (role-based access control), without calling AWS.

- A provider without a mapping gives the default authenticated role.
- ``Token``: the ID token's ``cognito:preferred_role``, else the only role in ``cognito:roles``; otherwise the
  mapping's AmbiguousRoleResolution decides (the default authenticated role, or Deny).
- ``Rules``: the first rule whose claim matches chooses; none matching, AmbiguousRoleResolution decides.

A claim with several values (``cognito:groups``, ``cognito:roles``) matches when one of its values does.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .protocol import IdentityPoolRoles, RoleMapping


@dataclass(frozen=True)
class RoleChoice:
    role_arn: str  # empty when the user gets no credentials
    reasons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def denied(self) -> bool:
        return not self.role_arn


def token_claims(token: str) -> dict[str, Any]:
    """The payload of a JWT, read without checking its signature (the simulator shows what a token would get;
    the token inspector is where tokens are verified). ValueError when it is not a JWT."""
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise ValueError("A JWT has three dot-separated parts.")
    try:
        payload = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        claims = json.loads(payload)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"The token's payload is not base64url JSON: {exc}") from None
    if not isinstance(claims, dict):
        raise ValueError("The token's payload is not a JSON object.")
    return claims


def provider_key(claims: Mapping[str, Any]) -> str:
    """The Logins key a user pool ID token signs in with: ``cognito-idp.<region>.amazonaws.com/<poolId>:<aud>``."""
    issuer = str(claims.get("iss", ""))
    pool_id = issuer.rstrip("/").rsplit("/", 1)[-1]
    region = pool_id.split("_", 1)[0]
    return f"cognito-idp.{region}.amazonaws.com/{pool_id}:{claims.get('aud', '')}"


def _values(claim: Any) -> list[str]:
    if isinstance(claim, list):
        return [str(v) for v in claim]
    if claim is None:
        return []
    return [str(claim)]


def rule_matches(match_type: str, claim: Any, value: str) -> bool:
    values = _values(claim)
    if match_type == "Equals":
        return value in values
    if match_type == "Contains":
        return any(value in v for v in values)
    if match_type == "StartsWith":
        return any(v.startswith(value) for v in values)
    if match_type == "NotEqual":
        return bool(values) and value not in values
    return False


def resolve_role(roles: IdentityPoolRoles, provider: str, claims: Mapping[str, Any]) -> RoleChoice:
    """The role ``claims`` get through the pool's mapping for ``provider`` (a Logins key), with the reasons."""
    mapping: RoleMapping | None = next((m for m in roles.mappings if m.provider == provider), None)
    default = roles.authenticated
    if mapping is None:
        if not default:
            return RoleChoice("", (f"{provider} has no role mapping and the pool has no authenticated role.",))
        return RoleChoice(default, (f"{provider} has no role mapping: the default authenticated role.",))
    reasons: list[str] = []
    if mapping.type == "Token":
        preferred = claims.get("cognito:preferred_role")
        if preferred:
            return RoleChoice(str(preferred), ("Chosen from the token: cognito:preferred_role.",))
        listed = _values(claims.get("cognito:roles"))
        if len(listed) == 1:
            return RoleChoice(listed[0], ("Chosen from the token: the only role in cognito:roles.",))
        reasons.append(
            "The token has no cognito:preferred_role and "
            + ("no cognito:roles." if not listed else f"{len(listed)} roles in cognito:roles.")
        )
    else:
        for number, rule in enumerate(mapping.rules, 1):
            if rule_matches(rule.match_type, claims.get(rule.claim), rule.value):
                return RoleChoice(
                    rule.role_arn, (f"Rule {number} matched: {rule.claim} {rule.match_type} “{rule.value}”.",)
                )
            reasons.append(f"Rule {number} did not match: {rule.claim} {rule.match_type} “{rule.value}”.")
    if mapping.ambiguous == "Deny":
        return RoleChoice("", (*reasons, "AmbiguousRoleResolution is Deny: no credentials."))
    if not default:
        return RoleChoice("", (*reasons, "The pool has no default authenticated role: no credentials."))
    return RoleChoice(default, (*reasons, "AmbiguousRoleResolution gives the default authenticated role."))


def cognito_context(identity_pool_id: str, identity_id: str, authenticated: bool) -> dict[str, list[str]]:
    """The condition keys AWS sets for an identity pool's credentials (policy variables of its role's policies)."""
    return {
        "cognito-identity.amazonaws.com:aud": [identity_pool_id],
        "cognito-identity.amazonaws.com:sub": [identity_id],
        "cognito-identity.amazonaws.com:amr": ["authenticated" if authenticated else "unauthenticated"],
    }
