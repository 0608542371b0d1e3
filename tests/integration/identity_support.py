"""Helpers for identity pool tests: a user pool wired to an identity pool, IAM roles that trust Cognito."""

from __future__ import annotations

import json
import uuid
from typing import Any

from tests.integration.auth_support import new_client, new_user, tokens

COGNITO = "cognito-identity.amazonaws.com"


def trust_policy(pool_id: str, amr: str = "authenticated", *, aud: bool = True) -> str:
    """The trust policy the Cognito console writes for an identity pool's role."""
    condition: dict[str, Any] = {"ForAnyValue:StringLike": {f"{COGNITO}:amr": amr}}
    if aud:
        condition["StringEquals"] = {f"{COGNITO}:aud": pool_id}
    statement = {
        "Effect": "Allow",
        "Principal": {"Federated": COGNITO},
        "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
        "Condition": condition,
    }
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def make_role(iam: Any, pool_id: str, amr: str = "authenticated", *, aud: bool = True, name: str = "") -> str:
    """A role that trusts Cognito for ``pool_id`` identities of ``amr``; its ARN."""
    arn: str = iam.create_role(
        RoleName=name or f"role-{uuid.uuid4().hex[:10]}", AssumeRolePolicyDocument=trust_policy(pool_id, amr, aud=aud)
    )["Role"]["Arn"]
    return arn


def wired_pools(
    idp: Any, ci: Any, user_pool_id: str, *, guests: bool = True, server_side_check: bool = False, **settings: Any
) -> dict[str, Any]:
    """An app client of the user pool and an identity pool that names it; its provider name."""
    client = new_client(idp, user_pool_id)
    provider = f"cognito-idp.us-east-1.amazonaws.com/{user_pool_id}"
    pool = ci.create_identity_pool(
        IdentityPoolName=f"ip{uuid.uuid4().hex[:8]}",
        AllowUnauthenticatedIdentities=guests,
        CognitoIdentityProviders=[
            {"ProviderName": provider, "ClientId": client["ClientId"], "ServerSideTokenCheck": server_side_check}
        ],
        **settings,
    )
    return {"pool_id": pool["IdentityPoolId"], "client_id": client["ClientId"], "provider": provider}


def signed_in(
    idp: Any, user_pool_id: str, client_id: str, username: str, attributes: dict[str, str] | None = None
) -> str:
    """A new user's ID token."""
    new_user(idp, user_pool_id, username, attributes=attributes)
    token: str = tokens(idp, client_id, username)["IdToken"]
    return token
