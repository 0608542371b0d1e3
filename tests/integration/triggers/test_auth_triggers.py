"""PreAuthentication and PostAuthentication over the wire (fake Lambda Invoke API): event shapes, refusals,
timeouts; and sign-in straight after sign-up (ConfirmSignUp's Session into USER_AUTH)."""

from __future__ import annotations

import warnings

import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP, generate_hash_device

from tests.fake_lambda import Fail, Sleep
from tests.integration.auth_support import PASSWORD, claims, error, new_client, new_user, password_auth
from tests.integration.trigger_support import ARN, make_pool, user_status
from tests.srp_client import SrpClient

INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")
PRE = {"PreAuthentication": ARN.format("pre")}
POST = {"PostAuthentication": ARN.format("post")}
ALWAYS = {"ChallengeRequiredOnNewDevice": False, "DeviceOnlyRememberedOnUserPrompt": False}


# -- PreAuthentication --------------------------------------------------------------------------------


def test_pre_authentication_event(idp, fresh):
    pool_id, client_id = make_pool(idp, PRE)
    new_user(idp, pool_id, "ann", attributes={"email": "ann@example.com"})
    result = idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD},
        ClientMetadata={"captcha": "ok"},
    )
    assert result["AuthenticationResult"]["AccessToken"]
    (event,) = fresh.events("pre")
    assert event["version"] == "1"
    assert event["triggerSource"] == "PreAuthentication_Authentication"
    assert event["userPoolId"] == pool_id and event["userName"] == "ann"
    assert event["callerContext"]["clientId"] == client_id
    assert event["callerContext"]["awsSdkVersion"].startswith("aws-sdk-")
    request = event["request"]
    # The Developer Guide: validationData carries InitiateAuth's ClientMetadata; userNotFound is only
    # populated for clients with PreventUserExistenceErrors ENABLED.
    assert request["validationData"] == {"captcha": "ok"}
    assert "userNotFound" not in request
    assert request["userAttributes"]["email"] == "ann@example.com"
    assert request["userAttributes"]["cognito:user_status"] == "CONFIRMED"
    assert event["response"] == {}


def test_pre_authentication_refuses_the_sign_in(idp, fresh):
    pool_id, client_id = make_pool(idp, PRE)
    new_user(idp, pool_id, "ben")
    fresh.script("pre", Fail("Sign-in from this app is not allowed."))
    with pytest.raises(ClientError) as exc:
        password_auth(idp, client_id, "ben")
    assert error(exc) == (
        "UserLambdaValidationException",
        "PreAuthentication failed with error Sign-in from this app is not allowed..",
    )
    # The same refusal on SRP, at InitiateAuth, before any challenge.
    srp = SrpClient(pool_id, "ben", PASSWORD)
    with pytest.raises(ClientError) as exc:
        idp.initiate_auth(
            ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters={"USERNAME": "ben", "SRP_A": srp.srp_a()}
        )
    assert error(exc)[0] == "UserLambdaValidationException"
    assert user_status(idp, pool_id, "ben") == ("CONFIRMED", True)
    fresh.script("pre", None)
    assert password_auth(idp, client_id, "ben")["AuthenticationResult"]


def test_pre_authentication_runs_once_for_srp(idp, fresh):
    pool_id, client_id = make_pool(idp, PRE)
    new_user(idp, pool_id, "cy")
    srp = SrpClient(pool_id, "cy", PASSWORD)
    step = idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters={"USERNAME": "cy", "SRP_A": srp.srp_a()}
    )
    assert len(fresh.events("pre")) == 1
    done = idp.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="PASSWORD_VERIFIER",
        ChallengeResponses=srp.answer(step["ChallengeParameters"]),
    )
    assert done["AuthenticationResult"]["AccessToken"]
    assert len(fresh.events("pre")) == 1


def test_pre_authentication_for_unknown_users(idp, fresh):
    pool_id, legacy = make_pool(idp, PRE)
    prevent = new_client(idp, pool_id, PreventUserExistenceErrors="ENABLED")["ClientId"]
    # LEGACY: the trigger does not run for a user who does not exist.
    with pytest.raises(ClientError) as exc:
        password_auth(idp, legacy, "nobody")
    assert error(exc) == ("UserNotFoundException", "User does not exist.")
    assert fresh.events("pre") == []
    # ENABLED: it runs, with userNotFound true, and the caller sees only the generic failure.
    with pytest.raises(ClientError) as exc:
        password_auth(idp, prevent, "nobody")
    assert error(exc) == INCORRECT
    (event,) = fresh.events("pre")
    assert event["request"]["userNotFound"] is True
    assert event["userName"] == "nobody"
    # A refusal from the trigger still reaches the caller.
    fresh.script("pre", Fail("go away"))
    with pytest.raises(ClientError) as exc:
        password_auth(idp, prevent, "nobody")
    assert error(exc) == ("UserLambdaValidationException", "PreAuthentication failed with error go away.")
    # An existing user on the ENABLED client: userNotFound false.
    new_user(idp, pool_id, "dee")
    fresh.script("pre", None)
    assert password_auth(idp, prevent, "dee")["AuthenticationResult"]
    assert fresh.events("pre")[-1]["request"]["userNotFound"] is False


@pytest.mark.slow
def test_trigger_timeout_during_sign_in(idp, fresh):
    pool_id, client_id = make_pool(idp, PRE)
    new_user(idp, pool_id, "eli")
    fresh.script("pre", Sleep(6))
    with pytest.raises(ClientError) as exc:
        password_auth(idp, client_id, "eli")
    assert error(exc) == (
        "UnexpectedLambdaException",
        "PreAuthentication invocation failed due to error Socket timeout while invoking Lambda function.",
    )
    assert user_status(idp, pool_id, "eli") == ("CONFIRMED", True)


# -- PostAuthentication -------------------------------------------------------------------------------


def test_post_authentication_event_and_new_device(idp, fresh):
    pool_id, client_id = make_pool(idp, POST, DeviceConfiguration=ALWAYS)
    new_user(idp, pool_id, "fin")
    first = idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "fin", "PASSWORD": PASSWORD},
        ClientMetadata={"from": "initiate"},
    )["AuthenticationResult"]
    (event,) = fresh.events("post")
    assert event["triggerSource"] == "PostAuthentication_Authentication"
    assert event["userName"] == "fin"
    assert event["request"]["newDeviceUsed"] is True  # a new device was issued with this sign-in
    assert "clientMetadata" not in event["request"]  # InitiateAuth's metadata does not reach it
    assert event["request"]["userAttributes"]["cognito:user_status"] == "CONFIRMED"

    device = first["NewDeviceMetadata"]
    device_password, verifier = generate_hash_device(device["DeviceGroupKey"], device["DeviceKey"])
    idp.confirm_device(
        AccessToken=first["AccessToken"], DeviceKey=device["DeviceKey"], DeviceSecretVerifierConfig=verifier
    )
    fresh.reset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # pycognito uses datetime.utcnow
        out = AWSSRP(
            username="fin",
            password=PASSWORD,
            pool_id=pool_id,
            client_id=client_id,
            client=idp,
            device_key=device["DeviceKey"],
            device_group_key=device["DeviceGroupKey"],
            device_password=device_password,
        ).authenticate_user()
    assert "NewDeviceMetadata" not in out["AuthenticationResult"]
    (event,) = fresh.events("post")
    assert event["request"]["newDeviceUsed"] is False  # the remembered device


def test_post_authentication_without_device_tracking(idp, fresh):
    pool_id, client_id = make_pool(idp, POST)
    new_user(idp, pool_id, "gil")
    assert password_auth(idp, client_id, "gil")["AuthenticationResult"]
    (event,) = fresh.events("post")
    assert event["request"]["newDeviceUsed"] is False


def test_post_authentication_error_issues_no_tokens(idp, fresh):
    pool_id, client_id = make_pool(idp, POST)
    new_user(idp, pool_id, "hugo")
    fresh.script("post", Fail("audit log unavailable"))
    with pytest.raises(ClientError) as exc:
        password_auth(idp, client_id, "hugo")
    assert error(exc) == (
        "UserLambdaValidationException",
        "PostAuthentication failed with error audit log unavailable.",
    )
    assert user_status(idp, pool_id, "hugo") == ("CONFIRMED", True)


# -- sign-in straight after sign-up --------------------------------------------------------------------


def test_confirm_sign_up_session_signs_in_with_user_auth(idp, server, fresh):
    pool_id, client_id = make_pool(idp, {**PRE, **POST}, AutoVerifiedAttributes=["email"])
    idp.sign_up(
        ClientId=client_id,
        Username="ivy",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "ivy@example.com"}],
    )
    code = server.outbox(pool_id)[-1]["code"]
    confirmed = idp.confirm_sign_up(ClientId=client_id, Username="ivy", ConfirmationCode=code)
    session = confirmed["Session"]
    result = idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": "ivy"}, Session=session
    )["AuthenticationResult"]
    assert claims(result["IdToken"])["cognito:username"] == "ivy"
    assert idp.get_user(AccessToken=result["AccessToken"])["Username"] == "ivy"
    assert [e["triggerSource"] for e in fresh.events("post")] == ["PostAuthentication_Authentication"]
    # The Session is single-use.
    with pytest.raises(ClientError) as exc:
        idp.initiate_auth(ClientId=client_id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": "ivy"}, Session=session)
    assert error(exc)[0] == "NotAuthorizedException"


def test_confirm_sign_up_session_is_bound_to_its_user_and_client(idp, server, fresh):
    pool_id, client_id = make_pool(idp, {}, AutoVerifiedAttributes=["email"])
    other = new_client(idp, pool_id)["ClientId"]
    new_user(idp, pool_id, "jon")
    idp.sign_up(
        ClientId=client_id,
        Username="kay",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "kay@example.com"}],
    )
    code = server.outbox(pool_id)[-1]["code"]
    session = idp.confirm_sign_up(ClientId=client_id, Username="kay", ConfirmationCode=code)["Session"]
    for cid, name in ((client_id, "jon"), (other, "kay")):
        with pytest.raises(ClientError) as exc:
            idp.initiate_auth(ClientId=cid, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": name}, Session=session)
        assert error(exc)[0] == "NotAuthorizedException"
