"""Adaptive authentication over the wire: the account-takeover risk level (risk.py's documented score)
decides MFA_IF_CONFIGURED / MFA_REQUIRED / BLOCK, with notification emails, and the decision holds when the
sign-in continues after NEW_PASSWORD_REQUIRED; failed MFA codes are recorded; SRP sign-in never runs the
compromised-password check (COGNITO-FACTS §3, §5.3).

Risk levels are steered with AdminInitiateAuth's ContextData (a known or new IP address) and failed
attempts, as the score in risk.py documents: a user's first sign-in with context data has no risk; a new IP
later adds 25 (Low); a new IP plus three recent failures is 45 (Medium).
"""

from __future__ import annotations

import base64
import contextlib
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.integration.auth_support import PASSWORD, error, new_client, new_user
from tests.srp_client import SrpClient

SMS_CONFIG = {"SnsCallerArn": "arn:aws:iam::000000000000:role/sms", "ExternalId": "ext"}
HOME, AWAY = "10.0.0.1", "203.0.113.9"
BLOCKED = ("NotAuthorizedException", "Unable to login because of security reasons.")
COMPROMISED = "P@ssw0rd"  # in resources/breached-passwords.txt; meets the default policy
TEMPORARY = "Tempor4ry-Pass!"
NEW = "N3w-Passw0rd-Here!"


@pytest.fixture
def plus(idp: Any) -> Iterator[str]:
    pool = idp.create_user_pool(
        PoolName=f"aa-{uuid.uuid4().hex[:8]}",
        UserPoolTier="PLUS",
        UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"},
        MfaConfiguration="OPTIONAL",
        SmsConfiguration=SMS_CONFIG,
    )["UserPool"]
    idp.set_user_pool_mfa_config(
        UserPoolId=pool["Id"],
        MfaConfiguration="OPTIONAL",
        SmsMfaConfiguration={"SmsAuthenticationMessage": "Code: {####}", "SmsConfiguration": SMS_CONFIG},
    )
    idp.set_risk_configuration(
        UserPoolId=pool["Id"],
        AccountTakeoverRiskConfiguration={
            "Actions": {
                "LowAction": {"Notify": True, "EventAction": "MFA_IF_CONFIGURED"},
                "MediumAction": {"Notify": True, "EventAction": "MFA_REQUIRED"},
                "HighAction": {"Notify": True, "EventAction": "BLOCK"},
            },
            "NotifyConfiguration": {
                "From": "security@example.com",
                "SourceArn": "arn:aws:ses:us-east-1:000000000000:identity/example.com",
                "MfaEmail": {"Subject": "Verify it is you", "TextBody": "MFA for {username} from {ip-address}"},
                "BlockEmail": {"Subject": "Blocked", "TextBody": "Blocked {username} from {ip-address}"},
                "NoActionEmail": {"Subject": "New sign-in", "TextBody": "Sign-in by {username}"},
            },
        },
    )
    yield pool["Id"]
    with contextlib.suppress(idp.exceptions.ResourceNotFoundException):
        idp.delete_user_pool(UserPoolId=pool["Id"])


def context(ip: str) -> dict[str, Any]:
    return {
        "IpAddress": ip,
        "ServerName": "app.example.com",
        "ServerPath": "/login",
        "HttpHeaders": [{"headerName": "User-Agent", "headerValue": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}],
    }


def admin_sign_in(idp: Any, pool_id: str, client_id: str, username: str, ip: str, password: str = PASSWORD) -> Any:
    return idp.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
        ContextData=context(ip),
    )


def user_with_phone(idp: Any, pool_id: str, username: str) -> None:
    new_user(
        idp,
        pool_id,
        username,
        attributes={
            "email": f"{username}@example.com",
            "email_verified": "true",
            "phone_number": "+15555550100",
            "phone_number_verified": "true",
        },
    )


def user_without_mfa(idp: Any, pool_id: str, username: str) -> None:
    new_user(idp, pool_id, username, attributes={"email": f"{username}@example.com", "email_verified": "true"})


def events_of(idp: Any, pool_id: str, username: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = idp.admin_list_user_auth_events(UserPoolId=pool_id, Username=username)["AuthEvents"]
    return found


def mails(cognito: Any, pool_id: str, to: str) -> list[dict[str, Any]]:
    return [m for m in cognito.outbox(pool_id) if m.get("destination") == to and m.get("channel") == "EMAIL"]


def fail_times(idp: Any, pool_id: str, client_id: str, username: str, n: int) -> None:
    for _ in range(n):
        with pytest.raises(idp.exceptions.NotAuthorizedException):
            admin_sign_in(idp, pool_id, client_id, username, HOME, "Wr0ng-Passw0rd!")


def test_no_risk_signs_in_without_mfa(idp, plus, cognito):
    client_id = new_client(idp, plus)["ClientId"]
    user_with_phone(idp, plus, "ned")
    result = admin_sign_in(idp, plus, client_id, "ned", HOME)
    assert result["AuthenticationResult"]["AccessToken"]
    (event,) = events_of(idp, plus, "ned")
    assert event["EventRisk"]["RiskDecision"] == "NoRisk"
    assert "RiskLevel" not in event["EventRisk"]
    assert mails(cognito, plus, "ned@example.com") == []


def test_low_risk_mfa_if_configured_challenges_a_user_with_a_phone(idp, plus, cognito):
    client_id = new_client(idp, plus)["ClientId"]
    user_with_phone(idp, plus, "ola")
    admin_sign_in(idp, plus, client_id, "ola", HOME)
    step = admin_sign_in(idp, plus, client_id, "ola", AWAY)  # new IP: Low
    assert step["ChallengeName"] == "SMS_MFA"
    assert step["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "SMS"
    sms = [m for m in cognito.outbox(plus) if m.get("channel") == "SMS"][-1]
    # A wrong code fails, and is recorded as a SignIn Fail with the MFA failure.
    with pytest.raises(ClientError) as exc:
        idp.admin_respond_to_auth_challenge(
            UserPoolId=plus,
            ClientId=client_id,
            ChallengeName="SMS_MFA",
            Session=step["Session"],
            ChallengeResponses={"USERNAME": "ola", "SMS_MFA_CODE": "000000" if sms["code"] != "000000" else "111111"},
            ContextData=context(AWAY),
        )
    assert error(exc) == ("CodeMismatchException", "Invalid code or auth state for the user.")
    latest = events_of(idp, plus, "ola")[0]
    assert latest["EventType"] == "SignIn" and latest["EventResponse"] == "Fail"
    assert latest["ChallengeResponses"] == [
        {"ChallengeName": "Password", "ChallengeResponse": "Success"},
        {"ChallengeName": "Mfa", "ChallengeResponse": "Failure"},
    ]
    done = idp.admin_respond_to_auth_challenge(
        UserPoolId=plus,
        ClientId=client_id,
        ChallengeName="SMS_MFA",
        Session=step["Session"],
        ChallengeResponses={"USERNAME": "ola", "SMS_MFA_CODE": sms["code"]},
        ContextData=context(AWAY),
    )
    assert done["AuthenticationResult"]["AccessToken"]
    latest = events_of(idp, plus, "ola")[0]
    assert latest["EventResponse"] == "Pass"
    assert latest["EventRisk"]["RiskLevel"] == "Low"
    assert latest["EventRisk"]["RiskDecision"] == "AccountTakeover"
    assert latest["ChallengeResponses"] == [
        {"ChallengeName": "Password", "ChallengeResponse": "Success"},
        {"ChallengeName": "Mfa", "ChallengeResponse": "Success"},
    ]
    (mail,) = mails(cognito, plus, "ola@example.com")
    assert mail["subject"] == "Verify it is you"
    assert mail["body"] == f"MFA for ola from {AWAY}"


def test_low_risk_mfa_if_configured_lets_a_user_without_mfa_in(idp, plus, cognito):
    client_id = new_client(idp, plus)["ClientId"]
    user_without_mfa(idp, plus, "pia")
    admin_sign_in(idp, plus, client_id, "pia", HOME)
    result = admin_sign_in(idp, plus, client_id, "pia", AWAY)
    assert result["AuthenticationResult"]["AccessToken"]
    latest = events_of(idp, plus, "pia")[0]
    assert (latest["EventResponse"], latest["EventRisk"]["RiskLevel"]) == ("Pass", "Low")
    assert len(mails(cognito, plus, "pia@example.com")) == 1


def test_medium_risk_mfa_required(idp, plus, cognito):
    client_id = new_client(idp, plus)["ClientId"]
    user_without_mfa(idp, plus, "quin")
    user_with_phone(idp, plus, "rae")
    for name in ("quin", "rae"):
        admin_sign_in(idp, plus, client_id, name, HOME)
        fail_times(idp, plus, client_id, name, 3)
    # Without any MFA method: blocked, and the user's state is unchanged.
    with pytest.raises(ClientError) as exc:
        admin_sign_in(idp, plus, client_id, "quin", AWAY)
    assert error(exc) == BLOCKED
    latest = events_of(idp, plus, "quin")[0]
    assert (latest["EventResponse"], latest["EventRisk"]["RiskLevel"]) == ("Fail", "Medium")
    assert idp.admin_get_user(UserPoolId=plus, Username="quin")["UserStatus"] == "CONFIRMED"
    # With a phone: challenged.
    step = admin_sign_in(idp, plus, client_id, "rae", AWAY)
    assert step["ChallengeName"] == "SMS_MFA"


def encoded(device_id: str, timezone: str) -> str:
    """UserContextData / ContextData EncodedData as the advanced-security JS library builds it."""
    inner = {"contextData": {"DeviceId": device_id, "ClientTimezone": timezone, "UserAgent": "Firefox/128.0"}}
    return base64.b64encode(json.dumps({"payload": json.dumps(inner)}).encode()).decode()


def test_high_risk_block_with_notification(idp, plus, cognito):
    """High (70+): a new IP (25), four recent failures (20), a new device (15) and a new time zone (10)."""
    client_id = new_client(idp, plus)["ClientId"]
    user_without_mfa(idp, plus, "sol")
    home = {**context(HOME), "EncodedData": encoded("laptop-1", "+01:00")}
    idp.admin_initiate_auth(
        UserPoolId=plus,
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "sol", "PASSWORD": PASSWORD},
        ContextData=home,
    )
    fail_times(idp, plus, client_id, "sol", 4)  # a fifth would lock the account for a second
    with pytest.raises(ClientError) as exc:
        idp.admin_initiate_auth(
            UserPoolId=plus,
            ClientId=client_id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "sol", "PASSWORD": PASSWORD},
            ContextData={**context(AWAY), "EncodedData": encoded("phone-9", "-08:00")},
        )
    assert error(exc) == BLOCKED
    latest = events_of(idp, plus, "sol")[0]
    assert (latest["EventResponse"], latest["EventRisk"]["RiskLevel"]) == ("Fail", "High")
    assert latest["EventContextData"]["IpAddress"] == AWAY
    assert latest["EventContextData"]["Timezone"] == "-08:00"
    (mail,) = mails(cognito, plus, "sol@example.com")
    assert (mail["subject"], mail["body"]) == ("Blocked", f"Blocked sol from {AWAY}")
    assert idp.admin_get_user(UserPoolId=plus, Username="sol")["UserStatus"] == "CONFIRMED"


def test_srp_sign_in_skips_the_compromised_password_check(idp, plus):
    client_id = new_client(idp, plus)["ClientId"]
    new_user(idp, plus, "tam", password=COMPROMISED)
    idp.set_risk_configuration(
        UserPoolId=plus, CompromisedCredentialsRiskConfiguration={"Actions": {"EventAction": "BLOCK"}}
    )
    srp = SrpClient(plus, "tam", COMPROMISED)
    step = idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters={"USERNAME": "tam", "SRP_A": srp.srp_a()}
    )
    done = idp.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="PASSWORD_VERIFIER",
        ChallengeResponses=srp.answer(step["ChallengeParameters"]),
    )
    assert done["AuthenticationResult"]["AccessToken"]
    assert idp.admin_get_user(UserPoolId=plus, Username="tam")["UserStatus"] == "CONFIRMED"
    (event,) = events_of(idp, plus, "tam")
    assert event["EventResponse"] == "Pass"
    assert event["EventRisk"]["CompromisedCredentialsDetected"] is False
    # The same password sent in the clear is checked, and blocked.
    with pytest.raises(ClientError) as exc:
        admin_sign_in(idp, plus, client_id, "tam", HOME, COMPROMISED)
    assert error(exc) == BLOCKED
    assert idp.admin_get_user(UserPoolId=plus, Username="tam")["UserStatus"] == "RESET_REQUIRED"


def test_audit_mode_records_but_never_acts(idp, plus, cognito):
    idp.update_user_pool(UserPoolId=plus, UserPoolTier="PLUS", UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"})
    client_id = new_client(idp, plus)["ClientId"]
    user_with_phone(idp, plus, "uli")
    admin_sign_in(idp, plus, client_id, "uli", HOME)
    result = admin_sign_in(idp, plus, client_id, "uli", AWAY)
    assert result["AuthenticationResult"]["AccessToken"]  # no MFA challenge in AUDIT
    latest = events_of(idp, plus, "uli")[0]
    assert latest["EventRisk"]["RiskLevel"] == "Low"
    assert mails(cognito, plus, "uli@example.com") == []


# -- a sign-in that continues after NEW_PASSWORD_REQUIRED ----------------------------------------------------


def force_new_password(idp: Any, pool_id: str, username: str) -> None:
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=TEMPORARY, Permanent=False)


def answer_new_password(idp: Any, pool_id: str, client_id: str, username: str, step: dict[str, Any]) -> Any:
    return idp.admin_respond_to_auth_challenge(
        UserPoolId=pool_id,
        ClientId=client_id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=step["Session"],
        ChallengeResponses={"USERNAME": username, "NEW_PASSWORD": NEW},
        ContextData=context(AWAY),
    )


def test_low_risk_mfa_is_asked_after_the_new_password_challenge(idp: Any, plus: str, cognito: Any) -> None:
    """MFA_IF_CONFIGURED decided at the password step still applies when the sign-in continues after
    NEW_PASSWORD_REQUIRED in a later request: no tokens before the SMS code."""
    client_id = new_client(idp, plus)["ClientId"]
    user_with_phone(idp, plus, "pia")
    admin_sign_in(idp, plus, client_id, "pia", HOME)  # history: HOME is known
    force_new_password(idp, plus, "pia")
    step = admin_sign_in(idp, plus, client_id, "pia", AWAY, TEMPORARY)  # new IP: Low
    assert step["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    after = answer_new_password(idp, plus, client_id, "pia", step)
    assert "AuthenticationResult" not in after
    assert after["ChallengeName"] == "SMS_MFA"
    sms = [m for m in cognito.outbox(plus) if m.get("channel") == "SMS"][-1]
    done = idp.admin_respond_to_auth_challenge(
        UserPoolId=plus,
        ClientId=client_id,
        ChallengeName="SMS_MFA",
        Session=after["Session"],
        ChallengeResponses={"USERNAME": "pia", "SMS_MFA_CODE": sms["code"]},
        ContextData=context(HOME),  # the decision travels with the session, not re-made here
    )
    assert done["AuthenticationResult"]["AccessToken"]
    latest = events_of(idp, plus, "pia")[0]
    assert latest["EventResponse"] == "Pass"
    assert latest["EventRisk"]["RiskLevel"] == "Low"
    assert latest["ChallengeResponses"][-1] == {"ChallengeName": "Mfa", "ChallengeResponse": "Success"}


def test_medium_risk_mfa_required_blocks_after_the_new_password_challenge(idp: Any, plus: str) -> None:
    """MFA_REQUIRED for a user without MFA blocks the sign-in, also when it continues after
    NEW_PASSWORD_REQUIRED; the new password is not kept."""
    client_id = new_client(idp, plus)["ClientId"]
    user_without_mfa(idp, plus, "quin")
    admin_sign_in(idp, plus, client_id, "quin", HOME)
    force_new_password(idp, plus, "quin")
    fail_times(idp, plus, client_id, "quin", 3)
    step = admin_sign_in(idp, plus, client_id, "quin", AWAY, TEMPORARY)  # new IP + 3 failures: Medium
    assert step["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    with pytest.raises(ClientError) as exc:
        answer_new_password(idp, plus, client_id, "quin", step)
    assert error(exc) == BLOCKED
    assert idp.admin_get_user(UserPoolId=plus, Username="quin")["UserStatus"] == "FORCE_CHANGE_PASSWORD"
