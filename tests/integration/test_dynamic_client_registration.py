"""Dynamic client registration (RFC 7591): the pool's DcrConfiguration and /oauth2/register at its domain."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.integration.hosted_ui_support import CALLBACK, Browser, add_user, claims, pkce, query_of


@pytest.fixture
def dcr_pool(idp: Any) -> Iterator[dict[str, Any]]:
    pool_id = idp.create_user_pool(
        PoolName=f"dcr-{uuid.uuid4().hex[:6]}",
        DcrConfiguration={"OpenDcrEnabled": True},
    )["UserPool"]["Id"]
    idp.create_resource_server(
        UserPoolId=pool_id,
        Identifier="https://api.example.com",
        Name="api",
        Scopes=[{"ScopeName": "read", "ScopeDescription": "r"}],
    )
    domain = f"dcr{uuid.uuid4().hex[:10]}"
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    yield {"pool_id": pool_id, "domain": domain}
    idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    idp.delete_user_pool(UserPoolId=pool_id)


def _clients(idp: Any, pool_id: str) -> list[str]:
    return [c["ClientId"] for c in idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]]


def _register(cognito: Any, site: dict[str, Any], body: Any, token: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    url = f"{cognito.base_url}/{site['domain']}/oauth2/register"
    if isinstance(body, bytes):
        return httpx.post(url, content=body, headers={"Content-Type": "application/json", **headers})
    return httpx.post(url, json=body, headers=headers)


def test_configuration_is_described_and_checked(idp: Any, dcr_pool: dict[str, Any]) -> None:
    pool_id = dcr_pool["pool_id"]
    described = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert described["DcrConfiguration"] == {"EnableStatus": "Enabled", "OpenDcrEnabled": True}
    servers = idp.list_resource_servers(UserPoolId=pool_id, MaxResults=50)["ResourceServers"]
    managed = [s for s in servers if s.get("ManagedBy") == "COGNITO"]
    assert [s["Identifier"] for s in managed] == ["aws.cognito/dcr"]
    idp.update_user_pool(
        UserPoolId=pool_id,
        DcrConfiguration={"AllowedScopes": ["https://api.example.com/read"], "OpenDcrGrantTypes": ["code"]},
    )
    described = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["DcrConfiguration"]
    assert described == {
        "EnableStatus": "Enabled",
        "OpenDcrEnabled": False,
        "OpenDcrGrantTypes": ["code"],
        "AllowedScopes": ["https://api.example.com/read"],
    }
    # An UpdateUserPool without it keeps it.
    idp.update_user_pool(UserPoolId=pool_id)
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["DcrConfiguration"] == described
    with pytest.raises(ClientError) as info:
        idp.update_user_pool(UserPoolId=pool_id, DcrConfiguration={"AllowedScopes": ["https://nope.example.com/x"]})
    # The model lists no ScopeDoesNotExistException for UpdateUserPool.
    assert info.value.response["Error"]["Code"] == "InvalidParameterException"
    assert "Invalid scope requested: https://nope.example.com/x" in info.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as info:
        idp.update_user_pool(UserPoolId=pool_id, UserPoolTier="LITE")
    assert info.value.response["Error"]["Code"] == "InvalidParameterException"
    with pytest.raises(ClientError) as info:
        idp.create_user_pool(PoolName="lite", UserPoolTier="LITE", DcrConfiguration={"OpenDcrEnabled": True})
    assert info.value.response["Error"]["Code"] == "FeatureUnavailableInTierException"


def test_discovery_document_names_the_registration_endpoint(cognito: Any, dcr_pool: dict[str, Any]) -> None:
    doc = httpx.get(f"{cognito.base_url}/{dcr_pool['pool_id']}/.well-known/openid-configuration").json()
    assert doc["registration_endpoint"] == f"{cognito.base_url}/{dcr_pool['domain']}/oauth2/register"


def test_open_registration_then_sign_in_with_pkce(cognito: Any, idp: Any, dcr_pool: dict[str, Any]) -> None:
    pool_id = dcr_pool["pool_id"]
    r = _register(
        cognito,
        dcr_pool,
        {
            "client_name": "my agent",
            "redirect_uris": [CALLBACK],
            "grant_types": ["authorization_code", "refresh_token"],
            "response_types": ["code"],
            "token_endpoint_auth_method": "none",
            "scope": "openid email",
        },
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert "client_secret" not in body
    assert body["redirect_uris"] == [CALLBACK]
    assert body["token_endpoint_auth_method"] == "none"
    assert body["scope"] == "openid email"
    client = idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=body["client_id"])["UserPoolClient"]
    assert client["ClientType"] == "DCR"
    assert client["AllowedOAuthFlows"] == ["code"]
    assert client["CallbackURLs"] == [CALLBACK]
    # An update resets settings it leaves out, never how the client came to be.
    updated = idp.update_user_pool_client(
        UserPoolId=pool_id,
        ClientId=body["client_id"],
        ClientName=client["ClientName"],
        AllowedOAuthFlows=["code"],
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO"],
    )["UserPoolClient"]
    assert updated["ClientType"] == "DCR"
    add_user(idp, pool_id, "alice")
    verifier, challenge = pkce()
    browser = Browser(cognito.base_url, dcr_pool["domain"])
    try:
        answer = browser.sign_in(
            client_id=body["client_id"],
            response_type="code",
            redirect_uri=CALLBACK,
            scope="openid email",
            code_challenge=challenge,
            code_challenge_method="S256",
        )
        assert answer.status_code == 302, answer.text
        code = query_of(answer.headers["location"])["code"]
    finally:
        browser.close()
    tokens = httpx.post(
        f"{cognito.base_url}/{dcr_pool['domain']}/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "client_id": body["client_id"],
            "code": code,
            "redirect_uri": CALLBACK,
            "code_verifier": verifier,
        },
    )
    assert tokens.status_code == 200, tokens.text
    assert claims(tokens.json()["id_token"])["email"] == "alice@example.com"


def test_authenticated_registration(cognito: Any, idp: Any, dcr_pool: dict[str, Any]) -> None:
    pool_id = dcr_pool["pool_id"]
    idp.update_user_pool(
        UserPoolId=pool_id,
        DcrConfiguration={"OpenDcrEnabled": False, "AllowedScopes": ["https://api.example.com/read"]},
    )
    registrar = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="registrar",
        GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=["aws.cognito/dcr/register"],
    )["UserPoolClient"]
    token_url = f"{cognito.base_url}/{dcr_pool['domain']}/oauth2/token"
    initial = httpx.post(
        token_url,
        data={"grant_type": "client_credentials", "scope": "aws.cognito/dcr/register"},
        auth=(registrar["ClientId"], registrar["ClientSecret"]),
    ).json()["access_token"]
    # Open registration is off: no token, no client.
    assert _register(cognito, dcr_pool, {"redirect_uris": [CALLBACK]}).status_code == 401
    assert _register(cognito, dcr_pool, {"redirect_uris": [CALLBACK]}, token="not-a-token").status_code == 401
    r = _register(
        cognito,
        dcr_pool,
        {"grant_types": ["client_credentials"], "scope": "https://api.example.com/read", "client_name": "worker"},
        token=initial,
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["client_secret"] and body["client_secret_expires_at"] == 0
    assert body["token_endpoint_auth_method"] == "client_secret_basic"
    m2m = httpx.post(
        token_url, data={"grant_type": "client_credentials"}, auth=(body["client_id"], body["client_secret"])
    )
    assert m2m.status_code == 200, m2m.text
    assert claims(m2m.json()["access_token"])["scope"] == "https://api.example.com/read"


@pytest.mark.parametrize(
    ("metadata", "error"),
    [
        ({"redirect_uris": ["http://evil.example.com/cb"]}, "invalid_redirect_uri"),
        ({"redirect_uris": ["https://app.example.com/cb#frag"]}, "invalid_redirect_uri"),
        ({"redirect_uris": "https://app.example.com/cb"}, "invalid_redirect_uri"),
        ({}, "invalid_redirect_uri"),
        ({"redirect_uris": [CALLBACK], "grant_types": ["client_credentials"]}, "invalid_client_metadata"),
        ({"redirect_uris": [CALLBACK], "grant_types": ["implicit"]}, "invalid_client_metadata"),
        ({"redirect_uris": [CALLBACK], "grant_types": ["password"]}, "invalid_client_metadata"),
        ({"redirect_uris": [CALLBACK], "scope": "openid https://api.example.com/read"}, "invalid_client_metadata"),
        ({"redirect_uris": [CALLBACK], "scope": "openid aws.cognito/dcr/register"}, "invalid_client_metadata"),
        ({"redirect_uris": [CALLBACK], "scope": "email"}, "invalid_client_metadata"),
        ({"redirect_uris": [CALLBACK], "token_endpoint_auth_method": "private_key_jwt"}, "invalid_client_metadata"),
        ({"redirect_uris": [CALLBACK], "client_name": "<script>"}, "invalid_client_metadata"),
        ({"redirect_uris": [CALLBACK], "response_types": ["token"]}, "invalid_client_metadata"),
        (b"not json", "invalid_client_metadata"),
        (b"[1, 2]", "invalid_client_metadata"),
    ],
)
def test_refused_registrations_register_nothing(
    cognito: Any, idp: Any, dcr_pool: dict[str, Any], metadata: Any, error: str
) -> None:
    before = _clients(idp, dcr_pool["pool_id"])
    r = _register(cognito, dcr_pool, metadata)
    assert r.status_code == 400, r.text
    assert r.json()["error"] == error
    assert _clients(idp, dcr_pool["pool_id"]) == before


def test_registration_is_off_without_configuration(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    domain = f"nodcr{uuid.uuid4().hex[:10]}"
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    try:
        r = _register(cognito, {"domain": domain}, {"redirect_uris": [CALLBACK]})
        assert r.status_code == 404
        doc = httpx.get(f"{cognito.base_url}/{pool['Id']}/.well-known/openid-configuration").json()
        assert "registration_endpoint" not in doc
        assert _clients(idp, pool["Id"]) == []
    finally:
        idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
