"""Token inspector: decode a JWT, show its header and claims (times in local time), verify it against the
chosen user pool of the current connection (never against keys the token's issuer points at)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from qasync import asyncSlot

from console.models.keyvalue import KeyValueModel
from console.models.table import local_time
from console.services import tokens
from console.services.errors import ServiceError

from ._generated.ui_token_inspector import Ui_TokenInspector
from .base import View
from .context import AppContext


def _describe(key: str, value: str) -> str | None:
    if key in tokens.TIME_CLAIMS and value.isdigit():
        return local_time(int(value))
    return None


class TokenInspectorView(View):
    name = "token-inspector"
    title = "Token inspector"
    icon_name = "token-inspector"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ui = Ui_TokenInspector()
        self.ui.setupUi(self)
        self.header = KeyValueModel(("Field", "Value"), parent=self)
        self.claims = KeyValueModel(("Claim", "Value"), describe=_describe, parent=self)
        self.ui.headerTable.setModel(self.header)
        self.ui.claimsTable.setModel(self.claims)
        for table in (self.ui.headerTable, self.ui.claimsTable):
            table.setColumnWidth(0, 150)
            table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            # A value too long for its column (a kid, an issuer URL) keeps its start and its end in view;
            # the whole of it is in the tooltip.
            table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # Header fields are two or three letters; their values (a 44-character kid) get the room.
        self.ui.headerTable.setColumnWidth(0, 56)
        self.decoded: tokens.DecodedToken | None = None
        self.verification: tokens.Verification | None = None
        self.ui.tokenEdit.textChanged.connect(self.on_text_changed)
        self.ui.verifyButton.clicked.connect(self.on_verify_clicked)
        self.ui.clearButton.clicked.connect(self.ui.tokenEdit.clear)
        self.ui.splitter.setSizes([400, 560])
        self.on_text_changed()

    def on_text_changed(self) -> None:
        text = self.ui.tokenEdit.toPlainText().strip()
        self.verification = None
        self.decoded = None
        if not text:
            self.header.set_mapping({})
            self.claims.set_mapping({})
            self.ui.verdict.setText(
                "Paste a token to decode it. Verifying asks the current connection for the chosen user pool's keys;"
                " nothing else leaves this machine."
            )
            self.ui.verifyButton.setEnabled(False)
            return
        try:
            self.decoded = tokens.decode(text)
        except tokens.TokenError as exc:
            self.header.set_mapping({})
            self.claims.set_mapping({})
            self.ui.verdict.setText(f"⚠ {exc}")
            self.ui.verifyButton.setEnabled(False)
            return
        self.header.set_mapping(self.decoded.header)
        self.claims.set_mapping(self.decoded.claims)
        state = "expired" if self.decoded.expired() else "current"
        self.ui.verdict.setText(f"Decoded {self.decoded.kind} token ({state}); signature not verified yet.")
        self.ui.verifyButton.setEnabled(True)

    @asyncSlot()
    async def on_verify_clicked(self) -> None:
        self.ui.verifyButton.setEnabled(False)
        try:
            await self.verify()
        finally:
            self.ui.verifyButton.setEnabled(self.decoded is not None)

    async def inspect(self, token: str) -> tokens.Verification | None:
        """Show a token as if pasted, and verify it (the screenshot's demo token)."""
        self.ui.tokenEdit.setPlainText(token)
        return await self.verify()

    async def verify(self) -> tokens.Verification | None:
        decoded = self.decoded
        if decoded is None:
            return None
        pool_id = self.ctx.pool_id
        if not pool_id:
            self.ctx.invalid("Choose the user pool whose keys should verify the token.")
            return None
        service = self.ctx.require()
        # The pool's app clients: the token's aud (ID token) or client_id (access token) must be one of them.
        listed = await self.ctx.attempt(f"Listing the app clients of {pool_id}", service.list_app_clients, pool_id)
        client_ids = None if isinstance(listed, ServiceError) else {c.id for c in listed}
        async with self.ctx.busy(f"Verifying with the keys of {pool_id}"):
            verification = await tokens.verify_for_pool(decoded, service, pool_id, client_ids=client_ids)
            if self.decoded is not decoded:
                return None  # the text changed meanwhile: this verdict would be about another token
            self.verification = verification
            text = verdict(verification, pool_id)
            if isinstance(listed, ServiceError):
                text += f"\n⚠ The app client was not checked: the app clients could not be listed ({listed.label})."
            self.ui.verdict.setText(text)
        return self.verification


def verdict(verification: tokens.Verification, pool_id: str) -> str:
    if not verification.verified:
        return f"⚠ {verification.reason}"
    mark = "✔" if verification.valid else "✖"
    return f"{mark} {verification.reason} (pool {pool_id}, key {verification.kid})"
