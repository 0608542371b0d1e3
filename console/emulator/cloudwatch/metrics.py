"""Metric data: recorded a minute at a time (Sum, SampleCount, Minimum, Maximum per metric, unit and minute)
and read back as statistics over any period that is a multiple of a minute.

A metric is a namespace, a name and a full set of dimensions, as CloudWatch counts them: the same name with
another set of dimensions is another metric. ``put`` is how the services of the local Cognito publish (the
user pools' AWS/Cognito metrics) and how PutMetricData stores custom metrics.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from console.emulator.core.context import RequestContext

MINUTE = 60.0
STATISTICS = ("SampleCount", "Average", "Sum", "Minimum", "Maximum")


def dimension_key(dimensions: Mapping[str, str] | Iterable[Mapping[str, str]]) -> str:
    """The canonical form of a set of dimensions: sorted [name, value] pairs as compact JSON."""
    if isinstance(dimensions, Mapping):
        pairs = sorted(dimensions.items())
    else:
        pairs = sorted((d["Name"], d["Value"]) for d in dimensions)
    return json.dumps(pairs, separators=(",", ":"), ensure_ascii=False)


def dimensions_of(key: str) -> list[dict[str, str]]:
    return [{"Name": name, "Value": value} for name, value in json.loads(key)]


def put(
    ctx: RequestContext,
    namespace: str,
    name: str,
    dimensions: Mapping[str, str] | Iterable[Mapping[str, str]],
    value: float,
    *,
    unit: str = "None",
    timestamp: float | None = None,
    count: float = 1.0,
    low: float | None = None,
    high: float | None = None,
) -> None:
    """Add ``count`` samples summing to ``value`` (one sample of ``value`` by default) to the metric's minute."""
    at = ctx.now if timestamp is None else timestamp
    minute = math.floor(at / MINUTE) * MINUTE
    low = value if low is None else low
    high = value if high is None else high
    ctx.store.run(
        "INSERT INTO metric_minutes (namespace, name, dimensions, minute, unit, total, samples, low, high)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (namespace, name, dimensions, minute, unit) DO UPDATE SET total = total + excluded.total,"
        " samples = samples + excluded.samples, low = MIN(low, excluded.low), high = MAX(high, excluded.high)",
        (namespace, name, dimension_key(dimensions), minute, unit, value, count, low, high),
    )


@dataclass(frozen=True)
class Bucket:
    """One period of a metric: its start and the statistics of the samples in it."""

    start: float
    total: float
    samples: float
    low: float
    high: float
    unit: str

    def statistic(self, stat: str) -> float:
        if stat == "Sum":
            return self.total
        if stat == "SampleCount":
            return self.samples
        if stat == "Average":
            return self.total / self.samples if self.samples else 0.0
        if stat == "Minimum":
            return self.low
        return self.high


def buckets(
    ctx: RequestContext,
    namespace: str,
    name: str,
    dimensions: str,
    start: float,
    end: float,
    period: int,
    unit: str | None = None,
) -> list[Bucket]:
    """The metric's periods that hold data, oldest first: periods start at multiples of ``period`` since the
    epoch (as CloudWatch aligns them), from the one holding ``start`` to the one before ``end``."""
    sql = (
        "SELECT CAST(minute / ? AS INTEGER) * ? AS start, unit, SUM(total) AS total, SUM(samples) AS samples,"
        " MIN(low) AS low, MAX(high) AS high FROM metric_minutes"
        " WHERE namespace = ? AND name = ? AND dimensions = ? AND minute >= ? AND minute < ?"
    )
    args: list[Any] = [period, period, namespace, name, dimensions, math.floor(start / MINUTE) * MINUTE, end]
    if unit is not None:
        sql += " AND unit = ?"
        args.append(unit)
    sql += " GROUP BY start, unit ORDER BY start"
    return [
        Bucket(float(r["start"]), r["total"], r["samples"], r["low"], r["high"], r["unit"])
        for r in ctx.store.all(sql, tuple(args))
    ]


def metrics(
    ctx: RequestContext, namespace: str | None, name: str | None, since: float | None
) -> list[tuple[str, str, str]]:
    """The metrics that have data (namespace, name, dimension key), optionally only those with data since ``since``."""
    sql = "SELECT DISTINCT namespace, name, dimensions FROM metric_minutes WHERE 1 = 1"
    args: list[Any] = []
    if namespace:
        sql += " AND namespace = ?"
        args.append(namespace)
    if name:
        sql += " AND name = ?"
        args.append(name)
    if since is not None:
        sql += " AND minute >= ?"
        args.append(math.floor(since / MINUTE) * MINUTE)
    sql += " ORDER BY namespace, name, dimensions"
    return [(r["namespace"], r["name"], r["dimensions"]) for r in ctx.store.all(sql, tuple(args))]
