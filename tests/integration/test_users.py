"""User administration over the wire: AdminCreateUser ... AdminConfirmSignUp, with AWS's errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.conftest import unique

STRONG = "Passw0rd!x"


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    err = exc.value.response["Error"]
    return err["Code"], err["Message"]


def attrs_of(items: list[dict[str, str]]) -> dict[str, str]:
    return {a["Name"]: a["Value"] for a in items}


def create(idp: Any, pool: dict[str, Any], name: str | None = None, **kwargs: Any) -> dict[str, Any]:
    kwargs.setdefault("MessageAction", "SUPPRESS")
    return idp.admin_create_user(UserPoolId=pool["Id"], Username=name or unique(), **kwargs)["User"]


# -- AdminCreateUser ------------------------------------------------------------------------------------


def test_create_user_returns_user_type(idp: Any, pool: dict[str, Any]) -> None:
    name = unique("alice")
    user = create(idp, pool, name, UserAttributes=[{"Name": "email", "Value": "alice@example.com"}])
    assert user["Username"] == name
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert user["Enabled"] is True
    assert isinstance(user["UserCreateDate"], dt.datetime)
    assert isinstance(user["UserLastModifiedDate"], dt.datetime)
    attrs = attrs_of(user["Attributes"])
    assert attrs["email"] == "alice@example.com"
    assert len(attrs["sub"]) == 36
    assert "MFAOptions" not in user


def test_create_user_twice_is_username_exists(idp: Any, pool: dict[str, Any]) -> None:
    name = unique()
    create(idp, pool, name)
    with pytest.raises(ClientError) as exc:
        create(idp, pool, name)
    assert error_of(exc) == ("UsernameExistsException", "User account already exists")


def test_create_user_unknown_pool(idp: Any) -> None:
    with pytest.raises(ClientError) as exc:
        idp.admin_create_user(UserPoolId="us-east-1_nonexist0", Username="x")
    assert error_of(exc) == ("ResourceNotFoundException", "User pool us-east-1_nonexist0 does not exist.")


def test_invitation_email_default_template(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    name = unique("bob")
    idp.admin_create_user(
        UserPoolId=pool["Id"],
        Username=name,
        TemporaryPassword="Temp0rary!pw",
        UserAttributes=[{"Name": "email", "Value": "bob@example.com"}],
        DesiredDeliveryMediums=["EMAIL"],
    )
    mails = [m for m in cognito.outbox(pool["Id"]) if m["username"] == name]
    assert len(mails) == 1
    mail = mails[0]
    assert mail["channel"] == "EMAIL"
    assert mail["destination"] == "bob@example.com"
    assert mail["subject"] == "Your temporary password"
    assert mail["body"] == f"Your username is {name} and temporary password is Temp0rary!pw."
    assert mail["code"] == "Temp0rary!pw"


def test_invitation_generated_password_meets_policy_and_signs_in(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    name = unique()
    idp.admin_create_user(
        UserPoolId=pool["Id"],
        Username=name,
        UserAttributes=[{"Name": "phone_number", "Value": "+15555550100"}],
    )  # DesiredDeliveryMediums defaults to SMS
    [sms] = [m for m in cognito.outbox(pool["Id"]) if m["username"] == name]
    assert sms["channel"] == "SMS"
    assert sms["destination"] == "+15555550100"
    password = sms["code"]
    assert password in sms["body"] and name in sms["body"]
    assert len(password) >= 8
    assert any(c.isupper() for c in password) and any(c.islower() for c in password)
    assert any(c.isdigit() for c in password)
    # The generated temporary password is the user's password: setting it permanently again works,
    # and the policy accepted it.
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password=password, Permanent=True)


def test_invitation_custom_template_and_both_mediums(cognito: Any, idp: Any) -> None:
    pool = idp.create_user_pool(
        PoolName=unique("pool"),
        AdminCreateUserConfig={
            "InviteMessageTemplate": {
                "EmailSubject": "Welcome!",
                "EmailMessage": "Hi {username}, your code {####}",
                "SMSMessage": "User {username} pw {####}",
            }
        },
    )["UserPool"]
    try:
        name = unique()
        idp.admin_create_user(
            UserPoolId=pool["Id"],
            Username=name,
            TemporaryPassword="Temp0rary!pw",
            UserAttributes=[
                {"Name": "email", "Value": "c@example.com"},
                {"Name": "phone_number", "Value": "+15555550101"},
            ],
            DesiredDeliveryMediums=["EMAIL", "SMS"],
        )
        box = {m["channel"]: m for m in cognito.outbox(pool["Id"])}
        assert box["EMAIL"]["subject"] == "Welcome!"
        assert box["EMAIL"]["body"] == f"Hi {name}, your code Temp0rary!pw"
        assert box["SMS"]["body"] == f"User {name} pw Temp0rary!pw"
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])


def test_suppress_sends_nothing(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    create(idp, pool, UserAttributes=[{"Name": "email", "Value": "s@example.com"}], DesiredDeliveryMediums=["EMAIL"])
    assert cognito.outbox(pool["Id"]) == []


def test_resend_sends_new_invitation(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    name = unique()
    create(idp, pool, name, UserAttributes=[{"Name": "email", "Value": "r@example.com"}])
    user = idp.admin_create_user(
        UserPoolId=pool["Id"], Username=name, MessageAction="RESEND", DesiredDeliveryMediums=["EMAIL"]
    )["User"]
    assert user["Username"] == name
    [mail] = cognito.outbox(pool["Id"])
    assert mail["destination"] == "r@example.com"


def test_resend_errors(idp: Any, pool: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as exc:
        idp.admin_create_user(UserPoolId=pool["Id"], Username=unique(), MessageAction="RESEND")
    assert error_of(exc) == ("UserNotFoundException", "User does not exist.")
    name = unique()
    create(idp, pool, name)
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password=STRONG, Permanent=True)
    with pytest.raises(ClientError) as exc:
        idp.admin_create_user(UserPoolId=pool["Id"], Username=name, MessageAction="RESEND")
    assert error_of(exc)[0] == "UnsupportedUserStateException"


def test_temporary_password_policy(idp: Any, pool: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as exc:
        create(idp, pool, TemporaryPassword="short")
    assert error_of(exc) == (
        "InvalidPasswordException",
        "Password does not conform to policy: Password not long enough",
    )
    with pytest.raises(ClientError) as exc:
        create(idp, pool, TemporaryPassword="alllowercase1!")
    assert error_of(exc) == (
        "InvalidPasswordException",
        "Password does not conform to policy: Password must have uppercase characters",
    )


def test_create_with_invalid_attributes(idp: Any, pool: dict[str, Any]) -> None:
    cases = [
        ([{"Name": "custom:nope", "Value": "x"}], "custom:nope: Attribute does not exist in the schema.\n"),
        ([{"Name": "email", "Value": "not-an-email"}], "Invalid email address format."),
        ([{"Name": "phone_number", "Value": "555-1234"}], "Invalid phone number format."),
        ([{"Name": "email_verified", "Value": "maybe"}], "email_verified"),
        ([{"Name": "sub", "Value": "my-own-sub"}], "sub"),
    ]
    for attrs, message in cases:
        with pytest.raises(ClientError) as exc:
            create(idp, pool, UserAttributes=attrs)
        code, text = error_of(exc)
        assert code == "InvalidParameterException", attrs
        assert message in text, (attrs, text)
    # nothing was stored
    assert idp.list_users(UserPoolId=pool["Id"])["Users"] == []


def test_unknown_attributes_are_each_named(idp: Any, pool: dict[str, Any]) -> None:
    """AdminCreateUser and AdminUpdateUserAttributes name every attribute the schema lacks, one line each,
    as SignUp does (aws-amplify/amplify-flutter#509, aws-amplify/aws-sdk-android#1629,
    aws-amplify/amplify-cli#1761). No source shows these two operations' own wording: SignUp's is assumed."""
    unknown = [{"Name": "custom:firstName", "Value": "Ann"}, {"Name": "custom:lastName", "Value": "Lee"}]
    expected = (
        "InvalidParameterException",
        "Attributes did not conform to the schema: custom:firstName: Attribute does not exist in the schema.\n"
        "custom:lastName: Attribute does not exist in the schema.\n",
    )
    with pytest.raises(ClientError) as exc:
        create(idp, pool, UserAttributes=[{"Name": "given_name", "Value": "Ann"}, *unknown])
    assert error_of(exc) == expected
    assert idp.list_users(UserPoolId=pool["Id"])["Users"] == []
    name = unique()
    create(idp, pool, name)
    with pytest.raises(ClientError) as exc:
        idp.admin_update_user_attributes(UserPoolId=pool["Id"], Username=name, UserAttributes=unknown)
    assert error_of(exc) == expected


def test_required_attribute_on_create(idp: Any) -> None:
    pool = idp.create_user_pool(
        PoolName=unique("pool"),
        Schema=[{"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True}],
    )["UserPool"]
    try:
        with pytest.raises(ClientError) as exc:
            create(idp, pool)
        assert error_of(exc) == (
            "InvalidParameterException",
            "Attributes did not conform to the schema: email: The attribute is required\n",
        )
        name = unique()
        create(idp, pool, name, UserAttributes=[{"Name": "email", "Value": "e@example.com"}])
        with pytest.raises(ClientError) as exc:
            idp.admin_delete_user_attributes(UserPoolId=pool["Id"], Username=name, UserAttributeNames=["email"])
        assert error_of(exc) == (
            "InvalidParameterException",
            "Attributes did not conform to the schema: email: The attribute is required\n",
        )
        with pytest.raises(ClientError) as exc:
            idp.admin_update_user_attributes(
                UserPoolId=pool["Id"], Username=name, UserAttributes=[{"Name": "email", "Value": ""}]
            )
        assert error_of(exc)[0] == "InvalidParameterException"
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])


# -- AdminGetUser ---------------------------------------------------------------------------------------


def test_get_user(idp: Any, pool: dict[str, Any]) -> None:
    name = unique()
    created = create(idp, pool, name, UserAttributes=[{"Name": "given_name", "Value": "Ann"}])
    got = idp.admin_get_user(UserPoolId=pool["Id"], Username=name)
    assert got["Username"] == name
    assert got["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert got["Enabled"] is True
    assert attrs_of(got["UserAttributes"]) == attrs_of(created["Attributes"])
    assert got["UserAttributes"][0]["Name"] == "sub"
    assert got["UserCreateDate"] == created["UserCreateDate"]
    assert "UserMFASettingList" not in got and "PreferredMfaSetting" not in got and "MFAOptions" not in got


def test_get_user_not_found(idp: Any, pool: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as exc:
        idp.admin_get_user(UserPoolId=pool["Id"], Username="ghost")
    assert error_of(exc) == ("UserNotFoundException", "User does not exist.")


# -- AdminUpdateUserAttributes / AdminDeleteUserAttributes ----------------------------------------------


def test_update_attributes(idp: Any, pool: dict[str, Any]) -> None:
    name = unique()
    create(
        idp,
        pool,
        name,
        UserAttributes=[
            {"Name": "email", "Value": "old@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    idp.admin_update_user_attributes(
        UserPoolId=pool["Id"],
        Username=name,
        UserAttributes=[{"Name": "given_name", "Value": "Zed"}, {"Name": "email", "Value": "new@example.com"}],
    )
    attrs = attrs_of(idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["UserAttributes"])
    assert attrs["given_name"] == "Zed"
    assert attrs["email"] == "new@example.com"
    assert attrs["email_verified"] == "false"  # a changed email is no longer verified
    idp.admin_update_user_attributes(
        UserPoolId=pool["Id"],
        Username=name,
        UserAttributes=[{"Name": "email", "Value": "third@example.com"}, {"Name": "email_verified", "Value": "true"}],
    )
    attrs = attrs_of(idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["UserAttributes"])
    assert (attrs["email"], attrs["email_verified"]) == ("third@example.com", "true")


def test_update_attributes_errors(idp: Any, pool: dict[str, Any]) -> None:
    name = unique()
    create(idp, pool, name)
    with pytest.raises(ClientError) as exc:
        idp.admin_update_user_attributes(
            UserPoolId=pool["Id"], Username=name, UserAttributes=[{"Name": "sub", "Value": "x"}]
        )
    assert error_of(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        idp.admin_update_user_attributes(
            UserPoolId=pool["Id"], Username=name, UserAttributes=[{"Name": "custom:nope", "Value": "x"}]
        )
    assert error_of(exc) == (
        "InvalidParameterException",
        "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.\n",
    )
    with pytest.raises(ClientError) as exc:
        idp.admin_update_user_attributes(
            UserPoolId=pool["Id"], Username="ghost", UserAttributes=[{"Name": "name", "Value": "x"}]
        )
    assert error_of(exc) == ("UserNotFoundException", "User does not exist.")


def test_attributes_require_verification_before_update(idp: Any) -> None:
    pool = idp.create_user_pool(
        PoolName=unique("pool"),
        AutoVerifiedAttributes=["email"],
        UserAttributeUpdateSettings={"AttributesRequireVerificationBeforeUpdate": ["email"]},
    )["UserPool"]
    try:
        name = unique()
        create(
            idp,
            pool,
            name,
            UserAttributes=[{"Name": "email", "Value": "a@example.com"}, {"Name": "email_verified", "Value": "true"}],
        )
        idp.admin_update_user_attributes(
            UserPoolId=pool["Id"], Username=name, UserAttributes=[{"Name": "email", "Value": "b@example.com"}]
        )
        attrs = attrs_of(idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["UserAttributes"])
        assert (attrs["email"], attrs["email_verified"]) == ("a@example.com", "true")  # waits for verification
        idp.admin_update_user_attributes(
            UserPoolId=pool["Id"],
            Username=name,
            UserAttributes=[{"Name": "email", "Value": "b@example.com"}, {"Name": "email_verified", "Value": "true"}],
        )
        attrs = attrs_of(idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["UserAttributes"])
        assert (attrs["email"], attrs["email_verified"]) == ("b@example.com", "true")
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])


def test_delete_attributes(idp: Any, pool: dict[str, Any]) -> None:
    name = unique()
    create(
        idp,
        pool,
        name,
        UserAttributes=[
            {"Name": "email", "Value": "d@example.com"},
            {"Name": "email_verified", "Value": "true"},
            {"Name": "nickname", "Value": "dee"},
        ],
    )
    idp.admin_delete_user_attributes(UserPoolId=pool["Id"], Username=name, UserAttributeNames=["nickname", "email"])
    attrs = attrs_of(idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["UserAttributes"])
    assert set(attrs) == {"sub"}
    with pytest.raises(ClientError) as exc:
        idp.admin_delete_user_attributes(
            UserPoolId=pool["Id"], Username=name, UserAttributeNames=["nickname", "custom:foo", "custom:bar"]
        )
    # Unconfirmed against AWS: moto's wording (test_admin_delete_user_attributes_non_existing_attribute).
    assert error_of(exc) == (
        "InvalidParameterException",
        "Invalid user attributes: user.custom:foo: Attribute does not exist in the schema.\n"
        "user.custom:bar: Attribute does not exist in the schema.\n",
    )
    with pytest.raises(ClientError) as exc:
        idp.admin_delete_user_attributes(UserPoolId=pool["Id"], Username=name, UserAttributeNames=["sub"])
    assert error_of(exc)[0] == "InvalidParameterException"


# -- enable / disable / delete --------------------------------------------------------------------------


def test_disable_enable_delete(idp: Any, pool: dict[str, Any]) -> None:
    name = unique()
    create(idp, pool, name)
    idp.admin_disable_user(UserPoolId=pool["Id"], Username=name)
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["Enabled"] is False
    idp.admin_enable_user(UserPoolId=pool["Id"], Username=name)
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["Enabled"] is True
    idp.admin_delete_user(UserPoolId=pool["Id"], Username=name)
    with pytest.raises(ClientError) as exc:
        idp.admin_get_user(UserPoolId=pool["Id"], Username=name)
    assert error_of(exc) == ("UserNotFoundException", "User does not exist.")
    for op in (idp.admin_disable_user, idp.admin_enable_user, idp.admin_delete_user):
        with pytest.raises(ClientError) as exc:
            op(UserPoolId=pool["Id"], Username=name)
        assert error_of(exc) == ("UserNotFoundException", "User does not exist.")


def test_disabled_user_cannot_sign_in(idp: Any, pool: dict[str, Any]) -> None:
    name = unique()
    create(idp, pool, name)
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password=STRONG, Permanent=True)
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="c", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]
    idp.admin_disable_user(UserPoolId=pool["Id"], Username=name)
    with pytest.raises(ClientError) as exc:
        idp.admin_initiate_auth(
            UserPoolId=pool["Id"],
            ClientId=client["ClientId"],
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": name, "PASSWORD": STRONG},
        )
    assert error_of(exc) == ("NotAuthorizedException", "User is disabled.")


# -- passwords ------------------------------------------------------------------------------------------


def test_set_user_password(idp: Any, pool: dict[str, Any]) -> None:
    name = unique()
    create(idp, pool, name)
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password=STRONG, Permanent=True)
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["UserStatus"] == "CONFIRMED"
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password=STRONG + "2", Permanent=False)
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    with pytest.raises(ClientError) as exc:
        idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password="nodigits!A", Permanent=True)
    assert error_of(exc) == (
        "InvalidPasswordException",
        "Password does not conform to policy: Password must have numeric characters",
    )
    with pytest.raises(ClientError) as exc:
        idp.admin_set_user_password(UserPoolId=pool["Id"], Username="ghost", Password=STRONG, Permanent=True)
    assert error_of(exc) == ("UserNotFoundException", "User does not exist.")


def test_password_history(idp: Any) -> None:
    pool = idp.create_user_pool(
        PoolName=unique("pool"),
        UserPoolTier="PLUS",
        Policies={"PasswordPolicy": {"MinimumLength": 8, "PasswordHistorySize": 2}},
    )["UserPool"]
    try:
        name = unique()
        create(idp, pool, name)
        idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password=STRONG, Permanent=True)
        with pytest.raises(ClientError) as exc:
            idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password=STRONG, Permanent=True)
        assert error_of(exc)[0] == "PasswordHistoryPolicyViolationException"
        idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password=STRONG + "b", Permanent=True)
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])


def test_reset_user_password(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    name = unique()
    create(
        idp,
        pool,
        name,
        UserAttributes=[{"Name": "email", "Value": "reset@example.com"}, {"Name": "email_verified", "Value": "true"}],
    )
    with pytest.raises(ClientError) as exc:  # still FORCE_CHANGE_PASSWORD
        idp.admin_reset_user_password(UserPoolId=pool["Id"], Username=name)
    assert error_of(exc)[0] == "NotAuthorizedException"
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password=STRONG, Permanent=True)
    idp.admin_reset_user_password(UserPoolId=pool["Id"], Username=name)
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["UserStatus"] == "RESET_REQUIRED"
    [mail] = cognito.outbox(pool["Id"])
    assert mail["channel"] == "EMAIL" and mail["destination"] == "reset@example.com"
    assert mail["code"].isdigit() and len(mail["code"]) == 6
    assert mail["code"] in mail["body"]


def test_reset_user_password_without_verified_contact(idp: Any, pool: dict[str, Any]) -> None:
    name = unique()
    create(idp, pool, name, UserAttributes=[{"Name": "email", "Value": "unverified@example.com"}])
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password=STRONG, Permanent=True)
    with pytest.raises(ClientError) as exc:
        idp.admin_reset_user_password(UserPoolId=pool["Id"], Username=name)
    assert error_of(exc) == (
        "InvalidParameterException",
        "Cannot reset password for the user as there is no registered/verified email or phone_number",
    )
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["UserStatus"] == "CONFIRMED"
    with pytest.raises(ClientError) as exc:
        idp.admin_reset_user_password(UserPoolId=pool["Id"], Username="ghost")
    assert error_of(exc) == ("UserNotFoundException", "User does not exist.")


# -- AdminConfirmSignUp ---------------------------------------------------------------------------------


def test_admin_confirm_sign_up(idp: Any, pool: dict[str, Any]) -> None:
    name = unique()
    create(idp, pool, name)
    with pytest.raises(ClientError) as exc:
        idp.admin_confirm_sign_up(UserPoolId=pool["Id"], Username=name)
    assert error_of(exc) == (
        "NotAuthorizedException",
        "User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD",
    )
    with pytest.raises(ClientError) as exc:
        idp.admin_confirm_sign_up(UserPoolId=pool["Id"], Username="ghost")
    assert error_of(exc) == ("UserNotFoundException", "User does not exist.")


def test_admin_confirm_sign_up_of_signed_up_user(idp: Any, pool: dict[str, Any]) -> None:
    client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="c")["UserPoolClient"]
    name = unique()
    idp.sign_up(ClientId=client["ClientId"], Username=name, Password=STRONG)
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["UserStatus"] == "UNCONFIRMED"
    idp.admin_confirm_sign_up(UserPoolId=pool["Id"], Username=name)
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["UserStatus"] == "CONFIRMED"
    with pytest.raises(ClientError) as exc:
        idp.admin_confirm_sign_up(UserPoolId=pool["Id"], Username=name)
    assert error_of(exc) == ("NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED")


def test_update_email_sends_verification_code(cognito: Any, idp: Any) -> None:
    pool = idp.create_user_pool(PoolName=unique("pool"), AutoVerifiedAttributes=["email"])["UserPool"]
    try:
        name = unique()
        create(idp, pool, name, UserAttributes=[{"Name": "email", "Value": "v1@example.com"}])
        idp.admin_update_user_attributes(
            UserPoolId=pool["Id"], Username=name, UserAttributes=[{"Name": "email", "Value": "v2@example.com"}]
        )
        [mail] = cognito.outbox(pool["Id"])
        assert mail["destination"] == "v2@example.com"
        assert mail["code"].isdigit() and mail["code"] in mail["body"]
        # Marked verified by the administrator: no code.
        idp.admin_update_user_attributes(
            UserPoolId=pool["Id"],
            Username=name,
            UserAttributes=[{"Name": "email", "Value": "v3@example.com"}, {"Name": "email_verified", "Value": "true"}],
        )
        assert len(cognito.outbox(pool["Id"])) == 1
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])


def test_get_user_mfa_settings(idp: Any) -> None:
    pool = idp.create_user_pool(PoolName=unique("pool"))["UserPool"]
    try:
        idp.set_user_pool_mfa_config(
            UserPoolId=pool["Id"],
            SmsMfaConfiguration={
                "SmsAuthenticationMessage": "Your code is {####}",
                "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns"},
            },
            MfaConfiguration="OPTIONAL",
        )
        name = unique()
        create(idp, pool, name, UserAttributes=[{"Name": "phone_number", "Value": "+15555550199"}])
        idp.admin_set_user_mfa_preference(
            UserPoolId=pool["Id"], Username=name, SMSMfaSettings={"Enabled": True, "PreferredMfa": True}
        )
        got = idp.admin_get_user(UserPoolId=pool["Id"], Username=name)
        assert got["UserMFASettingList"] == ["SMS_MFA"]
        assert got["PreferredMfaSetting"] == "SMS_MFA"
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])
