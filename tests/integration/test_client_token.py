"""GetClientToken: machine-to-machine access tokens for app clients with ALLOW_CLIENT_TOKEN_AUTH, their claims,
scopes and signature, the client rules that go with the flow, and the V3_0 Pre Token Generation trigger."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from tests import fake_lambda
from tests.conftest import make_client
from tests.fake_lambda import FakeLambda
from tests.integration.auth_support import claims, error
from tests.integration.trigger_support import ARN, respond
from tests.localcognito import LocalCognito, start

READ, WRITE = "orders/read", "orders/write"


def _resource_server(idp: Any, pool_id: str) -> None:
    idp.create_resource_server(
        UserPoolId=pool_id,
        Identifier="orders",
        Name="Orders",
        Scopes=[
            {"ScopeName": "read", "ScopeDescription": "read orders"},
            {"ScopeName": "write", "ScopeDescription": "write orders"},
        ],
    )


def _m2m_client(idp: Any, pool_id: str, scopes: list[str] | None = None, **kwargs: Any) -> dict[str, Any]:
    client: dict[str, Any] = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="machine",
        GenerateSecret=True,
        ExplicitAuthFlows=["ALLOW_CLIENT_TOKEN_AUTH"],
        AllowedOAuthScopes=scopes if scopes is not None else [READ, WRITE],
        **kwargs,
    )["UserPoolClient"]
    return client


def _verify(base_url: str, pool_id: str, token: str) -> None:
    header = claims(token.split(".")[0] + "." + token.split(".")[0] + ".x")  # the header, decoded as a payload
    keys = httpx.get(f"{base_url}/{pool_id}/.well-known/jwks.json", timeout=10).json()["keys"]
    (key,) = [k for k in keys if k["kid"] == header["kid"]]

    def b64(value: str) -> int:
        return int.from_bytes(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)), "big")

    public = rsa.RSAPublicNumbers(b64(key["e"]), b64(key["n"])).public_key()
    signing_input, _, signature = token.rpartition(".")
    public.verify(
        base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)),
        signing_input.encode(),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )


def test_client_token_claims_and_signature(cognito, idp, pool):
    _resource_server(idp, pool["Id"])
    client = _m2m_client(idp, pool["Id"])
    result = idp.get_client_token(ClientId=client["ClientId"], Secret=client["ClientSecret"])
    auth = result["ClientAuthenticationResult"]
    assert auth["TokenType"] == "Bearer"
    assert auth["ExpiresIn"] == 3600
    token = claims(auth["AccessToken"])
    assert list(token) == [
        "sub",
        "token_use",
        "scope",
        "auth_time",
        "iss",
        "exp",
        "iat",
        "version",
        "jti",
        "client_id",
    ]
    assert token["sub"] == client["ClientId"] == token["client_id"]
    assert token["token_use"] == "access"
    assert token["scope"].split() == [READ, WRITE]  # no scopes asked: all the client's
    assert token["version"] == 2
    assert token["iss"] == f"{cognito.base_url}/{pool['Id']}"
    assert token["exp"] - token["iat"] == 3600
    uuid.UUID(token["jti"])
    _verify(cognito.base_url, pool["Id"], auth["AccessToken"])


def test_requested_scopes_and_validity(idp, pool):
    _resource_server(idp, pool["Id"])
    client = _m2m_client(idp, pool["Id"], AccessTokenValidity=10, TokenValidityUnits={"AccessToken": "minutes"})
    auth = idp.get_client_token(ClientId=client["ClientId"], Secret=client["ClientSecret"], Scopes=[WRITE])[
        "ClientAuthenticationResult"
    ]
    assert claims(auth["AccessToken"])["scope"] == WRITE
    assert auth["ExpiresIn"] == 600


def test_scopes_outside_the_client_or_pool_are_refused(idp, pool):
    _resource_server(idp, pool["Id"])
    client = _m2m_client(idp, pool["Id"], scopes=[READ])
    for scope in (WRITE, "orders/delete", "openid", "aws.cognito.signin.user.admin"):
        with pytest.raises(ClientError) as exc:
            idp.get_client_token(ClientId=client["ClientId"], Secret=client["ClientSecret"], Scopes=[scope])
        assert error(exc) == ("InvalidParameterException", f"Invalid scope requested: {scope}")


def test_a_client_without_custom_scopes_gets_no_token(idp, pool):
    client = _m2m_client(idp, pool["Id"], scopes=[])
    with pytest.raises(ClientError) as exc:
        idp.get_client_token(ClientId=client["ClientId"], Secret=client["ClientSecret"])
    assert error(exc)[0] == "InvalidParameterException"


def test_wrong_secret_and_unknown_client(idp, pool):
    _resource_server(idp, pool["Id"])
    client = _m2m_client(idp, pool["Id"])
    with pytest.raises(ClientError) as exc:
        idp.get_client_token(ClientId=client["ClientId"], Secret="x" * 40)
    assert error(exc) == ("NotAuthorizedException", f"Unable to verify secret for client {client['ClientId']}")
    with pytest.raises(ClientError) as exc:
        idp.get_client_token(ClientId="1234567890abcdefghijklmnop", Secret="x" * 40)
    assert error(exc)[0] == "ResourceNotFoundException"


def test_a_second_secret_works_too(idp, pool):
    _resource_server(idp, pool["Id"])
    client = _m2m_client(idp, pool["Id"])
    second = idp.add_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    value = second["ClientSecretDescriptor"]["ClientSecretValue"]
    auth = idp.get_client_token(ClientId=client["ClientId"], Secret=value)["ClientAuthenticationResult"]
    assert claims(auth["AccessToken"])["client_id"] == client["ClientId"]


def test_a_client_without_the_flow_is_refused(idp, pool):
    _resource_server(idp, pool["Id"])
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="users", GenerateSecret=True, AllowedOAuthScopes=[READ]
    )["UserPoolClient"]
    with pytest.raises(ClientError) as exc:
        idp.get_client_token(ClientId=client["ClientId"], Secret=client["ClientSecret"])
    assert error(exc) == ("InvalidParameterException", "CLIENT_TOKEN_AUTH flow not enabled for this client")


def test_the_flow_is_exclusive_and_needs_a_secret(idp, pool):
    with pytest.raises(ClientError) as exc:
        idp.create_user_pool_client(
            UserPoolId=pool["Id"],
            ClientName="mixed",
            GenerateSecret=True,
            ExplicitAuthFlows=["ALLOW_CLIENT_TOKEN_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )
    assert error(exc)[0] == "InvalidParameterException"
    assert "mutually exclusive" in error(exc)[1]
    with pytest.raises(ClientError) as exc:
        idp.create_user_pool_client(
            UserPoolId=pool["Id"], ClientName="public", ExplicitAuthFlows=["ALLOW_CLIENT_TOKEN_AUTH"]
        )
    assert error(exc)[0] == "InvalidParameterException"
    assert "client secret" in error(exc)[1]
    public = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="public")["UserPoolClient"]
    with pytest.raises(ClientError) as exc:
        idp.update_user_pool_client(
            UserPoolId=pool["Id"], ClientId=public["ClientId"], ExplicitAuthFlows=["ALLOW_CLIENT_TOKEN_AUTH"]
        )
    assert error(exc)[0] == "InvalidParameterException"
    # Users cannot sign in through a client token client.
    _resource_server(idp, pool["Id"])
    client = _m2m_client(idp, pool["Id"])
    with pytest.raises(ClientError) as exc:
        idp.initiate_auth(
            ClientId=client["ClientId"],
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ada", "PASSWORD": "whatever1A!"},
        )
    assert error(exc)[0] in ("InvalidParameterException", "NotAuthorizedException")
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert described["UserPoolClient"]["ExplicitAuthFlows"] == ["ALLOW_CLIENT_TOKEN_AUTH"]


def test_bad_input(cognito):
    raw = make_client(cognito.base_url, parameter_validation=False)
    for kwargs, field in (
        ({"ClientId": "abc", "Secret": "short"}, "secret"),
        ({"ClientId": "a b", "Secret": "x" * 30}, "clientId"),
        ({"ClientId": "abc", "Secret": "x" * 30, "Scopes": ["s"] * 51}, "scopes"),
    ):
        with pytest.raises(ClientError) as exc:
            raw.get_client_token(**kwargs)
        code, message = error(exc)
        assert code == "InvalidParameterException"
        assert field in message


def test_an_m2m_token_is_no_user_access_token(idp, pool):
    _resource_server(idp, pool["Id"])
    client = _m2m_client(idp, pool["Id"])
    token = idp.get_client_token(ClientId=client["ClientId"], Secret=client["ClientSecret"])
    with pytest.raises(ClientError) as exc:
        idp.get_user(AccessToken=token["ClientAuthenticationResult"]["AccessToken"])
    assert error(exc)[0] == "NotAuthorizedException"


# -- the Pre Token Generation trigger, through the fake Lambda Invoke API ---------------------------------


@pytest.fixture(scope="module")
def lam() -> Iterator[FakeLambda]:
    yield from fake_lambda.running()


@pytest.fixture(scope="module")
def trigger_idp(tmp_path_factory: pytest.TempPathFactory, lam: FakeLambda) -> Iterator[Any]:
    running: LocalCognito = start(Path(tmp_path_factory.mktemp("m2m")), "--lambda-endpoint", lam.endpoint)
    yield make_client(running.base_url)
    assert running.stop() == 0


def _trigger_pool(idp: Any, version: str) -> tuple[str, dict[str, Any]]:
    pool_id = idp.create_user_pool(
        PoolName=f"m2m-{uuid.uuid4().hex[:8]}",
        LambdaConfig={"PreTokenGenerationConfig": {"LambdaVersion": version, "LambdaArn": ARN.format("pretoken")}},
    )["UserPool"]["Id"]
    _resource_server(idp, pool_id)
    return pool_id, _m2m_client(idp, pool_id)


def test_v3_trigger_customises_the_m2m_token(trigger_idp, lam):
    lam.reset()
    pool_id, client = _trigger_pool(trigger_idp, "V3_0")
    lam.script(
        "pretoken",
        respond(
            claimsAndScopeOverrideDetails={
                "accessTokenGeneration": {
                    "claimsToAddOrOverride": {"tenant": "acme", "tier": "gold", "client_id": "forged"},
                    "claimsToSuppress": ["tier"],
                    "scopesToAdd": ["orders/extra"],
                    "scopesToSuppress": [WRITE],
                }
            }
        ),
    )
    auth = trigger_idp.get_client_token(
        ClientId=client["ClientId"], Secret=client["ClientSecret"], ClientMetadata={"environment": "dev"}
    )["ClientAuthenticationResult"]
    token = claims(auth["AccessToken"])
    assert token["tenant"] == "acme"
    assert "tier" not in token  # suppress wins over add
    assert token["client_id"] == client["ClientId"]  # protected claims stay
    assert token["scope"].split() == [READ, "orders/extra"]
    (event,) = lam.events("pretoken")
    assert event["version"] == "3"
    assert event["triggerSource"] == "TokenGeneration_ClientCredentials"
    assert event["userPoolId"] == pool_id
    assert event["callerContext"]["clientId"] == client["ClientId"]
    assert event["request"]["scopes"] == [READ, WRITE]
    assert event["request"]["clientMetadata"] == {"environment": "dev"}
    assert event["request"]["userAttributes"] == {}


def test_v2_trigger_is_not_invoked_for_m2m(trigger_idp, lam):
    lam.reset()
    _, client = _trigger_pool(trigger_idp, "V2_0")
    lam.script("pretoken", respond(claimsAndScopeOverrideDetails={}))
    trigger_idp.get_client_token(ClientId=client["ClientId"], Secret=client["ClientSecret"])
    assert lam.events("pretoken") == []


def test_trigger_failure_fails_the_request(trigger_idp, lam):
    lam.reset()
    _, client = _trigger_pool(trigger_idp, "V3_0")
    lam.script("pretoken", fake_lambda.Fail("no machines today"))
    with pytest.raises(ClientError) as exc:
        trigger_idp.get_client_token(ClientId=client["ClientId"], Secret=client["ClientSecret"])
    assert error(exc) == ("UserLambdaValidationException", "PreTokenGeneration failed with error no machines today.")
