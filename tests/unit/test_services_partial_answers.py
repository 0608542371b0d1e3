"""Service-layer reads made of several calls keep what answered and say why the rest did not (an IAM policy
that allows only some operations, an endpoint that does not serve one, a server error), with botocore's Stubber."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from console.services import errors
from tests.unit.stubbed_aws import POOL

PAGE_500 = "<html><head><title>500 Internal Server Error</title></head><body><h1>Oops</h1></body></html>"


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_user_details_keep_every_section_that_answered(stubbed: Any) -> None:
    service, stub = stubbed
    stub.add_response("admin_get_user", {"Username": "ada", "UserStatus": "CONFIRMED", "UserAttributes": []})
    stub.add_response("admin_list_groups_for_user", {"Groups": [{"GroupName": "admins"}]})
    stub.add_client_error("admin_list_devices", "500", PAGE_500, http_status_code=500)
    stub.add_client_error("admin_list_user_auth_events", "AccessDeniedException", "not authorized")
    details = run(service.user_details(POOL, "ada"))
    assert details.user.username == "ada" and details.groups == ("admins",)
    assert set(details.unavailable) == {"devices", "auth_events"}
    assert isinstance(details.unavailable["devices"], errors.ServerError)
    assert details.unavailable["devices"].reason == "The server failed with HTTP 500: Internal Server Error."
    assert isinstance(details.unavailable["auth_events"], errors.AccessDenied)
    assert "Devices: 500: " + PAGE_500 in details.notes


def test_user_details_fail_when_the_user_cannot_be_read(stubbed: Any) -> None:
    service, stub = stubbed
    stub.add_client_error("admin_get_user", "UserNotFoundException", "User does not exist.")
    with pytest.raises(errors.NotFound):
        run(service.user_details(POOL, "ada"))


def test_pool_says_why_its_mfa_methods_are_missing(stubbed: Any) -> None:
    service, stub = stubbed
    stub.add_response("describe_user_pool", {"UserPool": {"Id": POOL, "Name": "prod", "MfaConfiguration": "ON"}})
    stub.add_client_error("get_user_pool_mfa_config", "InternalErrorException", "Try again", http_status_code=500)
    pool = run(service.describe_pool(POOL))
    assert pool.name == "prod" and pool.mfa_methods == ()
    assert isinstance(pool.unavailable["mfa_methods"], errors.ServerError)


def test_an_operation_the_installed_botocore_lacks_is_unsupported(stubbed: Any) -> None:
    service, _stub = stubbed
    with pytest.raises(errors.Unsupported) as info:
        run(service.call("admin_do_something_new", UserPoolId=POOL))
    assert info.value.code == "UnknownClientMethodError"
    assert info.value.reason.startswith("This endpoint does not serve AdminDoSomethingNew: botocore has no operation")
