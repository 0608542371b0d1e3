"""The account's provisioned API rate limits through boto3: GetProvisionedLimit and UpdateProvisionedLimit."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

# Category: (default quota in RPS, adjustable), the Developer Guide's table.
DEFAULTS = {
    "UserAuthentication": (120, True),
    "UserCreation": (50, True),
    "UserFederation": (25, True),
    "UserAccountRecovery": (30, False),
    "UserRead": (120, True),
    "UserUpdate": (25, False),
    "UserToken": (120, True),
    "UserResourceRead": (50, True),
    "UserResourceUpdate": (25, False),
    "UserList": (30, False),
    "UserPoolRead": (15, False),
    "UserPoolUpdate": (15, False),
    "UserPoolResourceRead": (20, False),
    "UserPoolResourceUpdate": (15, False),
    "UserPoolClientRead": (15, False),
    "UserPoolClientUpdate": (15, False),
    "ClientAuthentication": (150, False),
    "LimitManagement": (1, False),
}


def definition(category: str) -> dict[str, Any]:
    return {"LimitClass": "API_CATEGORY", "Attributes": {"Category": category}}


def error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    err = exc.value.response["Error"]
    return err["Code"], err["Message"]


@pytest.fixture
def restore(idp: Any) -> Iterator[None]:
    """Limits belong to the account: put the adjustable ones back to their defaults afterwards."""
    yield
    for category, (default, adjustable) in DEFAULTS.items():
        if adjustable and category not in ("UserAuthentication", "UserFederation"):
            idp.update_provisioned_limit(LimitDefinition=definition(category), RequestedLimitValue=default)


def test_every_category_reports_its_default(idp, restore):
    for category, (default, _) in DEFAULTS.items():
        limit = idp.get_provisioned_limit(LimitDefinition=definition(category))["Limit"]
        assert limit["LimitDefinition"] == definition(category)
        assert limit["FreeLimitValue"] == default
        assert limit["ProvisionedLimitValue"] == default


def test_provision_an_adjustable_category_and_back(idp, restore):
    out = idp.update_provisioned_limit(LimitDefinition=definition("UserCreation"), RequestedLimitValue=200)["Limit"]
    assert out == {"LimitDefinition": definition("UserCreation"), "ProvisionedLimitValue": 200, "FreeLimitValue": 50}
    assert idp.get_provisioned_limit(LimitDefinition=definition("UserCreation"))["Limit"] == out
    # Other categories keep their own limits.
    assert idp.get_provisioned_limit(LimitDefinition=definition("UserRead"))["Limit"]["ProvisionedLimitValue"] == 120
    back = idp.update_provisioned_limit(LimitDefinition=definition("UserCreation"), RequestedLimitValue=50)["Limit"]
    assert back["ProvisionedLimitValue"] == 50


def test_the_requested_rate_must_lie_between_the_default_and_the_account_max(idp, restore):
    idp.update_provisioned_limit(LimitDefinition=definition("UserRead"), RequestedLimitValue=300)
    with pytest.raises(ClientError) as exc:
        idp.update_provisioned_limit(LimitDefinition=definition("UserRead"), RequestedLimitValue=119)
    code, message = error(exc)
    assert code == "InvalidParameterException" and "below the default limit of 120" in message
    with pytest.raises(ClientError) as exc:
        idp.update_provisioned_limit(LimitDefinition=definition("UserRead"), RequestedLimitValue=-1)
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        idp.update_provisioned_limit(LimitDefinition=definition("UserRead"), RequestedLimitValue=1_000_000)
    code, message = error(exc)
    assert code == "ServiceQuotaExceededException" and "account-level max limit" in message
    # Nothing refused was stored.
    assert idp.get_provisioned_limit(LimitDefinition=definition("UserRead"))["Limit"]["ProvisionedLimitValue"] == 300


def test_categories_that_are_not_adjustable_cannot_be_provisioned(idp):
    for category, (default, adjustable) in DEFAULTS.items():
        if adjustable:
            continue
        with pytest.raises(ClientError) as exc:
            idp.update_provisioned_limit(LimitDefinition=definition(category), RequestedLimitValue=default + 1)
        code, message = error(exc)
        assert code == "InvalidParameterException" and "adjustable" in message, category
        assert (
            idp.get_provisioned_limit(LimitDefinition=definition(category))["Limit"]["ProvisionedLimitValue"] == default
        )


def test_managed_login_pools_cannot_provision_authentication_or_federation(idp, pool, restore):
    domain = f"ml-{uuid.uuid4().hex[:12]}"
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain, ManagedLoginVersion=2)
    try:
        for category in ("UserAuthentication", "UserFederation"):
            with pytest.raises(ClientError) as exc:
                idp.update_provisioned_limit(LimitDefinition=definition(category), RequestedLimitValue=200)
            code, message = error(exc)
            assert code == "InvalidParameterException" and "managed login" in message
        idp.update_provisioned_limit(LimitDefinition=definition("UserToken"), RequestedLimitValue=240)
    finally:
        idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)


def test_unknown_and_malformed_limit_definitions(idp):
    with pytest.raises(ClientError) as exc:
        idp.get_provisioned_limit(LimitDefinition=definition("UserTeleportation"))
    assert error(exc) == ("ResourceNotFoundException", "No limit exists for the category UserTeleportation.")
    for attributes in ({}, {"category": "UserRead"}, {"Category": "UserRead", "Region": "us-east-1"}):
        with pytest.raises(ClientError) as exc:
            idp.get_provisioned_limit(LimitDefinition={"LimitClass": "API_CATEGORY", "Attributes": attributes})
        assert error(exc)[0] == "InvalidParameterException", attributes
    with pytest.raises(ClientError) as exc:
        idp.get_provisioned_limit(LimitDefinition={"LimitClass": "USER_POOL", "Attributes": {"Category": "UserRead"}})
    code, message = error(exc)
    assert code == "InvalidParameterException" and "enum value set: [API_CATEGORY]" in message
