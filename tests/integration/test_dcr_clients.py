"""App clients made by dynamic client registration: what AWS refuses on them, the ClientType filter of
ListUserPoolClients, and the resource server Amazon Cognito manages for registration."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.integration.hosted_ui_support import CALLBACK

DCR_SCOPE = "aws.cognito/dcr/register"


@pytest.fixture
def dcr_pool(idp: Any) -> Iterator[dict[str, Any]]:
    pool_id = idp.create_user_pool(
        PoolName=f"dcr-clients-{uuid.uuid4().hex[:6]}", DcrConfiguration={"OpenDcrEnabled": True}
    )["UserPool"]["Id"]
    domain = f"dcrc{uuid.uuid4().hex[:10]}"
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    yield {"pool_id": pool_id, "domain": domain}
    idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    idp.delete_user_pool(UserPoolId=pool_id)


def _registered(cognito: Any, site: dict[str, Any], method: str = "client_secret_basic") -> dict[str, Any]:
    answer = httpx.post(
        f"{cognito.base_url}/{site['domain']}/oauth2/register",
        json={"client_name": "agent", "redirect_uris": [CALLBACK], "token_endpoint_auth_method": method},
    )
    assert answer.status_code == 201, answer.text
    body: dict[str, Any] = answer.json()
    return body


def _code(call: Any) -> str:
    with pytest.raises(ClientError) as info:
        call()
    return str(info.value.response["Error"]["Code"])


def test_registered_clients_refuse_secret_operations(cognito: Any, idp: Any, dcr_pool: dict[str, Any]) -> None:
    pool_id = dcr_pool["pool_id"]
    body = _registered(cognito, dcr_pool)
    assert body["client_secret"]
    ids = {"UserPoolId": pool_id, "ClientId": body["client_id"]}
    assert _code(lambda: idp.add_user_pool_client_secret(**ids)) == "InvalidParameterException"
    assert _code(lambda: idp.list_user_pool_client_secrets(**ids)) == "InvalidParameterException"
    assert _code(lambda: idp.delete_user_pool_client_secret(**ids, ClientSecretId="x" * 20)) == (
        "InvalidParameterException"
    )
    # A regular confidential client of the same pool keeps them.
    regular = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="regular", GenerateSecret=True)
    regular_ids = {"UserPoolId": pool_id, "ClientId": regular["UserPoolClient"]["ClientId"]}
    assert idp.add_user_pool_client_secret(**regular_ids)["ClientSecretDescriptor"]["ClientSecretId"]
    assert len(idp.list_user_pool_client_secrets(**regular_ids)["ClientSecrets"]) == 2


def test_registered_clients_cannot_hold_the_registration_scope(
    cognito: Any, idp: Any, dcr_pool: dict[str, Any]
) -> None:
    pool_id = dcr_pool["pool_id"]
    body = _registered(cognito, dcr_pool)
    update = {
        "UserPoolId": pool_id,
        "ClientId": body["client_id"],
        "ClientName": "agent",
        "AllowedOAuthFlowsUserPoolClient": True,
        "AllowedOAuthFlows": ["client_credentials"],
    }
    assert _code(lambda: idp.update_user_pool_client(**update, AllowedOAuthScopes=[DCR_SCOPE])) == (
        "InvalidParameterException"
    )
    described = idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=body["client_id"])["UserPoolClient"]
    assert described["AllowedOAuthFlows"] == ["code"] and DCR_SCOPE not in described["AllowedOAuthScopes"]
    # A regular client may hold it: that is how an initial access token is had.
    registrar = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="registrar",
        GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=[DCR_SCOPE],
    )["UserPoolClient"]
    assert registrar["AllowedOAuthScopes"] == [DCR_SCOPE]


def test_list_clients_by_type(cognito: Any, idp: Any, dcr_pool: dict[str, Any]) -> None:
    pool_id = dcr_pool["pool_id"]
    regular = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="regular")["UserPoolClient"]["ClientId"]
    registered = [_registered(cognito, dcr_pool, "none")["client_id"] for _ in range(2)]

    def listed(**kwargs: Any) -> list[str]:
        found: list[str] = []
        token: dict[str, str] = {}
        while True:
            page = idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=1, **kwargs, **token)
            assert len(page["UserPoolClients"]) <= 1
            assert all("ClientType" not in c for c in page["UserPoolClients"])
            found += [c["ClientId"] for c in page["UserPoolClients"]]
            if "NextToken" not in page:
                return found
            token = {"NextToken": page["NextToken"]}

    assert listed(ClientType="DCR") == registered
    assert listed(ClientType="REGULAR") == [regular]
    assert sorted(listed()) == sorted([regular, *registered])
    assert _code(lambda: idp.list_user_pool_clients(UserPoolId=pool_id, ClientType="OTHER")) in (
        "InvalidParameterException",
        "ValidationException",
    )


def test_the_managed_resource_server_cannot_be_changed(idp: Any, dcr_pool: dict[str, Any]) -> None:
    pool_id = dcr_pool["pool_id"]
    managed = idp.describe_resource_server(UserPoolId=pool_id, Identifier="aws.cognito/dcr")["ResourceServer"]
    assert managed["ManagedBy"] == "COGNITO"
    assert _code(lambda: idp.update_resource_server(UserPoolId=pool_id, Identifier="aws.cognito/dcr", Name="mine")) == (
        "InvalidParameterException"
    )
    assert _code(lambda: idp.delete_resource_server(UserPoolId=pool_id, Identifier="aws.cognito/dcr")) == (
        "InvalidParameterException"
    )
    again = idp.describe_resource_server(UserPoolId=pool_id, Identifier="aws.cognito/dcr")["ResourceServer"]
    assert again == managed
    # The pool's own resource servers stay the user's to change.
    idp.create_resource_server(UserPoolId=pool_id, Identifier="api", Name="api")
    assert idp.update_resource_server(UserPoolId=pool_id, Identifier="api", Name="api2")["ResourceServer"]["Name"]
    idp.delete_resource_server(UserPoolId=pool_id, Identifier="api")


def test_registration_never_grants_the_registration_scope(cognito: Any, idp: Any, dcr_pool: dict[str, Any]) -> None:
    pool_id = dcr_pool["pool_id"]
    # Listed in AllowedScopes, it is still not a scope a registered client can ask for.
    idp.update_user_pool(UserPoolId=pool_id, DcrConfiguration={"OpenDcrEnabled": True, "AllowedScopes": [DCR_SCOPE]})
    before = idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]
    answer = httpx.post(
        f"{cognito.base_url}/{dcr_pool['domain']}/oauth2/register",
        json={"client_name": "agent", "redirect_uris": [CALLBACK], "scope": f"openid {DCR_SCOPE}"},
    )
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_client_metadata"
    assert idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"] == before
