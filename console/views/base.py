"""The shared shape of a view: a title, a load coroutine tests can await, details panes whose sections say in
place why they could not be read, and the list-and-details view that groups, app clients and identity
providers share."""

from __future__ import annotations

import asyncio
import html
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, QUrl
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QHeaderView, QMessageBox, QTextBrowser, QTextEdit, QWidget
from qasync import asyncSlot

from console.models.table import ObjectRole, SortRole
from console.services.errors import ServiceError

from . import assets
from ._generated.ui_resource_view import Ui_ResourceView
from .context import AppContext


async def run_dialog(dialog: QDialog) -> int:
    """Show a dialog (window-modal) and wait for its answer: what ``exec()`` would return, the dialog code or,
    for a QMessageBox, the button. The one way a coroutine shows a dialog: ``exec()`` inside an ``@asyncSlot``
    runs a second event loop inside that task, and every other task (a details load, a re-probe, a pending
    call) stops while the dialog is up ("Cannot enter into task"). Cancelling the waiting task rejects the
    dialog. The dialog stays alive: read its values after the await."""
    answered: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finished(result: int) -> None:
        if not answered.done():
            answered.set_result(result)

    dialog.finished.connect(finished)
    dialog.open()
    try:
        return await answered
    except asyncio.CancelledError:
        dialog.reject()
        raise
    finally:
        dialog.finished.disconnect(finished)


async def accepted(dialog: QDialog) -> bool:
    """Show a dialog with run_dialog; True when the user accepted it (OK, Save, Create)."""
    return await run_dialog(dialog) == QDialog.DialogCode.Accepted


def name_resource_view(ui: Any, title: str, noun: str) -> None:
    """The names a screen reader says for resource_view.ui's list, filter and details pane."""
    ui.table.setAccessibleName(title)
    ui.filterEdit.setAccessibleName(f"Filter {noun}s")
    ui.details.setAccessibleName(f"Details of the selected {noun}")


class View(QWidget):
    name = ""
    title = ""
    icon_name = ""
    needs_pool = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded_pool: str | None = None
        # The failed sections of the details pane on show, by the key of their "Details…" link.
        self.failures: dict[str, ServiceError] = {}
        self.error_box: QMessageBox | None = None

    async def load(self) -> None:
        """Fetch what the view shows for the current pool (tests and screenshots await this)."""

    def wire_details(self, browser: QTextBrowser) -> None:
        """Links in the details pane come here: a failed section's "Details…" shows the server's full text."""
        browser.setOpenLinks(False)
        browser.anchorClicked.connect(self._on_details_link)

    def _on_details_link(self, url: QUrl) -> None:
        action, _, what = url.toString().partition(":")
        if action == "error":
            exc = self.failures.get(what)
            if exc is not None:
                self.error_box = error_details(self, exc)
            return
        self.on_details_link(action, what)

    def on_details_link(self, action: str, what: str) -> None:
        """A link of the view's own in its details pane (``action:what``)."""

    async def confirm(self, title: str, text: str, destructive: bool = True, accept: str = "") -> bool:
        """Ask first; the accepting button names the action ("Delete"), and Cancel is the default."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)  # names in it come from the server
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Ok)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        ok = box.button(QMessageBox.StandardButton.Ok)
        ok.setText(accept or title)
        ok.setIcon(QIcon())
        try:
            return await run_dialog(box) == QMessageBox.StandardButton.Ok
        finally:
            box.deleteLater()


class ListView(View):
    """A list with a details pane over resource_view.ui; subclasses say what a row is."""

    noun = ""
    empty = ""

    def __init__(self, ctx: AppContext, model: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ui = Ui_ResourceView()
        self.ui.setupUi(self)
        self.model = model
        self._details_seq = 0  # the number of the newest details load (_claim_details)
        self.proxy = make_proxy(model, self)
        self.ui.table.setModel(self.proxy)
        setup_table(self.ui.table)
        self.ui.table.setColumnWidth(0, 220)
        self.ui.filterEdit.setPlaceholderText(f"Filter {self.noun}s")
        name_resource_view(self.ui, self.title, self.noun)
        self.ui.createButton.setText(f"Create {self.noun}")
        self.ui.createButton.setIcon(assets.icon("add", "#ffffff"))
        self.ui.emptyState.setText(self.empty)
        self.ui.filterEdit.textChanged.connect(self.proxy.setFilterFixedString)
        self.ui.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.ui.table.doubleClicked.connect(lambda *_: self.ui.editButton.click())
        self.ui.refreshButton.clicked.connect(self.on_refresh_clicked)
        self.ui.createButton.clicked.connect(self.on_create_clicked)
        self.ui.editButton.clicked.connect(self.on_edit_clicked)
        self.ui.deleteButton.clicked.connect(self.on_delete_clicked)
        self.ui.splitter.setSizes([250, 430])
        self.wire_details(self.ui.details)
        self._update_buttons()

    def _update_buttons(self) -> None:
        one = len(self.ui.table.selectionModel().selectedRows()) == 1
        self.ui.editButton.setEnabled(one)
        self.ui.deleteButton.setEnabled(one)
        self.ui.createButton.setEnabled(bool(self.ctx.pool_id))
        self.ui.tableStack.setCurrentIndex(0 if self.model.rowCount() else 1)

    def current(self) -> Any:
        records = selected_records(self.ui.table)
        return records[0] if len(records) == 1 else None

    async def load(self) -> None:
        pool = self.ctx.pool_id
        if not pool:
            self.model.set_items([])
            self.ui.emptyState.setText("Choose a user pool first.")
            self._update_buttons()
            return
        if pool != self.loaded_pool:
            # Another pool's rows must not stay on show (and be acted on) should this listing fail.
            self.model.set_items([])
            self._update_buttons()
        async with self.ctx.busy(f"Loading {self.noun}s"):
            self.model.set_items(await self.fetch(pool))
            self.ui.emptyState.setText(self.empty)
            self.loaded_pool = pool
            self._update_buttons()
            if self.model.rowCount():
                self.ui.table.selectRow(0)

    async def fetch(self, pool_id: str) -> list[Any]:
        raise NotImplementedError

    def on_selection_changed(self, *_: Any) -> None:
        self._update_buttons()
        record = self.current()
        if record is None:
            self.ui.details.setHtml(f"<p style='color:#6b7280'>Select a {self.noun} to see its settings.</p>")
            return
        self.ctx.spawn(self.show_details(record))

    async def show_details(self, record: Any) -> None:
        pass

    def _claim_details(self) -> int:
        """Number a details load; a slower, older load must not overwrite a newer one."""
        self._details_seq += 1
        return self._details_seq

    def _is_latest(self, claim: int) -> bool:
        return claim == self._details_seq

    @asyncSlot()
    async def on_refresh_clicked(self) -> None:
        self.ui.refreshButton.setEnabled(False)
        try:
            await self.load()
        finally:
            self.ui.refreshButton.setEnabled(True)

    @asyncSlot()
    async def on_create_clicked(self) -> None:
        if not self.ui.createButton.isEnabled():  # a click queued before the first one started
            return
        self.ui.createButton.setEnabled(False)
        try:
            await self.edit(None)
        finally:
            self._update_buttons()

    @asyncSlot()
    async def on_edit_clicked(self) -> None:
        record = self.current()
        if record is None or not self.ui.editButton.isEnabled():  # a click queued before the first started
            return
        # Editing loads the record before the dialog opens: a second click meanwhile opened a second dialog.
        self.ui.editButton.setEnabled(False)
        try:
            await self.edit(record)
        finally:
            self._update_buttons()

    async def edit(self, record: Any) -> None:
        raise NotImplementedError

    @asyncSlot()
    async def on_delete_clicked(self) -> None:
        record = self.current()
        if record is not None and await self.confirm(
            f"Delete {self.noun}", f"Delete the {self.noun} {record.name}? This cannot be undone.", accept="Delete"
        ):
            await self.delete(record)

    async def delete(self, record: Any) -> None:
        raise NotImplementedError


def make_proxy(source: Any, parent: QWidget) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(source)
    proxy.setSortRole(SortRole)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy


def setup_table(table: Any) -> None:
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    # Left-aligned titles over left-aligned cells (centred titles drift away from wide columns' values).
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setDefaultSectionSize(180)
    table.verticalHeader().setDefaultSectionSize(28)


def selected_records(table: Any) -> list[Any]:
    model = table.model()
    rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
    return [model.data(model.index(r, 0), ObjectRole) for r in rows]


# --- details panes as small HTML documents -------------------------------------------------------
def h(text: Any) -> str:
    return html.escape("" if text is None else str(text))


LABEL_WIDTH = 200  # one label column width for every section, so values line up down the pane


def section(title: str, rows: Iterable[tuple[str, Any]] | Mapping[str, Any], empty: str = "None") -> str:
    items = list(rows.items() if isinstance(rows, Mapping) else rows)
    body = "".join(
        f"<tr><td width='{LABEL_WIDTH}' style='padding:3px 16px 3px 0;color:#6b7280'>{h(k)}</td>"
        f"<td style='padding:3px 0'>{h(v)}</td></tr>"
        for k, v in items
    )
    if not body:
        body = f"<tr><td style='padding:3px 0;color:#6b7280'>{h(empty)}</td></tr>"
    return _heading(title) + f"<table cellspacing='0' width='100%'>{body}</table>"


def listing(title: str, values: Iterable[Any], empty: str = "None") -> str:
    """A section that is a plain list (authentication flows, identifiers): values in the text colour."""
    items = [h(v) for v in values]
    text = "<br>".join(items) if items else f"<span style='color:#6b7280'>{h(empty)}</span>"
    return _heading(title) + f"<p style='margin:0'>{text}</p>"


def _heading(title: str) -> str:
    # QTextDocument collapses an h4's top margin after a table; a spacer paragraph keeps sections apart.
    return f"<p style='margin:14px 0 4px 0;font-weight:600'>{h(title)}</p>"


def document(title: str, subtitle: str, *sections: str) -> str:
    return (
        f"<p style='margin:0;font-size:large;font-weight:600'>{h(title)}</p>"
        f"<p style='margin:2px 0 0 0;color:#6b7280'>{h(subtitle)}</p>" + "".join(sections)
    )


def yes_no(value: Any) -> str:
    return "Yes" if value else "No"


MUTED = "#6b7280"
WARNING = "#b45309"


def pending(title: str, what: str = "Loading…") -> str:
    """A section whose call has not answered yet."""
    return _heading(title) + f"<p style='margin:0;color:{MUTED}'>{h(what)}</p>"


def failure_note(exc: ServiceError, key: str) -> str:
    """In a section's place: why its call failed, AWS's code, and a link to the server's full text."""
    return (
        f"<p style='margin:0;color:{WARNING}'>⚠ {h(exc.reason)}</p>"
        f"<p style='margin:2px 0 0 0;color:{MUTED}'>{h(exc.label)}"
        f" · <a href='error:{h(key)}'>Details…</a></p>"
    )


def unavailable(title: str, exc: ServiceError, key: str) -> str:
    return _heading(title) + failure_note(exc, key)


def error_details(parent: QWidget, exc: ServiceError) -> QMessageBox:
    """The whole of a failure, on demand: why in a sentence, and the server's text untouched (an HTML page
    too) under "Show Details…". Shown with open(), so no nested event loop runs while it is up."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(exc.title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(exc.reason + "\n\n" + exc.label + (f" · {exc.action}" if exc.action else ""))
    box.setDetailedText(exc.full_text())
    for details in box.findChildren(QTextEdit):  # Qt's own pane for the detailed text, which it leaves unnamed
        details.setAccessibleName("The server's answer")
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
