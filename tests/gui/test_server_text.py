"""Text from a server reaches the window as plain text of a line or two (an HTML error page reads as its title),
with the whole of it on demand: the error banner, the status bar, message boxes and tooltips."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox

from console.services import errors
from console.services.protocol import Page, User
from tests.gui.conftest import modal
from tests.gui.partial_cognito import HTML_500, html_500


def _window(qtbot: Any, ctx: Any) -> Any:
    from console.views.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    return window


def test_banner_shows_an_html_500_as_its_title_in_plain_text(qtbot: Any, aloop: Any, partial: Any) -> None:
    window = _window(qtbot, partial)
    partial.endpoint.failures["ListGroups"] = html_500()

    async def list_groups() -> None:
        async with partial.busy("Loading groups"):
            await partial.require().list_groups(partial.pool_id)

    aloop.run_until_complete(list_groups())
    assert isinstance(partial.errors[-1], errors.ServerError)
    ui = window.ui
    assert ui.banner.isVisibleTo(window)
    assert ui.bannerTitle.textFormat() == Qt.TextFormat.PlainText
    assert ui.bannerText.textFormat() == Qt.TextFormat.PlainText
    assert ui.bannerTitle.text() == "Server error · ListGroups"
    assert ui.bannerText.text() == "HTTP 500: Internal Server Error"
    # One line high: no headline-sized text from the page.
    assert ui.banner.height() < 3 * window.fontMetrics().height() + 40

    assert ui.bannerDetails.isVisibleTo(window)
    ui.bannerDetails.click()
    box = window.error_box
    assert box is not None and box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText and "<" not in box.text()
    assert HTML_500 in box.detailedText()
    box.close()


def test_banner_trims_a_long_message_and_keeps_the_rest(qtbot: Any, partial: Any) -> None:
    window = _window(qtbot, partial)
    message = "Invalid <b>thing</b>: " + "word " * 300
    window.show_error(errors.error_for("InvalidParameterException", message, "admin_create_user", 400))
    text = window.ui.bannerText.text()
    assert text.startswith("InvalidParameterException: Invalid <b>thing</b>: word")  # as sent, not as markup
    assert len(text) <= len("InvalidParameterException: ") + errors.SUMMARY_LENGTH and text.endswith("…")
    assert window.ui.bannerTitle.text() == "Invalid input · AdminCreateUser"
    assert window.ui.bannerDetails.isVisibleTo(window)
    window.ui.bannerDetails.click()
    assert message in window.error_box.detailedText()
    window.error_box.close()

    # A short message is all there: no Details button.
    window.show_error(errors.error_for("UserNotFoundException", "User does not exist.", "admin_get_user", 400))
    assert window.ui.bannerText.text() == "UserNotFoundException: User does not exist."
    assert not window.ui.bannerDetails.isVisibleTo(window)


def test_status_bar_shows_server_text_plainly_and_briefly(qtbot: Any, partial: Any) -> None:
    window = _window(qtbot, partial)
    partial.notice.emit(HTML_500)
    assert window.ui.statusbar.currentMessage() == "500 Internal Server Error"
    partial.notice.emit("Demo pool seeded; skipped: " + "x" * 500)
    assert len(window.ui.statusbar.currentMessage()) <= errors.SUMMARY_LENGTH
    for label in (window.connection_label, window.busy_label):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_tooltips_show_values_as_they_are(qapp: Any) -> None:
    from console.models.keyvalue import KeyValueModel
    from console.models.users import UsersModel

    value = "<h1>Internal Server Error</h1> & more text than fits"
    users = UsersModel(["name"])
    users.append_page(users.begin_search(), Page((User("ada", attributes={"name": value}),)))
    claims = KeyValueModel()
    claims.set_mapping({"custom:note": value})
    for tip in (
        users.index(0, 1).data(Qt.ItemDataRole.ToolTipRole),  # the "name" column, after "User name"
        claims.index(0, 1).data(Qt.ItemDataRole.ToolTipRole),
    ):
        shown = QTextDocument()
        shown.setHtml(tip)
        assert shown.toPlainText() == value


def test_confirmation_names_server_text_plainly(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.base import View

    view = View(ctx)
    qtbot.addWidget(view)
    view.show()

    async def scenario() -> tuple[bool, Any, str]:
        asking = asyncio.ensure_future(
            view.confirm("Delete group", "Delete the group <h1>admins</h1>?", accept="Delete")
        )
        box = await modal(QMessageBox)
        seen = box.textFormat(), box.text()
        box.button(QMessageBox.StandardButton.Cancel).click()
        return (await asking, *seen)

    answer, text_format, text = aloop.run_until_complete(asyncio.wait_for(scenario(), 20))
    assert not answer
    assert (text_format, text) == (Qt.TextFormat.PlainText, "Delete the group <h1>admins</h1>?")
