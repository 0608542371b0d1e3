"""The local Cognito's outbox: the emails and SMS messages it would have sent for the user pool, newest first,
with a filter and a button that copies a message's code (local connections only)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from qasync import asyncSlot

from console.models.outbox import OutboxMessage, OutboxModel
from console.services.protocol import ConnectionKind

from ._generated.ui_outbox_view import Ui_OutboxView
from .base import View, make_proxy, selected_records, setup_table
from .context import AppContext


class OutboxView(View):
    name = "outbox"
    title = "Outbox"
    icon_name = "outbox"
    local_only = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ui = Ui_OutboxView()
        self.ui.setupUi(self)
        self.model = OutboxModel(self)
        self.proxy = make_proxy(self.model, self)
        self.ui.table.setModel(self.proxy)
        setup_table(self.ui.table)
        self.ui.table.setColumnWidth(0, 140)
        self.ui.table.setColumnWidth(1, 70)
        self.ui.table.setColumnWidth(2, 200)
        self.ui.table.setColumnWidth(4, 90)
        self.ui.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the model's order: newest first
        self.ui.filterEdit.textChanged.connect(self.proxy.setFilterFixedString)
        self.ui.filterEdit.textChanged.connect(self._update_count)
        self.ui.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.ui.refreshButton.clicked.connect(self.on_refresh_clicked)
        self.ui.copyCodeButton.clicked.connect(self.copy_code)
        self.ui.splitter.setSizes([300, 200])
        self.on_selection_changed()

    def current(self) -> OutboxMessage | None:
        records = selected_records(self.ui.table)
        return records[0] if len(records) == 1 else None

    async def load(self) -> None:
        pool = self.ctx.pool_id
        service = self.ctx.service
        if not pool or service is None or service.connection.kind is not ConnectionKind.LOCAL:
            self.model.set_items([])
            self.ui.hintLabel.setText(
                "Only the local Cognito keeps an outbox." if pool else "Choose a user pool to read its outbox."
            )
            self._update_count()
            return
        async with self.ctx.busy("Reading the outbox"):
            self.model.set_messages(await service.outbox(pool))
            self.loaded_pool = pool
            self._update_count()
            if self.proxy.rowCount():
                self.ui.table.selectRow(0)

    def _update_count(self, *_: Any) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.ui.countLabel.setText(f"{shown} of {total} messages" if shown != total else f"{total} messages")

    def on_selection_changed(self, *_: Any) -> None:
        message = self.current()
        self.ui.copyCodeButton.setEnabled(bool(message and message.code))
        if message is None:
            self.ui.bodyEdit.clear()
            return
        head = f"To: {message.destination}\n" + (f"Subject: {message.subject}\n" if message.subject else "")
        self.ui.bodyEdit.setPlainText(head + "\n" + message.body)

    def copy_code(self) -> str:
        message = self.current()
        if message is None or not message.code:
            return ""
        QGuiApplication.clipboard().setText(message.code)
        self.ctx.notice.emit(f"Copied the code sent to {message.destination}")
        return message.code

    @asyncSlot()
    async def on_refresh_clicked(self) -> None:
        self.ui.refreshButton.setEnabled(False)
        try:
            await self.load()
        finally:
            self.ui.refreshButton.setEnabled(True)
