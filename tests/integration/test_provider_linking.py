"""AdminLinkProviderForUser and AdminDisableProviderForUser: linking identities of external providers to users."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.conftest import unique


def _google(idp: Any, pool_id: str) -> None:
    idp.create_identity_provider(
        UserPoolId=pool_id,
        ProviderName="Google",
        ProviderType="Google",
        ProviderDetails={"client_id": "gid", "client_secret": "gsecret", "authorize_scopes": "openid email"},
        AttributeMapping={"email": "email"},
    )


def _native(idp: Any, pool_id: str) -> str:
    name = unique("native")
    idp.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS")
    return name


def _identities(idp: Any, pool_id: str, username: str) -> list[dict[str, Any]]:
    attrs = {a["Name"]: a["Value"] for a in idp.admin_get_user(UserPoolId=pool_id, Username=username)["UserAttributes"]}
    return json.loads(attrs["identities"]) if "identities" in attrs else []


def _link(
    idp: Any, pool_id: str, username: str, subject: str, provider: str = "Google", attribute: str = "Cognito_Subject"
) -> None:
    idp.admin_link_provider_for_user(
        UserPoolId=pool_id,
        DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": username},
        SourceUser={"ProviderName": provider, "ProviderAttributeName": attribute, "ProviderAttributeValue": subject},
    )


def _error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return exc.value.response["Error"]["Code"], exc.value.response["Error"]["Message"]


def test_a_link_adds_the_identity_to_the_native_user(idp: Any, pool: dict[str, Any]) -> None:
    _google(idp, pool["Id"])
    name = _native(idp, pool["Id"])
    _link(idp, pool["Id"], name, "1234567890")
    (entry,) = _identities(idp, pool["Id"], name)
    assert entry["userId"] == "1234567890"
    assert entry["providerName"] == "Google"
    assert entry["providerType"] == "Google"
    assert entry["issuer"] is None
    assert entry["primary"] is False
    assert isinstance(entry["dateCreated"], int)
    # The user stays a native user.
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username=name)["UserStatus"] != "EXTERNAL_PROVIDER"


def test_the_same_identity_cannot_be_linked_twice(idp: Any, pool: dict[str, Any]) -> None:
    _google(idp, pool["Id"])
    first, second = _native(idp, pool["Id"]), _native(idp, pool["Id"])
    _link(idp, pool["Id"], first, "42")
    for target in (first, second):
        with pytest.raises(ClientError) as exc:
            _link(idp, pool["Id"], target, "42")
        assert _error(exc) == ("InvalidParameterException", "SourceUser is already linked to DestinationUser")


def test_a_cognito_source_user_is_refused(idp: Any, pool: dict[str, Any]) -> None:
    name = _native(idp, pool["Id"])
    with pytest.raises(ClientError) as exc:
        _link(idp, pool["Id"], name, name, provider="Cognito")
    assert _error(exc) == (
        "InvalidParameterException",
        "Invalid SourceUser: Cognito users with a username/password may not be passed in as a SourceUser,"
        " only as a DestinationUser",
    )


def test_a_social_source_user_must_name_cognito_subject(idp: Any, pool: dict[str, Any]) -> None:
    _google(idp, pool["Id"])
    name = _native(idp, pool["Id"])
    with pytest.raises(ClientError) as exc:
        _link(idp, pool["Id"], name, "someone@example.com", attribute="email")
    assert _error(exc)[0] == "InvalidParameterException"
    assert _identities(idp, pool["Id"], name) == []


def test_unknown_provider_and_unknown_destination(idp: Any, pool: dict[str, Any]) -> None:
    name = _native(idp, pool["Id"])
    with pytest.raises(ClientError) as exc:
        _link(idp, pool["Id"], name, "1", provider="Nowhere")
    assert _error(exc)[0] == "ResourceNotFoundException"
    _google(idp, pool["Id"])
    with pytest.raises(ClientError) as exc:
        _link(idp, pool["Id"], "nobody-" + unique(), "1")
    assert _error(exc) == ("UserNotFoundException", "User does not exist.")


def test_at_most_five_identities_are_linked_to_a_user(idp: Any, pool: dict[str, Any]) -> None:
    _google(idp, pool["Id"])
    name = _native(idp, pool["Id"])
    for i in range(5):
        _link(idp, pool["Id"], name, f"subject-{i}")
    with pytest.raises(ClientError) as exc:
        _link(idp, pool["Id"], name, "subject-5")
    assert _error(exc)[0] == "LimitExceededException"
    assert len(_identities(idp, pool["Id"], name)) == 5


def test_disabling_a_linked_identity_unlinks_it(idp: Any, pool: dict[str, Any]) -> None:
    _google(idp, pool["Id"])
    name = _native(idp, pool["Id"])
    _link(idp, pool["Id"], name, "777")
    _link(idp, pool["Id"], name, "888")
    idp.admin_disable_provider_for_user(
        UserPoolId=pool["Id"],
        User={"ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject", "ProviderAttributeValue": "777"},
    )
    assert [e["userId"] for e in _identities(idp, pool["Id"], name)] == ["888"]
    # Unlinked, the identity can be linked again, to another user.
    other = _native(idp, pool["Id"])
    _link(idp, pool["Id"], other, "777")
    assert [e["userId"] for e in _identities(idp, pool["Id"], other)] == ["777"]


def test_disabling_a_native_user_takes_its_password_away(idp: Any, pool: dict[str, Any]) -> None:
    client_id = idp.create_user_pool_client(
        UserPoolId=pool["Id"],
        ClientName="app",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    name = _native(idp, pool["Id"])
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password="Passw0rd!long", Permanent=True)
    auth = {"USERNAME": name, "PASSWORD": "Passw0rd!long"}
    idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=auth)
    idp.admin_disable_provider_for_user(
        UserPoolId=pool["Id"],
        User={"ProviderName": "Cognito", "ProviderAttributeName": "Cognito_Subject", "ProviderAttributeValue": name},
    )
    with pytest.raises(ClientError) as exc:
        idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=auth)
    assert _error(exc)[0] == "NotAuthorizedException"


def test_deleting_the_destination_user_removes_its_links(idp: Any, pool: dict[str, Any]) -> None:
    _google(idp, pool["Id"])
    name = _native(idp, pool["Id"])
    _link(idp, pool["Id"], name, "999")
    idp.admin_delete_user(UserPoolId=pool["Id"], Username=name)
    other = _native(idp, pool["Id"])
    _link(idp, pool["Id"], other, "999")
    assert [e["userId"] for e in _identities(idp, pool["Id"], other)] == ["999"]
