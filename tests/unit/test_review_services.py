"""Review findings in the service layer, on paths only real AWS has (botocore's Stubber)."""

from __future__ import annotations

import asyncio
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from console.services.boto import BotoCognito
from console.services.protocol import Connection, ConnectionKind

AWS = Connection(name="prod", kind=ConnectionKind.PROFILE, region="eu-west-1", profile="default")
POOL = "eu-west-1_Abcdefghi"


@pytest.fixture
def stubbed() -> Any:
    client = boto3.client("cognito-idp", region_name="eu-west-1", aws_access_key_id="x", aws_secret_access_key="y")
    service = BotoCognito(AWS)
    service.use_client(client)
    with Stubber(client) as stub:
        yield service, stub
        stub.assert_no_pending_responses()


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
    details = asyncio.run(service.user_details(POOL, "ada"))
    assert details.user.username == "ada"
    assert any(n.startswith("Groups: AccessDeniedException: User is not authorized") for n in details.notes)
