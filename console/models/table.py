"""A thin table model over a list of frozen dataclasses, one column spec per column."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeAlias, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")

ObjectRole = Qt.ItemDataRole.UserRole + 1  # the record behind a row
SortRole = Qt.ItemDataRole.UserRole + 2  # a sortable value (datetimes, numbers)
KeyRole = Qt.ItemDataRole.UserRole + 3  # the record's identity (pool id, username, ...)

Index: TypeAlias = QModelIndex | QPersistentModelIndex


def local_time(value: datetime | float | int | None) -> str:
    """A timestamp in the user's local time, as the window shows every time."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        value = datetime.fromtimestamp(value).astimezone()
    if value.tzinfo is not None:
        value = value.astimezone()
    return value.strftime("%Y-%m-%d %H:%M")


def plain_tooltip(text: str, limit: int = 2000) -> str:
    """A tooltip that shows ``text`` as it is. Qt takes a tooltip that looks like markup for rich text (a
    value "<h1>x</h1>" would show as a headline), and has no plain-text tooltips: escaped text inside a
    paragraph is rich text that reads as the plain text."""
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"<p style='white-space:pre-wrap'>{html.escape(shown)}</p>"


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return local_time(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    value: Callable[[T], Any]
    tooltip: str = ""
    align_right: bool = False


class RecordTableModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]], key: Callable[[T], str], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._key = key
        self._rows: list[T] = []

    # --- Qt API ---
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._columns):
            return None
        record = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(column.value(record))
        if role == Qt.ItemDataRole.ToolTipRole:
            text = display(column.value(record))
            return plain_tooltip(text) if len(text) > 30 else None
        if role == ObjectRole:
            return record
        if role == KeyRole:
            return self._key(record)
        if role == SortRole:
            value = column.value(record)
            if isinstance(value, datetime):
                return value.timestamp()
            return value if isinstance(value, (int, float)) else display(value).lower()
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._columns[section].tooltip or None
        return None

    # --- our API ---
    def set_items(self, items: Iterable[T]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self.endResetModel()

    def items(self) -> list[T]:
        return list(self._rows)

    def item(self, row: int) -> T:
        return self._rows[row]

    def row_of(self, key: str) -> int:
        return next((i for i, r in enumerate(self._rows) if self._key(r) == key), -1)

    def upsert(self, record: T) -> int:
        """Replace the row with the same key (one dataChanged), or append it."""
        row = self.row_of(self._key(record))
        if row < 0:
            row = len(self._rows)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.append(record)
            self.endInsertRows()
        else:
            self._rows[row] = record
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))
        return row

    def remove(self, key: str) -> bool:
        row = self.row_of(key)
        if row < 0:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        return True
