"""Review findings in the service layer, on paths only real AWS has (botocore's Stubber)."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.unit.stubbed_aws import POOL


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
