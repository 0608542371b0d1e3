"""The sign-in activity view against a real local Cognito: a pool's AWS/Cognito metrics charted over time,
filtered by app client, and a period's numbers on a click."""

from __future__ import annotations

import contextlib
import time
from typing import Any

import pytest
from botocore.exceptions import ClientError

from console.services.protocol import Activity
from tests.conftest import make_client, unique

PASSWORD = "Correct-horse-9"


@pytest.fixture
def busy_pool(cognito: Any) -> dict[str, str]:
    """A pool with two app clients: 3 sign-ins and 2 failures through the first, a sign-up through the second."""
    idp = make_client(cognito.base_url)
    pool_id = idp.create_user_pool(PoolName=unique("activity"))["UserPool"]["Id"]
    flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    web = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="web", ExplicitAuthFlows=flows)
    mobile = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="mobile", ExplicitAuthFlows=flows)
    web_id, mobile_id = web["UserPoolClient"]["ClientId"], mobile["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool_id, Username="ann", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="ann", Password=PASSWORD, Permanent=True)
    for password in (PASSWORD, PASSWORD, "Wrong-horse-9", PASSWORD, "Wrong-horse-9"):
        with contextlib.suppress(ClientError):  # the failed sign-ins are part of the activity
            idp.initiate_auth(
                ClientId=web_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "ann", "PASSWORD": password}
            )
    idp.sign_up(ClientId=mobile_id, Username="bob", Password=PASSWORD)
    return {"pool_id": pool_id, "web": web_id, "mobile": mobile_id}


@pytest.fixture
def view(qtbot: Any, ctx: Any, busy_pool: dict[str, str]) -> Any:
    from console.views.activity import SignInActivityView

    ctx.pool_id = busy_pool["pool_id"]
    widget = SignInActivityView(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    return widget


def plotted(view: Any, key: str) -> float:
    _, ys = view.curves[key].getData()
    return float(sum(ys)) if ys is not None else 0.0


def test_the_pools_activity_is_charted_and_summed(view: Any, aloop: Any, busy_pool: dict[str, str]) -> None:
    aloop.run_until_complete(view.load())
    assert isinstance(view.activity, Activity)
    assert plotted(view, "sign_ins") == 3
    assert plotted(view, "failures") == 2
    assert plotted(view, "sign_ups") == 2  # bob's sign-up and the administrator's AdminCreateUser of ann
    summary = view.ui.summaryLabel.text()
    assert "3 sign-ins (60% succeeded)" in summary and "2 failed" in summary
    clients = [view.ui.clientCombo.itemData(i) for i in range(view.ui.clientCombo.count())]
    assert {busy_pool["web"], busy_pool["mobile"], "Admin"} <= set(clients)


def test_the_app_client_filter_charts_one_clients_activity(view: Any, aloop: Any, busy_pool: dict[str, str]) -> None:
    aloop.run_until_complete(view.load())
    combo = view.ui.clientCombo
    combo.blockSignals(True)
    combo.setCurrentIndex(combo.findData(busy_pool["mobile"]))
    combo.blockSignals(False)
    aloop.run_until_complete(view.load())
    assert plotted(view, "sign_ins") == 0
    assert plotted(view, "sign_ups") == 1


def test_a_click_on_a_period_shows_its_numbers(view: Any, aloop: Any) -> None:
    aloop.run_until_complete(view.load())
    view.show_period(time.time())
    text = view.ui.details.toPlainText()
    assert "Sign-ins" in text and "3" in text
    assert "From CloudWatch metrics" in text


def test_every_range_loads_with_periods_cloudwatch_takes(view: Any, aloop: Any) -> None:
    from console.views.activity import RANGES

    for index, (_, seconds, period) in enumerate(RANGES):
        assert period % 60 == 0 and seconds / period <= 1440
        view.ui.rangeCombo.blockSignals(True)
        view.ui.rangeCombo.setCurrentIndex(index)
        view.ui.rangeCombo.blockSignals(False)
        aloop.run_until_complete(view.load())
        assert view.failure is None, view.failure
        assert plotted(view, "sign_ins") == 3


def test_without_a_pool_the_view_says_to_choose_one(qtbot: Any, ctx: Any, aloop: Any) -> None:
    from console.views.activity import SignInActivityView

    ctx.pool_id = ""
    widget = SignInActivityView(ctx)
    qtbot.addWidget(widget)
    aloop.run_until_complete(widget.load())
    assert widget.ui.summaryLabel.text() == "Choose a user pool first."
