"""A user's sign-in factors as an administrator sees them (AdminGetUserAuthFactors) and the removal of their
authenticator app (AdminDeleteSoftwareToken), through boto3."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.integration import auth_support
from tests.integration.passkey_support import Authenticator
from tests.integration.test_mfa import TOTP_SETTINGS, code_for, enrol, totp_pool
from tests.integration.test_passkeys import passkey_pool, register
from tests.integration.test_self_service import FLOWS, access_token, make_user, sign_in
from tests.integration.test_signup import new_client


def error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    err = exc.value.response["Error"]
    return err["Code"], err["Message"]


def factors(idp: Any, pool_id: str, name: str) -> dict[str, Any]:
    out = idp.admin_get_user_auth_factors(UserPoolId=pool_id, Username=name)
    out.pop("ResponseMetadata")
    return dict(out)


@pytest.fixture
def totp_user(idp: Any) -> Any:
    pool = totp_pool(idp)
    client = new_client(idp, pool["Id"], ExplicitAuthFlows=FLOWS)
    name = make_user(idp, pool)
    yield pool, client, name
    idp.delete_user_pool(UserPoolId=pool["Id"])


def test_a_user_with_a_password(idp, pool):
    name = make_user(idp, pool)
    assert factors(idp, pool["Id"], name) == {"Username": name, "ConfiguredUserAuthFactors": ["PASSWORD"]}


def test_an_authenticator_app_is_a_software_token_factor(idp, totp_user):
    pool, client, name = totp_user
    token = access_token(idp, pool, client, name)
    enrol(idp, token)
    idp.set_user_mfa_preference(AccessToken=token, SoftwareTokenMfaSettings=TOTP_SETTINGS)
    out = factors(idp, pool["Id"], name)
    assert out == {
        "Username": name,
        "ConfiguredUserAuthFactors": ["PASSWORD", "SOFTWARE_TOKEN"],
        "UserMFASettingList": ["SOFTWARE_TOKEN_MFA"],
        "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA",
    }
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username=name)
    assert user["UserMFASettingList"] == out["UserMFASettingList"]
    assert user["PreferredMfaSetting"] == out["PreferredMfaSetting"]
    # The user's own view of their MFA settings agrees.
    own = idp.get_user_auth_factors(AccessToken=token)
    assert own["UserMFASettingList"] == out["UserMFASettingList"]
    assert own["PreferredMfaSetting"] == out["PreferredMfaSetting"]
    assert own["ConfiguredUserAuthFactors"] == ["PASSWORD", "SOFTWARE_TOKEN"]


def test_email_and_sms_factors(idp):
    pool = idp.create_user_pool(
        PoolName=f"choice-{uuid.uuid4().hex[:6]}",
        UserPoolTier="ESSENTIALS",
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]}},
        EmailConfiguration={
            "EmailSendingAccount": "DEVELOPER",
            "SourceArn": "arn:aws:ses:us-east-1:000000000000:identity/example.com",
        },
        SmsConfiguration={"SnsCallerArn": "arn:aws:iam::000000000000:role/sms", "ExternalId": "ext"},
    )["UserPool"]
    try:
        verified = make_user(
            idp,
            pool,
            email="a@example.com",
            email_verified="true",
            phone_number="+15555550100",
            phone_number_verified="true",
        )
        unverified = make_user(idp, pool, email="b@example.com", phone_number="+15555550101")
        assert factors(idp, pool["Id"], verified)["ConfiguredUserAuthFactors"] == ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]
        assert factors(idp, pool["Id"], unverified)["ConfiguredUserAuthFactors"] == ["PASSWORD"]
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])


def test_a_passkey_is_a_web_authn_factor(idp):
    pool = passkey_pool(idp)
    try:
        client = auth_support.new_client(idp, pool["Id"])
        auth_support.new_user(idp, pool["Id"], "ann")
        assert factors(idp, pool["Id"], "ann")["ConfiguredUserAuthFactors"] == ["PASSWORD"]
        register(idp, auth_support.tokens(idp, client["ClientId"], "ann")["AccessToken"], Authenticator())
        assert factors(idp, pool["Id"], "ann")["ConfiguredUserAuthFactors"] == ["PASSWORD", "WEB_AUTHN"]
        # Passkeys no longer a first factor: still one where they satisfy MFA.
        idp.update_user_pool(
            UserPoolId=pool["Id"], Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]}}
        )
        assert factors(idp, pool["Id"], "ann")["ConfiguredUserAuthFactors"] == ["PASSWORD"]
        idp.set_user_pool_mfa_config(
            UserPoolId=pool["Id"],
            WebAuthnConfiguration={
                "RelyingPartyId": "example.com",
                "UserVerification": "required",
                "FactorConfiguration": "MULTI_FACTOR_WITH_USER_VERIFICATION",
            },
        )
        assert factors(idp, pool["Id"], "ann")["ConfiguredUserAuthFactors"] == ["PASSWORD", "WEB_AUTHN"]
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])


def test_users_are_found_by_sub_and_unknown_ones_are_not(idp, pool):
    name = make_user(idp, pool)
    sub = next(
        a["Value"]
        for a in idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["UserAttributes"]
        if a["Name"] == "sub"
    )
    assert factors(idp, pool["Id"], sub)["Username"] == name
    for call in (idp.admin_get_user_auth_factors, idp.admin_delete_software_token):
        with pytest.raises(ClientError) as exc:
            call(UserPoolId=pool["Id"], Username="nobody")
        assert error(exc) == ("UserNotFoundException", "User does not exist.")
        with pytest.raises(ClientError) as exc:
            call(UserPoolId="us-east-1_nothere", Username=name)
        assert error(exc) == ("ResourceNotFoundException", "User pool us-east-1_nothere does not exist.")
        with pytest.raises(ClientError) as exc:
            call(UserPoolId="no pool", Username=name)
        assert error(exc)[0] == "InvalidParameterException"


def test_delete_software_token(idp, totp_user):
    pool, client, name = totp_user
    token = access_token(idp, pool, client, name)
    old_secret = enrol(idp, token)
    idp.set_user_mfa_preference(AccessToken=token, SoftwareTokenMfaSettings=TOTP_SETTINGS)
    assert "ChallengeName" in sign_in(idp, pool, client, name)  # SOFTWARE_TOKEN_MFA

    idp.admin_delete_software_token(UserPoolId=pool["Id"], Username=name)
    assert factors(idp, pool["Id"], name) == {"Username": name, "ConfiguredUserAuthFactors": ["PASSWORD"]}
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username=name)
    assert "UserMFASettingList" not in user and "PreferredMfaSetting" not in user
    # Sign-in no longer asks for a code, and the user can register a new authenticator.
    token = access_token(idp, pool, client, name)
    new_secret = idp.associate_software_token(AccessToken=token)["SecretCode"]
    assert new_secret != old_secret
    assert idp.verify_software_token(AccessToken=token, UserCode=code_for(new_secret))["Status"] == "SUCCESS"


def test_delete_software_token_of_a_user_without_one(idp, totp_user):
    pool, client, name = totp_user
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.admin_delete_software_token(UserPoolId=pool["Id"], Username=name)
    # An association that was never verified is not a software token either.
    idp.associate_software_token(AccessToken=access_token(idp, pool, client, name))
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.admin_delete_software_token(UserPoolId=pool["Id"], Username=name)


def test_a_user_whose_token_was_deleted_sets_up_a_new_one_where_mfa_is_required(idp):
    pool = totp_pool(idp, "ON")
    try:
        client = new_client(idp, pool["Id"], ExplicitAuthFlows=FLOWS)
        name = make_user(idp, pool)
        setup = sign_in(idp, pool, client, name)
        secret = idp.associate_software_token(Session=setup["Session"])
        verified = idp.verify_software_token(Session=secret["Session"], UserCode=code_for(secret["SecretCode"]))
        idp.admin_respond_to_auth_challenge(
            UserPoolId=pool["Id"],
            ClientId=client["ClientId"],
            ChallengeName="MFA_SETUP",
            Session=verified["Session"],
            ChallengeResponses={"USERNAME": name},
        )
        assert sign_in(idp, pool, client, name)["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
        idp.admin_delete_software_token(UserPoolId=pool["Id"], Username=name)
        assert sign_in(idp, pool, client, name)["ChallengeName"] == "MFA_SETUP"
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])
