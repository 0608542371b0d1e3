"""The demo the console seeds on a first run: a user pool, and an identity pool beside it whose roles trust it."""

from __future__ import annotations

from typing import Any

from console.services import policies
from console.services.seed import DEMO_IDENTITY_POOL_NAME, seed_identity_pool
from tests.conftest import make_client


def test_the_demo_identity_pool_trusts_the_demo_pool_and_is_made_once(cognito: Any, demo: dict[str, str]) -> None:
    idp, identity, iam = (make_client(cognito.base_url, s) for s in ("cognito-idp", "cognito-identity", "iam"))
    assert seed_identity_pool(idp, identity, iam, demo["pool_id"]) == []
    assert seed_identity_pool(idp, identity, iam, demo["pool_id"]) == []  # already there: nothing made twice
    pools = [
        p
        for p in identity.list_identity_pools(MaxResults=60)["IdentityPools"]
        if p["IdentityPoolName"] == DEMO_IDENTITY_POOL_NAME
    ]
    assert len(pools) == 1
    pool_id = pools[0]["IdentityPoolId"]
    described = identity.describe_identity_pool(IdentityPoolId=pool_id)
    assert described["AllowUnauthenticatedIdentities"]
    assert described["CognitoIdentityProviders"][0]["ProviderName"].endswith("/" + demo["pool_id"])
    roles = identity.get_identity_pool_roles(IdentityPoolId=pool_id)
    for kind, arn in roles["Roles"].items():
        trust = iam.get_role(RoleName=arn.rsplit("/", 1)[-1])["Role"]["AssumeRolePolicyDocument"]
        assert policies.trusts_cognito(trust, pool_id, authenticated=kind == "authenticated") is None
    (mapping,) = roles["RoleMappings"].values()
    assert mapping["RulesConfiguration"]["Rules"][0]["Value"] == "admins"
