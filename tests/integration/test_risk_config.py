"""Threat protection configuration over the wire: Set/DescribeRiskConfiguration, log delivery, auth events."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import make_client


@pytest.fixture
def plus_pool(idp: Any) -> Iterator[dict[str, Any]]:
    pool = idp.create_user_pool(
        PoolName=f"risk-{uuid.uuid4().hex[:8]}",
        UserPoolTier="PLUS",
        UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"},
        AutoVerifiedAttributes=["email"],
    )["UserPool"]
    yield pool
    with contextlib.suppress(idp.exceptions.ResourceNotFoundException):
        idp.delete_user_pool(UserPoolId=pool["Id"])


ATO = {
    "Actions": {
        "LowAction": {"Notify": False, "EventAction": "NO_ACTION"},
        "MediumAction": {"Notify": True, "EventAction": "MFA_IF_CONFIGURED"},
        "HighAction": {"Notify": True, "EventAction": "BLOCK"},
    },
    "NotifyConfiguration": {
        "From": "security@example.com",
        "SourceArn": "arn:aws:ses:us-east-1:000000000000:identity/example.com",
        "BlockEmail": {"Subject": "Blocked", "TextBody": "Blocked {username} from {ip-address}"},
    },
}


def test_pool_level_round_trip(idp, plus_pool):
    pool_id = plus_pool["Id"]
    empty = idp.describe_risk_configuration(UserPoolId=pool_id)["RiskConfiguration"]
    assert empty["UserPoolId"] == pool_id
    assert "AccountTakeoverRiskConfiguration" not in empty
    set_out = idp.set_risk_configuration(
        UserPoolId=pool_id,
        CompromisedCredentialsRiskConfiguration={"Actions": {"EventAction": "BLOCK"}},
        AccountTakeoverRiskConfiguration=ATO,
        RiskExceptionConfiguration={"BlockedIPRangeList": ["192.0.2.0/24"], "SkippedIPRangeList": ["10.0.0.0/8"]},
    )["RiskConfiguration"]
    got = idp.describe_risk_configuration(UserPoolId=pool_id)["RiskConfiguration"]
    assert got["ClientId"] == "ALL"
    assert got["AccountTakeoverRiskConfiguration"] == ATO
    # EventFilter defaults to every event type
    assert sorted(got["CompromisedCredentialsRiskConfiguration"]["EventFilter"]) == [
        "PASSWORD_CHANGE",
        "SIGN_IN",
        "SIGN_UP",
    ]
    assert got["RiskExceptionConfiguration"]["BlockedIPRangeList"] == ["192.0.2.0/24"]
    assert got["LastModifiedDate"] == set_out["LastModifiedDate"]


def test_client_level_overrides_pool(idp, plus_pool):
    pool_id = plus_pool["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app")["UserPoolClient"]["ClientId"]
    idp.set_risk_configuration(
        UserPoolId=pool_id,
        CompromisedCredentialsRiskConfiguration={"EventFilter": ["SIGN_UP"], "Actions": {"EventAction": "NO_ACTION"}},
    )
    # Without its own configuration the client is described with the pool's.
    inherited = idp.describe_risk_configuration(UserPoolId=pool_id, ClientId=client_id)["RiskConfiguration"]
    assert inherited["ClientId"] == "ALL"
    assert inherited["CompromisedCredentialsRiskConfiguration"]["EventFilter"] == ["SIGN_UP"]
    idp.set_risk_configuration(
        UserPoolId=pool_id,
        ClientId=client_id,
        CompromisedCredentialsRiskConfiguration={"Actions": {"EventAction": "BLOCK"}},
    )
    own = idp.describe_risk_configuration(UserPoolId=pool_id, ClientId=client_id)["RiskConfiguration"]
    assert own["ClientId"] == client_id
    assert own["CompromisedCredentialsRiskConfiguration"]["Actions"]["EventAction"] == "BLOCK"
    pool_level = idp.describe_risk_configuration(UserPoolId=pool_id)["RiskConfiguration"]
    assert pool_level["CompromisedCredentialsRiskConfiguration"]["Actions"]["EventAction"] == "NO_ACTION"


def test_unknown_client_and_pool(idp, plus_pool):
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.set_risk_configuration(UserPoolId=plus_pool["Id"], ClientId="nosuchclient123")
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_risk_configuration(UserPoolId="us-east-1_NoSuchPo0")


def test_bad_cidr_rejected(idp, plus_pool):
    for bad in ("192.0.2.300/24", "not-an-ip", "192.0.2.1"):
        with pytest.raises(idp.exceptions.InvalidParameterException):
            idp.set_risk_configuration(
                UserPoolId=plus_pool["Id"], RiskExceptionConfiguration={"BlockedIPRangeList": [bad]}
            )


def test_requires_threat_protection(idp, pool):
    with pytest.raises(idp.exceptions.UserPoolAddOnNotEnabledException):
        idp.set_risk_configuration(
            UserPoolId=pool["Id"], CompromisedCredentialsRiskConfiguration={"Actions": {"EventAction": "BLOCK"}}
        )
    with pytest.raises(idp.exceptions.UserPoolAddOnNotEnabledException):
        idp.describe_risk_configuration(UserPoolId=pool["Id"])


def test_auth_events_require_threat_protection(idp, pool):
    idp.admin_create_user(UserPoolId=pool["Id"], Username="bob", MessageAction="SUPPRESS")
    with pytest.raises(idp.exceptions.UserPoolAddOnNotEnabledException):
        idp.admin_list_user_auth_events(UserPoolId=pool["Id"], Username="bob")


def test_auth_events_empty_and_unknown(idp, plus_pool):
    idp.admin_create_user(UserPoolId=plus_pool["Id"], Username="carol", MessageAction="SUPPRESS")
    assert idp.admin_list_user_auth_events(UserPoolId=plus_pool["Id"], Username="carol")["AuthEvents"] == []
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_list_user_auth_events(UserPoolId=plus_pool["Id"], Username="nobody")
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.admin_update_auth_event_feedback(
            UserPoolId=plus_pool["Id"], Username="carol", EventId="no-such-event", FeedbackValue="Valid"
        )
    with pytest.raises(idp.exceptions.NotAuthorizedException):
        idp.update_auth_event_feedback(
            UserPoolId=plus_pool["Id"],
            Username="carol",
            EventId="no-such-event",
            FeedbackToken="forged",
            FeedbackValue="Invalid",
        )


def test_log_delivery_configuration(idp, plus_pool, cognito):
    logs = make_client(cognito.base_url, "logs")
    group = f"/aws/vendedlogs/cognito/{uuid.uuid4().hex[:8]}"
    arn = f"arn:aws:logs:us-east-1:000000000000:log-group:{group}"
    pool_id = plus_pool["Id"]
    assert idp.get_log_delivery_configuration(UserPoolId=pool_id)["LogDeliveryConfiguration"]["LogConfigurations"] == []
    config = [
        {"LogLevel": "INFO", "EventSource": "userAuthEvents", "CloudWatchLogsConfiguration": {"LogGroupArn": arn}}
    ]
    with pytest.raises(idp.exceptions.InvalidParameterException):
        idp.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=config)  # group missing
    logs.create_log_group(logGroupName=group)
    idp.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=config)
    got = idp.get_log_delivery_configuration(UserPoolId=pool_id)["LogDeliveryConfiguration"]
    assert got == {"UserPoolId": pool_id, "LogConfigurations": config}
    with pytest.raises(idp.exceptions.InvalidParameterException):
        idp.set_log_delivery_configuration(
            UserPoolId=pool_id,
            LogConfigurations=[
                {
                    "LogLevel": "INFO",
                    "EventSource": "userNotification",
                    "CloudWatchLogsConfiguration": {"LogGroupArn": arn},
                }
            ],
        )


def test_user_activity_logs_need_plus(idp, pool, cognito):
    logs = make_client(cognito.base_url, "logs")
    group = f"/aws/vendedlogs/cognito/{uuid.uuid4().hex[:8]}"
    logs.create_log_group(logGroupName=group)
    arn = f"arn:aws:logs:us-east-1:000000000000:log-group:{group}"
    with pytest.raises(idp.exceptions.FeatureUnavailableInTierException):
        idp.set_log_delivery_configuration(
            UserPoolId=pool["Id"],
            LogConfigurations=[
                {
                    "LogLevel": "INFO",
                    "EventSource": "userAuthEvents",
                    "CloudWatchLogsConfiguration": {"LogGroupArn": arn},
                }
            ],
        )
    # Message-delivery error logs need no feature plan.
    idp.set_log_delivery_configuration(
        UserPoolId=pool["Id"],
        LogConfigurations=[
            {
                "LogLevel": "ERROR",
                "EventSource": "userNotification",
                "CloudWatchLogsConfiguration": {"LogGroupArn": arn},
            }
        ],
    )
