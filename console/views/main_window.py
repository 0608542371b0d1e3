"""The main window: navigation, pool picker, error banner, status bar with connection and busy state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QListWidgetItem, QMainWindow, QMessageBox, QProgressBar, QPushButton, QWidget

from console.services import errors
from console.services.protocol import ConnectionKind

from . import assets
from ._generated.ui_main_window import Ui_MainWindow
from .base import View, error_details
from .context import AppContext

NAV = [
    ("pools", "User pools", "pools"),
    ("users", "Users", "users"),
    ("groups", "Groups", "groups"),
    ("app-clients", "App clients", "app-clients"),
    ("identity-providers", "Identity providers", "identity-providers"),
    ("token-inspector", "Token inspector", "token-inspector"),
    ("hosted-ui", "Hosted UI branding", "hosted-ui"),
    ("identity-pools", "Identity pools", "identity-pools"),
    ("sign-in-activity", "Sign-in activity", "sign-in-activity"),
    ("auth-events", "Auth events", "auth-events"),
    ("outbox", "Outbox", "outbox"),
]
LOCAL_ONLY = {"outbox"}  # views of what only the local Cognito keeps


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, theme_name: str = "light", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowIcon(assets.app_icon())
        self.views: dict[str, View] = {}
        self.retry_action: Any = None
        self.error: errors.ServiceError | None = None  # the one on the banner
        self.error_box: QMessageBox | None = None
        self.on_connection_requested: Any = None  # set by the app: opens the connection dialog
        self.on_local_log_requested: Any = None  # set by the app: shows the local Cognito's log
        self.local_stopped = ""  # how the local Cognito child ended, while the banner says so
        color = "#d1d5db" if theme_name == "dark" else "#374151"
        self.ui.nav.setIconSize(QSize(18, 18))
        for key, label, icon in NAV:
            item = QListWidgetItem(assets.icon(icon, color), label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.ui.nav.addItem(item)
        self.ui.connectionButton.setIcon(assets.icon("connection", color))
        self.ui.banner.hide()
        self.ui.keyringBanner.hide()

        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("connectionStatus")
        self.busy_label = QLabel(self)
        for status_label in (self.connection_label, self.busy_label):
            status_label.setTextFormat(Qt.TextFormat.PlainText)  # they name users, pools and endpoints
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(12)
        self.busy_bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setFlat(True)
        self.cancel_button.clicked.connect(self.ctx.cancel_all)
        # Beside the connection while it is a local Cognito the console started: what that server said.
        self.log_button = QPushButton("Log…", self)
        self.log_button.setObjectName("localLogButton")
        self.log_button.setFlat(True)
        self.log_button.setToolTip("The local Cognito's log: a line per request, and why it stopped should it crash")
        self.log_button.clicked.connect(self.show_local_log)
        self.log_button.hide()
        self.ui.statusbar.addWidget(self.busy_bar)
        self.ui.statusbar.addWidget(self.busy_label, 1)
        self.ui.statusbar.addWidget(self.cancel_button)
        self.ui.statusbar.addPermanentWidget(self.connection_label)
        self.ui.statusbar.addPermanentWidget(self.log_button)
        self._set_busy(False, "")

        self.ui.nav.currentRowChanged.connect(self._on_nav)
        self.ui.bannerClose.clicked.connect(self.hide_error)
        self.ui.bannerRetry.clicked.connect(self._on_retry)
        self.ui.bannerDetails.clicked.connect(self.show_error_details)
        self.ui.bannerLog.clicked.connect(self.show_local_log)
        self.ui.poolCombo.currentIndexChanged.connect(self._on_pool_combo)
        self.ui.connectionButton.clicked.connect(
            lambda: self.on_connection_requested and self.on_connection_requested()
        )
        ctx.busyChanged.connect(self._set_busy)
        ctx.errorRaised.connect(self.show_error)
        ctx.notice.connect(lambda text: self.ui.statusbar.showMessage(errors.summarize(text), 6000))
        ctx.poolChanged.connect(self._on_pool_changed)
        ctx.serviceChanged.connect(self._show_local_views)
        self._show_local_views()
        ctx.poolsListed.connect(lambda pools: self.set_pools(pools, self.ctx.pool_id))

        for seq, slot in (
            ("Ctrl+1", lambda: self.show_view("pools")),
            ("Ctrl+2", lambda: self.show_view("users")),
            ("Ctrl+3", lambda: self.show_view("groups")),
            ("Ctrl+4", lambda: self.show_view("app-clients")),
            ("Ctrl+5", lambda: self.show_view("identity-providers")),
            ("Ctrl+6", lambda: self.show_view("token-inspector")),
            ("F5", self._refresh_current),
            ("Ctrl+R", self._refresh_current),
            ("Ctrl+P", self.ui.poolCombo.showPopup),
            ("Ctrl+Shift+O", lambda: self.on_connection_requested and self.on_connection_requested()),
            ("Esc", self._escape),
            ("Ctrl+N", lambda: self._click("createButton")),
            ("Ctrl+F", self._focus_search),
        ):
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.activated.connect(slot)

    # --- views -------------------------------------------------------------------------------------
    def add_view(self, view: View) -> None:
        self.views[view.name] = view
        self.ui.stack.addWidget(view)

    def current_view(self) -> View | None:
        widget = self.ui.stack.currentWidget()
        return widget if isinstance(widget, View) else None

    def show_view(self, name: str) -> View | None:
        keys = [k for k, _, _ in NAV]
        if name not in keys or name not in self.views:
            return None
        self.ui.nav.setCurrentRow(keys.index(name))
        return self.views[name]

    def _on_nav(self, row: int) -> None:
        key = NAV[row][0]
        view = self.views.get(key)
        if view is None:
            return
        self.ui.stack.setCurrentWidget(view)
        self.ui.viewTitle.setText(view.title)
        self.ui.poolCombo.setVisible(view.needs_pool)
        self.ui.poolLabel.setVisible(view.needs_pool)
        if view.loaded_pool != self.ctx.pool_id and self.ctx.service is not None:
            self.ctx.spawn(view.load())

    def _show_local_views(self) -> None:
        """The local-only views are in the list while the connection is a local Cognito."""
        service = self.ctx.service
        local = service is not None and service.connection.kind is ConnectionKind.LOCAL
        for row, (key, _label, _icon) in enumerate(NAV):
            if key in LOCAL_ONLY:
                self.ui.nav.item(row).setHidden(not local)
                if not local and self.ui.nav.currentRow() == row:
                    self.show_view("pools")

    def _refresh_current(self) -> None:
        view = self.current_view()
        if view is not None:
            self.ctx.spawn(view.load())

    def _click(self, name: str) -> None:
        view = self.current_view()
        ui = getattr(view, "ui", None)
        button = getattr(ui, name, None)
        if button is not None and button.isEnabled():
            button.click()

    def _focus_search(self) -> None:
        ui = getattr(self.current_view(), "ui", None)
        for name in ("searchEdit", "filterEdit", "tokenEdit"):
            widget = getattr(ui, name, None)
            if widget is not None:
                widget.setFocus()
                return

    def _escape(self) -> None:
        if self.ctx.is_busy:
            self.ctx.cancel_all()
        else:
            self.hide_error()

    # --- pools -------------------------------------------------------------------------------------
    def set_pools(self, pools: list[tuple[str, str]], current: str) -> None:
        combo = self.ui.poolCombo
        combo.blockSignals(True)
        combo.clear()
        for pool_id, name in pools:
            combo.addItem(f"{name}  ({pool_id})", pool_id)
        if not pools:
            combo.addItem("No user pools", "")
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _on_pool_combo(self, index: int) -> None:
        self.ctx.set_pool(self.ui.poolCombo.itemData(index) or "")

    def _on_pool_changed(self, pool_id: str) -> None:
        combo = self.ui.poolCombo
        index = combo.findData(pool_id)
        if index < 0 and pool_id:
            combo.addItem(pool_id, pool_id)
            index = combo.count() - 1
        combo.blockSignals(True)
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)
        view = self.current_view()
        if view is not None and view.needs_pool:
            self.ctx.spawn(view.load())

    # --- status --------------------------------------------------------------------------------------
    def set_connection(self, label: str, region: str, lost: str = "") -> None:
        """The status bar's connection: always visible; red with what is happening while it is lost."""
        if lost:
            self.connection_label.setText(f"● {label} · {region} — {lost}")
            self.connection_label.setStyleSheet("color: #dc2626;")
        else:
            self.connection_label.setText(f"● {label} · {region}")
            self.connection_label.setStyleSheet("")
        self.connection_label.setProperty("lost", bool(lost))
        self.setWindowTitle(f"Cognito Console — {label}" + (" (disconnected)" if lost else ""))

    def hide_error(self) -> None:
        self.ui.banner.hide()
        self.local_stopped = ""

    def set_local_log(self, available: bool) -> None:
        """Offer the local Cognito's log in the status bar (while the connection is a child of ours)."""
        self.log_button.setVisible(available)

    def show_local_log(self) -> None:
        if self.on_local_log_requested is not None:
            self.on_local_log_requested()

    def show_local_stopped(self, how: str) -> None:
        """The banner while the local Cognito child is down: that it stopped, how, and its log. A call failing
        meanwhile ("Cannot reach Cognito") says nothing more and leaves it up."""
        self.local_stopped = how
        self._banner(
            "The local Cognito stopped",
            f"It {how}. The console starts it again on the same port and data directory; its log may say why it"
            " stopped.",
        )

    def show_local_restarted(self) -> None:
        """After the restart the banner stays until dismissed: a crash should not go unnoticed."""
        how = self.local_stopped
        self._banner(
            "The local Cognito stopped and was started again",
            f"It {how}; it answers again, with its data. Its log may say why it stopped.",
        )
        self.local_stopped = ""

    def _banner(self, title: str, text: str) -> None:
        self.error = None
        self.ui.bannerTitle.setText(title)
        self.ui.bannerText.setText(text)
        self.ui.bannerDetails.hide()
        self.ui.bannerRetry.hide()
        self.ui.bannerLog.setVisible(self.on_local_log_requested is not None)
        self.ui.banner.show()

    def _set_busy(self, busy: bool, label: str) -> None:
        self.busy_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.busy_label.setText(f"{label}…" if busy and label else "")

    def show_error(self, exc: errors.ServiceError, retry: Any = None) -> None:
        """The banner: what failed, and the server's message as plain text of a line or two (an HTML error
        page reads as its title); "Details…" shows the whole answer when the banner does not."""
        if self.local_stopped and isinstance(exc, errors.ConnectionLost):
            return  # the banner already says why nothing answers
        self.error = exc
        self.ui.bannerTitle.setText(exc.title + (f" · {exc.action}" if exc.action else ""))
        self.ui.bannerText.setText(f"{exc.label}: {exc.summary}" if exc.summary else exc.label)
        self.ui.bannerDetails.setVisible(exc.trimmed)
        self.ui.bannerRetry.setVisible(isinstance(exc, errors.ConnectionLost) or retry is not None)
        # A local Cognito that did not start: what it said is in its log.
        self.ui.bannerLog.setVisible(exc.code == "LocalCognitoFailed" and self.on_local_log_requested is not None)
        self.retry_action = retry
        self.ui.banner.show()

    def show_error_details(self) -> None:
        if self.error is not None:
            self.error_box = error_details(self, self.error)

    def _on_retry(self) -> None:
        self.hide_error()
        if self.retry_action is not None:
            self.retry_action()
        else:
            self._refresh_current()

    def show_keyring_fallback(self, visible: bool) -> None:
        self.ui.keyringBanner.setVisible(visible)

    close_hook: Any = None

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_hook is not None:
            self.close_hook()
        super().closeEvent(event)
