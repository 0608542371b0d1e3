"""The users table: server-side pages of ListUsers, pulled in by the view through fetchMore.

The model does no I/O. ``fetchMore`` raises ``fetchRequested(generation, token)``; the view answers with
``append_page`` (or ``fetch_failed``). A new search bumps the generation so late pages of an old search
are dropped instead of mixed in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal

from console.services.protocol import Page, User

from .table import Column, Index, RecordTableModel

STATUS_LABELS = {
    "CONFIRMED": "Confirmed",
    "UNCONFIRMED": "Unconfirmed",
    "FORCE_CHANGE_PASSWORD": "Force change password",
    "RESET_REQUIRED": "Reset required",
    "EXTERNAL_PROVIDER": "External provider",
    "ARCHIVED": "Archived",
    "COMPROMISED": "Compromised",
    "UNKNOWN": "Unknown",
}


def _attribute_getter(name: str) -> Callable[[User], str]:
    return lambda u: u.attributes.get(name, "")


def _columns(attributes: Sequence[str]) -> list[Column[User]]:
    cols: list[Column[User]] = [Column("User name", lambda u: u.username)]
    for name in attributes:
        cols.append(Column(name, _attribute_getter(name), f"attribute {name}"))
    cols += [
        Column("Confirmation status", lambda u: STATUS_LABELS.get(u.status, u.status), "UserStatus"),
        Column("Status", lambda u: "Enabled" if u.enabled else "Disabled"),
        Column("Created", lambda u: u.created),
        Column("Last modified", lambda u: u.modified),
    ]
    return cols


class UsersModel(RecordTableModel[User]):
    COL_USERNAME = 0

    fetchRequested = Signal(int, str)  # generation, pagination token ("" for the first page)
    loadingChanged = Signal(bool)

    def __init__(self, attributes: Sequence[str] = ("email", "name"), parent: Any = None) -> None:
        super().__init__(_columns(attributes), key=lambda u: u.username, parent=parent)
        self._attributes = list(attributes)
        self.generation = 0
        self._token: str | None = None
        self._started = False  # False until a search begins: an idle model asks for nothing
        self._exhausted = True
        self._loading = False
        self.error: str | None = None

    @property
    def attributes(self) -> list[str]:
        return list(self._attributes)

    def set_attributes(self, attributes: Sequence[str]) -> None:
        self.beginResetModel()
        self._attributes = list(attributes)
        self._columns = _columns(attributes)
        self.endResetModel()

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    def begin_search(self) -> int:
        """Forget the rows and start over; the view's next fetchMore asks for page one."""
        self.beginResetModel()
        self.generation += 1
        self._rows = []
        self._token = None
        self._started = True
        self._exhausted = False
        self._set_loading(False)
        self.error = None
        self.endResetModel()
        return self.generation

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return False
        return self._started and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        if not self.canFetchMore(parent):
            return
        self._set_loading(True)
        self.fetchRequested.emit(self.generation, self._token or "")

    def append_page(self, generation: int, page: Page[User]) -> bool:
        """Add a page; False (and nothing changes) when it belongs to an older search."""
        if generation != self.generation:
            return False
        items = list(page.items)
        if items:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
            self._rows.extend(items)
            self.endInsertRows()
        self._token = page.next_token
        self._exhausted = not page.next_token
        self._set_loading(False)
        return True

    def fetch_failed(self, generation: int, message: str) -> None:
        """Stop asking (the view offers a retry) so a failing backend is not hammered by scrolling."""
        if generation != self.generation:
            return
        self.error = message
        self._exhausted = True
        self._set_loading(False)

    def retry(self) -> None:
        if self._started and self.error is not None:
            self.error = None
            self._exhausted = False

    def _set_loading(self, value: bool) -> None:
        if value != self._loading:
            self._loading = value
            self.loadingChanged.emit(value)

    def usernames(self, rows: Sequence[int]) -> list[str]:
        return [self._rows[r].username for r in sorted(set(rows)) if 0 <= r < len(self._rows)]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
