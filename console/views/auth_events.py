"""Auth events across a user pool, the blocked-credential monitor: every user's sign-ins, sign-ups and password
changes with their risk, live and filterable, a notice for each new block, and feedback (valid or not) that
teaches threat protection; and the threat protection settings in a dialog of their own."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton, QSystemTrayIcon, QWidget
from qasync import asyncSlot

from console.models.resources import AuthEventsModel
from console.models.table import local_time
from console.services.errors import ServiceError
from console.services.protocol import AUTH_EVENT_TYPES, AuthEventPage, PoolAuthEvent

from . import assets
from ._generated.ui_auth_events_view import Ui_AuthEventsView
from ._generated.ui_threat_protection_dialog import Ui_ThreatProtectionDialog
from .base import View, accepted, document, failure_note, make_proxy, section, selected_records, setup_table, yes_no
from .context import AppContext
from .dialogs import FormDialog

RANGES = (("Last hour", 3600), ("Last 24 hours", 86400), ("Last 7 days", 7 * 86400), ("Last 30 days", 30 * 86400))
LIVE_INTERVAL_MS = 15_000


class AuthEventsView(View):
    name = "auth-events"
    title = "Auth events"
    icon_name = "auth-events"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ui = Ui_AuthEventsView()
        self.ui.setupUi(self)
        self.model = AuthEventsModel(self)
        self.proxy = make_proxy(self.model, self)
        self.proxy.setFilterKeyColumn(-1)
        self.ui.table.setModel(self.proxy)
        setup_table(self.ui.table)
        for column, width in enumerate((140, 120, 110, 70, 110, 115, 110, 130)):
            self.ui.table.setColumnWidth(column, width)
        self.ui.filterEdit.setMinimumWidth(170)
        self.page: AuthEventPage | None = None
        self.seen: set[str] = set()  # event IDs already shown: a new block among the rest is announced
        self.announced: list[PoolAuthEvent] = []
        self.loading = False
        for label, _ in RANGES:
            self.ui.rangeCombo.addItem(label)
        self.ui.rangeCombo.setCurrentIndex(1)
        self.ui.typeCombo.addItem("All events", "")
        for kind in AUTH_EVENT_TYPES:
            self.ui.typeCombo.addItem(kind, kind)
        self.ui.filterEdit.textChanged.connect(self._refilter)
        self.ui.typeCombo.currentIndexChanged.connect(self._refilter)
        self.ui.riskyCheck.toggled.connect(self._refilter)
        self.ui.rangeCombo.currentIndexChanged.connect(self.on_refresh_clicked)
        self.ui.refreshButton.clicked.connect(self.on_refresh_clicked)
        self.ui.validButton.clicked.connect(lambda: self.on_feedback_clicked(True))
        self.ui.invalidButton.clicked.connect(lambda: self.on_feedback_clicked(False))
        self.ui.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.settings_button = QPushButton("Threat protection…", self)
        self.settings_button.setObjectName("threatProtectionButton")
        self.settings_button.setToolTip("The pool's threat protection mode, risk actions and IP lists")
        self.settings_button.clicked.connect(self.on_settings_clicked)
        self.ui.controls.addWidget(self.settings_button)
        self.timer = QTimer(self)
        self.timer.setInterval(LIVE_INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        self.ui.liveCheck.toggled.connect(lambda live: self.timer.start() if live else self.timer.stop())
        self.ui.splitter.setSizes([420, 200])
        self.wire_details(self.ui.details)
        self._update_buttons()

    # --- loading ---------------------------------------------------------------------------------------------
    async def load(self) -> None:
        pool = self.ctx.pool_id
        service = self.ctx.service
        if not pool or service is None:
            self.model.set_items([])
            self.ui.sourceLabel.setText("Choose a user pool first.")
            return
        if self.loading:
            return
        self.loading = True
        try:
            if pool != self.loaded_pool:
                self.model.set_items([])
                self.seen = set()
            end = time.time() + 60
            start = end - RANGES[max(0, self.ui.rangeCombo.currentIndex())][1]
            page = await self.ctx.attempt("Loading auth events", service.pool_auth_events, pool, start, end)
            if pool != self.ctx.pool_id:
                return
            if isinstance(page, ServiceError):
                self.failures = {"events": page}
                self.ui.details.setHtml(failure_note(page, "events"))
                return
            first = self.loaded_pool != pool
            self.loaded_pool = pool
            self.page = page
            new_blocks = [e for e in page.events if e.blocked and e.event_id not in self.seen]
            self.seen.update(e.event_id for e in page.events)
            self.model.set_items(page.events)
            self._refilter()
            self.ui.sourceLabel.setText(f"{len(page.events):,} events from {page.source}. {page.note}".strip())
            if not first and new_blocks:
                self.announce(new_blocks)
        finally:
            self.loading = False
            self._update_buttons()

    def announce(self, events: list[PoolAuthEvent]) -> None:
        """A desktop notification for each new block (the status bar where the desktop has no tray)."""
        self.announced += events
        for event in events:
            text = (
                f"{event.event_type} of {event.username or 'an unknown user'} from {event.ip or 'an unknown address'}"
            )
            if QSystemTrayIcon.isSystemTrayAvailable():
                tray = QSystemTrayIcon(assets.app_icon(), self)
                tray.show()
                tray.showMessage("Blocked by threat protection", text, QSystemTrayIcon.MessageIcon.Warning, 10_000)
                QTimer.singleShot(12_000, tray.deleteLater)
            self.ctx.notice.emit(f"Blocked by threat protection: {text}")

    def _tick(self) -> None:
        if self.isVisible() and not self.loading:
            self.ctx.spawn(self.load())

    @asyncSlot()
    async def on_refresh_clicked(self) -> None:
        self.ui.refreshButton.setEnabled(False)
        try:
            await self.load()
        finally:
            self.ui.refreshButton.setEnabled(True)

    # --- filtering and the chosen event -------------------------------------------------------------------
    def _refilter(self, *_: Any) -> None:
        text = self.ui.filterEdit.text().strip().lower()
        kind = self.ui.typeCombo.currentData() or ""
        risky = self.ui.riskyCheck.isChecked()
        events = self.page.events if self.page else ()
        shown = [
            e
            for e in events
            if (not kind or e.event_type == kind)
            and (not risky or e.risky)
            and (not text or text in " ".join((e.username, e.ip, e.device, e.client_id, e.event_id)).lower())
        ]
        self.model.set_items(shown)
        self._update_buttons()

    def current(self) -> PoolAuthEvent | None:
        records = selected_records(self.ui.table)
        return records[0] if len(records) == 1 else None

    def _update_buttons(self) -> None:
        event = self.current()
        can = event is not None and bool(event.username) and bool(event.event_id)
        self.ui.validButton.setEnabled(can)
        self.ui.invalidButton.setEnabled(can)
        self.settings_button.setEnabled(bool(self.ctx.pool_id) and self.ctx.service is not None)

    def _selection_changed(self, *_: Any) -> None:
        self._update_buttons()
        event = self.current()
        if event is not None:
            self.ui.details.setHtml(event_details(event))

    @asyncSlot()
    async def on_feedback_clicked(self, valid: bool) -> None:
        event = self.current()
        if event is not None:
            await self.feedback(event, valid)

    async def feedback(self, event: PoolAuthEvent, valid: bool) -> None:
        async with self.ctx.busy("Sending feedback"):
            await self.ctx.require().auth_event_feedback(self.ctx.pool_id, event.username, event.event_id, valid)
        self.ctx.notice.emit(
            f"Marked the {event.event_type} of {event.username} as {'valid' if valid else 'not valid'}"
        )

    # --- settings -------------------------------------------------------------------------------------------
    @asyncSlot()
    async def on_settings_clicked(self) -> None:
        self.settings_button.setEnabled(False)
        try:
            await self.edit_settings()
        finally:
            self._update_buttons()

    async def edit_settings(self, client_id: str | None = None) -> None:
        service = self.ctx.require()
        pool_id = self.ctx.pool_id
        async with self.ctx.busy("Loading threat protection settings"):
            pool = await service.describe_pool(pool_id)
            clients = await service.list_app_clients(pool_id)
            config = await service.risk_configuration(pool_id, client_id)
        mode = str((pool.raw.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode") or "OFF")
        dialog = ThreatProtectionDialog(self, mode, config, [(c.id, c.name) for c in clients], client_id)
        if await accepted(dialog):
            await self.save_settings(dialog.client_id(), dialog.mode(), dialog.value(), mode)

    async def save_settings(self, client_id: str | None, mode: str, config: Mapping[str, Any], was: str) -> None:
        service = self.ctx.require()
        async with self.ctx.busy("Saving threat protection settings"):
            if mode != was:
                await service.set_threat_protection_mode(self.ctx.pool_id, mode)
            await service.set_risk_configuration(self.ctx.pool_id, client_id, config)
        self.ctx.notice.emit("Threat protection settings saved")


def event_details(event: PoolAuthEvent) -> str:
    rows = [
        ("Time", local_time(event.created)),
        ("User", event.username),
        ("Result", event.response),
        ("Blocked", yes_no(event.blocked)),
        ("Risk level", event.risk_level or "No risk"),
        ("Risk decision", event.risk_decision or "NoRisk"),
        ("Compromised credentials", yes_no(event.compromised)),
        ("IP address", event.ip),
        ("Device", event.device),
        ("App client", event.client_id),
        ("Feedback", event.feedback or "None yet"),
        ("Event ID", event.event_id),
    ]
    challenges = event.raw.get("challenges") or event.raw.get("ChallengeResponses") or []
    steps = [
        (
            c.get("challengeName") or c.get("ChallengeName", ""),
            c.get("challengeResponse") or c.get("ChallengeResponse", ""),
        )
        for c in challenges
        if isinstance(c, dict)
    ]
    return document(
        f"{event.event_type} · {event.response}", event.username, section("Event", rows), section("Challenges", steps)
    )


# --- the settings dialog ----------------------------------------------------------------------------------------
MODES = ["OFF", "AUDIT", "ENFORCED"]
ACTIONS = ["BLOCK", "MFA_IF_CONFIGURED", "MFA_REQUIRED", "NO_ACTION"]
COMPROMISED_EVENTS = (
    ("signInCheck", "SIGN_IN"),
    ("signUpCheck", "SIGN_UP"),
    ("passwordChangeCheck", "PASSWORD_CHANGE"),
)
LEVELS = (("low", "LowAction"), ("medium", "MediumAction"), ("high", "HighAction"))


class ThreatProtectionDialog(FormDialog):
    """The pool's threat protection mode and a risk configuration (pool-wide or one app client's): what to do with
    compromised credentials and at each account-takeover risk level, whom to notify, and the IP ranges always
    blocked or never assessed."""

    def __init__(
        self,
        parent: QWidget | None,
        mode: str,
        config: Mapping[str, Any],
        clients: list[tuple[str, str]],
        client_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ThreatProtectionDialog()
        self.ui.setupUi(self)
        self._wire()
        self.ui.scopeCombo.addItem("The whole user pool", "")
        for cid, name in clients:
            self.ui.scopeCombo.addItem(f"App client {name} ({cid})", cid)
        self.ui.scopeCombo.setCurrentIndex(max(0, self.ui.scopeCombo.findData(client_id or "")))
        self.ui.scopeCombo.setEnabled(False)  # a client's settings are loaded for that client: chosen before opening
        self.ui.modeCombo.setCurrentIndex(MODES.index(mode) if mode in MODES else 0)
        self.ui.modeCombo.currentIndexChanged.connect(self._mode_changed)
        compromised = config.get("CompromisedCredentialsRiskConfiguration") or {}
        action = (compromised.get("Actions") or {}).get("EventAction", "NO_ACTION")
        self.ui.compromisedCombo.setCurrentIndex(0 if action == "BLOCK" else 1)
        events = compromised.get("EventFilter") or [e for _, e in COMPROMISED_EVENTS]
        for name, event in COMPROMISED_EVENTS:
            getattr(self.ui, name).setChecked(event in events)
        takeover = config.get("AccountTakeoverRiskConfiguration") or {}
        actions = takeover.get("Actions") or {}
        for level, key in LEVELS:
            chosen = actions.get(key) or {}
            getattr(self.ui, f"{level}Combo").setCurrentIndex(
                ACTIONS.index(chosen.get("EventAction", "NO_ACTION")) if chosen.get("EventAction") in ACTIONS else 3
            )
            getattr(self.ui, f"notify{level.title()}Check").setChecked(bool(chosen.get("Notify")))
        notify = takeover.get("NotifyConfiguration") or {}
        self.ui.sourceArnEdit.setText(notify.get("SourceArn", ""))
        self.ui.fromEdit.setText(notify.get("From", ""))
        self.notify = dict(notify)
        exceptions = config.get("RiskExceptionConfiguration") or {}
        self.ui.blockedEdit.setPlainText("\n".join(exceptions.get("BlockedIPRangeList") or []))
        self.ui.skippedEdit.setPlainText("\n".join(exceptions.get("SkippedIPRangeList") or []))
        self._mode_changed()

    def _mode_changed(self, *_: Any) -> None:
        self.ui.modeNote.setText(
            {
                "OFF": "Off: no risk is assessed and no auth events are kept. The settings below are stored for later.",
                "AUDIT": "Audit only: risks are assessed and logged, never acted on.",
                "ENFORCED": "Full function: the actions below are taken (Plus tier).",
            }[self.mode()]
        )

    def mode(self) -> str:
        return MODES[self.ui.modeCombo.currentIndex()]

    def client_id(self) -> str | None:
        return self.ui.scopeCombo.currentData() or None

    def ranges(self, text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self) -> str | None:
        for label, text in (("blocked", self.ui.blockedEdit), ("never assessed", self.ui.skippedEdit)):
            cidrs = self.ranges(text.toPlainText())
            if len(cidrs) > 200:
                return f"At most 200 {label} IP ranges."
            for cidr in cidrs:
                try:
                    ipaddress.ip_network(cidr, strict=False)
                except ValueError:
                    return f"{cidr} is not an IP range in CIDR notation (192.0.2.0/24)."
        notifying = any(getattr(self.ui, f"notify{level.title()}Check").isChecked() for level, _ in LEVELS)
        if notifying and not self.ui.sourceArnEdit.text().strip().startswith("arn:aws:ses:"):
            return "Notifying users needs the ARN of an SES identity that sends the emails."
        if self.compromised_events() == [] and self.ui.compromisedCombo.currentIndex() == 0:
            return "Choose at least one event on which compromised credentials are checked."
        return None

    def compromised_events(self) -> list[str]:
        return [event for name, event in COMPROMISED_EVENTS if getattr(self.ui, name).isChecked()]

    def value(self) -> dict[str, Any]:
        """SetRiskConfiguration's request (without UserPoolId and ClientId)."""
        actions = {}
        for level, key in LEVELS:
            actions[key] = {
                "EventAction": ACTIONS[getattr(self.ui, f"{level}Combo").currentIndex()],
                "Notify": getattr(self.ui, f"notify{level.title()}Check").isChecked(),
            }
        takeover: dict[str, Any] = {"Actions": actions}
        source = self.ui.sourceArnEdit.text().strip()
        if source:
            notify = {**self.notify, "SourceArn": source}
            if self.ui.fromEdit.text().strip():
                notify["From"] = self.ui.fromEdit.text().strip()
            takeover["NotifyConfiguration"] = notify
        config: dict[str, Any] = {
            "CompromisedCredentialsRiskConfiguration": {
                "EventFilter": self.compromised_events(),
                "Actions": {"EventAction": "BLOCK" if self.ui.compromisedCombo.currentIndex() == 0 else "NO_ACTION"},
            },
            "AccountTakeoverRiskConfiguration": takeover,
        }
        blocked, skipped = (
            self.ranges(self.ui.blockedEdit.toPlainText()),
            self.ranges(self.ui.skippedEdit.toPlainText()),
        )
        if blocked or skipped:
            config["RiskExceptionConfiguration"] = {"BlockedIPRangeList": blocked, "SkippedIPRangeList": skipped}
        return config
