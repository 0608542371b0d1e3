"""A signed-in user's own account over boto3: GetUser, UpdateUserAttributes, attribute verification,
DeleteUser, DeleteUserAttributes, ChangePassword, SetUserSettings / AdminSetUserSettings."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.conftest import unique
from tests.integration.test_signup import (
    LIMIT,
    MISMATCH,
    OTHER,
    STRONG,
    attrs_of,
    error_of,
    last_code,
    new_client,
    new_pool,
    wrong,
)

FLOWS = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def make_user(idp: Any, pool: dict[str, Any], name: str | None = None, **attrs: str) -> str:
    name = name or unique()
    attributes = [{"Name": k, "Value": v} for k, v in attrs.items()]
    idp.admin_create_user(UserPoolId=pool["Id"], Username=name, MessageAction="SUPPRESS", UserAttributes=attributes)
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password=STRONG, Permanent=True)
    return name


def sign_in(
    idp: Any, pool: dict[str, Any], client: dict[str, Any], name: str, password: str = STRONG
) -> dict[str, Any]:
    out = idp.admin_initiate_auth(
        UserPoolId=pool["Id"],
        ClientId=client["ClientId"],
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": name, "PASSWORD": password},
    )
    return out


def access_token(idp: Any, pool: dict[str, Any], client: dict[str, Any], name: str, password: str = STRONG) -> str:
    out = sign_in(idp, pool, client, name, password)
    assert "AuthenticationResult" in out, out
    return str(out["AuthenticationResult"]["AccessToken"])


class Account:
    def __init__(self, idp: Any, pool: dict[str, Any], client: dict[str, Any], name: str, email: str) -> None:
        self.idp, self.pool, self.client, self.name, self.email = idp, pool, client, name, email
        self.token = access_token(idp, pool, client, name)


def account_in(idp: Any, pool: dict[str, Any], **attrs: str) -> Account:
    client = new_client(idp, pool["Id"], ExplicitAuthFlows=FLOWS)
    name = unique()
    email = f"{name}@example.com"
    make_user(idp, pool, name, email=email, email_verified="true", given_name="Ann", **attrs)
    return Account(idp, pool, client, name, email)


@pytest.fixture
def account(idp: Any) -> Any:
    pool = new_pool(idp, AutoVerifiedAttributes=["email"])
    yield account_in(idp, pool)
    idp.delete_user_pool(UserPoolId=pool["Id"])


# -- GetUser -----------------------------------------------------------------------------------------------


def test_get_user(idp, account):
    out = idp.get_user(AccessToken=account.token)
    assert out["Username"] == account.name
    assert out["UserAttributes"][0]["Name"] == "sub"
    attrs = attrs_of(out["UserAttributes"])
    assert attrs["email"] == account.email
    assert attrs["email_verified"] == "true"
    assert attrs["given_name"] == "Ann"
    assert "UserMFASettingList" not in out and "PreferredMfaSetting" not in out and "MFAOptions" not in out


@pytest.mark.parametrize("token", ["garbage", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30.AAAA"])
def test_get_user_rejects_bad_tokens(idp, token):
    with pytest.raises(ClientError) as exc:
        idp.get_user(AccessToken=token)
    assert error_of(exc)[0] == "NotAuthorizedException"


def test_get_user_rejects_an_id_token(idp, account):
    id_token = sign_in(idp, account.pool, account.client, account.name)["AuthenticationResult"]["IdToken"]
    with pytest.raises(ClientError) as exc:
        idp.get_user(AccessToken=id_token)
    assert error_of(exc)[0] == "NotAuthorizedException"


# -- UpdateUserAttributes / verification ------------------------------------------------------------------------


def test_get_user_auth_factors(idp):
    """The first factors USER_AUTH offers the user: the pool's SignInPolicy and the user's verified email."""
    pool = new_pool(
        idp,
        AutoVerifiedAttributes=["email"],
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]}},
    )
    try:
        user = account_in(idp, pool)
        out = idp.get_user_auth_factors(AccessToken=user.token)
        assert out["Username"] == user.name
        # A password and a verified email; no phone, so no SMS_OTP.
        assert out["ConfiguredUserAuthFactors"] == ["PASSWORD", "EMAIL_OTP"]
        assert "UserMFASettingList" not in out
        with pytest.raises(ClientError) as exc:
            idp.get_user_auth_factors(AccessToken="garbage")
        assert error_of(exc)[0] == "NotAuthorizedException"
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])


def test_update_plain_attribute(idp, account):
    out = idp.update_user_attributes(
        AccessToken=account.token, UserAttributes=[{"Name": "given_name", "Value": "Beth"}]
    )
    assert out.get("CodeDeliveryDetailsList", []) == []
    attrs = attrs_of(idp.get_user(AccessToken=account.token)["UserAttributes"])
    assert attrs["given_name"] == "Beth"


def test_update_unknown_attributes(idp, account):
    """UpdateUserAttributes names each attribute the schema lacks as ``user.<name>: Attribute does not exist in
    the schema.`` on a line of its own, without "Attributes did not conform to the schema: " in front: the raw
    response ``{"__type":"InvalidParameterException","message":"user.update_email: Attribute does not exist
    in the schema.\\n"}`` in Jaydev Ahire's account-takeover write-up (jaydevahire.medium.com, post
    dd5468d5773d, March 2023), and five such lines in aws-amplify/amplify-flutter#1531. Nothing is changed."""
    with pytest.raises(ClientError) as exc:
        idp.update_user_attributes(
            AccessToken=account.token,
            UserAttributes=[
                {"Name": "given_name", "Value": "Zoe"},
                {"Name": "custom:firstName", "Value": "Zoe"},
                {"Name": "update_email", "Value": "x@example.com"},
            ],
        )
    assert error_of(exc) == (
        "InvalidParameterException",
        "user.custom:firstName: Attribute does not exist in the schema.\n"
        "user.update_email: Attribute does not exist in the schema.\n",
    )
    assert attrs_of(idp.get_user(AccessToken=account.token)["UserAttributes"])["given_name"] == "Ann"


def test_changed_email_is_unverified_until_verified(idp, cognito, account):
    new_email = f"new-{account.name}@example.org"
    out = idp.update_user_attributes(AccessToken=account.token, UserAttributes=[{"Name": "email", "Value": new_email}])
    assert out["CodeDeliveryDetailsList"] == [
        {"Destination": "n***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    ]
    attrs = attrs_of(idp.get_user(AccessToken=account.token)["UserAttributes"])
    assert attrs["email"] == new_email
    assert attrs["email_verified"] == "false"
    code = last_code(cognito, account.pool["Id"], new_email)
    with pytest.raises(ClientError) as exc:
        idp.verify_user_attribute(AccessToken=account.token, AttributeName="email", Code=wrong(code))
    assert error_of(exc) == ("CodeMismatchException", MISMATCH)
    idp.verify_user_attribute(AccessToken=account.token, AttributeName="email", Code=code)
    attrs = attrs_of(idp.get_user(AccessToken=account.token)["UserAttributes"])
    assert attrs["email_verified"] == "true"
    # Single use.
    with pytest.raises(ClientError) as exc:
        idp.verify_user_attribute(AccessToken=account.token, AttributeName="email", Code=code)
    assert error_of(exc)[0] == "ExpiredCodeException"


def test_users_cannot_mark_themselves_verified(idp, account):
    idp.update_user_attributes(
        AccessToken=account.token,
        UserAttributes=[{"Name": "email", "Value": "self@example.com"}, {"Name": "email_verified", "Value": "true"}],
    )
    attrs = attrs_of(idp.get_user(AccessToken=account.token)["UserAttributes"])
    assert attrs["email_verified"] == "false"


def test_attributes_require_verification_before_update(idp, cognito):
    pool = new_pool(
        idp,
        AutoVerifiedAttributes=["email"],
        UserAttributeUpdateSettings={"AttributesRequireVerificationBeforeUpdate": ["email"]},
    )
    acct = account_in(idp, pool)
    new_email = f"next-{acct.name}@example.com"
    out = idp.update_user_attributes(AccessToken=acct.token, UserAttributes=[{"Name": "email", "Value": new_email}])
    assert out["CodeDeliveryDetailsList"][0]["AttributeName"] == "email"
    attrs = attrs_of(idp.get_user(AccessToken=acct.token)["UserAttributes"])
    assert attrs["email"] == acct.email
    assert attrs["email_verified"] == "true"
    # The old address still signs in until the new one is verified.
    access_token(idp, pool, acct.client, acct.name)
    code = last_code(cognito, pool["Id"], new_email)
    idp.verify_user_attribute(AccessToken=acct.token, AttributeName="email", Code=code)
    attrs = attrs_of(idp.get_user(AccessToken=acct.token)["UserAttributes"])
    assert attrs["email"] == new_email
    assert attrs["email_verified"] == "true"


def test_get_user_attribute_verification_code(idp, cognito, account):
    """The destination is masked as AWS does it, without the top-level domain (``t***@t***`` for
    test@test.com in moto's AWS-verified test_sign_up_with_verified_email)."""
    out = idp.get_user_attribute_verification_code(AccessToken=account.token, AttributeName="email")
    assert out["CodeDeliveryDetails"] == {
        "Destination": f"{account.name[0]}***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    code = last_code(cognito, account.pool["Id"], account.email)
    idp.verify_user_attribute(AccessToken=account.token, AttributeName="email", Code=code)
    with pytest.raises(ClientError) as exc:
        idp.get_user_attribute_verification_code(AccessToken=account.token, AttributeName="phone_number")
    assert error_of(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        idp.get_user_attribute_verification_code(AccessToken=account.token, AttributeName="given_name")
    assert error_of(exc)[0] == "InvalidParameterException"


def test_verification_code_quota(idp, account):
    for _ in range(5):
        idp.get_user_attribute_verification_code(AccessToken=account.token, AttributeName="email")
    with pytest.raises(ClientError) as exc:
        idp.get_user_attribute_verification_code(AccessToken=account.token, AttributeName="email")
    assert error_of(exc) == ("LimitExceededException", LIMIT)


def test_verify_quota_counts_wrong_codes(idp, cognito, account):
    idp.get_user_attribute_verification_code(AccessToken=account.token, AttributeName="email")
    code = last_code(cognito, account.pool["Id"], account.email)
    for _ in range(15):
        with pytest.raises(ClientError) as exc:
            idp.verify_user_attribute(AccessToken=account.token, AttributeName="email", Code=wrong(code))
        assert error_of(exc)[0] == "CodeMismatchException"
    with pytest.raises(ClientError) as exc:
        idp.verify_user_attribute(AccessToken=account.token, AttributeName="email", Code=code)
    assert error_of(exc) == ("LimitExceededException", LIMIT)


def test_verified_alias_conflict(idp, cognito):
    pool = new_pool(idp, AliasAttributes=["email"], AutoVerifiedAttributes=["email"])
    first = account_in(idp, pool)
    second = account_in(idp, pool)
    idp.update_user_attributes(AccessToken=second.token, UserAttributes=[{"Name": "email", "Value": first.email}])
    code = last_code(cognito, pool["Id"], first.email)
    with pytest.raises(ClientError) as exc:
        idp.verify_user_attribute(AccessToken=second.token, AttributeName="email", Code=code)
    assert error_of(exc) == ("AliasExistsException", "An account with the given email already exists.")


# -- DeleteUserAttributes / DeleteUser ---------------------------------------------------------------------------


def test_delete_user_attributes(idp, account):
    idp.delete_user_attributes(AccessToken=account.token, UserAttributeNames=["given_name", "email"])
    attrs = attrs_of(idp.get_user(AccessToken=account.token)["UserAttributes"])
    assert "given_name" not in attrs
    assert "email" not in attrs and "email_verified" not in attrs
    with pytest.raises(ClientError) as exc:
        idp.delete_user_attributes(AccessToken=account.token, UserAttributeNames=["custom:nothing"])
    # Unconfirmed against AWS: moto's wording (test_admin_delete_user_attributes_non_existing_attribute).
    assert error_of(exc) == (
        "InvalidParameterException",
        "Invalid user attributes: user.custom:nothing: Attribute does not exist in the schema.\n",
    )
    with pytest.raises(ClientError) as exc:
        idp.delete_user_attributes(AccessToken=account.token, UserAttributeNames=["sub"])
    assert error_of(exc)[0] == "InvalidParameterException"


def test_delete_user(idp, account):
    idp.delete_user(AccessToken=account.token)
    with pytest.raises(ClientError) as exc:
        idp.admin_get_user(UserPoolId=account.pool["Id"], Username=account.name)
    assert error_of(exc)[0] == "UserNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.get_user(AccessToken=account.token)
    assert error_of(exc)[0] == "NotAuthorizedException"


# -- ChangePassword -----------------------------------------------------------------------------------------------


def test_change_password(idp, account):
    with pytest.raises(ClientError) as exc:
        idp.change_password(AccessToken=account.token, PreviousPassword="Wr0ng!pass", ProposedPassword=OTHER)
    assert error_of(exc) == ("NotAuthorizedException", "Incorrect username or password.")
    with pytest.raises(ClientError) as exc:
        idp.change_password(AccessToken=account.token, PreviousPassword=STRONG, ProposedPassword="nouppercase1!")
    assert error_of(exc) == (
        "InvalidPasswordException",
        "Password does not conform to policy: Password must have uppercase characters",
    )
    idp.change_password(AccessToken=account.token, PreviousPassword=STRONG, ProposedPassword=OTHER)
    access_token(idp, account.pool, account.client, account.name, OTHER)
    with pytest.raises(ClientError) as exc:
        sign_in(idp, account.pool, account.client, account.name, STRONG)
    assert error_of(exc)[0] == "NotAuthorizedException"


def test_change_password_quota(idp, account):
    for _ in range(5):
        with pytest.raises(ClientError):
            idp.change_password(AccessToken=account.token, PreviousPassword="Wr0ng!pass", ProposedPassword=OTHER)
    with pytest.raises(ClientError) as exc:
        idp.change_password(AccessToken=account.token, PreviousPassword=STRONG, ProposedPassword=OTHER)
    assert error_of(exc) == ("LimitExceededException", LIMIT)


def test_change_password_history(idp):
    pool = new_pool(
        idp,
        UserPoolTier="PLUS",
        Policies={
            "PasswordPolicy": {
                "MinimumLength": 8,
                "RequireUppercase": True,
                "RequireLowercase": True,
                "RequireNumbers": True,
                "RequireSymbols": True,
                "PasswordHistorySize": 2,
            }
        },
    )
    acct = account_in(idp, pool)
    with pytest.raises(ClientError) as exc:
        idp.change_password(AccessToken=acct.token, PreviousPassword=STRONG, ProposedPassword=STRONG)
    assert error_of(exc)[0] == "PasswordHistoryPolicyViolationException"
    idp.change_password(AccessToken=acct.token, PreviousPassword=STRONG, ProposedPassword=OTHER)


# -- SetUserSettings / AdminSetUserSettings ------------------------------------------------------------------------


def test_set_user_settings(idp, account):
    with pytest.raises(ClientError) as exc:
        idp.set_user_settings(
            AccessToken=account.token, MFAOptions=[{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
        )
    assert error_of(exc) == ("InvalidParameterException", "User does not have delivery config set to turn on SMS_MFA")
    idp.admin_update_user_attributes(
        UserPoolId=account.pool["Id"],
        Username=account.name,
        UserAttributes=[{"Name": "phone_number", "Value": "+15555550111"}],
    )
    idp.set_user_settings(
        AccessToken=account.token, MFAOptions=[{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    )
    out = idp.get_user(AccessToken=account.token)
    assert out["MFAOptions"] == [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    assert out["UserMFASettingList"] == ["SMS_MFA"]
    admin = idp.admin_get_user(UserPoolId=account.pool["Id"], Username=account.name)
    assert admin["MFAOptions"] == [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    idp.admin_set_user_settings(UserPoolId=account.pool["Id"], Username=account.name, MFAOptions=[])
    out = idp.get_user(AccessToken=account.token)
    assert "MFAOptions" not in out and "UserMFASettingList" not in out
    with pytest.raises(ClientError) as exc:
        idp.admin_set_user_settings(UserPoolId=account.pool["Id"], Username=unique("ghost"), MFAOptions=[])
    assert error_of(exc)[0] == "UserNotFoundException"
