"""Service-layer paths only real AWS has (profiles, auth events, add-on and access-denied errors), with
botocore's Stubber."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest

from console.services import errors
from console.services.boto import BotoCognito
from console.services.protocol import Connection, ConnectionKind, UserFilter
from tests.unit.stubbed_aws import AWS, POOL


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_list_users_sends_filter_and_token(stubbed: Any) -> None:
    service, stub = stubbed
    stub.add_response(
        "list_users",
        {
            "Users": [
                {
                    "Username": "ada",
                    "UserStatus": "CONFIRMED",
                    "Enabled": True,
                    "Attributes": [{"Name": "email", "Value": "ada@example.com"}, {"Name": "sub", "Value": "s1"}],
                    "UserCreateDate": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
                }
            ],
            "PaginationToken": "next-1",
        },
        {"UserPoolId": POOL, "Limit": 60, "Filter": 'email ^= "ad\\"a"', "PaginationToken": "tok"},
    )
    page = run(service.list_users(POOL, UserFilter("email", 'ad"a'), token="tok"))
    assert page.next_token == "next-1"
    assert page.items[0].email == "ada@example.com"
    assert page.items[0].sub == "s1"


def test_status_filter_expression() -> None:
    assert UserFilter(value="", status="UNCONFIRMED").expression() == 'cognito:user_status = "UNCONFIRMED"'
    assert UserFilter(value="", status="Disabled").expression() == 'status = "Disabled"'
    assert UserFilter("username", "bo", prefix=False).expression() == 'username = "bo"'
    assert UserFilter(value="").expression() is None


def test_jwks_url_for_aws_uses_pool_region() -> None:
    url = run(BotoCognito(AWS).jwks_url(POOL))
    assert url == f"https://cognito-idp.eu-west-1.amazonaws.com/{POOL}/.well-known/jwks.json"


def test_auth_events_without_advanced_security_are_a_note(stubbed: Any) -> None:
    service, stub = stubbed
    stub.add_response("admin_get_user", {"Username": "ada", "UserStatus": "CONFIRMED", "Enabled": False})
    stub.add_response("admin_list_groups_for_user", {"Groups": [{"GroupName": "admins"}]})
    stub.add_response("admin_list_devices", {"Devices": []})
    stub.add_client_error(
        "admin_list_user_auth_events",
        "UserPoolAddOnNotEnabledException",
        "Advanced security features are not enabled for this user pool.",
    )
    details = run(service.user_details(POOL, "ada"))
    assert details.groups == ("admins",)
    assert not details.user.enabled
    assert any("UserPoolAddOnNotEnabledException" in n for n in details.notes)


def test_user_details_survive_a_denied_group_listing(stubbed: Any) -> None:
    """An IAM policy without cognito-idp:AdminListGroupsForUser must not hide the whole user (devices and
    auth events already degrade to a note); the note carries AWS's code and message."""
    service, stub = stubbed
    stub.add_response(
        "admin_get_user",
        {"Username": "ada", "UserStatus": "CONFIRMED", "Enabled": True, "UserAttributes": []},
        {"UserPoolId": POOL, "Username": "ada"},
    )
    stub.add_client_error(
        "admin_list_groups_for_user",
        service_error_code="AccessDeniedException",
        service_message="User is not authorized to perform: cognito-idp:AdminListGroupsForUser",
        http_status_code=400,
    )
    stub.add_response("admin_list_devices", {"Devices": []})
    stub.add_response("admin_list_user_auth_events", {"AuthEvents": []})
    details = run(service.user_details(POOL, "ada"))
    assert details.user.username == "ada"
    assert any(n.startswith("Groups: AccessDeniedException: User is not authorized") for n in details.notes)


def test_update_pool_resends_current_settings(stubbed: Any) -> None:
    service, stub = stubbed
    current = {
        "Id": POOL,
        "Name": "prod",
        "MfaConfiguration": "OPTIONAL",
        "AutoVerifiedAttributes": ["email"],
        "Policies": {"PasswordPolicy": {"MinimumLength": 12}},
        "EstimatedNumberOfUsers": 3,
        "Arn": "arn:aws:cognito-idp:eu-west-1:123:userpool/" + POOL,
    }
    stub.add_response("describe_user_pool", {"UserPool": current})
    stub.add_response(
        "update_user_pool",
        {},
        {
            "UserPoolId": POOL,
            "MfaConfiguration": "OPTIONAL",
            "AutoVerifiedAttributes": ["email"],
            "Policies": {"PasswordPolicy": {"MinimumLength": 12}},
            "DeletionProtection": "ACTIVE",
        },
    )
    stub.add_response("describe_user_pool", {"UserPool": {**current, "DeletionProtection": "ACTIVE"}})
    stub.add_response(
        "get_user_pool_mfa_config",
        {"MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": {"Enabled": True}},
        {"UserPoolId": POOL},
    )
    pool = run(service.update_pool(POOL, {"DeletionProtection": "ACTIVE"}))
    assert pool.deletion_protection == "ACTIVE"
    assert pool.mfa == "OPTIONAL" and pool.mfa_methods == ("TOTP",)
    stub.assert_no_pending_responses()


def test_mfa_methods_come_from_the_mfa_config(stubbed: Any) -> None:
    """UserPoolType does not say which MFA methods are on: GetUserPoolMfaConfig does (SMS only with a role)."""
    service, stub = stubbed
    pool = {"Id": POOL, "Name": "prod", "MfaConfiguration": "ON"}
    stub.add_response("describe_user_pool", {"UserPool": pool})
    stub.add_response(
        "get_user_pool_mfa_config",
        {
            "MfaConfiguration": "ON",
            "SmsMfaConfiguration": {
                "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns", "ExternalId": "x"}
            },
            "SoftwareTokenMfaConfiguration": {"Enabled": False},
        },
    )
    assert run(service.describe_pool(POOL)).mfa_methods == ("SMS",)
    stub.add_response("describe_user_pool", {"UserPool": {**pool, "MfaConfiguration": "OFF"}})
    assert run(service.describe_pool(POOL)).mfa_methods == ()  # no second call when MFA is off
    stub.add_response("describe_user_pool", {"UserPool": pool})
    stub.add_client_error("get_user_pool_mfa_config", "AccessDeniedException", "not allowed")
    assert run(service.describe_pool(POOL)).mfa_methods == ()  # a read-only role still sees the pool
    stub.assert_no_pending_responses()


def test_errors_carry_aws_code(stubbed: Any) -> None:
    service, stub = stubbed
    stub.add_client_error("describe_user_pool", "ResourceNotFoundException", "User pool x does not exist.")
    with pytest.raises(errors.NotFound) as info:
        run(service.describe_pool("eu-west-1_x"))
    assert info.value.code == "ResourceNotFoundException"
    assert info.value.message == "User pool x does not exist."


def test_keys_connection_without_secret_says_so() -> None:
    conn = Connection(name="k", kind=ConnectionKind.KEYS, access_key_id="AKIAEXAMPLE")
    with pytest.raises(errors.CredentialsMissing):
        run(BotoCognito(conn).list_pools())


def test_missing_profile_is_credentials_missing() -> None:
    conn = Connection(name="p", kind=ConnectionKind.PROFILE, profile="no-such-profile-here")
    with pytest.raises(errors.CredentialsMissing):
        run(BotoCognito(conn).list_pools())
