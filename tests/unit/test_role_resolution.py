"""Which role an identity pool's role mappings give a token's claims (console/services/role_resolution.py)."""

from __future__ import annotations

import base64
import json

import pytest

from console.services import role_resolution
from console.services.protocol import IdentityPoolRoles, MappingRule, RoleMapping

PROVIDER = "cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client1"
AUTH, ADMIN, EDITOR = (f"arn:aws:iam::123456789012:role/{n}" for n in ("auth", "admin", "editor"))


def roles(mapping: RoleMapping | None) -> IdentityPoolRoles:
    return IdentityPoolRoles("us-east-1:pool", AUTH, "", (mapping,) if mapping else ())


def test_without_a_mapping_the_default_authenticated_role() -> None:
    choice = role_resolution.resolve_role(roles(None), PROVIDER, {})
    assert choice.role_arn == AUTH and "no role mapping" in choice.reasons[0]


def test_token_mappings_take_the_preferred_role_then_the_only_role() -> None:
    mapping = RoleMapping(PROVIDER, "Token", "Deny")
    assert role_resolution.resolve_role(roles(mapping), PROVIDER, {"cognito:preferred_role": ADMIN}).role_arn == ADMIN
    assert role_resolution.resolve_role(roles(mapping), PROVIDER, {"cognito:roles": [EDITOR]}).role_arn == EDITOR
    ambiguous = role_resolution.resolve_role(roles(mapping), PROVIDER, {"cognito:roles": [EDITOR, ADMIN]})
    assert ambiguous.denied and "Deny" in ambiguous.reasons[-1]


@pytest.mark.parametrize(
    ("rule", "claims", "matched"),
    [
        (MappingRule("cognito:groups", "Contains", "admins", ADMIN), {"cognito:groups": ["readers", "admins"]}, True),
        (MappingRule("email", "Equals", "a@example.com", ADMIN), {"email": "a@example.com"}, True),
        (MappingRule("email", "StartsWith", "boss", ADMIN), {"email": "a@example.com"}, False),
        (MappingRule("custom:team", "NotEqual", "blue", ADMIN), {"custom:team": "red"}, True),
        (MappingRule("custom:team", "NotEqual", "blue", ADMIN), {}, False),  # a missing claim never matches
    ],
)
def test_rules_match_as_the_developer_guide_says(rule: MappingRule, claims: dict[str, object], matched: bool) -> None:
    mapping = RoleMapping(PROVIDER, "Rules", "AuthenticatedRole", (rule,))
    choice = role_resolution.resolve_role(roles(mapping), PROVIDER, claims)
    assert choice.role_arn == (ADMIN if matched else AUTH)


def test_the_first_matching_rule_wins() -> None:
    mapping = RoleMapping(
        PROVIDER,
        "Rules",
        "Deny",
        (MappingRule("email", "Contains", "@", EDITOR), MappingRule("email", "Contains", "@", ADMIN)),
    )
    choice = role_resolution.resolve_role(roles(mapping), PROVIDER, {"email": "a@example.com"})
    assert choice.role_arn == EDITOR and choice.reasons == ("Rule 1 matched: email Contains “@”.",)


def test_a_tokens_claims_and_provider_key_are_read_without_its_signature() -> None:
    payload = (
        base64.urlsafe_b64encode(
            json.dumps({"iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", "aud": "client1"}).encode()
        )
        .decode()
        .rstrip("=")
    )
    claims = role_resolution.token_claims(f"e30.{payload}.sig")
    assert role_resolution.provider_key(claims) == PROVIDER
    with pytest.raises(ValueError, match="three"):
        role_resolution.token_claims("not-a-token")
