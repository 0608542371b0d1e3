"""App clients through boto3: AWS defaults, OAuth rules, update semantics, secrets and their rotation."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client


def error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    err = exc.value.response["Error"]
    return err["Code"], err["Message"]


@pytest.fixture(scope="module")
def raw_idp(cognito: Any) -> Any:
    return make_client(cognito.base_url, parameter_validation=False)


@pytest.fixture
def api(idp: Any, pool: dict[str, Any]) -> Any:
    def create(**kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("ClientName", "app")
        return idp.create_user_pool_client(UserPoolId=pool["Id"], **kwargs)["UserPoolClient"]

    return create


def test_create_defaults(idp, pool, api):
    client = api()
    assert len(client["ClientId"]) == 26
    assert "ClientSecret" not in client
    assert client["UserPoolId"] == pool["Id"]
    # AWS (real AWS CLI output, 2024-2025): a default client answers only these settings; omitted
    # access/ID validities, auth flows and PreventUserExistenceErrors are absent, units are {}.
    assert client["RefreshTokenValidity"] == 30
    assert "AccessTokenValidity" not in client
    assert "IdTokenValidity" not in client
    assert client["TokenValidityUnits"] == {}
    assert "ExplicitAuthFlows" not in client
    assert client["EnableTokenRevocation"] is True
    assert client["EnablePropagateAdditionalUserContextData"] is False
    assert client["AuthSessionValidity"] == 3
    assert "PreventUserExistenceErrors" not in client
    assert client["AllowedOAuthFlowsUserPoolClient"] is False
    assert client["CreationDate"] == client["LastModifiedDate"]
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])["UserPoolClient"]
    assert described == client


def test_generate_secret(idp, pool, api):
    client = api(GenerateSecret=True)
    assert len(client["ClientSecret"]) == 51
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])["UserPoolClient"]
    assert described["ClientSecret"] == client["ClientSecret"]


def test_custom_secret_and_conflict(api):
    client = api(ClientSecret="a" * 30)
    assert client["ClientSecret"] == "a" * 30
    with pytest.raises(ClientError) as exc:
        api(GenerateSecret=True, ClientSecret="b" * 30)
    assert error(exc)[0] == "InvalidParameterException"


def test_token_validity_units(api):
    client = api(AccessTokenValidity=2, IdTokenValidity=2, RefreshTokenValidity=0)
    # Units default to hours for access and ID tokens (only given units are echoed); a refresh
    # validity of 0 means 30 days.
    assert client["TokenValidityUnits"] == {}
    assert client["AccessTokenValidity"] == 2
    assert client["IdTokenValidity"] == 2
    assert client["RefreshTokenValidity"] == 30
    client = api(AccessTokenValidity=10, TokenValidityUnits={"AccessToken": "minutes"})
    assert client["AccessTokenValidity"] == 10
    assert client["TokenValidityUnits"] == {"AccessToken": "minutes"}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"AccessTokenValidity": 2, "TokenValidityUnits": {"AccessToken": "days"}},
        {"IdTokenValidity": 4, "TokenValidityUnits": {"IdToken": "minutes"}},
        {"RefreshTokenValidity": 30, "TokenValidityUnits": {"RefreshToken": "minutes"}},
        {"RefreshTokenValidity": 3651, "TokenValidityUnits": {"RefreshToken": "days"}},
    ],
)
def test_token_validity_range(api, kwargs):
    with pytest.raises(ClientError) as exc:
        api(**kwargs)
    assert error(exc)[0] == "InvalidParameterException"


def test_auth_flows(api):
    client = api(ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    assert client["ExplicitAuthFlows"] == ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    with pytest.raises(ClientError) as exc:
        api(ExplicitAuthFlows=["USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    assert error(exc)[0] == "InvalidParameterException"


def test_read_write_attributes(api):
    client = api(ReadAttributes=["email", "email_verified"], WriteAttributes=["email"])
    assert client["ReadAttributes"] == ["email", "email_verified"]
    assert client["WriteAttributes"] == ["email"]
    with pytest.raises(ClientError) as exc:
        api(ReadAttributes=["custom:nope"])
    assert error(exc) == ("InvalidParameterException", "Invalid read attributes specified while creating a client")
    with pytest.raises(ClientError) as exc:
        api(WriteAttributes=["custom:nope"])
    assert error(exc) == ("InvalidParameterException", "Invalid write attributes specified while creating a client")


def test_oauth_code_flow(api):
    client = api(
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=["https://app.example.com/cb", "http://localhost:3000/cb", "myapp://cb"],
        LogoutURLs=["https://app.example.com/bye"],
        DefaultRedirectURI="https://app.example.com/cb",
        SupportedIdentityProviders=["COGNITO"],
    )
    assert client["AllowedOAuthFlows"] == ["code"]
    assert client["AllowedOAuthScopes"] == ["openid", "email"]
    assert client["CallbackURLs"][1] == "http://localhost:3000/cb"
    assert client["DefaultRedirectURI"] == "https://app.example.com/cb"
    assert client["SupportedIdentityProviders"] == ["COGNITO"]


@pytest.mark.parametrize("url", ["http://app.example.com/cb", "https://app.example.com/cb#frag", "/relative"])
def test_callback_url_rules(api, url):
    with pytest.raises(ClientError) as exc:
        api(
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthFlows=["code"],
            AllowedOAuthScopes=["openid"],
            CallbackURLs=[url],
        )
    assert error(exc)[0] == "InvalidParameterException"


@pytest.mark.parametrize("flow", ["code", "implicit"])
def test_code_or_implicit_flow_needs_callbacks(api, flow):
    with pytest.raises(ClientError) as exc:
        api(AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=[flow], AllowedOAuthScopes=["openid"])
    # AWS (cisagov/crossfeed#440, anomalyco/sst#6272): the code and text of the real service.
    assert error(exc) == (
        "InvalidOAuthFlowException",
        "CallbackUrls can not be empty when code flow or implicit flow is selected",
    )


def test_default_redirect_must_be_a_callback(api):
    with pytest.raises(ClientError) as exc:
        api(CallbackURLs=["https://a.example.com"], DefaultRedirectURI="https://b.example.com")
    assert error(exc)[0] == "InvalidParameterException"


def test_scope_must_exist(idp, pool, api):
    with pytest.raises(ClientError) as exc:
        api(
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthFlows=["code"],
            AllowedOAuthScopes=["api/read"],
            CallbackURLs=["https://x.example.com"],
        )
    assert error(exc) == ("ScopeDoesNotExistException", "Invalid scope requested: api/read")
    idp.create_resource_server(
        UserPoolId=pool["Id"], Identifier="api", Name="API", Scopes=[{"ScopeName": "read", "ScopeDescription": "r"}]
    )
    client = api(
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["api/read"],
        CallbackURLs=["https://x.example.com"],
    )
    assert client["AllowedOAuthScopes"] == ["api/read"]


def test_client_credentials_rules(idp, pool, api):
    idp.create_resource_server(
        UserPoolId=pool["Id"], Identifier="svc", Name="svc", Scopes=[{"ScopeName": "all", "ScopeDescription": "a"}]
    )
    with pytest.raises(ClientError) as exc:
        api(
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthFlows=["client_credentials"],
            AllowedOAuthScopes=["svc/all"],
        )
    assert error(exc) == (
        "InvalidOAuthFlowException",
        "client_credentials flow can not be selected if client does not have a client secret.",
    )
    with pytest.raises(ClientError) as exc:
        api(
            GenerateSecret=True,
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthFlows=["client_credentials", "code"],
            AllowedOAuthScopes=["svc/all"],
            CallbackURLs=["https://x.example.com"],
        )
    assert error(exc) == (
        "InvalidOAuthFlowException",
        "client_credentials flow can not be selected along with code flow or implicit flow.",
    )
    with pytest.raises(ClientError) as exc:
        api(
            GenerateSecret=True,
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthFlows=["client_credentials"],
            AllowedOAuthScopes=["openid"],
        )
    assert error(exc)[0] == "InvalidOAuthFlowException"
    client = api(
        GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=["svc/all"],
    )
    assert client["AllowedOAuthFlows"] == ["client_credentials"]


def test_oauth_enabled_needs_flows(api):
    with pytest.raises(ClientError) as exc:
        api(AllowedOAuthFlowsUserPoolClient=True)
    assert error(exc)[0] == "InvalidOAuthFlowException"


def test_unknown_identity_provider(pool, api):
    with pytest.raises(ClientError) as exc:
        api(SupportedIdentityProviders=["Google"])
    assert error(exc) == ("InvalidParameterException", f"The provider Google does not exist for User Pool {pool['Id']}")


def test_update_resets_omitted_settings(idp, pool, api):
    client = api(
        GenerateSecret=True,
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        ReadAttributes=["email"],
        AuthSessionValidity=10,
        PreventUserExistenceErrors="ENABLED",
    )
    updated = idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"], ClientName="renamed")[
        "UserPoolClient"
    ]
    assert updated["ClientName"] == "renamed"
    # The omitted flows go back to the default set, which AWS answers by leaving the key out.
    assert "ExplicitAuthFlows" not in updated
    assert "ReadAttributes" not in updated
    assert updated["AuthSessionValidity"] == 3
    assert "PreventUserExistenceErrors" not in updated
    assert updated["ClientSecret"] == client["ClientSecret"]
    assert updated["CreationDate"] == client["CreationDate"]
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])["UserPoolClient"]
    assert described == updated


def test_update_and_describe_errors(idp, pool, api):
    client = api()
    with pytest.raises(ClientError) as exc:
        idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId="a" * 26)
    assert error(exc) == ("ResourceNotFoundException", f"User pool client {'a' * 26} does not exist.")
    with pytest.raises(ClientError) as exc:
        idp.update_user_pool_client(UserPoolId="us-east-1_nothere00", ClientId=client["ClientId"])
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.update_user_pool_client(
            UserPoolId=pool["Id"], ClientId=client["ClientId"], AllowedOAuthFlows=["client_credentials"]
        )
    assert error(exc)[0] == "InvalidOAuthFlowException"


def test_client_of_another_pool_is_not_found(idp, pool, api):
    client = api()
    other = idp.create_user_pool(PoolName="other")["UserPool"]
    try:
        with pytest.raises(ClientError) as exc:
            idp.describe_user_pool_client(UserPoolId=other["Id"], ClientId=client["ClientId"])
        assert error(exc)[0] == "ResourceNotFoundException"
    finally:
        idp.delete_user_pool(UserPoolId=other["Id"])


def test_delete_client(idp, pool, api):
    client = api()
    idp.delete_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    with pytest.raises(ClientError) as exc:
        idp.delete_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert error(exc)[0] == "ResourceNotFoundException"


def test_list_clients_paging(idp, pool, api):
    made = [api(ClientName=f"c{i}")["ClientId"] for i in range(5)]
    seen: list[str] = []
    token = None
    while True:
        kwargs: dict[str, Any] = {"UserPoolId": pool["Id"], "MaxResults": 2}
        if token:
            kwargs["NextToken"] = token
        page = idp.list_user_pool_clients(**kwargs)
        assert len(page["UserPoolClients"]) <= 2
        for entry in page["UserPoolClients"]:
            assert set(entry) == {"ClientId", "UserPoolId", "ClientName"}
        seen += [c["ClientId"] for c in page["UserPoolClients"]]
        token = page.get("NextToken")
        if not token:
            break
    assert seen == made
    with pytest.raises(ClientError) as exc:
        idp.list_user_pool_clients(UserPoolId="us-east-1_nothere00")
    assert error(exc)[0] == "ResourceNotFoundException"


def test_list_clients_limits(raw_idp, pool):
    with pytest.raises(ClientError) as exc:
        raw_idp.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=61)
    assert error(exc)[0] == "InvalidParameterException"


def test_client_secret_rotation(idp, pool, api):
    client = api(GenerateSecret=True)
    ids = {"UserPoolId": pool["Id"], "ClientId": client["ClientId"]}
    listed = idp.list_user_pool_client_secrets(**ids)["ClientSecrets"]
    assert len(listed) == 1
    assert "ClientSecretValue" not in listed[0]
    first_id = listed[0]["ClientSecretId"]
    added = idp.add_user_pool_client_secret(**ids)["ClientSecretDescriptor"]
    assert len(added["ClientSecretValue"]) == 51
    assert added["ClientSecretId"] != first_id
    assert "ClientSecretCreateDate" in added
    assert len(idp.list_user_pool_client_secrets(**ids)["ClientSecrets"]) == 2
    with pytest.raises(ClientError) as exc:
        idp.add_user_pool_client_secret(**ids)
    assert error(exc)[0] == "LimitExceededException"
    idp.delete_user_pool_client_secret(**ids, ClientSecretId=first_id)
    remaining = idp.list_user_pool_client_secrets(**ids)["ClientSecrets"]
    assert [s["ClientSecretId"] for s in remaining] == [added["ClientSecretId"]]
    described = idp.describe_user_pool_client(**ids)["UserPoolClient"]
    assert described["ClientSecret"] == added["ClientSecretValue"]
    with pytest.raises(ClientError) as exc:
        idp.delete_user_pool_client_secret(**ids, ClientSecretId=added["ClientSecretId"])
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        idp.delete_user_pool_client_secret(**ids, ClientSecretId=first_id)
    assert error(exc)[0] == "ResourceNotFoundException"


def test_add_secret_custom_value_and_public_client(idp, pool, api):
    confidential = api(GenerateSecret=True)
    added = idp.add_user_pool_client_secret(
        UserPoolId=pool["Id"], ClientId=confidential["ClientId"], ClientSecret="c" * 40
    )["ClientSecretDescriptor"]
    assert added["ClientSecretValue"] == "c" * 40
    public = api()
    with pytest.raises(ClientError) as exc:
        idp.add_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=public["ClientId"])
    assert error(exc)[0] == "InvalidParameterException"
