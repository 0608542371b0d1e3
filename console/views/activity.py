"""Sign-in activity: the pool's AWS/Cognito metrics over time (sign-ins, failures, sign-ups, token refreshes,
federated sign-ins) and its threat protection events, for a range from the last hour to 90 days, for every
app client or one; live while the view is open; a click on a period lists what happened in it."""

from __future__ import annotations

import bisect
import time
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget
from qasync import asyncSlot

from console.models.table import local_time
from console.services.errors import ServiceError
from console.services.protocol import ACTIVITY_KINDS, Activity

from ._generated.ui_sign_in_activity_view import Ui_SignInActivityView
from .base import View, document, failure_note, h, section
from .context import AppContext

# (label, seconds, period): periods keep each range at about 100 points or fewer, multiples of a minute.
RANGES = (
    ("Last hour", 3600, 60),
    ("Last 3 hours", 3 * 3600, 300),
    ("Last 12 hours", 12 * 3600, 900),
    ("Last 24 hours", 24 * 3600, 1800),
    ("Last 7 days", 7 * 86400, 3 * 3600),
    ("Last 30 days", 30 * 86400, 12 * 3600),
    ("Last 90 days", 90 * 86400, 86400),
)
LIVE_INTERVAL_MS = 30_000
ACTIVITY_KEYS = ("sign_ins", "failures", "sign_ups", "refreshes", "federated")
RISK_KEYS = ("risky", "compromised", "takeover", "blocked")
COLORS = {
    "sign_ins": "#2563eb",
    "failures": "#dc2626",
    "sign_ups": "#16a34a",
    "refreshes": "#9333ea",
    "federated": "#d97706",
    "risky": "#f59e0b",
    "compromised": "#dc2626",
    "takeover": "#7c3aed",
    "blocked": "#6b7280",
}
KINDS = {kind.key: kind for kind in ACTIVITY_KINDS}
SYMBOL_LIMIT = 200  # beyond this many periods a curve is a thin line only: symbols are drawn one by one
LIVE_MARGIN = 900  # seconds: a live update reads again the periods this close to the end of what is shown
MAX_BARS = 400  # bars over the visible range; more periods than this are summed into wider bars


class CountAxis(pg.AxisItem):
    """A value axis of counts: its ticks are whole numbers however far the chart is zoomed in."""

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:
        levels = [(spacing, offset) for spacing, offset in super().tickSpacing(minVal, maxVal, size) if spacing >= 1]
        return levels or [(1.0, 0.0)]


class SignInActivityView(View):
    name = "sign-in-activity"
    title = "Sign-in activity"
    icon_name = "sign-in-activity"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ui = Ui_SignInActivityView()
        self.ui.setupUi(self)
        self.activity: Activity | None = None
        self.failure: ServiceError | None = None
        self.loading = False
        self.read_again = False
        self.shown_query: tuple[str, str | None, int] | None = None  # what the chart shows: pool, client, period
        for label, _, _ in RANGES:
            self.ui.rangeCombo.addItem(label)
        self.ui.rangeCombo.setCurrentIndex(3)
        self.ui.clientCombo.addItem("All app clients", "")
        self.ui.rangeCombo.currentIndexChanged.connect(self.on_refresh_clicked)
        self.ui.clientCombo.currentIndexChanged.connect(self.on_refresh_clicked)
        self.ui.refreshButton.clicked.connect(self.on_refresh_clicked)
        self.ui.liveCheck.toggled.connect(self._live_toggled)
        self.ui.splitter.setSizes([300, 170, 150])
        self.wire_details(self.ui.details)
        self.timer = QTimer(self)
        self.timer.setInterval(LIVE_INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        # Curves and bars are made once; a load feeds them with setData / setOpts (STYLE.md).
        self.pens: dict[str, tuple[Any, Any]] = {}  # each series' pen for a few periods, and for many
        self.curves = self._setup_plot(self.ui.activityPlot, ACTIVITY_KEYS, bars=False)
        self.bars = self._setup_plot(self.ui.riskPlot, RISK_KEYS, bars=True)
        self.arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # each series' (period starts, values)
        self.ui.riskPlot.setXLink(self.ui.activityPlot)
        self.ui.riskPlot.getPlotItem().vb.sigXRangeChanged.connect(self._draw_bars)
        self.ui.details.setHtml(f"<p style='color:#6b7280'>{h(HINT)}</p>")

    def _setup_plot(self, plot: pg.PlotWidget, keys: tuple[str, ...], bars: bool) -> dict[str, Any]:
        plot.setBackground(None)
        plot.setAxisItems({"bottom": pg.DateAxisItem(orientation="bottom"), "left": CountAxis(orientation="left")})
        plot.getAxis("left").setWidth(48)  # one width for both charts, so that their time axes line up
        plot.showGrid(x=False, y=True, alpha=0.2)
        plot.setMouseEnabled(x=True, y=False)
        plot.getPlotItem().setMenuEnabled(False)
        # The legend in the palette's text colour, on a veil of its base colour so that a dense chart below
        # does not hide it.
        veil = self.palette().color(QPalette.ColorRole.Base)
        veil.setAlpha(210)
        plot.addLegend(
            offset=(10, 5), labelTextSize="9pt", brush=pg.mkBrush(veil),
            labelTextColor=self.palette().color(QPalette.ColorRole.Text),
        )  # fmt: skip
        plot.scene().sigMouseClicked.connect(lambda event, p=plot: self._clicked(p, event))
        items: dict[str, Any] = {}
        self.pens.update({key: (pg.mkPen(COLORS[key], width=2), pg.mkPen(COLORS[key], width=1)) for key in keys})
        for n, key in enumerate(keys):
            color = COLORS[key]
            if bars:
                item = pg.BarGraphItem(x=[], height=[], width=1, brush=color, pen=None, name=KINDS[key].label)
                plot.addItem(item)
                items[key] = (item, n, len(keys))
            else:
                curve = plot.plot(
                    [], [], pen=self.pens[key][0], symbol="o", symbolSize=5, symbolBrush=color,
                    symbolPen=None, name=KINDS[key].label,
                )  # fmt: skip
                # A long range at a fine period holds up to millions of points: draw only the visible ones,
                # reduced to their peaks at the screen's resolution.
                curve.setDownsampling(auto=True, method="peak")
                curve.setClipToView(True)
                curve.setSkipFiniteCheck(True)
                items[key] = curve
        return items

    # --- loading --------------------------------------------------------------------------------------------
    def time_range(self) -> tuple[float, float, int]:
        """The chosen range as (start, end, period): the end rounded up to a whole period."""
        _, seconds, period = RANGES[max(0, self.ui.rangeCombo.currentIndex())]
        now = time.time()
        end = (int(now) // period + 1) * period
        return end - seconds, float(end), period

    async def load(self, live: bool = False) -> None:
        """Read the chosen range's activity and chart it; ``live``: a refresh of the same range and filter, whose
        periods before the last few shown are taken as they are."""
        pool = self.ctx.pool_id
        service = self.ctx.service
        if not pool or service is None:
            self._show(None, None)
            return
        if self.loading:
            # A new range or filter chosen while a read is under way is read once that one ends.
            self.read_again = self.read_again or not live
            return
        self.loading = True
        try:
            start, end, period = self.time_range()
            client = self.ui.clientCombo.currentData() or None
            result = await self.ctx.attempt(
                "Loading sign-in activity", service.sign_in_activity, pool, start, end, period, client
            )
            if pool != self.ctx.pool_id:
                return
            self.loaded_pool = pool
            if isinstance(result, ServiceError):
                self._show(None, result)
                self.shown_query = None
            else:
                self._fill_clients(result.clients)
                query = (pool, client, period)
                self._show(result, None, reuse=live and query == self.shown_query)
                self.shown_query = query
        finally:
            self.loading = False
        if self.read_again:
            self.read_again = False
            await self.load()

    def _fill_clients(self, clients: tuple[str, ...]) -> None:
        combo = self.ui.clientCombo
        have = {combo.itemData(i) for i in range(combo.count())}
        combo.blockSignals(True)
        for client in clients:
            if client not in have:
                combo.addItem(
                    {"Admin": "Admin (administrator calls)", "Invalid": "Invalid client"}.get(client, client), client
                )
        combo.blockSignals(False)

    def _show(self, activity: Activity | None, failure: ServiceError | None, reuse: bool = False) -> None:
        known = self.arrays if reuse and self.activity and activity and self.activity.period == activity.period else {}
        self.activity, self.failure = activity, failure
        self.arrays = series_arrays(activity, known) if activity else {}
        periods = period_grid(activity) if activity else np.zeros(0)
        period = activity.period if activity else 60
        few = len(periods) <= SYMBOL_LIMIT
        for key, curve in self.curves.items():
            # Counts: a period without data had none of them, so the line goes through zero there.
            values = on_grid(periods, period, *self.arrays[key]) if key in self.arrays else periods * 0
            curve.setData(periods, values, symbol="o" if few else None, pen=self.pens[key][0 if few else 1])
        if activity is not None:
            self.ui.activityPlot.setXRange(activity.start, activity.end, padding=0.01)
        self._draw_bars()
        self.ui.summaryLabel.setText(summary(activity, failure, self.ctx.pool_id))
        if failure is not None:
            self.failures = {"activity": failure}
            self.ui.details.setHtml(failure_note(failure, "activity") + f"<p>{h(enable_hint(failure))}</p>")

    def _draw_bars(self, *_: Any) -> None:
        """The threat protection bars over the visible range: one per period, or, when the range holds more
        than MAX_BARS periods, one per run of periods with their sum, so that any range draws as quickly."""
        activity = self.activity
        if activity is None:
            for bar, _, _ in self.bars.values():
                bar.setOpts(x=[], height=[], width=1)
            return
        low, high = self.ui.riskPlot.getPlotItem().vb.viewRange()[0]
        low, high = max(low, activity.start), min(high, activity.end)
        span = max(activity.period, high - low)
        runs = max(1, int(np.ceil(span / MAX_BARS / activity.period)))
        width = runs * activity.period
        origin = activity.start - activity.start % activity.period
        first = origin + (low - origin) // width * width
        for key, (bar, n, count) in self.bars.items():
            stamps, values = self.arrays.get(key, (np.zeros(0), np.zeros(0)))
            lo, hi = np.searchsorted(stamps, [first, high])
            stamps, values = stamps[lo:hi], values[lo:hi]
            if runs > 1 and len(stamps):
                bins = ((stamps - first) // width).astype(np.int64)
                sums = np.bincount(bins, weights=values)
                used = np.flatnonzero(sums)
                stamps, values = first + used * width, sums[used]
            slot = width / (count + 1)
            bar.setOpts(x=stamps + (n + 0.5) * slot, height=values, width=slot)

    # --- controls ---------------------------------------------------------------------------------------------
    @asyncSlot()
    async def on_refresh_clicked(self) -> None:
        self.ui.refreshButton.setEnabled(False)
        try:
            await self.load()
        finally:
            self.ui.refreshButton.setEnabled(True)

    def _live_toggled(self, live: bool) -> None:
        if live:
            self.timer.start()
        else:
            self.timer.stop()

    def _tick(self) -> None:
        if self.isVisible() and not self.loading:
            self.ctx.spawn(self.load(live=True))

    # --- a click on a period ------------------------------------------------------------------------------------
    def _clicked(self, plot: pg.PlotWidget, event: Any) -> None:
        if self.activity is None:
            return
        point = plot.getPlotItem().vb.mapSceneToView(event.scenePos())
        self.show_period(point.x())

    def show_period(self, when: float) -> None:
        """What happened in the period holding ``when``, in the details pane."""
        activity = self.activity
        if activity is None:
            return
        start = when - (when % activity.period)
        rows = []
        for kind in ACTIVITY_KINDS:
            value = 0.0
            if kind.key in self.arrays:
                stamps, values = self.arrays[kind.key]
                at = int(np.searchsorted(stamps, start))
                if at < len(stamps) and stamps[at] == start:
                    value = float(values[at])
            rows.append((kind.label, f"{value:,.0f}"))
        title = f"{local_time_of(start)} – {local_time_of(start + activity.period)}"
        self.ui.details.setHtml(document(title, f"From {activity.source}", section("In this period", rows)))


HINT = "Click a point or a bar to see that period's numbers."


def period_grid(activity: Activity) -> np.ndarray:
    """The start of every period of the range, oldest first."""
    first = activity.start - activity.start % activity.period
    return first + np.arange(int((activity.end - first) // activity.period), dtype=np.float64) * activity.period


def series_arrays(
    activity: Activity, known: dict[str, tuple[np.ndarray, np.ndarray]] | None = None
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each series as arrays of period starts (sorted) and values. With ``known``, the arrays of the same series
    shown before: their periods up to LIVE_MARGIN before their end are kept, and only what follows is read from
    the new series, so that a live update of a long range costs what changed."""
    arrays = {}
    first = activity.start - activity.start % activity.period
    for key, series in activity.series.items():
        stamps_in, values_in = series.timestamps, series.values
        head: tuple[np.ndarray, np.ndarray] | None = None
        if known and key in known and len(known[key][0]):
            old_stamps, old_values = known[key]
            cut = float(old_stamps[-1]) - LIVE_MARGIN
            at = bisect.bisect_left(stamps_in, cut)  # the series is oldest first
            keep = (old_stamps >= first) & (old_stamps < cut)
            head = old_stamps[keep], old_values[keep]
            stamps_in, values_in = stamps_in[at:], values_in[at:]
        stamps = np.asarray(stamps_in, dtype=np.float64)
        values = np.asarray(values_in, dtype=np.float64)
        if len(stamps) > 1 and np.any(stamps[1:] < stamps[:-1]):
            order = np.argsort(stamps, kind="stable")
            stamps, values = stamps[order], values[order]
        if head is not None:
            stamps, values = np.concatenate((head[0], stamps)), np.concatenate((head[1], values))
        arrays[key] = (stamps, values)
    return arrays


def on_grid(periods: np.ndarray, period: int, stamps: np.ndarray, values: np.ndarray) -> np.ndarray:
    """A series' values on the range's periods, zero where it has none."""
    out = np.zeros(len(periods))
    if len(periods) and len(stamps):
        slots = np.rint((stamps - periods[0]) / period).astype(np.int64)
        inside = (slots >= 0) & (slots < len(periods))
        out[slots[inside]] = values[inside]
    return out


def local_time_of(epoch: float) -> str:
    from datetime import UTC, datetime

    return local_time(datetime.fromtimestamp(epoch, UTC))


def summary(activity: Activity | None, failure: ServiceError | None, pool_id: str) -> str:
    if not pool_id:
        return "Choose a user pool first."
    if failure is not None:
        return f"Sign-in activity could not be read: {failure.reason}"
    if activity is None:
        return ""
    totals = {key: series.total for key, series in activity.series.items()}
    attempts = totals.get("sign_ins", 0) + totals.get("failures", 0)
    risks = sum(totals.get(k, 0) for k in RISK_KEYS)
    rate = f" ({totals.get('sign_ins', 0) / attempts:.0%} succeeded)" if attempts else ""
    parts = [
        f"{totals.get('sign_ins', 0):,.0f} sign-ins{rate}",
        f"{totals.get('failures', 0):,.0f} failed",
        f"{totals.get('sign_ups', 0):,.0f} sign-ups",
        f"{totals.get('refreshes', 0):,.0f} token refreshes",
        f"{totals.get('federated', 0):,.0f} federated",
        f"{risks:,.0f} threat protection event{'' if risks == 1 else 's'}",
    ]
    if not any(totals.values()):
        return (
            "No sign-in activity in this range. Amazon Cognito publishes these metrics as users sign up, sign in and "
            "refresh tokens; threat protection events need threat protection (Plus tier) on the pool."
        )
    return " · ".join(parts) + f" — from {activity.source}"


def enable_hint(failure: ServiceError) -> str:
    if failure.code in ("AccessDenied", "AccessDeniedException"):
        return (
            "Allow cloudwatch:ListMetrics and cloudwatch:GetMetricData for these credentials to chart the pool's "
            "AWS/Cognito metrics, or cognito-idp:AdminListUserAuthEvents (with threat protection on the pool) to "
            "chart its auth events instead."
        )
    if failure.code == "UserPoolAddOnNotEnabledException":
        return "Turn on threat protection (Plus tier) so that the pool keeps auth events."
    return ""
