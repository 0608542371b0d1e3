"""The shared shape of a view: a title, a load coroutine tests can await, and a list-and-details layout."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHeaderView, QMessageBox, QWidget

from console.models.table import ObjectRole, SortRole

from .context import AppContext


class View(QWidget):
    name = ""
    title = ""
    icon_name = ""
    needs_pool = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded_pool: str | None = None

    async def load(self) -> None:
        """Fetch what the view shows for the current pool (tests and screenshots await this)."""

    def confirm(self, title: str, text: str, destructive: bool = True, accept: str = "") -> bool:
        """Ask first; the accepting button names the action ("Delete"), and Cancel is the default."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Ok)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        ok = box.button(QMessageBox.StandardButton.Ok)
        ok.setText(accept or title)
        ok.setIcon(QIcon())
        return box.exec() == QMessageBox.StandardButton.Ok


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
