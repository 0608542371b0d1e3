"""The auth events view (the blocked-credential monitor) against a real local Cognito: every user's events from
the pool's user activity log, the fallback without one, filters, a notice for a new block, feedback, and the
threat protection settings dialog."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from console.services.protocol import AuthEventPage
from tests.conftest import make_client, unique

PASSWORD = "Correct-horse-9"
ARN_PREFIX = "arn:aws:logs:us-east-1:000000000000:log-group:"


def sign_in(idp: Any, client_id: str, username: str, password: str) -> bool:
    try:
        idp.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": password},
        )
    except ClientError:
        return False
    return True


@pytest.fixture
def plus_pool(cognito: Any) -> dict[str, Any]:
    """A Plus pool with threat protection enforced: ann signs in once and fails once."""
    idp = make_client(cognito.base_url)
    pool_id = idp.create_user_pool(
        PoolName=unique("tp"), UserPoolTier="PLUS", UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"}
    )["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="web", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )["UserPoolClient"]["ClientId"]
    for name in ("ann", "bob"):
        idp.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS")
        idp.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=PASSWORD, Permanent=True)
    return {"idp": idp, "pool_id": pool_id, "client_id": client_id}


def with_activity_log(cognito: Any, plus_pool: dict[str, Any]) -> str:
    group = f"/aws/vendedlogs/cognito/{uuid.uuid4().hex[:8]}"
    make_client(cognito.base_url, "logs").create_log_group(logGroupName=group)
    plus_pool["idp"].set_log_delivery_configuration(
        UserPoolId=plus_pool["pool_id"],
        LogConfigurations=[
            {
                "LogLevel": "INFO",
                "EventSource": "userAuthEvents",
                "CloudWatchLogsConfiguration": {"LogGroupArn": ARN_PREFIX + group},
            }
        ],
    )
    return group


@pytest.fixture
def view(qtbot: Any, ctx: Any, plus_pool: dict[str, Any]) -> Any:
    from console.views.auth_events import AuthEventsView

    ctx.pool_id = plus_pool["pool_id"]
    widget = AuthEventsView(ctx)
    qtbot.addWidget(widget)
    return widget


def shown(view: Any) -> list[Any]:
    return list(view.model.items())


def test_events_come_from_the_user_activity_log_and_a_new_block_is_announced(
    view: Any, aloop: Any, cognito: Any, plus_pool: dict[str, Any]
) -> None:
    group = with_activity_log(cognito, plus_pool)
    idp, client_id = plus_pool["idp"], plus_pool["client_id"]
    assert sign_in(idp, client_id, "ann", PASSWORD)
    assert not sign_in(idp, client_id, "ann", "Wrong-horse-9")
    aloop.run_until_complete(view.load())
    assert isinstance(view.page, AuthEventPage) and group in view.page.source
    events = shown(view)
    assert sorted((e.username, e.response) for e in events) == [("ann", "Fail"), ("ann", "Pass")]
    assert all(e.client_id == client_id and e.ip for e in events)
    assert view.announced == []  # what was there at the first load is not news

    # Loopback blocked by the IP list: bob's next sign-in is blocked, and the monitor says so.
    idp.set_risk_configuration(
        UserPoolId=plus_pool["pool_id"], RiskExceptionConfiguration={"BlockedIPRangeList": ["127.0.0.0/8"]}
    )
    assert not sign_in(idp, client_id, "bob", PASSWORD)
    aloop.run_until_complete(view.load())
    assert [(e.username, e.blocked) for e in view.announced] == [("bob", True)]

    view.ui.riskyCheck.setChecked(True)
    assert [e.username for e in shown(view)] == ["bob"]
    view.ui.riskyCheck.setChecked(False)
    view.ui.filterEdit.setText("ann")
    assert {e.username for e in shown(view)} == {"ann"}


def test_without_a_log_the_events_come_from_each_users_history(
    view: Any, aloop: Any, plus_pool: dict[str, Any]
) -> None:
    assert sign_in(plus_pool["idp"], plus_pool["client_id"], "bob", PASSWORD)
    aloop.run_until_complete(view.load())
    assert view.page is not None and "AdminListUserAuthEvents" in view.page.source
    assert "Deliver user activity logs" in view.ui.sourceLabel.text()
    assert [(e.username, e.event_type, e.response) for e in shown(view)] == [("bob", "SignIn", "Pass")]


def test_feedback_marks_an_event_valid_or_not(view: Any, aloop: Any, plus_pool: dict[str, Any]) -> None:
    idp, pool_id = plus_pool["idp"], plus_pool["pool_id"]
    assert sign_in(idp, plus_pool["client_id"], "ann", PASSWORD)
    aloop.run_until_complete(view.load())
    (event,) = shown(view)
    aloop.run_until_complete(view.feedback(event, valid=False))
    listed = idp.admin_list_user_auth_events(UserPoolId=pool_id, Username="ann")["AuthEvents"][0]
    assert listed["EventFeedback"]["FeedbackValue"] == "Invalid"


def test_threat_protection_settings_are_edited_and_saved(
    qtbot: Any, view: Any, aloop: Any, plus_pool: dict[str, Any]
) -> None:
    from console.views.auth_events import ThreatProtectionDialog

    idp, pool_id = plus_pool["idp"], plus_pool["pool_id"]
    dialog = ThreatProtectionDialog(None, "ENFORCED", {}, [(plus_pool["client_id"], "web")])
    qtbot.addWidget(dialog)
    dialog.ui.highCombo.setCurrentIndex(0)  # BLOCK
    dialog.ui.mediumCombo.setCurrentIndex(1)  # MFA_IF_CONFIGURED
    dialog.ui.blockedEdit.setPlainText("not-an-ip")
    assert "CIDR" in (dialog.validate() or "")
    dialog.ui.blockedEdit.setPlainText("192.0.2.0/24")
    dialog.ui.notifyHighCheck.setChecked(True)
    assert "SES identity" in (dialog.validate() or "")
    dialog.ui.sourceArnEdit.setText("arn:aws:ses:us-east-1:123456789012:identity/security@example.com")
    assert dialog.validate() is None
    aloop.run_until_complete(view.save_settings(None, "AUDIT", dialog.value(), "ENFORCED"))

    config = idp.describe_risk_configuration(UserPoolId=pool_id)["RiskConfiguration"]
    actions = config["AccountTakeoverRiskConfiguration"]["Actions"]
    assert actions["HighAction"] == {"EventAction": "BLOCK", "Notify": True}
    assert actions["MediumAction"]["EventAction"] == "MFA_IF_CONFIGURED"
    assert config["RiskExceptionConfiguration"]["BlockedIPRangeList"] == ["192.0.2.0/24"]
    mode = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["UserPoolAddOns"]["AdvancedSecurityMode"]
    assert mode == "AUDIT"
