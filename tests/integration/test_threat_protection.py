"""Threat protection on the wire: compromised credentials (SIGN_UP, PASSWORD_CHANGE, SIGN_IN), the
account-takeover actions, IP block/skip lists, AUDIT versus ENFORCED, with the events it records."""

from __future__ import annotations

import base64
import contextlib
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client
from tests.integration.auth_support import PASSWORD, error, new_client, new_user, password_auth, secret_hash

COMPROMISED = "P@ssw0rd"  # "p@ssw0rd" is in resources/breached-passwords.txt; meets the default policy
ARN_PREFIX = "arn:aws:logs:us-east-1:000000000000:log-group:"
BLOCK_ALL = {"Actions": {"EventAction": "BLOCK"}}


@pytest.fixture
def plus(idp: Any) -> Iterator[str]:
    pool = idp.create_user_pool(
        PoolName=f"tp-{uuid.uuid4().hex[:8]}",
        UserPoolTier="PLUS",
        UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"},
        AutoVerifiedAttributes=["email"],
    )["UserPool"]
    yield pool["Id"]
    with contextlib.suppress(idp.exceptions.ResourceNotFoundException):
        idp.delete_user_pool(UserPoolId=pool["Id"])


@pytest.fixture
def log_group(idp: Any, cognito: Any, plus: str) -> tuple[Any, str]:
    logs = make_client(cognito.base_url, "logs")
    group = f"/aws/vendedlogs/cognito/{uuid.uuid4().hex[:8]}"
    logs.create_log_group(logGroupName=group)
    idp.set_log_delivery_configuration(
        UserPoolId=plus,
        LogConfigurations=[
            {
                "LogLevel": "INFO",
                "EventSource": "userAuthEvents",
                "CloudWatchLogsConfiguration": {"LogGroupArn": f"{ARN_PREFIX}{group}"},
            }
        ],
    )
    return logs, group


def logged(logs: Any, group: str) -> list[dict[str, Any]]:
    events = logs.filter_log_events(logGroupName=group)["events"]
    return [json.loads(e["message"])["message"] for e in events]


def sign_up(idp: Any, client_id: str, username: str, password: str = PASSWORD, **kwargs: Any) -> Any:
    return idp.sign_up(
        ClientId=client_id,
        Username=username,
        Password=password,
        UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}],
        **kwargs,
    )


def events_of(idp: Any, pool_id: str, username: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = idp.admin_list_user_auth_events(UserPoolId=pool_id, Username=username)["AuthEvents"]
    return found


# -- SIGN_UP ---------------------------------------------------------------------------------------------


def test_compromised_sign_up_blocked_and_logged(idp, plus, log_group):
    logs, group = log_group
    client_id = new_client(idp, plus)["ClientId"]
    idp.set_risk_configuration(UserPoolId=plus, CompromisedCredentialsRiskConfiguration=BLOCK_ALL)
    with pytest.raises(ClientError) as exc:
        sign_up(idp, client_id, "ann", COMPROMISED)
    assert error(exc)[0] == "InvalidPasswordException"
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=plus, Username="ann")
    (entry,) = logged(logs, group)
    assert entry["eventType"] == "SignUp"
    assert entry["eventResponse"] == "Fail"
    assert entry["compromisedCredentialDetected"] == "true"
    assert entry["userName"] == "ann"
    assert entry["clientId"] == client_id
    # A password that is not in the corpus signs up, and its event is in both places.
    sign_up(idp, client_id, "ann", PASSWORD)
    (event,) = events_of(idp, plus, "ann")
    assert event["EventType"] == "SignUp"
    assert event["EventResponse"] == "Pass"
    assert event["EventRisk"]["CompromisedCredentialsDetected"] is False
    assert event["EventContextData"]["IpAddress"] == "127.0.0.1"
    assert [e["eventResponse"] for e in logged(logs, group)] == ["Fail", "Pass"]


def test_no_action_and_event_filter_and_audit(idp, plus):
    client_id = new_client(idp, plus)["ClientId"]
    idp.set_risk_configuration(
        UserPoolId=plus, CompromisedCredentialsRiskConfiguration={"Actions": {"EventAction": "NO_ACTION"}}
    )
    sign_up(idp, client_id, "bea", COMPROMISED)
    (event,) = events_of(idp, plus, "bea")
    assert event["EventRisk"]["CompromisedCredentialsDetected"] is True
    assert event["EventResponse"] == "Pass"
    # BLOCK only for SIGN_IN: sign-up passes, undetected.
    idp.set_risk_configuration(
        UserPoolId=plus,
        CompromisedCredentialsRiskConfiguration={"EventFilter": ["SIGN_IN"], "Actions": {"EventAction": "BLOCK"}},
    )
    sign_up(idp, client_id, "cid", COMPROMISED)
    assert events_of(idp, plus, "cid")[0]["EventRisk"]["CompromisedCredentialsDetected"] is False
    # AUDIT mode: detected and recorded, never blocked.
    idp.set_risk_configuration(UserPoolId=plus, CompromisedCredentialsRiskConfiguration=BLOCK_ALL)
    idp.update_user_pool(
        UserPoolId=plus,
        UserPoolTier="PLUS",
        UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"},
        AutoVerifiedAttributes=["email"],
    )
    sign_up(idp, client_id, "dee", COMPROMISED)
    (event,) = events_of(idp, plus, "dee")
    assert event["EventRisk"]["CompromisedCredentialsDetected"] is True
    assert event["EventResponse"] == "Pass"


def test_client_configuration_overrides_pool(idp, plus):
    strict = new_client(idp, plus)["ClientId"]
    lenient = new_client(idp, plus)["ClientId"]
    idp.set_risk_configuration(UserPoolId=plus, CompromisedCredentialsRiskConfiguration=BLOCK_ALL)
    idp.set_risk_configuration(
        UserPoolId=plus,
        ClientId=lenient,
        CompromisedCredentialsRiskConfiguration={"Actions": {"EventAction": "NO_ACTION"}},
    )
    with pytest.raises(idp.exceptions.InvalidPasswordException):
        sign_up(idp, strict, "eve", COMPROMISED)
    sign_up(idp, lenient, "eve", COMPROMISED)


def test_threat_protection_off_checks_nothing(idp, pool):
    client_id = new_client(idp, pool["Id"])["ClientId"]
    assert sign_up(idp, client_id, "fay", COMPROMISED)["UserSub"]


def test_blocked_ip_range(idp, plus):
    client_id = new_client(idp, plus)["ClientId"]
    idp.set_risk_configuration(UserPoolId=plus, RiskExceptionConfiguration={"BlockedIPRangeList": ["127.0.0.0/8"]})
    with pytest.raises(ClientError) as exc:
        sign_up(idp, client_id, "gil", PASSWORD)
    assert error(exc) == ("NotAuthorizedException", "Request not allowed due to security reasons.")


# -- PASSWORD_CHANGE -------------------------------------------------------------------------------------


def test_compromised_password_change_blocked(idp, plus, cognito):
    client_id = new_client(idp, plus)["ClientId"]
    idp.set_risk_configuration(UserPoolId=plus, CompromisedCredentialsRiskConfiguration=BLOCK_ALL)
    new_user(idp, plus, "hal", attributes={"email": "hal@example.com", "email_verified": "true"})
    access = password_auth(idp, client_id, "hal")["AuthenticationResult"]["AccessToken"]
    with pytest.raises(idp.exceptions.InvalidPasswordException):
        idp.change_password(AccessToken=access, PreviousPassword=PASSWORD, ProposedPassword=COMPROMISED)
    with pytest.raises(idp.exceptions.NotAuthorizedException):
        idp.change_password(AccessToken=access, PreviousPassword="Wr0ng-Passw0rd!", ProposedPassword="Fr3sh-Pass!x")
    idp.change_password(AccessToken=access, PreviousPassword=PASSWORD, ProposedPassword="Fr3sh-Pass!x")
    changes = [e for e in events_of(idp, plus, "hal") if e["EventType"] == "PasswordChange"]
    assert [(e["EventResponse"], e["EventRisk"]["CompromisedCredentialsDetected"]) for e in changes] == [
        ("Pass", False),
        ("Fail", False),
        ("Fail", True),
    ]
    # ConfirmForgotPassword is a password change too.
    idp.forgot_password(ClientId=client_id, Username="hal")
    code = cognito.outbox(plus)[-1]["code"]
    with pytest.raises(idp.exceptions.InvalidPasswordException):
        idp.confirm_forgot_password(ClientId=client_id, Username="hal", ConfirmationCode=code, Password=COMPROMISED)
    idp.confirm_forgot_password(ClientId=client_id, Username="hal", ConfirmationCode=code, Password="An0ther-Pass!")
    kinds = [(e["EventType"], e["EventResponse"]) for e in events_of(idp, plus, "hal")]
    assert kinds[:3] == [("PasswordChange", "Pass"), ("PasswordChange", "Fail"), ("ForgotPassword", "Pass")]


# -- context data ----------------------------------------------------------------------------------------


def encoded(timezone: str, agent: str) -> str:
    payload = json.dumps({"contextData": {"ClientTimezone": timezone, "UserAgent": agent, "DeviceId": "dev-1"}})
    outer = json.dumps({"payload": payload, "signature": "x", "version": "JS20171115"})
    return base64.b64encode(outer.encode()).decode()


def test_context_data_ip_device_timezone(idp, plus):
    agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/5"
    plain = new_client(idp, plus)["ClientId"]
    sign_up(
        idp,
        plain,
        "ida",
        UserContextData={"IpAddress": "203.0.113.9", "EncodedData": encoded("+02:00", agent)},
    )
    context = events_of(idp, plus, "ida")[0]["EventContextData"]
    assert context["IpAddress"] == "127.0.0.1"  # not propagated: the caller's address
    assert context["DeviceName"] == "Chrome 126, Windows 10"
    assert context["Timezone"] == "+02:00"
    secret_client = new_client(idp, plus, GenerateSecret=True, EnablePropagateAdditionalUserContextData=True)
    sign_up(
        idp,
        secret_client["ClientId"],
        "jon",
        SecretHash=secret_hash(secret_client["ClientSecret"], "jon", secret_client["ClientId"]),
        UserContextData={"IpAddress": "203.0.113.9", "EncodedData": "not-base64-json"},
    )
    context = events_of(idp, plus, "jon")[0]["EventContextData"]
    assert context["IpAddress"] == "203.0.113.9"
    assert "Timezone" not in context


# -- SIGN_IN ---------------------------------------------------------------------------------------------


def test_compromised_sign_in_blocked_and_reset_required(idp, plus, log_group):
    logs, group = log_group
    client_id = new_client(idp, plus)["ClientId"]
    new_user(idp, plus, "kim", password=COMPROMISED)  # AdminSetUserPassword is not checked
    idp.set_risk_configuration(UserPoolId=plus, CompromisedCredentialsRiskConfiguration=BLOCK_ALL)
    with pytest.raises(ClientError) as exc:
        password_auth(idp, client_id, "kim", COMPROMISED)
    assert error(exc) == ("NotAuthorizedException", "Unable to login because of security reasons.")
    assert idp.admin_get_user(UserPoolId=plus, Username="kim")["UserStatus"] == "RESET_REQUIRED"
    with pytest.raises(idp.exceptions.PasswordResetRequiredException):
        password_auth(idp, client_id, "kim", COMPROMISED)
    (event,) = [e for e in events_of(idp, plus, "kim") if e["EventType"] == "SignIn"]
    assert event["EventResponse"] == "Fail"
    assert event["EventRisk"]["CompromisedCredentialsDetected"] is True
    assert any(m["eventType"] == "SignIn" and m["compromisedCredentialDetected"] == "true" for m in logged(logs, group))


def test_sign_in_events_pass_and_fail(idp, plus):
    client_id = new_client(idp, plus)["ClientId"]
    new_user(idp, plus, "lou")
    with pytest.raises(idp.exceptions.NotAuthorizedException):
        password_auth(idp, client_id, "lou", "Wr0ng-Passw0rd!")
    assert password_auth(idp, client_id, "lou")["AuthenticationResult"]["AccessToken"]
    signins = [e for e in events_of(idp, plus, "lou") if e["EventType"] == "SignIn"]
    assert [(e["EventResponse"], e["ChallengeResponses"]) for e in signins] == [
        ("Pass", [{"ChallengeName": "Password", "ChallengeResponse": "Success"}]),
        ("Fail", [{"ChallengeName": "Password", "ChallengeResponse": "Failure"}]),
    ]


def test_account_takeover_block_and_notify(idp, plus, cognito):
    client_id = new_client(idp, plus)["ClientId"]
    new_user(idp, plus, "max", attributes={"email": "max@example.com", "email_verified": "true"})
    idp.set_risk_configuration(
        UserPoolId=plus,
        AccountTakeoverRiskConfiguration={
            "Actions": {
                "LowAction": {"Notify": True, "EventAction": "BLOCK"},
                "MediumAction": {"Notify": True, "EventAction": "BLOCK"},
                "HighAction": {"Notify": True, "EventAction": "BLOCK"},
            },
            "NotifyConfiguration": {
                "From": "security@example.com",
                "SourceArn": "arn:aws:ses:us-east-1:000000000000:identity/example.com",
                "BlockEmail": {"Subject": "Blocked", "TextBody": "Blocked {username} from {ip-address}"},
            },
        },
    )
    assert password_auth(idp, client_id, "max")["AuthenticationResult"]  # no risk yet
    for _ in range(3):  # velocity: three failures in 15 minutes (20) + no context data (10) => Low
        with pytest.raises(idp.exceptions.NotAuthorizedException):
            password_auth(idp, client_id, "max", "Wr0ng-Passw0rd!")
    with pytest.raises(ClientError) as exc:
        password_auth(idp, client_id, "max")
    assert error(exc) == ("NotAuthorizedException", "Unable to login because of security reasons.")
    latest = events_of(idp, plus, "max")[0]
    assert latest["EventResponse"] == "Fail"
    assert latest["EventRisk"]["RiskLevel"] == "Low"
    assert latest["EventRisk"]["RiskDecision"] == "AccountTakeover"
    mail = cognito.outbox(plus)[-1]
    assert mail["subject"] == "Blocked"
    assert mail["body"] == "Blocked max from 127.0.0.1"
