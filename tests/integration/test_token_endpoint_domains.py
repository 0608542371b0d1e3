"""Which pool answers a domain's /oauth2/token: the domain's pool while it has the domain, none once it is
deleted, and the new pool when another pool takes the domain; the pool's settings as they are now.

Driven over HTTP as a machine client would (client_credentials with client_secret_basic); pools, domains,
resource servers and app clients are made with boto3.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.integration.hosted_ui_support import claims


def machine_client(idp: Any, pool_id: str) -> tuple[str, httpx.BasicAuth]:
    idp.create_resource_server(
        UserPoolId=pool_id, Identifier="api", Name="api", Scopes=[{"ScopeName": "read", "ScopeDescription": "r"}]
    )
    made = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="machine",
        GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=["api/read"],
    )["UserPoolClient"]
    return made["ClientId"], httpx.BasicAuth(made["ClientId"], made["ClientSecret"])


@pytest.fixture
def second_pool(idp: Any) -> Iterator[str]:
    pool_id = idp.create_user_pool(PoolName=f"test-{uuid.uuid4().hex[:8]}")["UserPool"]["Id"]
    yield pool_id
    with contextlib.suppress(idp.exceptions.ResourceNotFoundException):
        idp.delete_user_pool(UserPoolId=pool_id)


def token(base_url: str, domain: str, auth: httpx.BasicAuth) -> httpx.Response:
    return httpx.post(
        f"{base_url}/{domain}/oauth2/token", data={"grant_type": "client_credentials", "scope": "api/read"}, auth=auth
    )


def test_a_domain_moves_with_its_deletion(cognito: Any, idp: Any, pool: dict[str, Any], second_pool: str) -> None:
    domain = f"moving-{uuid.uuid4().hex[:8]}"
    first_auth, second_auth = machine_client(idp, pool["Id"])[1], machine_client(idp, second_pool)[1]
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    answer = token(cognito.base_url, domain, first_auth)
    assert answer.status_code == 200, answer.text
    assert claims(answer.json()["access_token"])["iss"].endswith("/" + pool["Id"])
    assert token(cognito.base_url, domain, second_auth).json() == {"error": "invalid_client"}

    idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    gone = token(cognito.base_url, domain, first_auth)
    assert gone.status_code == 404
    assert gone.json() == {"error": "invalid_request"}

    idp.create_user_pool_domain(UserPoolId=second_pool, Domain=domain)
    try:
        moved = token(cognito.base_url, domain, second_auth)
        assert moved.status_code == 200, moved.text
        assert claims(moved.json()["access_token"])["iss"].endswith("/" + second_pool)
        refused = token(cognito.base_url, domain, first_auth)
        assert refused.status_code == 401
        assert refused.json() == {"error": "invalid_client"}
    finally:
        idp.delete_user_pool_domain(UserPoolId=second_pool, Domain=domain)


def test_a_deleted_pool_is_gone_from_its_token_endpoint(cognito: Any, idp: Any, second_pool: str) -> None:
    domain = f"deleted-{uuid.uuid4().hex[:8]}"
    _, auth = machine_client(idp, second_pool)
    idp.create_user_pool_domain(UserPoolId=second_pool, Domain=domain)
    assert token(cognito.base_url, domain, auth).status_code == 200
    idp.delete_user_pool_domain(UserPoolId=second_pool, Domain=domain)
    idp.delete_user_pool(UserPoolId=second_pool)
    assert token(cognito.base_url, domain, auth).status_code == 404


def test_the_token_follows_the_client_as_it_is_now(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    domain = f"validity-{uuid.uuid4().hex[:8]}"
    client_id, auth = machine_client(idp, pool["Id"])
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    try:
        first = token(cognito.base_url, domain, auth).json()
        assert first["expires_in"] == 3600
        idp.update_user_pool_client(
            UserPoolId=pool["Id"],
            ClientId=client_id,
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthFlows=["client_credentials"],
            AllowedOAuthScopes=["api/read"],
            AccessTokenValidity=15,
            TokenValidityUnits={"AccessToken": "minutes"},
        )
        second = token(cognito.base_url, domain, auth).json()
        assert second["expires_in"] == 900
        issued = claims(second["access_token"])
        assert issued["exp"] - issued["iat"] == 900
    finally:
        idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
