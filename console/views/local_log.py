"""The local Cognito's log: the last lines of what the child the console started said (a line per request,
warnings, a traceback should it crash), read-only and monospaced, with the folder it lives in a click away."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget
from qasync import asyncSlot

from console.services.errors import ServiceError

from ._generated.ui_local_log_dialog import Ui_LocalLogDialog

LogReader = Callable[[str], Awaitable[str]]
"""Reads the end of the log at a path, off the event loop."""


class LocalLogDialog(QDialog):
    """Not modal: the log can stay open beside the window while the user works (Reload reads it again)."""

    def __init__(self, path: str, read: LogReader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_LocalLogDialog()
        self.ui.setupUi(self)
        self.path = path
        self.read = read
        self.ui.pathLabel.setText(f"The last lines of {path}, oldest first")
        self.ui.logText.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.ui.logText.setPlaceholderText("Nothing logged yet.")
        self.ui.openFolderButton.clicked.connect(self.open_folder)
        self.ui.reloadButton.clicked.connect(self.on_reload_clicked)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        QShortcut(QKeySequence("F5"), self).activated.connect(self.on_reload_clicked)
        # The text is laid out lazily, so the scroll range keeps growing after a load: the end stays in view
        # until the user scrolls away from it.
        self._follow_end = True
        bar = self.ui.logText.verticalScrollBar()
        bar.rangeChanged.connect(self._keep_end_in_view)
        bar.valueChanged.connect(self._note_scroll)

    def _keep_end_in_view(self, _minimum: int, maximum: int) -> None:
        if self._follow_end:
            self.ui.logText.verticalScrollBar().setValue(maximum)

    def _note_scroll(self, value: int) -> None:
        self._follow_end = value == self.ui.logText.verticalScrollBar().maximum()

    def folder(self) -> Path:
        return Path(self.path).parent

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder())))

    async def load(self) -> None:
        """Read the log again and show its end, scrolled to the last line (tests await this)."""
        try:
            text = await self.read(self.path)
        except (OSError, ServiceError) as exc:
            self.ui.logText.setPlainText("")
            self.ui.logText.setPlaceholderText(f"The log could not be read: {exc}")
            return
        self.ui.logText.setPlaceholderText("Nothing logged yet.")
        self.ui.logText.setPlainText(text)
        self.ui.logText.moveCursor(QTextCursor.MoveOperation.End)
        self._follow_end = True
        bar = self.ui.logText.verticalScrollBar()
        bar.setValue(bar.maximum())

    @asyncSlot()
    async def on_reload_clicked(self) -> None:
        self.ui.reloadButton.setEnabled(False)
        try:
            await self.load()
        finally:
            self.ui.reloadButton.setEnabled(True)

    def present(self) -> None:
        """Show the dialog, or bring it forward when it is already up, without blocking anything."""
        if self.isVisible():
            self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
            self.raise_()
            self.activateWindow()
        else:
            self.show()
