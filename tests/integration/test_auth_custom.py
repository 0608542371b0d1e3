"""Sign-in triggers: CUSTOM_AUTH (with and without DefineAuthChallenge), PreAuthentication, PreTokenGeneration."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP

from tests.conftest import make_client
from tests.integration.auth_support import PASSWORD, error, new_client, new_user
from tests.localcognito import LocalCognito, start

MODULE = "tests.integration.custom_auth_lambdas"
ARN = "arn:aws:lambda:us-east-1:000000000000:function:{}"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCognito]:
    mapping = ",".join(
        f"{name}={MODULE}:{name}" for name in ("define", "create", "verify", "pre_token_v1", "pre_token_v2", "pre_auth")
    )
    running = start(Path(tmp_path_factory.mktemp("custom-auth")), env={"COGNITO_LOCAL_TRIGGERS": mapping})
    yield running
    assert running.stop() == 0


@pytest.fixture
def custom(server: LocalCognito) -> Iterator[tuple[Any, str, str]]:
    idp = make_client(server.base_url)
    pool = idp.create_user_pool(
        PoolName="custom",
        LambdaConfig={
            "DefineAuthChallenge": ARN.format("define"),
            "CreateAuthChallenge": ARN.format("create"),
            "VerifyAuthChallengeResponse": ARN.format("verify"),
        },
    )["UserPool"]
    client = new_client(idp, pool["Id"])
    new_user(idp, pool["Id"], "quiz")
    yield idp, pool["Id"], client["ClientId"]
    idp.delete_user_pool(UserPoolId=pool["Id"])


def answer(idp: Any, client_id: str, session: str, value: str) -> Any:
    return idp.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="CUSTOM_CHALLENGE",
        Session=session,
        ChallengeResponses={"USERNAME": "quiz", "ANSWER": value},
    )


def test_custom_auth_needs_a_define_trigger(idp: Any, pool: dict[str, Any]) -> None:
    client = new_client(idp, pool["Id"])
    new_user(idp, pool["Id"], "plain")
    with pytest.raises(ClientError) as exc:
        idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "plain"})
    assert error(exc) == ("NotAuthorizedException", "Custom auth lambda trigger is not configured for the user pool.")


def test_custom_challenge_loop(custom: tuple[Any, str, str]) -> None:
    idp, _, client_id = custom
    first = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "quiz"})
    assert first["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert first["ChallengeParameters"]["question"] == "0 + 2"
    second = answer(idp, client_id, first["Session"], "5")
    assert second["ChallengeName"] == "CUSTOM_CHALLENGE" and second["ChallengeParameters"]["question"] == "1 + 2"
    done = answer(idp, client_id, second["Session"], "3")
    assert "AccessToken" in done["AuthenticationResult"]
    with pytest.raises(ClientError) as exc:
        answer(idp, client_id, second["Session"], "3")
    assert error(exc) == ("NotAuthorizedException", "Invalid session for the user, session is expired.")


def test_three_wrong_answers_fail(custom: tuple[Any, str, str]) -> None:
    idp, _, client_id = custom
    step = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "quiz"})
    step = answer(idp, client_id, step["Session"], "x")
    step = answer(idp, client_id, step["Session"], "x")
    with pytest.raises(ClientError) as exc:
        answer(idp, client_id, step["Session"], "x")
    assert error(exc) == ("NotAuthorizedException", "Incorrect username or password.")


def test_srp_inside_custom_auth(custom: tuple[Any, str, str]) -> None:
    idp, pool_id, client_id = custom
    srp = AWSSRP("quiz", PASSWORD, pool_id, client_id, client=idp)
    params = {**srp.get_auth_params(), "CHALLENGE_NAME": "SRP_A"}
    started = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters=params)
    assert started["ChallengeName"] == "PASSWORD_VERIFIER"
    responses = srp.process_challenge(started["ChallengeParameters"], params)
    custom_step = idp.respond_to_auth_challenge(
        ClientId=client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=responses
    )
    assert custom_step["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert custom_step["ChallengeParameters"]["question"] == "2 + 2"
    done = answer(idp, client_id, custom_step["Session"], "4")
    assert "AccessToken" in done["AuthenticationResult"]


def _pool_with(idp: Any, **lambda_config: Any) -> tuple[str, str]:
    pool = idp.create_user_pool(PoolName="triggers", LambdaConfig=lambda_config)["UserPool"]["Id"]
    return pool, new_client(idp, pool)["ClientId"]


def test_pre_token_generation_v1(server: LocalCognito) -> None:
    from tests.integration.auth_support import claims, tokens

    idp = make_client(server.base_url)
    pool, client_id = _pool_with(idp, PreTokenGeneration=ARN.format("pre_token_v1"))
    try:
        new_user(idp, pool, "tok", attributes={"email": "tok@example.com"})
        result = tokens(idp, client_id, "tok")
        id_claims, access = claims(result["IdToken"]), claims(result["AccessToken"])
        assert id_claims["tenant"] == "acme" and "email" not in id_claims
        assert id_claims["sub"] != "forged"  # sub cannot be overridden
        assert id_claims["cognito:groups"] == ["from-trigger"] == access["cognito:groups"]
        assert "tenant" not in access  # V1 customises the ID token only
    finally:
        idp.delete_user_pool(UserPoolId=pool)


def test_pre_token_generation_v2_and_refresh(server: LocalCognito) -> None:
    from tests.integration.auth_support import claims, tokens

    idp = make_client(server.base_url)
    pool, client_id = _pool_with(
        idp, PreTokenGenerationConfig={"LambdaVersion": "V2_0", "LambdaArn": ARN.format("pre_token_v2")}
    )
    try:
        new_user(idp, pool, "two")
        result = tokens(idp, client_id, "two")
        id_claims, access = claims(result["IdToken"]), claims(result["AccessToken"])
        assert id_claims["level"] == 3 and id_claims["source"] == "TokenGeneration_Authentication"
        assert access["tenant"] == "acme"
        assert access["scope"].split() == ["aws.cognito.signin.user.admin", "orders/read"]
        refreshed = idp.initiate_auth(
            ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]}
        )["AuthenticationResult"]
        assert claims(refreshed["IdToken"])["source"] == "TokenGeneration_RefreshTokens"
    finally:
        idp.delete_user_pool(UserPoolId=pool)


def test_pre_authentication_can_refuse(server: LocalCognito) -> None:
    from tests.integration.auth_support import password_auth

    idp = make_client(server.base_url)
    pool, client_id = _pool_with(idp, PreAuthentication=ARN.format("pre_auth"))
    try:
        new_user(idp, pool, "blocked")
        new_user(idp, pool, "fine")
        with pytest.raises(ClientError) as exc:
            password_auth(idp, client_id, "blocked")
        assert error(exc) == ("UserLambdaValidationException", "PreAuthentication failed with error Blocked by policy.")
        assert "AuthenticationResult" in password_auth(idp, client_id, "fine")
    finally:
        idp.delete_user_pool(UserPoolId=pool)
