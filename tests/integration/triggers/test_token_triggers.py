"""PreTokenGeneration over the wire, through the fake Lambda Invoke API: V1_0 claim and group overrides,
V3_0 access-token customisation, and the trigger source of every way tokens are issued."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP, generate_hash_device

from tests.fake_lambda import Fail, FakeLambda
from tests.integration.auth_support import PASSWORD, claims, error, new_user, password_auth
from tests.integration.trigger_support import ARN, make_pool, respond

ROLE_A = "arn:aws:iam::000000000000:role/alpha"
ROLE_B = "arn:aws:iam::000000000000:role/beta"
V1 = {"PreTokenGeneration": ARN.format("pretoken")}
V3 = {"PreTokenGenerationConfig": {"LambdaVersion": "V3_0", "LambdaArn": ARN.format("pretoken")}}


def grouped_user(idp: Any, pool_id: str, username: str) -> None:
    new_user(idp, pool_id, username, attributes={"email": f"{username}@example.com", "email_verified": "true"})
    idp.create_group(UserPoolId=pool_id, GroupName="admins", RoleArn=ROLE_A, Precedence=1)
    idp.create_group(UserPoolId=pool_id, GroupName="staff", RoleArn=ROLE_B, Precedence=5)
    for group in ("admins", "staff"):
        idp.admin_add_user_to_group(UserPoolId=pool_id, Username=username, GroupName=group)


def test_v1_event_and_claim_overrides(idp, fresh):
    pool_id, client_id = make_pool(idp, V1)
    grouped_user(idp, pool_id, "ada")
    fresh.script(
        "pretoken",
        respond(
            claimsOverrideDetails={
                "claimsToAddOrOverride": {"tenant": "acme", "team": "blue", "email": "other@example.com"},
                "claimsToSuppress": ["team", "email_verified"],
            }
        ),
    )
    result = password_auth(idp, client_id, "ada")["AuthenticationResult"]
    id_claims = claims(result["IdToken"])
    access = claims(result["AccessToken"])
    assert id_claims["tenant"] == "acme"
    assert id_claims["email"] == "other@example.com"  # an attribute claim may be overridden
    assert "team" not in id_claims  # suppress wins over add
    assert "email_verified" not in id_claims
    assert "tenant" not in access  # V1 customises the ID token only
    # Without groupOverrideDetails, the groups stay as the pool derives them.
    assert id_claims["cognito:groups"] == ["admins", "staff"]
    assert id_claims["cognito:preferred_role"] == ROLE_A
    assert access["cognito:groups"] == ["admins", "staff"]

    (event,) = fresh.events("pretoken")
    assert event["version"] == "1"
    assert event["triggerSource"] == "TokenGeneration_Authentication"
    assert event["userName"] == "ada"
    assert event["callerContext"]["clientId"] == client_id
    request = event["request"]
    assert request["userAttributes"]["email"] == "ada@example.com"
    assert request["groupConfiguration"] == {
        "groupsToOverride": ["admins", "staff"],
        "iamRolesToOverride": [ROLE_A, ROLE_B],
        "preferredRole": ROLE_A,
    }
    assert "scopes" not in request  # V1 events carry no scopes


def test_v1_group_override_replaces_groups_roles_and_preferred_role(idp, fresh):
    pool_id, client_id = make_pool(idp, V1)
    grouped_user(idp, pool_id, "bea")
    fresh.script(
        "pretoken",
        respond(
            claimsOverrideDetails={
                "groupOverrideDetails": {
                    "groupsToOverride": ["from-trigger"],
                    "iamRolesToOverride": [ROLE_B],
                    "preferredRole": ROLE_B,
                }
            }
        ),
    )
    result = password_auth(idp, client_id, "bea")["AuthenticationResult"]
    id_claims = claims(result["IdToken"])
    access = claims(result["AccessToken"])
    assert id_claims["cognito:groups"] == ["from-trigger"]
    assert id_claims["cognito:roles"] == [ROLE_B]
    assert id_claims["cognito:preferred_role"] == ROLE_B
    assert access["cognito:groups"] == ["from-trigger"]


def test_v1_empty_group_override_removes_the_group_claims(idp, fresh):
    pool_id, client_id = make_pool(idp, V1)
    grouped_user(idp, pool_id, "cal")
    fresh.script("pretoken", respond(claimsOverrideDetails={"groupOverrideDetails": {}}))
    result = password_auth(idp, client_id, "cal")["AuthenticationResult"]
    for token in (result["IdToken"], result["AccessToken"]):
        found = claims(token)
        assert not {"cognito:groups", "cognito:roles", "cognito:preferred_role"} & found.keys()


def test_v1_non_string_claim_is_invalid_lambda_response(idp, fresh):
    pool_id, client_id = make_pool(idp, V1)
    new_user(idp, pool_id, "dan")
    fresh.script("pretoken", respond(claimsOverrideDetails={"claimsToAddOrOverride": {"level": 3}}))
    with pytest.raises(ClientError) as exc:
        password_auth(idp, client_id, "dan")
    assert error(exc) == ("InvalidLambdaResponseException", "Unrecognizable lambda output")


def test_v3_access_token_and_scopes(idp, fresh):
    pool_id, client_id = make_pool(idp, V3)
    grouped_user(idp, pool_id, "eve")
    fresh.script(
        "pretoken",
        respond(
            claimsAndScopeOverrideDetails={
                "idTokenGeneration": {"claimsToAddOrOverride": {"level": 3}, "claimsToSuppress": ["email"]},
                "accessTokenGeneration": {
                    "claimsToAddOrOverride": {"tenant": {"id": 7, "name": "acme"}, "flags": [1, 2]},
                    "claimsToSuppress": ["tenant_missing"],
                    "scopesToAdd": ["orders/read", "orders/write"],
                    "scopesToSuppress": ["orders/write"],
                },
                "groupOverrideDetails": {"groupsToOverride": ["v3-group"]},
            }
        ),
    )
    result = password_auth(idp, client_id, "eve")["AuthenticationResult"]
    id_claims = claims(result["IdToken"])
    access = claims(result["AccessToken"])
    assert id_claims["level"] == 3 and "email" not in id_claims
    assert access["tenant"] == {"id": 7, "name": "acme"} and access["flags"] == [1, 2]
    assert access["scope"].split() == ["aws.cognito.signin.user.admin", "orders/read"]
    assert access["cognito:groups"] == ["v3-group"] == id_claims["cognito:groups"]
    (event,) = fresh.events("pretoken")
    assert event["triggerSource"] == "TokenGeneration_Authentication"
    assert event["request"]["scopes"] == ["aws.cognito.signin.user.admin"]
    # The user keeps access to self-service operations with the customised access token.
    assert idp.get_user(AccessToken=result["AccessToken"])["Username"] == "eve"


def test_trigger_failure_issues_no_tokens(idp, fresh):
    pool_id, client_id = make_pool(idp, V1)
    new_user(idp, pool_id, "fay")
    fresh.script("pretoken", Fail("no tokens today"))
    with pytest.raises(ClientError) as exc:
        password_auth(idp, client_id, "fay")
    assert error(exc) == ("UserLambdaValidationException", "PreTokenGeneration failed with error no tokens today.")


def sources(lam: FakeLambda) -> list[str]:
    return [e["triggerSource"] for e in lam.events("pretoken")]


def test_trigger_source_refresh_and_new_password(idp, fresh):
    pool_id, client_id = make_pool(idp, V1)
    new_user(idp, pool_id, "gus")
    fresh.script("pretoken", respond(claimsOverrideDetails={"claimsToAddOrOverride": {"stage": "x"}}))
    result = password_auth(idp, client_id, "gus")["AuthenticationResult"]
    refreshed = idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]},
    )["AuthenticationResult"]
    assert claims(refreshed["IdToken"])["stage"] == "x"  # the trigger customises refreshed tokens too
    assert sources(fresh) == ["TokenGeneration_Authentication", "TokenGeneration_RefreshTokens"]

    fresh.reset()
    fresh.script("pretoken", None)  # echo
    idp.admin_create_user(
        UserPoolId=pool_id, Username="hal", TemporaryPassword="Temp-Passw0rd!", MessageAction="SUPPRESS"
    )
    step = password_auth(idp, client_id, "hal", "Temp-Passw0rd!")
    assert step["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    done = idp.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=step["Session"],
        ChallengeResponses={"USERNAME": "hal", "NEW_PASSWORD": PASSWORD},
        ClientMetadata={"screen": "first-login"},
    )
    assert done["AuthenticationResult"]["IdToken"]
    (event,) = fresh.events("pretoken")
    assert event["triggerSource"] == "TokenGeneration_NewPasswordChallenge"
    # RespondToAuthChallenge's ClientMetadata reaches PreTokenGeneration (InitiateAuth's does not).
    assert event["request"]["clientMetadata"] == {"screen": "first-login"}


def test_trigger_source_authenticate_device(idp, fresh):
    device_config = {"ChallengeRequiredOnNewDevice": False, "DeviceOnlyRememberedOnUserPrompt": False}
    pool_id, client_id = make_pool(idp, V1, DeviceConfiguration=device_config)
    new_user(idp, pool_id, "ida")
    first = password_auth(idp, client_id, "ida")["AuthenticationResult"]
    device = first["NewDeviceMetadata"]
    device_password, verifier = generate_hash_device(device["DeviceGroupKey"], device["DeviceKey"])
    idp.confirm_device(
        AccessToken=first["AccessToken"], DeviceKey=device["DeviceKey"], DeviceSecretVerifierConfig=verifier
    )
    fresh.reset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # pycognito uses datetime.utcnow
        out = AWSSRP(
            username="ida",
            password=PASSWORD,
            pool_id=pool_id,
            client_id=client_id,
            client=idp,
            device_key=device["DeviceKey"],
            device_group_key=device["DeviceGroupKey"],
            device_password=device_password,
        ).authenticate_user()
    assert claims(out["AuthenticationResult"]["AccessToken"])["device_key"] == device["DeviceKey"]
    assert sources(fresh) == ["TokenGeneration_AuthenticateDevice"]
