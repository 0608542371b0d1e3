"""The app clients view against a real local Cognito: details and the secret, create, edit (keeping what
the dialog does not show), delete."""

from __future__ import annotations

from typing import Any

from tests.conftest import unique
from tests.gui.conftest import run_until_idle


def test_app_clients_view_shows_secret_on_request(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.app_clients import AppClientsView

    view = AppClientsView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    backend = next(c for c in view.model.items() if c.name == "demo-backend")
    aloop.run_until_complete(view.show_details(backend))
    assert view.client is not None and view.client.secret
    assert view.client.secret not in view.ui.details.toPlainText()
    view.show_client(reveal=True)
    assert view.client.secret in view.ui.details.toPlainText()
    saved = aloop.run_until_complete(view.save(None, {"ClientName": unique("c"), "GenerateSecret": False}))
    assert saved is not None
    aloop.run_until_complete(view.save(saved.id, {"CallbackURLs": ["https://example.com/cb"]}))
    assert view.client.callback_urls == ("https://example.com/cb",)
    aloop.run_until_complete(view.delete(view.model.item(view.model.row_of(saved.id))))


def test_app_client_details_show_token_validity_in_the_default_unit(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """Without TokenValidityUnits AWS counts access and ID token validity in hours: 2 is 2 hours."""
    from console.views.app_clients import AppClientsView

    client = aloop.run_until_complete(ctx.service.client())
    created = client.create_user_pool_client(
        UserPoolId=ctx.pool_id, ClientName=unique("units-"), AccessTokenValidity=2, IdTokenValidity=3
    )["UserPoolClient"]
    view = AppClientsView(ctx)
    qtbot.addWidget(view)
    try:
        view.client = aloop.run_until_complete(ctx.service.describe_app_client(ctx.pool_id, created["ClientId"]))
        view.show_client(reveal=False)
        text = view.ui.details.toPlainText()
        assert "2 hours" in text and "3 hours" in text, text
    finally:
        client.delete_user_pool_client(UserPoolId=ctx.pool_id, ClientId=created["ClientId"])


def test_editing_an_app_client_keeps_refresh_token_validity_in_hours(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """Opening and saving the edit dialog unchanged must not turn 12 hours into 1 day."""
    from console.views.app_clients import AppClientsView
    from console.views.dialogs import AppClientDialog

    client = aloop.run_until_complete(ctx.service.client())
    created = client.create_user_pool_client(
        UserPoolId=ctx.pool_id,
        ClientName=unique("hours-"),
        RefreshTokenValidity=12,
        AccessTokenValidity=300,
        TokenValidityUnits={"RefreshToken": "hours", "AccessToken": "seconds"},
    )["UserPoolClient"]
    view = AppClientsView(ctx)
    qtbot.addWidget(view)
    try:
        current = aloop.run_until_complete(ctx.service.describe_app_client(ctx.pool_id, created["ClientId"]))
        dialog = AppClientDialog(view, current)
        qtbot.addWidget(dialog)
        assert dialog.validate() is None
        aloop.run_until_complete(view.save(current.id, dialog.request()))
        assert not ctx.errors
        after = aloop.run_until_complete(ctx.service.describe_app_client(ctx.pool_id, current.id))
        units = after.raw.get("TokenValidityUnits") or {}
        hours = {"minutes": 1 / 60, "hours": 1, "days": 24}[units.get("RefreshToken", "days")]
        assert after.raw["RefreshTokenValidity"] * hours == 12
        seconds = {"seconds": 1, "minutes": 60, "hours": 3600}[units.get("AccessToken", "hours")]
        assert after.raw["AccessTokenValidity"] * seconds == 300
    finally:
        client.delete_user_pool_client(UserPoolId=ctx.pool_id, ClientId=created["ClientId"])


def test_double_click_on_edit_opens_one_dialog(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """Edit loads the app client first; a second click meanwhile must not open a second dialog."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from console.views.app_clients import AppClientsView
    from console.views.dialogs import AppClientDialog

    view = AppClientsView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    run_until_idle(aloop, ctx)
    assert view.current() is not None
    opened: list[Any] = []

    def close_dialogs() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, AppClientDialog) and widget.isVisible():
                opened.append(widget)
                widget.reject()

    timer = QTimer()
    timer.timeout.connect(close_dialogs)
    timer.start(10)
    try:
        view.ui.editButton.click()
        view.ui.editButton.click()
        run_until_idle(aloop, ctx)
    finally:
        timer.stop()
    assert len(opened) == 1
    assert view.ui.editButton.isEnabled()
