"""The local Cognito's log in the console: offered in the status bar while the connection is a child the
console started, shown read-only and monospaced with its newest lines in view, its folder a click away."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QFontInfo

from console.secrets import SecretStore
from console.services.protocol import LOCAL_DEFAULT, Connection, ConnectionKind
from tests.gui.conftest import make_console


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def console(qapp: Any, qtbot: Any, aloop: Any, tmp_path: Path, memory_keyring: Any) -> Iterator[Any]:
    app = make_console(
        qapp, tmp_path, SecretStore(memory_keyring), port=free_port(), data_dir=str(tmp_path / "local-cognito")
    )
    qtbot.addWidget(app.window)
    app.window.show()
    yield app
    app.connections.close()


# Asked for again while it is up, the viewer is raised: the offscreen platform says it cannot raise windows.
@pytest.mark.qt_log_ignore(r"^This plugin does not support raise\(\)$")
def test_the_log_viewer_shows_what_the_child_said(console: Any, aloop: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from console.views import local_log

    window = console.window
    window.show_view("pools")
    assert aloop.run_until_complete(console.open_connection(LOCAL_DEFAULT, load_view=False))
    aloop.run_until_complete(window.views["pools"].load())
    assert window.log_button.isVisible()

    window.log_button.click()
    dialog = console.log_dialog
    assert isinstance(dialog, local_log.LocalLogDialog) and dialog.isVisible() and not dialog.isModal()
    aloop.run_until_complete(dialog.load())
    text = dialog.ui.logText.toPlainText()
    assert "console: started the local Cognito" in text
    assert "ListUserPools - 200" in text  # the request lines of the info log
    assert dialog.ui.logText.isReadOnly()
    assert (
        QFontInfo(dialog.ui.logText.font()).fixedPitch()
        or dialog.ui.logText.font().styleHint() == QFont.StyleHint.Monospace
    )
    assert str(tmp_path / "local-cognito.log") in dialog.ui.pathLabel.text()
    bar = dialog.ui.logText.verticalScrollBar()
    assert bar.value() == bar.maximum()  # the newest lines in view

    opened: list[QUrl] = []
    monkeypatch.setattr(local_log.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog.ui.openFolderButton.click()
    assert [u.toLocalFile() for u in opened] == [str(tmp_path)]

    # Reload reads it again: a request made since shows up; the button asks for the same window again.
    aloop.run_until_complete(window.views["pools"].load())
    window.log_button.click()
    assert console.log_dialog is dialog
    aloop.run_until_complete(dialog.load())
    assert dialog.ui.logText.toPlainText().count("ListUserPools - 200") > text.count("ListUserPools - 200")


def test_no_log_is_offered_for_a_local_cognito_someone_else_runs(
    console: Any, aloop: Any, cognito: Any, demo: dict[str, str]
) -> None:
    found = Connection("Local Cognito", ConnectionKind.LOCAL, port=int(cognito.base_url.rsplit(":", 1)[-1]))
    console.connections.local_port = found.port
    assert aloop.run_until_complete(console.open_connection(found, load_view=False))
    assert console.connections.local is not None and not console.connections.local.started_by_us
    assert not console.window.log_button.isVisible()


def test_a_log_that_cannot_be_read_says_so(qtbot: Any, aloop: Any, tmp_path: Path) -> None:
    from console.views.local_log import LocalLogDialog

    async def unreadable(path: str) -> str:
        raise PermissionError(13, "Permission denied", path)

    dialog = LocalLogDialog(str(tmp_path / "local-cognito.log"), unreadable)
    qtbot.addWidget(dialog)
    aloop.run_until_complete(dialog.load())
    assert dialog.ui.logText.toPlainText() == ""
    assert "could not be read" in dialog.ui.logText.placeholderText()
