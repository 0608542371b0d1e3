"""Auth event history over the wire: the events the account flows record, read through both
AdminListUserAuthEvents (newest first, paged, feedback) and the pool's CloudWatch log group."""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import make_client
from tests.integration.auth_support import PASSWORD, new_client

ARN_PREFIX = "arn:aws:logs:us-east-1:000000000000:log-group:"


@pytest.fixture
def setup(idp: Any, cognito: Any) -> Iterator[tuple[str, str, Any, str]]:
    pool = idp.create_user_pool(
        PoolName=f"ev-{uuid.uuid4().hex[:8]}",
        UserPoolTier="PLUS",
        UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"},
        AutoVerifiedAttributes=["email"],
    )["UserPool"]
    logs = make_client(cognito.base_url, "logs")
    group = f"/aws/vendedlogs/cognito/{uuid.uuid4().hex[:8]}"
    logs.create_log_group(logGroupName=group)
    idp.set_log_delivery_configuration(
        UserPoolId=pool["Id"],
        LogConfigurations=[
            {
                "LogLevel": "INFO",
                "EventSource": "userAuthEvents",
                "CloudWatchLogsConfiguration": {"LogGroupArn": ARN_PREFIX + group},
            }
        ],
    )
    client_id = new_client(idp, pool["Id"])["ClientId"]
    yield pool["Id"], client_id, logs, group
    with contextlib.suppress(idp.exceptions.ResourceNotFoundException):
        idp.delete_user_pool(UserPoolId=pool["Id"])


def test_account_flows_record_events_in_both_places(idp, cognito, setup):
    pool_id, client_id, logs, group = setup
    before = int(time.time() * 1000)
    idp.sign_up(
        ClientId=client_id,
        Username="ola",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "ola@example.com"}],
    )
    idp.resend_confirmation_code(ClientId=client_id, Username="ola")
    idp.confirm_sign_up(ClientId=client_id, Username="ola", ConfirmationCode=cognito.outbox(pool_id)[-1]["code"])
    idp.forgot_password(ClientId=client_id, Username="ola")
    idp.confirm_forgot_password(
        ClientId=client_id,
        Username="ola",
        ConfirmationCode=cognito.outbox(pool_id)[-1]["code"],
        Password="Brand-N3w-Pass!",
    )
    events = idp.admin_list_user_auth_events(UserPoolId=pool_id, Username="ola")["AuthEvents"]
    assert [e["EventType"] for e in events] == ["PasswordChange", "ForgotPassword", "ResendCode", "SignUp"]
    assert all(e["EventResponse"] == "Pass" for e in events)
    assert all(e["EventRisk"]["RiskDecision"] == "NoRisk" for e in events)
    assert all(e["EventContextData"]["IpAddress"] == "127.0.0.1" for e in events)
    assert all(e["EventContextData"]["DeviceName"] for e in events)
    found = logs.filter_log_events(logGroupName=group, startTime=before - 60_000)["events"]
    messages = [json.loads(e["message"]) for e in found]
    assert [m["message"]["eventType"] for m in messages] == ["SignUp", "ResendCode", "ForgotPassword", "PasswordChange"]
    assert {m["message"]["eventId"] for m in messages} == {e["EventId"] for e in events}
    assert all(m["eventSource"] == "USER_ACTIVITY" and m["logLevel"] == "INFO" for m in messages)
    assert all(m["message"]["userPoolId"] == pool_id and m["message"]["userName"] == "ola" for m in messages)
    only_resend = logs.filter_log_events(logGroupName=group, filterPattern='{ $.message.eventType = "ResendCode" }')[
        "events"
    ]
    assert len(only_resend) == 1


def test_paging_newest_first_and_feedback(idp, cognito, setup):
    pool_id, client_id, _, _ = setup
    idp.sign_up(
        ClientId=client_id,
        Username="pia",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "pia@example.com"}],
    )
    for _ in range(4):
        idp.resend_confirmation_code(ClientId=client_id, Username="pia")
    first = idp.admin_list_user_auth_events(UserPoolId=pool_id, Username="pia", MaxResults=2)
    assert len(first["AuthEvents"]) == 2
    second = idp.admin_list_user_auth_events(
        UserPoolId=pool_id, Username="pia", MaxResults=2, NextToken=first["NextToken"]
    )
    third = idp.admin_list_user_auth_events(
        UserPoolId=pool_id, Username="pia", MaxResults=2, NextToken=second["NextToken"]
    )
    listed = first["AuthEvents"] + second["AuthEvents"] + third["AuthEvents"]
    assert [e["EventType"] for e in listed] == ["ResendCode"] * 4 + ["SignUp"]
    dates = [e["CreationDate"] for e in listed]
    assert dates == sorted(dates, reverse=True)
    assert "NextToken" not in third
    event_id = listed[-1]["EventId"]
    idp.admin_update_auth_event_feedback(UserPoolId=pool_id, Username="pia", EventId=event_id, FeedbackValue="Invalid")
    again = idp.admin_list_user_auth_events(UserPoolId=pool_id, Username="pia")["AuthEvents"]
    feedback = next(e for e in again if e["EventId"] == event_id)["EventFeedback"]
    assert feedback["FeedbackValue"] == "Invalid"
    assert feedback["Provider"] == "Admin"


def test_no_events_without_threat_protection(idp, pool):
    client_id = new_client(idp, pool["Id"])["ClientId"]
    idp.sign_up(ClientId=client_id, Username="quinn", Password=PASSWORD)
    with pytest.raises(idp.exceptions.UserPoolAddOnNotEnabledException):
        idp.admin_list_user_auth_events(UserPoolId=pool["Id"], Username="quinn")
