"""Role mappings of identity pools: Token mappings (cognito:preferred_role, cognito:roles, CustomRoleArn) and
Rules mappings, with each AmbiguousRoleResolution."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client
from tests.integration.auth_support import error, new_user, tokens
from tests.integration.identity_support import make_role, signed_in, wired_pools


@pytest.fixture(scope="module")
def ci(cognito: Any) -> Any:
    return make_client(cognito.base_url, "cognito-identity")


@pytest.fixture(scope="module")
def iam(cognito: Any) -> Any:
    return make_client(cognito.base_url, "iam")


@pytest.fixture
def setup(idp: Any, ci: Any, iam: Any, pool: dict[str, Any]) -> dict[str, Any]:
    idp.add_custom_attributes(
        UserPoolId=pool["Id"], CustomAttributes=[{"Name": "team", "AttributeDataType": "String", "Mutable": True}]
    )
    wired = wired_pools(idp, ci, pool["Id"])
    wired["user_pool_id"] = pool["Id"]
    wired["default"] = make_role(iam, wired["pool_id"])
    wired["red"] = make_role(iam, wired["pool_id"])
    wired["blue"] = make_role(iam, wired["pool_id"])
    wired["mapping_key"] = f"{wired['provider']}:{wired['client_id']}"
    return wired


def role_of(cognito: Any, ci: Any, identity_id: str, logins: dict[str, str], **kwargs: Any) -> str:
    """The name of the role whose credentials the identity gets."""
    credentials = ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins, **kwargs)["Credentials"]
    sts = boto3.client(
        "sts",
        endpoint_url=cognito.base_url,
        region_name="us-east-1",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretKey"],
        aws_session_token=credentials["SessionToken"],
    )
    arn: str = sts.get_caller_identity()["Arn"]
    return arn.split("/")[1]


def name(arn: str) -> str:
    return arn.rsplit("/", 1)[1]


def sign_in(idp: Any, ci: Any, setup: dict[str, Any], username: str, **attributes: str) -> tuple[str, dict[str, str]]:
    token = signed_in(idp, setup["user_pool_id"], setup["client_id"], username, attributes=attributes or None)
    logins = {setup["provider"]: token}
    return ci.get_id(IdentityPoolId=setup["pool_id"], Logins=logins)["IdentityId"], logins


def set_mapping(ci: Any, setup: dict[str, Any], mapping: dict[str, Any]) -> None:
    ci.set_identity_pool_roles(
        IdentityPoolId=setup["pool_id"],
        Roles={"authenticated": setup["default"]},
        RoleMappings={setup["mapping_key"]: mapping},
    )


@pytest.mark.parametrize("ambiguous", ["AuthenticatedRole", "Deny"])
def test_token_mapping(cognito: Any, idp: Any, ci: Any, setup: dict[str, Any], ambiguous: str) -> None:
    pool_id = setup["user_pool_id"]
    idp.create_group(UserPoolId=pool_id, GroupName="red", RoleArn=setup["red"], Precedence=1)
    idp.create_group(UserPoolId=pool_id, GroupName="blue", RoleArn=setup["blue"], Precedence=2)
    set_mapping(ci, setup, {"Type": "Token", "AmbiguousRoleResolution": ambiguous})
    # Groups with roles: the preferred role, or a CustomRoleArn among cognito:roles.
    token_user = "member"
    new_user(idp, pool_id, token_user)
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username=token_user, GroupName="red")
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username=token_user, GroupName="blue")
    logins = {setup["provider"]: tokens(idp, setup["client_id"], token_user)["IdToken"]}
    identity_id = ci.get_id(IdentityPoolId=setup["pool_id"], Logins=logins)["IdentityId"]
    assert role_of(cognito, ci, identity_id, logins) == name(setup["red"])
    assert role_of(cognito, ci, identity_id, logins, CustomRoleArn=setup["blue"]) == name(setup["blue"])
    with pytest.raises(ClientError) as exc:
        role_of(cognito, ci, identity_id, logins, CustomRoleArn=setup["default"])
    assert error(exc)[0] == "NotAuthorizedException"
    # No role in the token: ambiguous.
    lone, lone_logins = sign_in(idp, ci, setup, "loner")
    if ambiguous == "AuthenticatedRole":
        assert role_of(cognito, ci, lone, lone_logins) == name(setup["default"])
    else:
        with pytest.raises(ClientError) as exc:
            role_of(cognito, ci, lone, lone_logins)
        assert error(exc)[0] == "NotAuthorizedException"


@pytest.mark.parametrize("ambiguous", ["AuthenticatedRole", "Deny"])
def test_rules_mapping(cognito: Any, idp: Any, ci: Any, setup: dict[str, Any], ambiguous: str) -> None:
    rules = [
        {"Claim": "custom:team", "MatchType": "Equals", "Value": "red", "RoleARN": setup["red"]},
        {"Claim": "email", "MatchType": "StartsWith", "Value": "blue", "RoleARN": setup["blue"]},
        {"Claim": "email", "MatchType": "Contains", "Value": "@red.example", "RoleARN": setup["red"]},
        {"Claim": "custom:team", "MatchType": "NotEqual", "Value": "green", "RoleARN": setup["blue"]},
    ]
    set_mapping(
        ci, setup, {"Type": "Rules", "AmbiguousRoleResolution": ambiguous, "RulesConfiguration": {"Rules": rules}}
    )
    cases = [
        ("r1", {"custom:team": "red", "email": "blue@x.example"}, setup["red"]),  # the first match wins
        ("b1", {"email": "blue@x.example"}, setup["blue"]),
        ("r2", {"email": "someone@red.example"}, setup["red"]),
        ("b2", {"custom:team": "yellow", "email": "x@y.example"}, setup["blue"]),
        ("none1", {"custom:team": "green", "email": "x@y.example"}, None),
        ("none2", {"email": "x@y.example"}, None),  # NotEqual on a missing claim does not match
    ]
    for username, attributes, role in cases:
        identity_id, logins = sign_in(idp, ci, setup, username, **attributes)
        if role is not None:
            assert role_of(cognito, ci, identity_id, logins) == name(role), username
        elif ambiguous == "AuthenticatedRole":
            assert role_of(cognito, ci, identity_id, logins) == name(setup["default"]), username
        else:
            with pytest.raises(ClientError) as exc:
                role_of(cognito, ci, identity_id, logins)
            assert error(exc)[0] == "NotAuthorizedException", username
