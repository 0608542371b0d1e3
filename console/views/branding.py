"""Hosted UI branding: the classic hosted UI's CSS and logo, or managed login's settings, edited beside a live
preview of the real pages (the local Cognito's, with the draft applied and nothing saved: an ephemeral local
Cognito of the console's renders them, on every connection) at phone and desktop widths, light and dark; applied
to the pool, reverted, or copied to another app client."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import json
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QHeaderView, QMenu, QTableWidgetItem, QWidget
from qasync import asyncSlot

from console.services.branding_preview import (
    ASSET_CATEGORIES,
    COLOR_MODES,
    CSS_CLASSES,
    MAX_ASSET_BYTES,
    PAGES,
    BrandingPreview,
    asset_key,
    asset_problem,
    assets_problem,
    css_problem,
    drops,
    ephemeral_endpoint,
    image_extension,
    logo_problem,
)
from console.services.errors import ServiceError
from console.services.protocol import Branding, ConnectionKind

from ._generated.ui_branding_view import Ui_BrandingView
from .base import View
from .context import AppContext

PreviewEndpoint = Callable[[], Awaitable[str]]
"""The base URL of the ephemeral local Cognito whose pages render previews (started on demand, never the user's)."""

PREVIEW_DELAY_MS = 60  # an edit's preview waits for typing to pause this long (a keystroke's gap is longer)
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.svg *.webp *.ico);;All files (*)"
WIDTHS = (375, 1024)
ALL_CLIENTS = ""
# Every preview's web view while it exists. Qt releases Chromium's default profile when the application object
# goes; a page still alive then crashes the process on its way out, so those left are deleted first, at exit.
_WEB_VIEWS: weakref.WeakSet[Any] = weakref.WeakSet()


@atexit.register
def _delete_web_views() -> None:
    for web in list(_WEB_VIEWS):
        if shiboken6.isValid(web):
            shiboken6.delete(web)


class BrandingView(View):
    name = "hosted-ui"
    title = "Hosted UI branding"
    icon_name = "hosted-ui"

    def __init__(self, ctx: AppContext, preview_endpoint: PreviewEndpoint | None = None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.ui = Ui_BrandingView()
        self.ui.setupUi(self)
        self.preview_endpoint = preview_endpoint or ephemeral_endpoint
        self.page_style = "classic"
        self.domain = ""
        self.saved: Branding | None = None
        self.logo: bytes | None = None  # a new classic logo chosen here, not yet applied
        self.assets: list[dict[str, Any]] = []  # managed login's images in the draft (AssetType members)
        self.preview: BrandingPreview | None = None
        self.preview_lock = asyncio.Lock()
        self.preparing: asyncio.Task[None] | None = None  # the preview's local Cognito and pool made ready
        self.style_known = asyncio.Event()  # set once the pool's page style has been read (or failed to be)
        self.rendered = ""  # the last preview's HTML (tests read it)
        self.rendering = False
        self.pending_render = False
        self.render_lock = asyncio.Lock()
        self.render_task: asyncio.Task[None] | None = None
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
        if self.palette().color(QPalette.ColorRole.Window).lightness() < 128:
            self.ui.schemeCombo.setCurrentIndex(1)  # the preview starts in the console's own scheme
        for combo in (self.ui.pageCombo, self.ui.widthCombo, self.ui.schemeCombo):
            combo.currentIndexChanged.connect(self._edited)
        self.ui.widthCombo.setCurrentIndex(1)
        self.ui.classCombo.activated.connect(self._insert_rule)
        self.ui.clientCombo.currentIndexChanged.connect(self.on_client_changed)
        self.ui.applyButton.clicked.connect(self.on_apply_clicked)
        self.ui.revertButton.clicked.connect(self.on_revert_clicked)
        self.ui.logoButton.clicked.connect(self._choose_logo)
        self.ui.clearLogoButton.clicked.connect(self._clear_logo)
        for category, label in ASSET_CATEGORIES.items():
            self.ui.assetCategoryCombo.addItem(label, category)
        for mode, label in COLOR_MODES.items():
            self.ui.colorModeCombo.addItem(label, mode)
        for combo in (self.ui.assetCategoryCombo, self.ui.colorModeCombo):
            combo.setMinimumWidth(combo.sizeHint().width())  # the longest choice stays readable in a narrow pane
        table = self.ui.assetsTable
        table.setColumnCount(4)
        table.setHorizontalHeaderLabels(["Image", "Colour mode", "Format", "Size"])
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.itemSelectionChanged.connect(self._asset_selected)
        self.ui.chooseAssetButton.clicked.connect(self._choose_asset)
        self.ui.removeAssetButton.clicked.connect(self.remove_selected_asset)
        self.ui.removeAssetButton.setEnabled(False)
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

    def closeEvent(self, event: Any) -> None:
        # A closed window's preview goes with it (see _WEB_VIEWS), and so does a render still under way.
        self.timer.stop()
        if self.render_task is not None:
            self.render_task.cancel()
        if self.web is not None and shiboken6.isValid(self.web):
            shiboken6.delete(self.web)
        self.web = None
        super().closeEvent(event)

    # --- loading --------------------------------------------------------------------------------------------
    async def load(self) -> None:
        pool, service = self.ctx.pool_id, self.ctx.service
        if not pool or service is None:
            self.ui.styleLabel.setText("Choose a user pool first.")
            return
        if self.preview is None and self.preparing is None:  # under way while the look loads
            self.preparing = self.ctx.spawn(self._prepare_preview())
        async with self.ctx.busy("Loading the hosted UI's look"):
            try:
                self.domain, self.page_style = await service.domain_style(pool)
            finally:
                self.style_known.set()
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
            # The editors are the view's first content; the preview follows them (Chromium may be starting).
            self.timer.stop()
            self._render_soon()
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
        self.assets = [dict(a) for a in branding.assets]
        self._fill_assets()
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
        if self.ui.useCognitoCheck.isChecked():  # Cognito's look takes no settings and no images
            return replace(base, use_cognito=True, settings=None, assets=()), None
        try:
            settings = json.loads(self.ui.settingsEdit.toPlainText() or "{}")
        except json.JSONDecodeError as exc:
            return None, f"The settings are not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})."
        if not isinstance(settings, dict):
            return None, "The settings are a JSON object."
        problem = assets_problem(self.assets, settings)
        if problem:
            return None, f"Amazon Cognito would refuse this: {problem}"
        return replace(base, use_cognito=False, settings=settings, assets=tuple(self.assets)), None

    def _edited(self, *_: Any) -> None:
        branding, problem = self.draft()
        label = self.ui.cssCheckLabel if self.page_style == "classic" else self.ui.settingsCheckLabel
        label.setText(f"⚠ {problem}" if problem else "✓ Amazon Cognito would take this.")
        self.ui.applyButton.setEnabled(branding is not None and bool(self.ctx.pool_id))
        self.ui.settingsEdit.setEnabled(not self.ui.useCognitoCheck.isChecked())
        self.ui.assetsGroup.setEnabled(not self.ui.useCognitoCheck.isChecked())
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

    # --- managed login's images ------------------------------------------------------------------------------
    def _choose_asset(self) -> None:
        category = str(self.ui.assetCategoryCombo.currentData())
        label = self.ui.assetCategoryCombo.currentText()
        path, _ = QFileDialog.getOpenFileName(self, label, "", IMAGE_FILTER)
        if not path:
            return
        file = Path(path)
        size = file.stat().st_size
        if size > MAX_ASSET_BYTES:  # refused without reading it
            self.ui.assetsLabel.setText(f"⚠ {file.name}: {asset_problem(category, b'0' * (MAX_ASSET_BYTES + 1))}")
            return
        mode, resource_id = str(self.ui.colorModeCombo.currentData()), self.ui.resourceIdEdit.text().strip()
        self.set_asset(category, mode, file.read_bytes(), file.name, resource_id)

    def set_asset(
        self, category: str, color_mode: str, data: bytes, name: str = "image", resource_id: str = ""
    ) -> str | None:
        """Put an image in the draft for ``category`` in ``color_mode`` (and ``resource_id``), replacing the one
        there, or say why Amazon Cognito would refuse it."""
        problem = asset_problem(category, data, resource_id)
        if problem:
            self.ui.assetsLabel.setText(f"⚠ {name}: {problem}")
            return problem
        asset = {"Category": category, "ColorMode": color_mode, "Extension": image_extension(data), "Bytes": data}
        if resource_id:
            asset["ResourceId"] = resource_id
        key = asset_key(asset)
        self.assets = [a for a in self.assets if asset_key(a) != key] + [asset]
        self._fill_assets(f"{name} is the {ASSET_CATEGORIES[category].lower()} ({COLOR_MODES[color_mode].lower()}).")
        self._edited()
        return None

    def remove_asset(self, category: str, color_mode: str, resource_id: str = "") -> None:
        self.assets = [a for a in self.assets if asset_key(a) != (category, color_mode, resource_id)]
        self._fill_assets()
        self._edited()

    def remove_selected_asset(self) -> None:
        row = self.ui.assetsTable.currentRow()
        if 0 <= row < len(self.assets):
            self.remove_asset(*asset_key(self.assets[row]))

    def _asset_selected(self) -> None:
        self.ui.removeAssetButton.setEnabled(bool(self.ui.assetsTable.selectedItems()))

    def _fill_assets(self, note: str = "") -> None:
        table = self.ui.assetsTable
        table.setRowCount(len(self.assets))
        for row, asset in enumerate(self.assets):
            size = len(asset.get("Bytes") or b"")
            label = ASSET_CATEGORIES.get(asset["Category"], asset["Category"])
            cells = (
                f"{label} ({asset['ResourceId']})" if asset.get("ResourceId") else label,
                COLOR_MODES.get(asset["ColorMode"], asset["ColorMode"]),
                str(asset["Extension"]),
                f"{size / 1024:,.1f} KB",
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        saved = {asset_key(a) for a in (self.saved.assets if self.saved else ())}
        dropped = len(saved - {asset_key(a) for a in self.assets})
        parts = [note] if note else []
        if not self.assets:
            parts.append("No images: the pages use Cognito's.")
        if dropped:
            parts.append(
                f"{dropped} saved image{'s are' if dropped > 1 else ' is'} removed: Apply returns the style to "
                "Cognito's look first (which drops its images), then saves this draft."
            )
        self.ui.assetsLabel.setText(" ".join(parts))
        self.ui.removeAssetButton.setEnabled(bool(table.selectedItems()))

    # --- the preview --------------------------------------------------------------------------------------------
    def _scheme_note(self, branding: Branding) -> str:
        """What the chosen scheme shows of a managed login style that keeps to one colour scheme."""
        if branding.style != "managed":
            return ""
        settings = dict(branding.settings or {}) if not branding.use_cognito else {}
        mode = str(((settings.get("categories") or {}).get("global") or {}).get("colorSchemeMode") or "LIGHT")
        dark = self.ui.schemeCombo.currentIndex() == 1
        if (mode, dark) in (("LIGHT", True), ("DARK", False)):
            other = "dark" if dark else "light"
            return (
                f" This style's colour scheme is {mode} (categories.global.colorSchemeMode): browsers in {other} "
                f"mode see it {mode.lower()} too."
            )
        return ""

    def _preview_note(self) -> str:
        service = self.ctx.service
        connection = getattr(service, "connection", None)
        if connection is not None and connection.kind is not ConnectionKind.LOCAL:
            return (
                "The preview is rendered by the local Cognito's pages with this draft, not by AWS: they follow the "
                f"{'classic hosted UI' if self.page_style == 'classic' else 'managed login'} closely, but AWS's own "
                "pages may differ in detail. Nothing is saved until Apply."
            )
        return "Rendered by the local Cognito's pages with the draft; nothing is saved until Apply."

    def _render_soon(self) -> None:
        if self.saved is None:  # no look loaded yet (the view's own set-up edits its controls)
            return
        if self.rendering:
            self.pending_render = True
            return
        self.render_task = self.ctx.spawn(self.render_preview())

    async def render_preview(self) -> None:
        """Render the draft as it is once the preview before it (if any) has finished: one at a time, since each
        saves its draft to the same preview pool."""
        async with self.render_lock:
            if self.web is not None:
                await self._render_draft()
                return
            async with self.ctx.busy("Starting the preview"):  # the first page waits for Chromium to start
                await self._render_draft()

    async def _render_draft(self) -> None:
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
            rendering = asyncio.ensure_future(preview.render(branding, page, dark))
            if self.web is None:
                await asyncio.sleep(0)  # the page is read in a worker thread while Chromium starts here
                self._make_web()
            try:
                html, base = await rendering
            except ServiceError as exc:
                self.ui.previewNote.setText(f"The preview could not be rendered: {exc.reason}")
                return
            self.rendered = html
            self.ui.previewNote.setText(self._preview_note() + self._scheme_note(branding))
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

    def _make_web(self) -> None:
        from PySide6.QtWebEngineWidgets import QWebEngineView

        self.web = QWebEngineView(self.ui.previewHost)
        _WEB_VIEWS.add(self.web)
        self.web.setAccessibleName("Preview of the hosted UI page")
        self.ui.previewHostLayout.addWidget(self.web)

    async def _prepare_preview(self) -> None:
        """Start the preview's local Cognito and make its pool while the view loads; should that fail, the
        render that follows says why."""
        preview = await self._preview(quiet=True)
        if preview is not None:
            await self.style_known.wait()
            with contextlib.suppress(ServiceError):
                await preview.prepare(self.page_style)

    async def _preview(self, quiet: bool = False) -> BrandingPreview | None:
        """The renderer on the ephemeral local Cognito for previews (never the connection's own: the preview
        pool stays out of the user's pools), a new one should that server have been started again."""
        async with self.preview_lock:
            try:
                endpoint = (await self.preview_endpoint()).rstrip("/")
            except ServiceError as exc:
                if not quiet:
                    self.ui.previewNote.setText(f"No local Cognito to render the preview: {exc.reason}")
                return None
            if self.preview is None or self.preview.endpoint_url != endpoint:
                connection = getattr(self.ctx.service, "connection", None)
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
        service = self.ctx.require()
        existing = self.saved
        if client_id is not None and client_id != self.current_client():
            existing = await service.branding(self.ctx.pool_id, client_id, self.page_style)
            branding = replace(branding, client_id=client_id, branding_id=existing.branding_id)
        branding = replace(branding, client_id=target)
        async with self.ctx.busy("Saving the hosted UI's look"):
            kept = {asset_key(a) for a in branding.assets}
            if (
                branding.style == "managed"
                and not branding.use_cognito
                and branding.branding_id
                and existing is not None
                and (
                    {asset_key(a) for a in existing.assets} - kept
                    or drops(dict(existing.settings or {}), dict(branding.settings or {}))
                )
            ):
                # An update merges settings and replaces images, never removes either: Cognito's look drops them
                # all, then the draft brings back what it keeps.
                await service.save_branding(
                    self.ctx.pool_id, replace(branding, use_cognito=True, settings=None, assets=())
                )
            saved = await service.save_branding(self.ctx.pool_id, branding)
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
