"""The sign-in activity view's charts with long ranges: many periods draw as thin lines without symbols, the
threat protection bars sum runs of periods to stay few over any visible range, a live update reads only the
changed tail yet charts what a full read would, and a click finds its period; every control has a name."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from console.services.protocol import ACTIVITY_KINDS, Activity, ActivitySeries
from tests.gui.test_accessibility import unnamed

KINDS = {kind.key: kind for kind in ACTIVITY_KINDS}
START = 1_699_999_980.0  # a whole number of minutes, as CloudWatch aligns periods


def activity(periods: int, shift: int = 0, seed: int = 7) -> Activity:
    """``periods`` one-minute periods, ``shift`` periods on from START, every series drawn from one timeline."""
    rng = np.random.default_rng(seed)
    series = {}
    for n, key in enumerate(("sign_ins", "failures", "blocked", "compromised")):
        timeline = rng.integers(0, 3 + n, periods + 50) * (rng.random(periods + 50) < 0.5)
        window = timeline[shift : shift + periods]
        used = np.flatnonzero(window)
        stamps = START + (shift + used) * 60.0
        series[key] = ActivitySeries(KINDS[key], tuple(stamps.tolist()), tuple(window[used].astype(float).tolist()))
    start = START + shift * 60
    return Activity("us-east-1_chart", start, start + periods * 60, 60, series)


@pytest.fixture
def view(qtbot: Any, ctx: Any) -> Any:
    from console.views.activity import SignInActivityView

    widget = SignInActivityView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def bars(view: Any, key: str) -> tuple[np.ndarray, np.ndarray]:
    item = view.bars[key][0]
    return np.asarray(item.opts["x"]), np.asarray(item.opts["height"])


def test_many_periods_are_lines_and_summed_bars(view: Any) -> None:
    from console.views.activity import MAX_BARS

    many = activity(50_000)
    view._show(many, None)
    curve = view.curves["sign_ins"]
    assert len(curve.xData) == 50_000 and curve.yData.sum() == sum(many.series["sign_ins"].values)
    shown, _ = curve.getData()  # what is drawn: reduced to the plot's width
    assert len(shown) < 20_000
    assert view.curves["sign_ins"].opts["symbol"] is None
    assert view.curves["sign_ins"].opts["pen"].width() == 1
    x, height = bars(view, "blocked")
    assert 0 < len(x) <= MAX_BARS
    assert height.sum() == sum(many.series["blocked"].values)  # the whole range is visible: nothing lost

    # Zoomed in on 100 periods, the bars are the periods themselves again.
    view.ui.activityPlot.setXRange(START + 1000 * 60, START + 1100 * 60, padding=0)
    x, height = bars(view, "blocked")
    stamps = np.asarray(many.series["blocked"].timestamps)
    inside = (stamps >= START + 1000 * 60) & (stamps <= START + 1100 * 60)
    assert len(x) >= inside.sum() and height.max() <= max(many.series["blocked"].values)

    few = activity(48)
    view._show(few, None)
    assert view.curves["sign_ins"].opts["symbol"] == "o"
    assert view.curves["sign_ins"].opts["pen"].width() == 2


def test_a_live_update_charts_what_a_full_read_would(view: Any) -> None:
    view._show(activity(20_000), None)
    later = activity(20_000, shift=30)
    view._show(later, None, reuse=True)
    live = {key: view.curves[key].yData.copy() for key in ("sign_ins", "failures")}
    live_bars = bars(view, "compromised")
    view._show(later, None)  # read in full
    for key, values in live.items():
        assert np.array_equal(values, view.curves[key].yData), key
    assert all(np.array_equal(a, b) for a, b in zip(live_bars, bars(view, "compromised"), strict=True))


def test_a_click_finds_its_periods_numbers(view: Any) -> None:
    from dataclasses import replace

    data = activity(5000)
    stamps = list(data.series["sign_ins"].timestamps)
    values = list(data.series["sign_ins"].values)
    at = len(stamps) // 2
    values[at] = 12345.0
    data = replace(
        data, series={**data.series, "sign_ins": ActivitySeries(KINDS["sign_ins"], tuple(stamps), tuple(values))}
    )
    view._show(data, None)
    view.show_period(stamps[at] + 30)  # inside the period
    assert "12,345" in view.ui.details.toPlainText()
    view.show_period(stamps[at] + 90)  # the next period
    assert "12,345" not in view.ui.details.toPlainText()


def test_every_control_of_the_sign_in_activity_view_has_a_name(view: Any) -> None:
    view._show(activity(60), None)
    assert unnamed(view) == []


def test_a_filter_chosen_during_a_read_is_read_next(view: Any, aloop: Any, ctx: Any) -> None:
    import asyncio

    async def scenario() -> None:
        await view.load()
        combo = view.ui.clientCombo
        assert combo.count() > 1, "the demo pool's activity names its app clients"
        first = asyncio.ensure_future(view.load(live=True))
        await asyncio.sleep(0)  # the live read is under way
        assert view.loading
        combo.setCurrentIndex(1)  # as a user's choice: the view asks for a read
        await first
        while view.loading:
            await asyncio.sleep(0.01)

    aloop.run_until_complete(scenario())
    assert view.shown_query == (ctx.pool_id, view.ui.clientCombo.itemData(1), view.activity.period)
