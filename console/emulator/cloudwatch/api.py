"""The CloudWatch metrics API: GetMetricData (metric statistics and metric math), GetMetricStatistics,
ListMetrics and PutMetricData, with CloudWatch's rules and messages for periods, time ranges and namespaces.

Data is kept a minute at a time (metrics.py), so periods are multiples of 60 seconds and the statistics are
SampleCount, Average, Sum, Minimum and Maximum; percentiles (pNN, tmNN ...) are refused with a message that
says why. Metric math takes +, -, *, / and parentheses over query IDs and numbers, and the functions SUM,
AVG, MIN, MAX over several IDs, evaluated at each timestamp the referenced series share.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.registry import operation

from . import metrics

MAX_STATISTICS_DATAPOINTS = 1440
MAX_DATAPOINTS = 100_800
MAX_QUERIES = 500
LIST_PAGE = 500
RECENTLY_ACTIVE = 3 * 3600.0
QUERY_ID = re.compile(r"^[a-z][a-zA-Z0-9_]*$")


def _invalid(message: str) -> AwsError:
    return AwsError("InvalidParameterValueException", message)


def _period(period: int, name: str = "Period") -> int:
    if period < 60 or period % 60:
        raise _invalid(
            f"The parameter {name} must be a multiple of 60 (this local CloudWatch keeps data a minute at a time)."
        )
    return period


def _time_range(req: Mapping[str, Any]) -> tuple[float, float]:
    start, end = float(req["StartTime"]), float(req["EndTime"])
    if start >= end:
        raise _invalid("The parameter StartTime must be less than the parameter EndTime.")
    return start, end


def _statistic(name: str) -> str:
    if name in metrics.STATISTICS:
        return name
    raise _invalid(
        f"The statistic {name} is not available here: the local CloudWatch keeps each minute's SampleCount, Sum, "
        "Minimum and Maximum, not the samples percentiles need."
    )


# --- GetMetricStatistics ----------------------------------------------------------------------------------
@operation("cloudwatch", "GetMetricStatistics")
def get_metric_statistics(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    statistics = req.get("Statistics") or []
    if req.get("ExtendedStatistics"):
        _statistic(req["ExtendedStatistics"][0])
    if not statistics:
        raise AwsError("MissingRequiredParameterException", "Must specify either Statistics or ExtendedStatistics.")
    start, end = _time_range(req)
    period = _period(req["Period"])
    requested = math.ceil((end - start) / period)
    if requested > MAX_STATISTICS_DATAPOINTS:
        raise AwsError(
            "InvalidParameterCombinationException",
            f"You have requested up to {requested:,} datapoints, which exceeds the limit of "
            f"{MAX_STATISTICS_DATAPOINTS:,}. You may reduce the datapoints requested by increasing Period, or "
            "decreasing the time range.",
        )
    key = metrics.dimension_key(req.get("Dimensions") or [])
    found = metrics.buckets(ctx, req["Namespace"], req["MetricName"], key, start, end, period, req.get("Unit"))
    datapoints = [
        {"Timestamp": b.start, "Unit": b.unit, **{s: b.statistic(s) for s in statistics}}
        for b in found
        if b.start + period > start
    ]
    return {"Label": req["MetricName"], "Datapoints": datapoints}


# --- GetMetricData ----------------------------------------------------------------------------------------
Series = dict[float, float]


@operation("cloudwatch", "GetMetricData")
def get_metric_data(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    queries = req["MetricDataQueries"]
    if len(queries) > MAX_QUERIES:
        raise _invalid(f"The collection MetricDataQueries must not have a size greater than {MAX_QUERIES}.")
    start, end = _time_range(req)
    ids = [q["Id"] for q in queries]
    for query_id in ids:
        if not QUERY_ID.match(query_id):
            raise AwsError(
                "ValidationError",
                f"The value {query_id} for parameter MetricDataQueries.member.Id is invalid: it must start with a "
                "lower-case letter and hold only letters, digits and underscores.",
            )
    if len(set(ids)) != len(ids):
        raise _invalid("The values for parameter Id in MetricDataQueries are not unique.")
    by_id = {q["Id"]: q for q in queries}
    computed: dict[str, Series] = {}

    def series(query_id: str, trail: tuple[str, ...] = ()) -> Series:
        if query_id in computed:
            return computed[query_id]
        if query_id in trail:
            raise _invalid(f"Circular dependency in metric math: {' -> '.join((*trail, query_id))}.")
        query = by_id.get(query_id)
        if query is None:
            raise _invalid(f"Metric math names {query_id}, which is not an Id of MetricDataQueries.")
        if ("MetricStat" in query) == ("Expression" in query):
            raise _invalid(f"The query {query_id} must have exactly one of MetricStat and Expression.")
        if "MetricStat" in query:
            computed[query_id] = _metric_series(ctx, query["MetricStat"], start, end)
        else:
            computed[query_id] = _evaluate(query["Expression"], lambda name: series(name, (*trail, query_id)))
        return computed[query_id]

    results = []
    descending = req.get("ScanBy", "TimestampDescending") == "TimestampDescending"
    for query in queries:
        if query.get("ReturnData", True) is False:
            continue
        points = sorted(series(query["Id"]).items(), reverse=descending)
        results.append(
            {
                "Id": query["Id"],
                "Label": query.get("Label") or _label(query),
                "Timestamps": [t for t, _ in points],
                "Values": [v for _, v in points],
                "StatusCode": "Complete",
            }
        )
    return _page(results, req.get("MaxDatapoints") or MAX_DATAPOINTS, req.get("NextToken"))


def _label(query: Mapping[str, Any]) -> str:
    stat = query.get("MetricStat")
    return str(stat["Metric"]["MetricName"]) if stat else str(query["Id"])


def _metric_series(ctx: RequestContext, stat: Mapping[str, Any], start: float, end: float) -> Series:
    metric = stat["Metric"]
    if not metric.get("Namespace") or not metric.get("MetricName"):
        raise AwsError("MissingRequiredParameterException", "A MetricStat's Metric needs Namespace and MetricName.")
    statistic = _statistic(stat["Stat"])
    period = _period(stat["Period"], "MetricStat.Period")
    key = metrics.dimension_key(metric.get("Dimensions") or [])
    found = metrics.buckets(ctx, metric["Namespace"], metric["MetricName"], key, start, end, period, stat.get("Unit"))
    return {b.start: b.statistic(statistic) for b in found if b.start + period > start}


_FUNCTIONS: dict[str, Callable[[list[float]], float]] = {
    "SUM": sum,
    "AVG": lambda values: sum(values) / len(values),
    "MIN": min,
    "MAX": max,
}


def _evaluate(expression: str, series: Callable[[str], Series]) -> Series:
    """Metric math over the series other queries name, at the timestamps they share (numbers stand alone)."""
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError:
        raise _invalid(f"The metric math expression {expression!r} is not valid.") from None

    def value(node: ast.AST) -> Series | float:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
            return float(node.value)
        if isinstance(node, ast.Name):
            return series(node.id)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return combine(lambda a, _: -a, value(node.operand), 0.0)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Div):
            op = node.op
            return combine(lambda a, b: _arith(op, a, b), value(node.left), value(node.right))
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _FUNCTIONS
            and node.args
            and not node.keywords
        ):
            parts = [value(arg) for arg in node.args]
            function = _FUNCTIONS[node.func.id]
            maps = [p for p in parts if isinstance(p, dict)]
            if not maps:
                return function([p for p in parts if not isinstance(p, dict)])
            stamps = sorted(set().union(*maps))
            return {t: function([p.get(t, 0.0) if isinstance(p, dict) else p for p in parts]) for t in stamps}
        raise _invalid(
            f"The metric math expression {expression!r} uses something this local CloudWatch does not evaluate: "
            "it takes query IDs, numbers, + - * / and SUM, AVG, MIN, MAX."
        )

    result = value(tree.body)
    return result if isinstance(result, dict) else {}


def _arith(op: ast.operator, a: float, b: float) -> float:
    if isinstance(op, ast.Add):
        return a + b
    if isinstance(op, ast.Sub):
        return a - b
    if isinstance(op, ast.Mult):
        return a * b
    return a / b if b else math.nan


def combine(fn: Callable[[float, float], float], left: Series | float, right: Series | float) -> Series | float:
    if isinstance(left, dict):
        if isinstance(right, dict):
            return {t: fn(left[t], right[t]) for t in left.keys() & right.keys()}
        return {t: fn(v, right) for t, v in left.items()}
    if isinstance(right, dict):
        return {t: fn(left, v) for t, v in right.items()}
    return fn(left, right)


def _page(results: list[dict[str, Any]], limit: int, token: str | None) -> dict[str, Any]:
    """At most ``limit`` datapoints across the results; NextToken goes on from the query and offset reached."""
    query, offset = (0, 0) if not token else paging.decode(token, "metric-data", (int, int))
    page: list[dict[str, Any]] = []
    left = limit
    for number in range(query, len(results)):
        result = results[number]
        first = offset if number == query else 0
        taken = result["Timestamps"][first : first + left]
        page.append(
            {
                **result,
                "Timestamps": taken,
                "Values": result["Values"][first : first + len(taken)],
                "StatusCode": "Complete" if first + len(taken) >= len(result["Timestamps"]) else "PartialData",
            }
        )
        left -= len(taken)
        if first + len(taken) < len(result["Timestamps"]):
            return {"MetricDataResults": page, "NextToken": paging.encode("metric-data", [number, first + len(taken)])}
    return {"MetricDataResults": page}


# --- ListMetrics ------------------------------------------------------------------------------------------
@operation("cloudwatch", "ListMetrics")
def list_metrics(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    since = ctx.now - RECENTLY_ACTIVE if req.get("RecentlyActive") == "PT3H" else None
    wanted = req.get("Dimensions") or []
    found = []
    for namespace, name, key in metrics.metrics(ctx, req.get("Namespace"), req.get("MetricName"), since):
        dimensions = metrics.dimensions_of(key)
        have = {d["Name"]: d["Value"] for d in dimensions}
        # A filter without a value matches any value of that dimension.
        if all(f["Name"] in have and f.get("Value") in (None, have[f["Name"]]) for f in wanted):
            found.append({"Namespace": namespace, "MetricName": name, "Dimensions": dimensions})
    start = 0 if not req.get("NextToken") else paging.decode(req["NextToken"], "metrics", (int,))[0]
    page = found[start : start + LIST_PAGE]
    out: dict[str, Any] = {"Metrics": page}
    if start + LIST_PAGE < len(found):
        out["NextToken"] = paging.encode("metrics", [start + LIST_PAGE])
    return out


# --- PutMetricData ----------------------------------------------------------------------------------------
@operation("cloudwatch", "PutMetricData")
def put_metric_data(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    namespace = req["Namespace"]
    if namespace.startswith("AWS/"):
        raise _invalid("The value AWS/ for parameter Namespace is invalid.")
    data = req.get("MetricData") or []
    if not data:
        raise AwsError("MissingRequiredParameterException", "The parameter MetricData is required.")
    for number, datum in enumerate(data, 1):
        where = f"MetricData.member.{number}"
        if "Value" in datum and ("Values" in datum or "StatisticValues" in datum):
            raise AwsError(
                "InvalidParameterCombinationException",
                f"The parameters {where}.Value and {where}.StatisticValues are mutually exclusive and you have "
                "specified both.",
            )
        unit = datum.get("Unit", "None")
        at = float(datum["Timestamp"]) if "Timestamp" in datum else ctx.now
        dimensions = datum.get("Dimensions") or []
        if len({d["Name"] for d in dimensions}) != len(dimensions):
            raise _invalid(f"The dimension names of {where} must be unique.")
        if "StatisticValues" in datum:
            s = datum["StatisticValues"]
            metrics.put(ctx, namespace, datum["MetricName"], dimensions, s["Sum"], unit=unit, timestamp=at,
                        count=s["SampleCount"], low=s["Minimum"], high=s["Maximum"])  # fmt: skip
            continue
        values = datum.get("Values") or ([datum["Value"]] if "Value" in datum else [])
        counts = datum.get("Counts") or [1.0] * len(values)
        if len(counts) != len(values):
            raise _invalid(f"The parameters {where}.Values and {where}.Counts must have the same length.")
        for value, count in zip(values, counts, strict=True):
            if not math.isfinite(value):
                raise _invalid(f"The value {value} for parameter {where}.Value is invalid.")
            metrics.put(ctx, namespace, datum["MetricName"], dimensions, value * count, unit=unit, timestamp=at,
                        count=count, low=value, high=value)  # fmt: skip
    return {}
