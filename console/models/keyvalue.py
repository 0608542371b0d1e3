"""An editable two-column name/value model: attribute mappings, user attributes, token claims."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from .table import Index, plain_tooltip


class KeyValueModel(QAbstractTableModel):
    COL_KEY, COL_VALUE = range(2)

    def __init__(
        self,
        headers: tuple[str, str] = ("Name", "Value"),
        editable: bool = False,
        describe: Callable[[str, str], str | None] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._headers = headers
        self._editable = editable
        self._describe = describe  # extra text for a value (e.g. a claim's local time)
        self._rows: list[list[str]] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() > 1:
            return None
        key, value = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == 0:
                return key
            if role == Qt.ItemDataRole.DisplayRole and self._describe:
                extra = self._describe(key, value)
                if extra:
                    return f"{value}  ({extra})"
            return value
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1 and len(value) > 40:
            return plain_tooltip(value)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._editable or role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if index.row() >= len(self._rows) or index.column() > 1:
            return False
        self._rows[index.row()][index.column()] = str(value).strip()
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self._editable else base

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return self._headers[section]
        return None

    def set_mapping(self, mapping: Mapping[str, Any]) -> None:
        self.beginResetModel()
        self._rows = [[str(k), v if isinstance(v, str) else _json(v)] for k, v in mapping.items()]
        self.endResetModel()

    def mapping(self) -> dict[str, str]:
        """Non-empty rows as a dict (the last row wins for duplicate names)."""
        return {k: v for k, v in self._rows if k}

    def rows(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in self._rows]

    def add_row(self, key: str = "", value: str = "") -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append([key, value])
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
