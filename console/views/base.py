"""The shared shape of a view: a title, a load coroutine tests can await, and a list-and-details layout."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
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

    def confirm(self, title: str, text: str, destructive: bool = True) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Ok)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
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
    header.setDefaultSectionSize(180)
    table.verticalHeader().setDefaultSectionSize(28)


def selected_records(table: Any) -> list[Any]:
    model = table.model()
    rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
    return [model.data(model.index(r, 0), ObjectRole) for r in rows]


# --- details panes as small HTML documents -------------------------------------------------------
def h(text: Any) -> str:
    return html.escape("" if text is None else str(text))


def section(title: str, rows: Iterable[tuple[str, Any]] | Mapping[str, Any]) -> str:
    items = rows.items() if isinstance(rows, Mapping) else rows
    body = "".join(
        f"<tr><td style='padding:3px 16px 3px 0;color:#6b7280;white-space:nowrap'>{h(k)}</td>"
        f"<td style='padding:3px 0'>{h(v)}</td></tr>"
        for k, v in items
    )
    if not body:
        body = "<tr><td style='color:#6b7280'>None</td></tr>"
    return f"<h4 style='margin:12px 0 4px 0'>{h(title)}</h4><table cellspacing='0'>{body}</table>"


def document(title: str, subtitle: str, *sections: str) -> str:
    return f"<h3 style='margin:0'>{h(title)}</h3><div style='color:#6b7280'>{h(subtitle)}</div>" + "".join(sections)


def yes_no(value: Any) -> str:
    return "Yes" if value else "No"
