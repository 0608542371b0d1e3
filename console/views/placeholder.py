"""A navigation entry without a view of its own: an empty state that says what the entry is for, instead of a
dead end."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .base import View
from .context import AppContext


class PlaceholderView(View):
    """A title and a sentence; it needs no user pool and loads nothing."""

    def __init__(
        self, ctx: AppContext, name: str, title: str, icon_name: str, text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.name, self.title, self.icon_name = name, title, icon_name
        self.needs_pool = False
        layout = QVBoxLayout(self)
        label = QLabel(f"<h3>{title}</h3><p>{text}</p>", self)
        label.setObjectName("emptyState")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout.addWidget(label)
