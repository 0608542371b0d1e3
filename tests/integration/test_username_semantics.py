"""Username semantics as AWS: email/phone as username, aliases, case sensitivity, sub, custom attributes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.conftest import unique


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    err = exc.value.response["Error"]
    return err["Code"], err["Message"]


def attrs_of(items: list[dict[str, str]]) -> dict[str, str]:
    return {a["Name"]: a["Value"] for a in items}


def create(idp: Any, pool_id: str, username: str, /, **kwargs: Any) -> dict[str, Any]:
    kwargs.setdefault("MessageAction", "SUPPRESS")
    return idp.admin_create_user(UserPoolId=pool_id, Username=username, **kwargs)["User"]


def user_attrs(**values: str) -> list[dict[str, str]]:
    return [{"Name": k, "Value": v} for k, v in values.items()]


@pytest.fixture
def make_pool(idp: Any) -> Iterator[Any]:
    made: list[str] = []

    def make(**kwargs: Any) -> dict[str, Any]:
        pool = idp.create_user_pool(PoolName=unique("pool"), **kwargs)["UserPool"]
        made.append(pool["Id"])
        return pool

    yield make
    for pool_id in made:
        idp.delete_user_pool(UserPoolId=pool_id)


# -- UsernameAttributes ---------------------------------------------------------------------------------


def test_email_as_username(idp: Any, make_pool: Any) -> None:
    pool = make_pool(UsernameAttributes=["email"], UsernameConfiguration={"CaseSensitive": False})
    user = create(idp, pool["Id"], "Jane@Example.com")
    attrs = attrs_of(user["Attributes"])
    assert user["Username"] == attrs["sub"]  # the stored username is the sub
    uuid.UUID(user["Username"])
    assert attrs["email"] == "Jane@Example.com"
    by_email = idp.admin_get_user(UserPoolId=pool["Id"], Username="jane@example.com")
    by_sub = idp.admin_get_user(UserPoolId=pool["Id"], Username=user["Username"])
    assert by_email["Username"] == by_sub["Username"] == user["Username"]
    with pytest.raises(ClientError) as exc:
        create(idp, pool["Id"], "jane@example.com")
    assert error_of(exc) == ("UsernameExistsException", "An account with the given email already exists.")
    with pytest.raises(ClientError) as exc:
        create(idp, pool["Id"], "jane")
    assert error_of(exc) == ("InvalidParameterException", "Username should be an email.")
    listed = idp.list_users(UserPoolId=pool["Id"], Filter='email = "jane@example.com"')["Users"]
    assert [u["Username"] for u in listed] == [user["Username"]]


def test_email_as_username_update_conflict(idp: Any, make_pool: Any) -> None:
    pool = make_pool(UsernameAttributes=["email"])
    create(idp, pool["Id"], "one@example.com")
    two = create(idp, pool["Id"], "two@example.com")
    with pytest.raises(ClientError) as exc:
        idp.admin_update_user_attributes(
            UserPoolId=pool["Id"], Username=two["Username"], UserAttributes=user_attrs(email="one@example.com")
        )
    assert error_of(exc) == ("AliasExistsException", "An account with the given email already exists.")
    # The new email signs the user in (username attributes need no verification to be found).
    idp.admin_update_user_attributes(
        UserPoolId=pool["Id"], Username=two["Username"], UserAttributes=user_attrs(email="deux@example.com")
    )
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="deux@example.com")["Username"] == two["Username"]
    with pytest.raises(ClientError) as exc:
        idp.admin_get_user(UserPoolId=pool["Id"], Username="two@example.com")
    assert error_of(exc)[0] == "UserNotFoundException"


def test_phone_as_username(idp: Any, make_pool: Any) -> None:
    pool = make_pool(UsernameAttributes=["phone_number"])
    user = create(idp, pool["Id"], "+15550001111")
    assert attrs_of(user["Attributes"])["phone_number"] == "+15550001111"
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="+15550001111")["Username"] == user["Username"]
    with pytest.raises(ClientError) as exc:
        create(idp, pool["Id"], "someone@example.com")
    assert error_of(exc) == ("InvalidParameterException", "Username should be a phone number.")


def test_email_or_phone_as_username(idp: Any, make_pool: Any) -> None:
    pool = make_pool(UsernameAttributes=["email", "phone_number"])
    create(idp, pool["Id"], "x@example.com")
    create(idp, pool["Id"], "+15550002222")
    with pytest.raises(ClientError) as exc:
        create(idp, pool["Id"], "plainname")
    assert error_of(exc) == ("InvalidParameterException", "Username should be either an email or a phone number.")


# -- AliasAttributes ------------------------------------------------------------------------------------


def test_alias_email_format_username_rejected(idp: Any, make_pool: Any) -> None:
    pool = make_pool(AliasAttributes=["email"])
    with pytest.raises(ClientError) as exc:
        create(idp, pool["Id"], "a@example.com")
    assert error_of(exc) == (
        "InvalidParameterException",
        "Username cannot be of email format, since user pool is configured for email alias.",
    )


def test_verified_email_alias_finds_user(idp: Any, make_pool: Any) -> None:
    pool = make_pool(AliasAttributes=["email"], UsernameConfiguration={"CaseSensitive": False})
    create(idp, pool["Id"], "kim", UserAttributes=user_attrs(email="kim@example.com", email_verified="true"))
    create(idp, pool["Id"], "lee", UserAttributes=user_attrs(email="lee@example.com"))
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="kim@example.com")["Username"] == "kim"
    with pytest.raises(ClientError) as exc:  # an unverified email is not an alias
        idp.admin_get_user(UserPoolId=pool["Id"], Username="lee@example.com")
    assert error_of(exc) == ("UserNotFoundException", "User does not exist.")


def test_alias_conflict_and_force_alias_creation(idp: Any, make_pool: Any) -> None:
    pool = make_pool(AliasAttributes=["email"])
    shared = user_attrs(email="shared@example.com", email_verified="true")
    create(idp, pool["Id"], "first", UserAttributes=shared)
    with pytest.raises(ClientError) as exc:
        create(idp, pool["Id"], "second", UserAttributes=shared)
    assert error_of(exc) == ("AliasExistsException", "An account with the given email already exists.")
    # An unverified copy is fine: only verified values are aliases.
    create(idp, pool["Id"], "third", UserAttributes=user_attrs(email="shared@example.com"))
    # ForceAliasCreation moves the alias to the new user.
    create(idp, pool["Id"], "second", UserAttributes=shared, ForceAliasCreation=True)
    first = attrs_of(idp.admin_get_user(UserPoolId=pool["Id"], Username="first")["UserAttributes"])
    assert first["email_verified"] == "false"
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="shared@example.com")["Username"] == "second"
    with pytest.raises(ClientError) as exc:
        idp.admin_update_user_attributes(
            UserPoolId=pool["Id"], Username="first", UserAttributes=user_attrs(email_verified="true")
        )
    assert error_of(exc) == ("AliasExistsException", "An account with the given email already exists.")


def test_preferred_username_alias(idp: Any, make_pool: Any) -> None:
    pool = make_pool(AliasAttributes=["preferred_username"])
    create(idp, pool["Id"], "mia", UserAttributes=user_attrs(preferred_username="mimi"))
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="mimi")["Username"] == "mia"
    with pytest.raises(ClientError) as exc:
        create(idp, pool["Id"], "max", UserAttributes=user_attrs(preferred_username="mimi"))
    assert error_of(exc)[0] == "AliasExistsException"


# -- case sensitivity -----------------------------------------------------------------------------------


def test_case_insensitive_usernames(idp: Any, make_pool: Any) -> None:
    pool = make_pool(UsernameConfiguration={"CaseSensitive": False})
    create(idp, pool["Id"], "Alice")
    got = idp.admin_get_user(UserPoolId=pool["Id"], Username="aLiCe")
    assert got["Username"] == "Alice"  # the username keeps its case
    with pytest.raises(ClientError) as exc:
        create(idp, pool["Id"], "ALICE")
    assert error_of(exc) == ("UsernameExistsException", "User account already exists")


def test_case_sensitive_usernames(idp: Any, make_pool: Any) -> None:
    pool = make_pool(UsernameConfiguration={"CaseSensitive": True})
    create(idp, pool["Id"], "Bob")
    create(idp, pool["Id"], "bob")
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="Bob")["Username"] == "Bob"
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="bob")["Username"] == "bob"
    with pytest.raises(ClientError) as exc:
        idp.admin_get_user(UserPoolId=pool["Id"], Username="BOB")
    assert error_of(exc)[0] == "UserNotFoundException"
    assert [u["Username"] for u in idp.list_users(UserPoolId=pool["Id"])["Users"]] == ["Bob", "bob"]


# -- sub ------------------------------------------------------------------------------------------------


def test_sub_is_immutable_and_unique(idp: Any, pool: dict[str, Any]) -> None:
    one = create(idp, pool["Id"], unique())
    two = create(idp, pool["Id"], unique())
    sub = attrs_of(one["Attributes"])["sub"]
    assert sub != attrs_of(two["Attributes"])["sub"]
    with pytest.raises(ClientError) as exc:
        idp.admin_update_user_attributes(
            UserPoolId=pool["Id"], Username=one["Username"], UserAttributes=user_attrs(sub=str(uuid.uuid4()))
        )
    assert error_of(exc)[0] == "InvalidParameterException"
    idp.admin_update_user_attributes(
        UserPoolId=pool["Id"], Username=one["Username"], UserAttributes=user_attrs(name="New Name")
    )
    got = attrs_of(idp.admin_get_user(UserPoolId=pool["Id"], Username=one["Username"])["UserAttributes"])
    assert got["sub"] == sub


PASSWORD = "Passw0rd!x"


def sub_of(user: dict[str, Any]) -> str:
    return attrs_of(user.get("Attributes") or user.get("UserAttributes") or [])["sub"]


def test_admin_user_operations_take_the_sub_in_a_pool_of_plain_usernames(idp: Any, pool: dict[str, Any]) -> None:
    """API reference, Username of AdminGetUser, AdminUpdateUserAttributes, AdminDeleteUser and the other
    Admin* user operations: "If username isn't an alias attribute in your user pool, you can also use
    their sub in this request." A pool without UsernameAttributes keeps the username as given, and the
    sub names the user all the same."""
    pid = pool["Id"]
    sub = sub_of(create(idp, pid, "alice", UserAttributes=user_attrs(email="alice@example.com")))
    assert idp.admin_get_user(UserPoolId=pid, Username=sub)["Username"] == "alice"
    idp.admin_update_user_attributes(UserPoolId=pid, Username=sub, UserAttributes=user_attrs(name="Alice"))
    idp.admin_delete_user_attributes(UserPoolId=pid, Username=sub, UserAttributeNames=["email"])
    idp.admin_set_user_password(UserPoolId=pid, Username=sub, Password=PASSWORD, Permanent=True)
    idp.admin_disable_user(UserPoolId=pid, Username=sub)
    assert idp.admin_get_user(UserPoolId=pid, Username="alice")["Enabled"] is False
    idp.admin_enable_user(UserPoolId=pid, Username=sub)
    idp.create_group(UserPoolId=pid, GroupName="readers")
    idp.admin_add_user_to_group(UserPoolId=pid, Username=sub, GroupName="readers")
    groups = idp.admin_list_groups_for_user(UserPoolId=pid, Username=sub)["Groups"]
    assert [g["GroupName"] for g in groups] == ["readers"]
    idp.admin_remove_user_from_group(UserPoolId=pid, Username=sub, GroupName="readers")
    assert idp.admin_list_groups_for_user(UserPoolId=pid, Username="alice")["Groups"] == []
    assert idp.admin_list_devices(UserPoolId=pid, Username=sub)["Devices"] == []
    idp.admin_user_global_sign_out(UserPoolId=pid, Username=sub)
    got = idp.admin_get_user(UserPoolId=pid, Username="alice")
    assert (got["UserStatus"], got["Enabled"]) == ("CONFIRMED", True)
    assert attrs_of(got["UserAttributes"]) == {"sub": sub, "name": "Alice"}
    idp.admin_delete_user(UserPoolId=pid, Username=sub)
    for name in (sub, "alice"):
        with pytest.raises(ClientError) as exc:
            idp.admin_get_user(UserPoolId=pid, Username=name)
        assert error_of(exc) == ("UserNotFoundException", "User does not exist.")


@pytest.mark.parametrize(
    ("config", "username"),
    [
        ({"UsernameConfiguration": {"CaseSensitive": True}}, "Plain"),
        ({"AliasAttributes": ["email"]}, "aliased"),
        ({"AliasAttributes": ["phone_number", "preferred_username"]}, "aliased"),
        ({"UsernameAttributes": ["email"]}, "who@example.com"),
    ],
)
def test_the_sub_names_the_user_in_every_kind_of_pool(
    idp: Any, make_pool: Any, config: dict[str, Any], username: str
) -> None:
    """API reference, Username of AdminGetUser: "The value of this parameter is typically your user's
    username, but it can be any of their alias attributes. If username isn't an alias attribute in your
    user pool, you can also use their sub in this request." The sub is never an alias attribute, so it
    names its user whether the pool signs in with usernames, aliases, or email as the username."""
    pool = make_pool(**config)
    user = create(idp, pool["Id"], username)
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username=sub_of(user))["Username"] == user["Username"]


def test_a_username_or_alias_that_is_another_users_sub_names_its_own_user(idp: Any, make_pool: Any) -> None:
    """API reference, Username of AdminGetUser: "The value of this parameter is typically your user's
    username, but it can be any of their alias attributes. If username isn't an alias attribute in your
    user pool, you can also use their sub in this request." The sub is the last reading: a username, or
    a preferred_username alias, that happens to be another user's sub names the user who has it."""
    pool = make_pool(AliasAttributes=["preferred_username"])
    pid = pool["Id"]
    first_sub = sub_of(create(idp, pid, "first"))
    create(idp, pid, first_sub)  # a username may look like a UUID, even another user's sub
    assert idp.admin_get_user(UserPoolId=pid, Username=first_sub)["Username"] == first_sub
    assert idp.admin_get_user(UserPoolId=pid, Username="first")["Username"] == "first"
    second_sub = sub_of(create(idp, pid, "second"))
    create(idp, pid, "third", UserAttributes=user_attrs(preferred_username=second_sub))
    assert idp.admin_get_user(UserPoolId=pid, Username=second_sub)["Username"] == "third"
    assert idp.admin_get_user(UserPoolId=pid, Username="second")["Username"] == "second"


def test_the_public_operations_whose_username_may_be_the_sub(idp: Any, cognito: Any, make_pool: Any) -> None:
    """API reference, Username of ConfirmSignUp, ResendConfirmationCode, ForgotPassword and
    ConfirmForgotPassword, as of AdminGetUser: "The value of this parameter is typically your user's
    username, but it can be any of their alias attributes. If username isn't an alias attribute in your
    user pool, you can also use their sub in this request." SignUp's Username says only "typically a
    username, but can be any alias attribute", and sign-in's USERNAME is not read as a sub."""
    pool = make_pool(AutoVerifiedAttributes=["email"])
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName=unique("c"), ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]
    cid = client["ClientId"]
    email = f"{unique()}@example.com"
    sub = idp.sign_up(ClientId=cid, Username="dana", Password=PASSWORD, UserAttributes=user_attrs(email=email))[
        "UserSub"
    ]

    def code() -> str:
        return str([m for m in cognito.outbox(pool["Id"]) if m["destination"] == email][-1]["code"])

    assert idp.resend_confirmation_code(ClientId=cid, Username=sub)["CodeDeliveryDetails"]["AttributeName"] == "email"
    idp.confirm_sign_up(ClientId=cid, Username=sub, ConfirmationCode=code())
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="dana")["UserStatus"] == "CONFIRMED"
    idp.forgot_password(ClientId=cid, Username=sub)
    idp.confirm_forgot_password(ClientId=cid, Username=sub, ConfirmationCode=code(), Password=PASSWORD + "2")
    auth = {"USERNAME": "dana", "PASSWORD": PASSWORD + "2"}
    assert idp.initiate_auth(ClientId=cid, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=auth)["AuthenticationResult"]
    with pytest.raises(ClientError) as exc:
        idp.initiate_auth(ClientId=cid, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={**auth, "USERNAME": sub})
    assert error_of(exc)[0] in ("NotAuthorizedException", "UserNotFoundException")


# -- custom attributes ----------------------------------------------------------------------------------

CUSTOM_SCHEMA = [
    {
        "Name": "tier",
        "AttributeDataType": "String",
        "Mutable": True,
        "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "5"},
    },
    {
        "Name": "age",
        "AttributeDataType": "Number",
        "Mutable": True,
        "NumberAttributeConstraints": {"MinValue": "0", "MaxValue": "150"},
    },
    {"Name": "flag", "AttributeDataType": "Boolean", "Mutable": True},
    {"Name": "origin", "AttributeDataType": "String", "Mutable": False},
]


def test_custom_attributes(idp: Any, make_pool: Any) -> None:
    pool = make_pool(Schema=CUSTOM_SCHEMA)
    user = create(
        idp,
        pool["Id"],
        "cu",
        UserAttributes=user_attrs(
            **{"custom:tier": "gold", "custom:age": "42", "custom:flag": "true", "custom:origin": "import"}
        ),
    )
    attrs = attrs_of(user["Attributes"])
    assert (attrs["custom:tier"], attrs["custom:age"], attrs["custom:flag"], attrs["custom:origin"]) == (
        "gold",
        "42",
        "true",
        "import",
    )
    bad = [
        ({"custom:tier": "platinum"}, "custom:tier: String must be no longer than 5 characters"),
        ({"custom:age": "200"}, "custom:age: Number must be no greater than 150"),
        ({"custom:age": "-1"}, "custom:age: Number must be no less than 0"),
        ({"custom:age": "old"}, "custom:age"),
        ({"custom:flag": "yes"}, "custom:flag"),
        ({"custom:origin": "other"}, "custom:origin"),  # immutable after creation
        ({"custom:unknown": "x"}, "custom:unknown: Attribute does not exist in the schema.\n"),
    ]
    for values, message in bad:
        with pytest.raises(ClientError) as exc:
            idp.admin_update_user_attributes(UserPoolId=pool["Id"], Username="cu", UserAttributes=user_attrs(**values))
        code, text = error_of(exc)
        assert code == "InvalidParameterException", values
        assert text.startswith("Attributes did not conform to the schema: "), text
        assert message in text, (values, text)
    idp.admin_update_user_attributes(
        UserPoolId=pool["Id"], Username="cu", UserAttributes=user_attrs(**{"custom:tier": "iron", "custom:age": "43"})
    )
    got = attrs_of(idp.admin_get_user(UserPoolId=pool["Id"], Username="cu")["UserAttributes"])
    assert (got["custom:tier"], got["custom:age"], got["custom:origin"]) == ("iron", "43", "import")
    with pytest.raises(ClientError) as exc:  # custom attributes are not searchable
        idp.list_users(UserPoolId=pool["Id"], Filter='custom:tier = "iron"')
    assert error_of(exc) == ("InvalidParameterException", "Invalid search attribute: custom:tier")
