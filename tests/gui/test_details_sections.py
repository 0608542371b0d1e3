"""Details panes load section by section: a section whose call fails (an IAM policy that denies it, an endpoint
that does not serve it, a server error with an HTML page) says why in its place while the rest shows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl

from console.services import errors
from console.services.protocol import Pool
from tests.gui.conftest import run_until_idle
from tests.gui.partial_cognito import access_denied, html_500, unknown_operation


def _users_view(qtbot: Any, aloop: Any, ctx: Any) -> Any:
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    view.resize(900, 800)
    aloop.run_until_complete(view.load())
    view.ui.table.selectRow(0)
    run_until_idle(aloop, ctx)
    return view


def test_user_pane_shows_what_answered_and_why_the_rest_did_not(qtbot: Any, aloop: Any, partial: Any) -> None:
    partial.endpoint.failures.update(
        AdminListDevices=html_500(),
        AdminListGroupsForUser=access_denied("AdminListGroupsForUser"),
        AdminListUserAuthEvents=unknown_operation(),
    )
    view = _users_view(qtbot, aloop, partial)
    user = view.model.item(0)
    text = view.ui.details.toPlainText()

    # What answered shows: the user's attributes and MFA settings from AdminGetUser.
    assert user.username in text and user.email and user.email in text
    assert "Methods" in text and "Preferred" in text
    # What did not says why, in its own section, in words.
    assert "Not allowed by your IAM policy: it does not grant cognito-idp:AdminListGroupsForUser." in text
    assert "The server failed with HTTP 500: Internal Server Error." in text
    assert "This endpoint does not serve AdminListUserAuthEvents." in text
    assert text.index("Groups") < text.index("Not allowed") < text.index("Devices") < text.index("HTTP 500")
    # The server's page is not in the pane, neither as markup nor as text.
    assert "DOCTYPE" not in text and "gunicorn" not in text and "<" not in text
    # In place, not in the banner: the rest of the window goes on.
    assert partial.errors == []
    assert set(view.failures) == {"groups", "devices", "auth_events"}
    assert isinstance(view.pane.devices, errors.ServerError)
    assert isinstance(view.pane.groups, errors.AccessDenied)
    assert isinstance(view.pane.auth_events, errors.Unsupported)

    # "Details…" shows the whole answer, the HTML page untouched, as plain text.
    assert "error:devices" in view.ui.details.toHtml()
    view.ui.details.anchorClicked.emit(QUrl("error:devices"))
    box = view.error_box
    assert box is not None and box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text().startswith("The server failed with HTTP 500: Internal Server Error")
    assert "<title>500 Internal Server Error</title>" in box.detailedText()
    assert "Operation: AdminListDevices" in box.detailedText()
    box.close()


def test_user_pane_without_admin_get_user_shows_the_listed_user(qtbot: Any, aloop: Any, partial: Any) -> None:
    """An endpoint that answers AdminGetUser with a 404 page: the listed attributes stand in, MFA says why."""
    partial.endpoint.failures["AdminGetUser"] = errors_page_404()
    view = _users_view(qtbot, aloop, partial)
    user = view.model.item(0)
    text = view.ui.details.toPlainText()
    assert user.email in text
    assert "This endpoint does not serve AdminGetUser." in text
    assert "As listed" in text
    assert "Groups" in text and "Devices" in text and partial.errors == []


def errors_page_404() -> Any:
    from tests.gui.partial_cognito import Answer

    return Answer(404, "<html><body><h1>404 Not Found</h1></body></html>", "text/html")


def test_pools_pane_says_why_a_pool_could_not_be_described(qtbot: Any, aloop: Any, partial: Any) -> None:
    from console.views.pools import PoolsView

    partial.endpoint.failures["DescribeUserPool"] = access_denied("DescribeUserPool")
    view = PoolsView(partial)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    assert partial.errors == []  # the listing worked: each pool's pane says what did not
    assert view.model.row_of(partial.pool_id) >= 0
    view.select(partial.pool_id)
    text = view.ui.details.toPlainText()
    assert "demo-pool" in text and "Created" in text
    assert "Not allowed by your IAM policy: it does not grant cognito-idp:DescribeUserPool." in text
    assert set(view.failures) == {"pool"}


def test_pool_pane_says_why_its_mfa_methods_are_missing(qtbot: Any) -> None:
    from console.views.pools import pool_details

    failure = errors.error_for("502", "<html><title>502 Bad Gateway</title></html>", "get_user_pool_mfa_config", 502)
    html = pool_details(Pool("eu-west-1_x", "prod", mfa="ON", unavailable={"mfa_methods": failure}))
    assert "The server failed with HTTP 502: Bad Gateway" in html
    assert "error:mfa_methods" in html and "&lt;" not in html and "<title>" not in html


def test_group_pane_shows_the_group_when_its_members_cannot_be_listed(qtbot: Any, aloop: Any, partial: Any) -> None:
    from console.views.groups import GroupsView

    partial.endpoint.failures["ListUsersInGroup"] = access_denied("ListUsersInGroup")
    view = GroupsView(partial)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    aloop.run_until_complete(view.show_details(view.model.item(view.model.row_of("admins"))))
    text = view.ui.details.toPlainText()
    assert "Precedence" in text and "IAM role ARN" in text
    assert "Not allowed by your IAM policy: it does not grant cognito-idp:ListUsersInGroup." in text
    assert partial.errors == [] and view.members.rowCount() == 0


def test_app_client_pane_says_the_endpoint_does_not_describe_clients(qtbot: Any, aloop: Any, partial: Any) -> None:
    from console.views.app_clients import AppClientsView

    partial.endpoint.failures["DescribeUserPoolClient"] = unknown_operation()
    view = AppClientsView(partial)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    summary = view.model.item(0)
    aloop.run_until_complete(view.show_details(summary))
    text = view.ui.details.toPlainText()
    assert summary.name in text and summary.id in text
    assert "This endpoint does not serve DescribeUserPoolClient." in text
    assert view.client is None and partial.errors == []


def test_identity_provider_pane_survives_a_server_error(qtbot: Any, aloop: Any, partial: Any) -> None:
    from console.views.identity_providers import IdentityProvidersView

    partial.endpoint.failures["DescribeIdentityProvider"] = html_500()
    view = IdentityProvidersView(partial)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    aloop.run_until_complete(view.show_details(view.model.item(view.model.row_of("DemoOIDC"))))
    text = view.ui.details.toPlainText()
    assert "DemoOIDC" in text and "OpenID Connect" in text
    assert "The server failed with HTTP 500: Internal Server Error" in text
    assert "<" not in text and partial.errors == []
