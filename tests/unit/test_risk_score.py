"""The breached-password corpus, the account-takeover score, risk actions, and recorded auth events.

These run the real modules on a real SQLite store (no server process): the sign-in flows that feed them
are tested over the wire with those flows.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from console.emulator.cloudwatch_logs import api as logs_api
from console.emulator.cloudwatch_logs import delivery
from console.emulator.core import paging
from console.emulator.core.app import open_store
from console.emulator.core.context import RequestContext, ServerConfig
from console.emulator.core.errors import AwsError
from console.emulator.user_pools import auth_events, pools, risk, users


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[RequestContext]:
    store = open_store(tmp_path / "cognito.db")
    yield RequestContext(store=store, config=ServerConfig(base_url="http://127.0.0.1:1"), now=1_700_000_000.0)
    store.close()


def call(handler: Any, ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    """Run a registered handler directly (its registered type is the registry's union)."""
    out: dict[str, Any] = handler(ctx, req)
    return out


def make_pool(ctx: RequestContext, mode: str = "ENFORCED") -> dict[str, Any]:
    with ctx.store.tx():
        created: Any = pools.create_user_pool(
            ctx,
            {"PoolName": "risk", "UserPoolTier": "PLUS", "UserPoolAddOns": {"AdvancedSecurityMode": mode}},
        )
        return pools.get_pool(ctx, created["UserPool"]["Id"])


def make_user(ctx: RequestContext, pool: dict[str, Any], name: str = "alice") -> users.User:
    user = users.User(
        pool_id=pool["Id"],
        username=name,
        username_key=users.username_key(pool, name),
        sub=f"00000000-0000-4000-8000-{abs(hash(name)) % 10**12:012d}",
        status="CONFIRMED",
        enabled=True,
        created=ctx.now,
        modified=ctx.now,
        attrs={"email": f"{name}@example.com", "email_verified": "true"},
    )
    with ctx.store.tx():
        users.insert(ctx, pool, user)
    return user


def context(ip: str = "198.51.100.7", device: str = "Chrome 126, Windows 10", encoded: bool = True) -> dict[str, Any]:
    return {"IpAddress": ip, "DeviceName": device, "HasContextData": encoded}


def record(ctx: RequestContext, pool: dict[str, Any], user: users.User, response: str, **kw: Any) -> str:
    with ctx.store.tx():
        event_id = auth_events.record_event(
            ctx,
            pool,
            user,
            "SignIn",
            response,
            None,
            [("Password", "Success" if response == "Pass" else "Failure")],
            kw.get("context", context()),
        )
    assert event_id is not None
    return event_id


# -- corpus ----------------------------------------------------------------------------------------


def test_corpus_is_large_and_real():
    words = risk.corpus()
    assert len(words) >= 30_000
    for common in ("123456", "password", "qwerty", "letmein", "iloveyou"):
        assert risk.is_compromised(common)
    assert risk.is_compromised("PASSWORD")  # the corpus is lower case; case variants are no safer
    assert not risk.is_compromised("correct-Horse-battery-staple-93!")


def test_corpus_header_names_source_and_license():
    head = risk.corpus_path().read_text(encoding="utf-8").splitlines()[:8]
    text = "\n".join(head)
    assert "Source:" in text and "License: MIT" in text


# -- score -----------------------------------------------------------------------------------------


def test_off_mode_has_no_risk(ctx):
    pool = make_pool(ctx, "OFF")
    user = make_user(ctx, pool)
    assert risk.assess(ctx, pool, None, user, context(), password="password") == risk.NO_RISK
    assert auth_events.record_event(ctx, pool, user, "SignIn", "Pass") is None


def test_first_sign_in_with_context_is_no_risk(ctx):
    pool = make_pool(ctx)
    user = make_user(ctx, pool)
    result = risk.assess(ctx, pool, None, user, context())
    assert (result.level, result.decision, result.score) == (None, "NoRisk", 0)


def test_missing_context_alone_stays_below_low(ctx):
    pool = make_pool(ctx)
    user = make_user(ctx, pool)
    result = risk.assess(ctx, pool, None, user, context(encoded=False))
    assert result.score == 10 and result.level is None


def test_new_ip_is_low(ctx):
    pool = make_pool(ctx)
    user = make_user(ctx, pool)
    record(ctx, pool, user, "Pass")
    same = risk.assess(ctx, pool, None, user, context())
    assert same.level is None
    moved = risk.assess(ctx, pool, None, user, context(ip="203.0.113.9"))
    assert (moved.level, moved.decision, moved.score) == ("Low", "AccountTakeover", 25)
    assert moved.reasons == ("new-ip",)


def test_new_ip_device_and_failures_is_medium_then_high(ctx):
    pool = make_pool(ctx)
    user = make_user(ctx, pool)
    record(ctx, pool, user, "Pass")
    ctx.now += 3600
    for _ in range(3):
        record(ctx, pool, user, "Fail", context=context(ip="203.0.113.9", device="Firefox 120, Linux"))
    attacker = context(ip="203.0.113.9", device="Firefox 120, Linux")
    medium = risk.assess(ctx, pool, None, user, attacker)
    assert (medium.level, medium.score) == ("Medium", 20 + 25 + 15)
    for _ in range(7):
        record(ctx, pool, user, "Fail", context=attacker)
    high = risk.assess(ctx, pool, None, user, attacker)
    assert (high.level, high.score) == ("High", 60 + 25 + 15)
    # Failures older than the 15-minute window no longer count.
    ctx.now += risk.VELOCITY_WINDOW + 1
    later = risk.assess(ctx, pool, None, user, attacker)
    assert later.score == 25 + 15 and later.level == "Low"


def test_levels():
    assert [risk.level_for(s) for s in (0, 19, 20, 44, 45, 69, 70, 100)] == [
        None,
        None,
        "Low",
        "Low",
        "Medium",
        "Medium",
        "High",
        "High",
    ]


def test_ip_lists_and_compromised(ctx):
    pool = make_pool(ctx)
    user = make_user(ctx, pool)
    with ctx.store.tx():
        risk.set_risk_configuration(
            ctx,
            {
                "UserPoolId": pool["Id"],
                "CompromisedCredentialsRiskConfiguration": {
                    "EventFilter": ["SIGN_IN"],
                    "Actions": {"EventAction": "BLOCK"},
                },
                "RiskExceptionConfiguration": {
                    "BlockedIPRangeList": ["192.0.2.0/24"],
                    "SkippedIPRangeList": ["10.0.0.0/8", "2001:db8::/32"],
                },
            },
        )
    blocked = risk.assess(ctx, pool, None, user, context(ip="192.0.2.55"))
    assert blocked.decision == "Block" and blocked.blocked_ip
    skipped = risk.assess(ctx, pool, None, user, context(ip="2001:db8::1"), password="password")
    assert skipped.skipped and not skipped.compromised
    compromised = risk.assess(ctx, pool, None, user, context(), password="password")
    assert compromised.compromised
    # SIGN_UP is not in this configuration's EventFilter.
    assert not risk.assess(ctx, pool, None, None, context(), event="SIGN_UP", password="password").compromised
    config = risk.effective_config(ctx, pool["Id"], None)
    assert risk.decide_actions(config, blocked).action == "BLOCK"
    assert (
        risk.block_error(risk.decide_actions(config, blocked)).message == "Request not allowed due to security reasons."
    )
    action = risk.decide_actions(config, compromised)
    assert (action.action, action.cause) == ("BLOCK", "compromised")
    assert risk.decide_actions(config, compromised, mode="AUDIT").action == "NO_ACTION"


def test_account_takeover_actions_and_notification(ctx):
    pool = make_pool(ctx)
    user = make_user(ctx, pool)
    config = {
        "AccountTakeoverRiskConfiguration": {
            "Actions": {
                "LowAction": {"Notify": False, "EventAction": "NO_ACTION"},
                "MediumAction": {"Notify": True, "EventAction": "MFA_REQUIRED"},
                "HighAction": {"Notify": True, "EventAction": "BLOCK"},
            },
            "NotifyConfiguration": {
                "SourceArn": "arn:aws:ses:us-east-1:000000000000:identity/example.com",
                "BlockEmail": {
                    "Subject": "Blocked",
                    "TextBody": "Blocked {username} from {ip-address}: {one-click-link-invalid}",
                },
            },
        }
    }
    low = risk.RiskAssessment("Low", "AccountTakeover")
    high = risk.RiskAssessment("High", "AccountTakeover")
    assert risk.decide_actions(config, low) == risk.RiskAction("NO_ACTION", False, "account-takeover")
    assert risk.decide_actions(config, risk.RiskAssessment("Medium", "AccountTakeover")).action == "MFA_REQUIRED"
    action = risk.decide_actions(config, high)
    assert (action.action, action.notify) == ("BLOCK", True)
    assert risk.block_error(action).message == "Unable to login because of security reasons."
    event_id = record(ctx, pool, user, "Fail")
    with ctx.store.tx():
        outbox_id = risk.notify(ctx, pool, user, config, action, event_id, context(ip="203.0.113.9"))
    row = ctx.store.one("SELECT * FROM outbox WHERE id = ?", (outbox_id,))
    assert row["subject"] == "Blocked"
    assert row["destination"] == "alice@example.com"
    assert row["body"].startswith("Blocked alice from 203.0.113.9: http://127.0.0.1:1/_emulator/feedback?")
    token = auth_events.feedback_token(ctx, pool["Id"], user.username_key, event_id)
    assert f"token={token}" in row["body"]


# -- auth events -----------------------------------------------------------------------------------


def test_list_newest_first_with_paging(ctx):
    pool = make_pool(ctx)
    user = make_user(ctx, pool)
    ids = []
    for i in range(5):
        ctx.now += 1
        ids.append(record(ctx, pool, user, "Pass" if i % 2 else "Fail"))
    page = call(
        auth_events.admin_list_user_auth_events, ctx, {"UserPoolId": pool["Id"], "Username": "alice", "MaxResults": 2}
    )
    assert [e["EventId"] for e in page["AuthEvents"]] == ids[::-1][:2]
    assert paging.decode(page["NextToken"], "auth-events", (float, str))[1] == ids[3]  # the last event listed
    rest = call(
        auth_events.admin_list_user_auth_events,
        ctx,
        {"UserPoolId": pool["Id"], "Username": "alice", "MaxResults": 0, "NextToken": page["NextToken"]},
    )
    assert [e["EventId"] for e in rest["AuthEvents"]] == ids[::-1][2:]
    assert "NextToken" not in rest
    first = rest["AuthEvents"][-1]
    assert first["EventType"] == "SignIn" and first["EventResponse"] == "Fail"
    assert first["EventRisk"] == {"RiskDecision": "NoRisk", "CompromisedCredentialsDetected": False}
    assert first["ChallengeResponses"] == [{"ChallengeName": "Password", "ChallengeResponse": "Failure"}]
    assert first["EventContextData"] == {"IpAddress": "198.51.100.7", "DeviceName": "Chrome 126, Windows 10"}


def test_feedback(ctx):
    pool = make_pool(ctx)
    user = make_user(ctx, pool)
    event_id = record(ctx, pool, user, "Pass")
    with ctx.store.tx():
        auth_events.admin_update_auth_event_feedback(
            ctx, {"UserPoolId": pool["Id"], "Username": "alice", "EventId": event_id, "FeedbackValue": "Valid"}
        )
    (event,) = call(auth_events.admin_list_user_auth_events, ctx, {"UserPoolId": pool["Id"], "Username": "alice"})[
        "AuthEvents"
    ]
    assert event["EventFeedback"]["FeedbackValue"] == "Valid"
    assert event["EventFeedback"]["Provider"] == "Admin"
    token = auth_events.feedback_token(ctx, pool["Id"], user.username_key, event_id)
    req = {"UserPoolId": pool["Id"], "Username": "alice", "EventId": event_id, "FeedbackValue": "Invalid"}
    with pytest.raises(AwsError) as err:
        auth_events.update_auth_event_feedback(ctx, {**req, "FeedbackToken": token[:-2] + "xx"})
    assert err.value.code == "NotAuthorizedException"
    with ctx.store.tx():
        auth_events.update_auth_event_feedback(ctx, {**req, "FeedbackToken": token})
    (event,) = call(auth_events.admin_list_user_auth_events, ctx, {"UserPoolId": pool["Id"], "Username": "alice"})[
        "AuthEvents"
    ]
    assert event["EventFeedback"]["FeedbackValue"] == "Invalid"


def test_events_go_with_the_user(ctx):
    pool = make_pool(ctx)
    user = make_user(ctx, pool)
    record(ctx, pool, user, "Pass")
    with ctx.store.tx():
        users.delete(ctx, user)
    assert ctx.store.value("SELECT COUNT(*) FROM auth_events WHERE pool_id = ?", (pool["Id"],)) == 0


def test_events_delivered_in_aws_log_format(ctx):
    pool = make_pool(ctx)
    user = make_user(ctx, pool)
    with ctx.store.tx():
        logs_api.create_group(ctx, "/aws/vendedlogs/activity")
        delivery.set_log_delivery_configuration(
            ctx,
            {
                "UserPoolId": pool["Id"],
                "LogConfigurations": [
                    {
                        "LogLevel": "INFO",
                        "EventSource": "userAuthEvents",
                        "CloudWatchLogsConfiguration": {
                            "LogGroupArn": logs_api.group_arn(ctx, "/aws/vendedlogs/activity")
                        },
                    }
                ],
            },
        )
    assessment = risk.RiskAssessment("Medium", "AccountTakeover", True)
    with ctx.store.tx():
        event_id = auth_events.record_event(
            ctx, pool, "alice", "SignIn", "InProgress", assessment, [("Password", "Success")], context(), client_id="c1"
        )
    found = call(
        logs_api.filter_log_events,
        ctx,
        {"logGroupName": "/aws/vendedlogs/activity", "filterPattern": '{ $.message.eventType = "SignIn" }'},
    )
    (entry,) = [json.loads(e["message"]) for e in found["events"]]
    assert entry["eventSource"] == "USER_ACTIVITY" and entry["logLevel"] == "INFO"
    assert entry["logSourceId"] == {"userPoolId": pool["Id"]}
    message = entry["message"]
    assert message["eventId"] == event_id
    assert message["userName"] == "alice" and message["userSub"] == user.sub and message["clientId"] == "c1"
    assert message["riskLevel"] == "Medium" and message["riskDecision"] == "ACCOUNT_TAKEOVER"
    assert message["compromisedCredentialDetected"] == "true"
    assert message["challenges"] == [{"challengeName": "Password", "challengeResponse": "Success"}]
    assert message["ipAddress"] == "198.51.100.7" and message["hasContextData"] == "true"
    assert entry["eventTimestamp"] == str(int(ctx.now * 1000))


# -- context data ----------------------------------------------------------------------------------


def test_event_context_from_requests(ctx):
    ctx.source_ip = "127.0.0.1"
    ctx.headers = {"user-agent": "Boto3/1.40 Python/3.11 Linux/6"}
    payload = json.dumps(
        {
            "contextData": {
                "ClientTimezone": "-07:00",
                "DeviceId": "dev-1",
                "UserAgent": (
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    " Chrome/126.0 Safari/537.36"
                ),
            }
        }
    )
    encoded = base64.b64encode(
        json.dumps({"payload": payload, "signature": "x", "version": "JS20171115"}).encode()
    ).decode()
    admin = auth_events.event_context(
        ctx,
        {
            "ContextData": {
                "IpAddress": "203.0.113.5",
                "ServerName": "s",
                "ServerPath": "/",
                "HttpHeaders": [],
                "EncodedData": encoded,
            }
        },
    )
    assert admin == {
        "IpAddress": "203.0.113.5",
        "DeviceName": "Chrome 126, Windows 10",
        "Timezone": "-07:00",
        "HasContextData": True,
        "DeviceKey": "dev-1",
    }
    # UserContextData.IpAddress counts only for clients that propagate additional context data.
    user_ctx = {"UserContextData": {"IpAddress": "203.0.113.6"}}
    assert auth_events.event_context(ctx, user_ctx)["IpAddress"] == "127.0.0.1"
    assert (
        auth_events.event_context(ctx, user_ctx, {"EnablePropagateAdditionalUserContextData": True})["IpAddress"]
        == "203.0.113.6"
    )
    plain = auth_events.event_context(ctx, {"UserContextData": {"EncodedData": "%%%not-base64"}})
    assert plain["DeviceName"] == "Other, Linux" and "Timezone" not in plain
