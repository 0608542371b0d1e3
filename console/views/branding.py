"""Hosted UI branding: the classic hosted UI's CSS and logo, or managed login's settings, edited beside a live
preview of the real pages (the local Cognito's, with the draft applied and nothing saved) at phone and desktop
widths, light and dark; applied to the pool, reverted, or copied to another app client."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget
from qasync import asyncSlot

from console.services.branding_preview import CSS_CLASSES, PAGES, BrandingPreview, css_problem, logo_problem
from console.services.errors import ServiceError
from console.services.protocol import Branding, ConnectionKind

from ._generated.ui_branding_view import Ui_BrandingView
from .base import View
from .context import AppContext

PreviewEndpoint = Callable[[], Awaitable[str]]
"""The base URL of a local Cognito whose pages render previews (the connection's own, or one started for it)."""

PREVIEW_DELAY_MS = 200  # an edit's preview waits for typing to pause this long
WIDTHS = (375, 1024)
ALL_CLIENTS = ""


class BrandingView(View):
    name = "hosted-ui"
    title = "Hosted UI branding"
    icon_name = "hosted-ui"

    def __init__(self, ctx: AppContext, preview_endpoint: PreviewEndpoint | None = None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.ui = Ui_BrandingView()
        self.ui.setupUi(self)
        self.preview_endpoint = preview_endpoint
        self.page_style = "classic"
        self.domain = ""
        self.saved: Branding | None = None
        self.logo: bytes | None = None  # a new classic logo chosen here, not yet applied
        self.preview: BrandingPreview | None = None
        self.rendered = ""  # the last preview's HTML (tests read it)
        self.rendering = False
        self.pending_render = False
        self.web: Any = None  # the QWebEngineView, made at the first preview: Chromium starts only when needed
        for key, (label, _) in PAGES.items():
            self.ui.pageCombo.addItem(label, key)
        self.ui.classCombo.addItem("Choose a class…", "")
        for css_class in CSS_CLASSES:
            self.ui.classCombo.addItem(f".{css_class}", css_class)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self._render_soon)
        self.ui.cssEdit.textChanged.connect(self._edited)
        self.ui.settingsEdit.textChanged.connect(self._edited)
        self.ui.useCognitoCheck.toggled.connect(self._edited)
        for combo in (self.ui.pageCombo, self.ui.widthCombo, self.ui.schemeCombo):
            combo.currentIndexChanged.connect(self._edited)
        self.ui.widthCombo.setCurrentIndex(1)
        self.ui.classCombo.activated.connect(self._insert_rule)
        self.ui.clientCombo.currentIndexChanged.connect(self.on_client_changed)
        self.ui.applyButton.clicked.connect(self.on_apply_clicked)
        self.ui.revertButton.clicked.connect(self.on_revert_clicked)
        self.ui.logoButton.clicked.connect(self._choose_logo)
        self.ui.clearLogoButton.clicked.connect(self._clear_logo)
        self.copy_menu = QMenu(self)
        self.ui.copyButton.setMenu(self.copy_menu)
        self.copy_menu.triggered.connect(lambda action: self.ctx.spawn(self.copy_to(action.data())))
        self.ui.splitter.setSizes([420, 620])
        # The editors and the preview take the height; the notes above them keep to their text.
        self.ui.layout.setStretchFactor(self.ui.splitter, 1)
        self.ui.previewLayout.setStretchFactor(self.ui.previewHost, 1)
        self.ui.clientCombo.setMinimumWidth(280)

    def hideEvent(self, event: Any) -> None:
        self.timer.stop()  # a hidden view's preview waits until it is shown and edited again
        super().hideEvent(event)

    # --- loading --------------------------------------------------------------------------------------------
    async def load(self) -> None:
        pool, service = self.ctx.pool_id, self.ctx.service
        if not pool or service is None:
            self.ui.styleLabel.setText("Choose a user pool first.")
            return
        async with self.ctx.busy("Loading the hosted UI's look"):
            self.domain, self.page_style = await service.domain_style(pool)
            clients = await service.list_app_clients(pool)
        self.loaded_pool = pool
        combo = self.ui.clientCombo
        combo.blockSignals(True)
        combo.clear()
        if self.page_style == "classic":
            combo.addItem("Every app client (pool-wide)", ALL_CLIENTS)
        for client in clients:
            combo.addItem(f"{client.name} ({client.id})", client.id)
        combo.blockSignals(False)
        self.copy_menu.clear()
        for client in clients:
            self.copy_menu.addAction(f"{client.name} ({client.id})").setData(client.id)
        self.ui.editorStack.setCurrentIndex(0 if self.page_style == "classic" else 1)
        self.ui.styleLabel.setText(style_text(self.domain, self.page_style))
        self.ui.previewNote.setText(self._preview_note())
        if combo.count():
            await self.load_client()
            await self.render_preview()
        else:
            self.ui.styleLabel.setText(
                style_text(self.domain, self.page_style) + " Create an app client to brand its pages."
            )

    def current_client(self) -> str:
        return str(self.ui.clientCombo.currentData() or "")

    @asyncSlot()
    async def on_client_changed(self, *_: Any) -> None:
        await self.load_client()

    async def load_client(self) -> None:
        service = self.ctx.require()
        async with self.ctx.busy("Loading the app client's look"):
            self.saved = await service.branding(self.ctx.pool_id, self.current_client(), self.page_style)
        self.show_branding(self.saved)

    def show_branding(self, branding: Branding) -> None:
        self.logo = None
        self._logo_text()
        for edit in (self.ui.cssEdit, self.ui.settingsEdit, self.ui.useCognitoCheck):
            edit.blockSignals(True)
        self.ui.cssEdit.setPlainText(branding.css)
        self.ui.useCognitoCheck.setChecked(branding.use_cognito)
        self.ui.settingsEdit.setPlainText(json.dumps(branding.settings or {}, indent=2))
        for edit in (self.ui.cssEdit, self.ui.settingsEdit, self.ui.useCognitoCheck):
            edit.blockSignals(False)
        self._edited()

    # --- the draft ------------------------------------------------------------------------------------------------
    def draft(self) -> tuple[Branding | None, str | None]:
        """The look as edited, or why AWS would refuse it (checked before any call)."""
        base = self.saved or Branding(self.page_style, self.current_client())
        if self.page_style == "classic":
            css = self.ui.cssEdit.toPlainText()
            problem = css_problem(css)
            if problem:
                return None, problem
            return replace(base, css=css, logo=self.logo), None
        if self.ui.useCognitoCheck.isChecked():
            return replace(base, use_cognito=True, settings=None), None
        try:
            settings = json.loads(self.ui.settingsEdit.toPlainText() or "{}")
        except json.JSONDecodeError as exc:
            return None, f"The settings are not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})."
        if not isinstance(settings, dict):
            return None, "The settings are a JSON object."
        return replace(base, use_cognito=False, settings=settings), None

    def _edited(self, *_: Any) -> None:
        branding, problem = self.draft()
        label = self.ui.cssCheckLabel if self.page_style == "classic" else self.ui.settingsCheckLabel
        label.setText(f"⚠ {problem}" if problem else "✓ Amazon Cognito would take this.")
        self.ui.applyButton.setEnabled(branding is not None and bool(self.ctx.pool_id))
        self.ui.settingsEdit.setEnabled(not self.ui.useCognitoCheck.isChecked())
        if branding is not None:
            self.timer.start()

    def _insert_rule(self, index: int) -> None:
        css_class = self.ui.classCombo.itemData(index)
        if css_class:
            self.ui.cssEdit.appendPlainText(f".{css_class} {{\n  \n}}")
        self.ui.classCombo.setCurrentIndex(0)

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Logo", "", "Images (*.png *.jpg *.jpeg)")
        if path:
            self.set_logo(Path(path).read_bytes(), Path(path).name)

    def set_logo(self, data: bytes, name: str = "logo") -> str | None:
        """Take a logo for the draft, or say why AWS would refuse it (PNG or JPEG, at most 100 KB)."""
        problem = logo_problem(data)
        if problem:
            self.ui.logoLabel.setText(f"⚠ {name}: {problem}")
            return problem
        self.logo = data
        self._logo_text(name)
        self._edited()
        return None

    def _clear_logo(self) -> None:
        self.logo = None
        self._logo_text()
        self._edited()

    def _logo_text(self, name: str = "") -> None:
        if self.logo is not None:
            self.ui.logoLabel.setText(f"{name} ({len(self.logo) // 1024 + 1} KB), not applied yet")
        elif self.saved is not None and self.saved.logo_url:
            self.ui.logoLabel.setText("The saved logo stays.")
        else:
            self.ui.logoLabel.setText("No logo.")

    # --- the preview --------------------------------------------------------------------------------------------
    def _preview_note(self) -> str:
        service = self.ctx.service
        connection = getattr(service, "connection", None)
        if connection is not None and connection.kind is not ConnectionKind.LOCAL:
            return (
                "The preview is rendered by the local Cognito's pages with this draft, not by AWS: they follow the "
                f"{'classic hosted UI' if self.page_style == 'classic' else 'managed login'} closely, but AWS's own "
                "pages may differ in detail. Nothing is saved until Apply."
            )
        return "Rendered by this local Cognito's pages with the draft; nothing is saved until Apply."

    def _render_soon(self) -> None:
        if self.rendering:
            self.pending_render = True
            return
        self.ctx.spawn(self.render_preview())

    async def render_preview(self) -> None:
        branding, problem = self.draft()
        if branding is None or problem:
            return
        self.rendering = True
        try:
            preview = await self._preview()
            if preview is None:
                return
            page = str(self.ui.pageCombo.currentData() or "login")
            dark = self.ui.schemeCombo.currentIndex() == 1
            try:
                html, base = await preview.render(branding, page, dark)
            except ServiceError as exc:
                self.ui.previewNote.setText(f"The preview could not be rendered: {exc.reason}")
                return
            self.rendered = html
            if self.web is None:
                from PySide6.QtWebEngineWidgets import QWebEngineView

                self.web = QWebEngineView(self.ui.previewHost)
                self.web.setAccessibleName("Preview of the hosted UI page")
                self.ui.previewHostLayout.addWidget(self.web)
            width = WIDTHS[self.ui.widthCombo.currentIndex()]
            available = max(1, self.ui.previewHost.width())
            self.web.setZoomFactor(min(1.0, available / width))
            await self._show_html(html, base)
        finally:
            self.rendering = False
            if self.pending_render:
                self.pending_render = False
                self.timer.start()

    async def _show_html(self, html: str, base: str) -> None:
        """Load the page into the web view and wait (at most 10 s) until it has loaded."""
        loaded: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

        def finished(ok: bool) -> None:
            if not loaded.done():
                loaded.set_result(ok)

        self.web.loadFinished.connect(finished)
        try:
            self.web.setHtml(html, QUrl(base))
            await asyncio.wait_for(loaded, 10)
        except TimeoutError:
            self.ui.previewNote.setText("The preview is taking long to draw.")
        finally:
            self.web.loadFinished.disconnect(finished)

    async def _preview(self) -> BrandingPreview | None:
        if self.preview is not None:
            return self.preview
        service = self.ctx.service
        connection = getattr(service, "connection", None)
        if connection is not None and connection.kind is ConnectionKind.LOCAL and connection.endpoint_url:
            endpoint = connection.endpoint_url
        elif self.preview_endpoint is not None:
            try:
                endpoint = await self.preview_endpoint()
            except ServiceError as exc:
                self.ui.previewNote.setText(f"No local Cognito to render the preview: {exc.reason}")
                return None
        else:
            self.ui.previewNote.setText("No local Cognito to render the preview.")
            return None
        self.preview = BrandingPreview(endpoint, getattr(connection, "region", "us-east-1"))
        return self.preview

    # --- saving ---------------------------------------------------------------------------------------------------
    @asyncSlot()
    async def on_apply_clicked(self) -> None:
        self.ui.applyButton.setEnabled(False)
        try:
            await self.apply()
        finally:
            self._edited()

    async def apply(self, client_id: str | None = None) -> Branding | None:
        """Save the draft to the pool, for the chosen app client or ``client_id``."""
        branding, problem = self.draft()
        if branding is None:
            self.ctx.notice.emit(problem or "")
            return None
        target = self.current_client() if client_id is None else client_id
        if client_id is not None and client_id != self.current_client():
            existing = await self.ctx.require().branding(self.ctx.pool_id, client_id, self.page_style)
            branding = replace(branding, client_id=client_id, branding_id=existing.branding_id)
        async with self.ctx.busy("Saving the hosted UI's look"):
            saved = await self.ctx.require().save_branding(self.ctx.pool_id, replace(branding, client_id=target))
        if client_id is None or client_id == self.current_client():
            self.saved = saved
            self.show_branding(saved)
        self.ctx.notice.emit("The hosted UI's look is saved")
        return saved

    async def copy_to(self, client_id: str) -> None:
        await self.apply(client_id)

    @asyncSlot()
    async def on_revert_clicked(self) -> None:
        if self.saved is not None:
            self.show_branding(self.saved)


def style_text(domain: str, style: str) -> str:
    if not domain:
        return "This user pool has no domain: its hosted UI pages need one (User pools › Configure › Domains)."
    kind = (
        "managed login (ManagedLoginVersion 2)"
        if style == "managed"
        else "the classic hosted UI (ManagedLoginVersion 1)"
    )
    return f"Domain {domain}: {kind}."
