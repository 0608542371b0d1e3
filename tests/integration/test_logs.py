"""CloudWatch Logs served by the local Cognito, through boto3's own ``logs`` client."""

from __future__ import annotations

import base64
import contextlib
import json
import time
from typing import Any

import pytest
from botocore.exceptions import ClientError

from console.emulator.core import paging
from tests.conftest import make_client, unique


@pytest.fixture(scope="module")
def logs(cognito: Any) -> Any:
    return make_client(cognito.base_url, "logs")


def now_ms() -> int:
    return int(time.time() * 1000)


@pytest.fixture
def group(logs: Any) -> Any:
    name = f"/test/{unique('g')}"
    logs.create_log_group(logGroupName=name)
    yield name
    with contextlib.suppress(logs.exceptions.ResourceNotFoundException):
        logs.delete_log_group(logGroupName=name)


def test_group_lifecycle(logs):
    name = f"/aws/cognito/{unique('g')}"
    logs.create_log_group(logGroupName=name)
    with pytest.raises(logs.exceptions.ResourceAlreadyExistsException):
        logs.create_log_group(logGroupName=name)
    found = logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"]
    assert [g["logGroupName"] for g in found] == [name]
    assert found[0]["logGroupArn"].endswith(f":log-group:{name}")
    assert found[0]["arn"] == found[0]["logGroupArn"] + ":*"
    logs.delete_log_group(logGroupName=name)
    assert logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"] == []
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.delete_log_group(logGroupName=name)


def test_describe_groups_pages(logs):
    prefix = f"/paging/{unique('p')}/"
    names = [f"{prefix}{i:02d}" for i in range(7)]
    for n in names:
        logs.create_log_group(logGroupName=n)
    seen: list[str] = []
    token = None
    pages = 0
    while True:
        kwargs = {"logGroupNamePrefix": prefix, "limit": 3}
        if token:
            kwargs["nextToken"] = token
        page = logs.describe_log_groups(**kwargs)
        pages += 1
        seen += [g["logGroupName"] for g in page["logGroups"]]
        token = page.get("nextToken")
        if not token:
            break
    assert seen == names
    assert pages == 3
    paginated = [
        g["logGroupName"]
        for p in logs.get_paginator("describe_log_groups").paginate(
            logGroupNamePrefix=prefix, PaginationConfig={"PageSize": 2}
        )
        for g in p["logGroups"]
    ]
    assert paginated == names


def test_invalid_group_name_is_rejected(logs):
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.create_log_group(logGroupName="bad name with spaces")


def test_streams_put_get(logs, group):
    logs.create_log_stream(logGroupName=group, logStreamName="s1")
    with pytest.raises(logs.exceptions.ResourceAlreadyExistsException):
        logs.create_log_stream(logGroupName=group, logStreamName="s1")
    t = now_ms()
    logs.put_log_events(
        logGroupName=group,
        logStreamName="s1",
        logEvents=[{"timestamp": t + i, "message": f"line {i}"} for i in range(5)],
    )
    streams = logs.describe_log_streams(logGroupName=group)["logStreams"]
    assert [s["logStreamName"] for s in streams] == ["s1"]
    assert streams[0]["firstEventTimestamp"] == t
    assert streams[0]["lastEventTimestamp"] == t + 4

    head = logs.get_log_events(logGroupName=group, logStreamName="s1", startFromHead=True, limit=2)
    assert [e["message"] for e in head["events"]] == ["line 0", "line 1"]
    more = logs.get_log_events(logGroupName=group, logStreamName="s1", nextToken=head["nextForwardToken"], limit=10)
    assert [e["message"] for e in more["events"]] == ["line 2", "line 3", "line 4"]
    tail = logs.get_log_events(logGroupName=group, logStreamName="s1", limit=2)
    assert [e["message"] for e in tail["events"]] == ["line 3", "line 4"]
    back = logs.get_log_events(logGroupName=group, logStreamName="s1", nextToken=tail["nextBackwardToken"])
    assert [e["message"] for e in back["events"]] == ["line 0", "line 1", "line 2"]


def test_put_requires_stream_and_order(logs, group):
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.put_log_events(
            logGroupName=group, logStreamName="nope", logEvents=[{"timestamp": now_ms(), "message": "x"}]
        )
    logs.create_log_stream(logGroupName=group, logStreamName="s")
    t = now_ms()
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.put_log_events(
            logGroupName=group,
            logStreamName="s",
            logEvents=[{"timestamp": t, "message": "b"}, {"timestamp": t - 10, "message": "a"}],
        )
    out = logs.put_log_events(
        logGroupName=group,
        logStreamName="s",
        logEvents=[{"timestamp": t, "message": "ok"}, {"timestamp": t + 3 * 3600 * 1000, "message": "future"}],
    )
    assert out["rejectedLogEventsInfo"]["tooNewLogEventStartIndex"] == 1
    assert [e["message"] for e in logs.filter_log_events(logGroupName=group)["events"]] == ["ok"]


def test_filter_window_streams_and_terms(logs, group):
    t = now_ms() - 10_000
    for stream, lines in {
        "a": ["ERROR disk full", "INFO all good", 'ERROR "quoted" thing'],
        "b": ["WARN slow", "ERROR timeout on db"],
    }.items():
        logs.create_log_stream(logGroupName=group, logStreamName=stream)
        logs.put_log_events(
            logGroupName=group,
            logStreamName=stream,
            logEvents=[{"timestamp": t + i * 1000, "message": m} for i, m in enumerate(lines)],
        )

    def messages(**kw: Any) -> list[str]:
        return [e["message"] for e in logs.filter_log_events(logGroupName=group, **kw)["events"]]

    assert len(messages()) == 5
    assert sorted(messages(filterPattern="ERROR")) == sorted(
        ["ERROR disk full", 'ERROR "quoted" thing', "ERROR timeout on db"]
    )
    assert messages(filterPattern="ERROR -timeout -disk") == ['ERROR "quoted" thing']
    assert sorted(messages(filterPattern="?WARN ?INFO")) == ["INFO all good", "WARN slow"]
    assert messages(filterPattern='"timeout on"') == ["ERROR timeout on db"]
    assert messages(filterPattern="ERROR", logStreamNames=["b"]) == ["ERROR timeout on db"]
    # [t, t+1000] holds the first event of each stream
    assert sorted(messages(startTime=t, endTime=t + 999)) == ["ERROR disk full", "WARN slow"]
    event = logs.filter_log_events(logGroupName=group, limit=1)
    assert len(event["events"]) == 1 and "nextToken" in event
    rest = logs.filter_log_events(logGroupName=group, nextToken=event["nextToken"])
    assert len(rest["events"]) == 4
    assert event["events"][0]["logStreamName"] in ("a", "b")


def test_filter_json_patterns(logs, group):
    logs.create_log_stream(logGroupName=group, logStreamName="j")
    t = now_ms()
    docs = [
        {"message": {"eventType": "SignIn", "eventResponse": "Pass", "n": 3}, "ok": True},
        {"message": {"eventType": "SignIn", "eventResponse": "Fail", "n": 7}, "ok": False},
        {"message": {"eventType": "SignUp", "eventResponse": "Pass", "n": 1, "tags": ["x", "y"]}, "ok": None},
    ]
    logs.put_log_events(
        logGroupName=group,
        logStreamName="j",
        logEvents=[{"timestamp": t + i, "message": json.dumps(d)} for i, d in enumerate(docs)]
        + [{"timestamp": t + 5, "message": "not json SignIn"}],
    )

    def count(pattern: str) -> int:
        return len(logs.filter_log_events(logGroupName=group, filterPattern=pattern)["events"])

    assert count('{ $.message.eventType = "SignIn" }') == 2
    assert count('{ $.message.eventType = "Sign*" }') == 3
    assert count('{ $.message.eventType = "SignIn" && $.message.eventResponse = "Fail" }') == 1
    assert count('{ ($.message.n > 5) || ($.message.eventType != "SignIn") }') == 2
    assert count("{ $.message.n >= 3 }") == 2
    assert count("{ $.ok IS TRUE }") == 1
    assert count("{ $.ok IS NULL }") == 1
    assert count("{ $.message.tags NOT EXISTS }") == 2
    assert count('{ $.message.tags[1] = "y" }') == 1
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.filter_log_events(logGroupName=group, filterPattern="{ $.x = ")


@pytest.mark.parametrize("depth", [51, 330, 500])
def test_a_pattern_nested_too_deep_is_invalid_not_a_500(logs, group, depth):
    logs.create_log_stream(logGroupName=group, logStreamName="s")
    logs.put_log_events(logGroupName=group, logStreamName="s", logEvents=[{"timestamp": now_ms(), "message": "{}"}])
    pattern = "{ " + "(" * depth + "$.a = 1" + ")" * depth + " }"
    assert len(pattern) <= 1024  # within the model's length: the compiler must refuse it itself
    with pytest.raises(logs.exceptions.InvalidParameterException) as exc:
        logs.filter_log_events(logGroupName=group, filterPattern=pattern)
    assert exc.value.response["Error"]["Message"] == "Invalid filter pattern"
    nested = "{ " + "(" * 50 + "$.a = 1" + ")" * 50 + " }"
    assert logs.filter_log_events(logGroupName=group, filterPattern=nested)["events"] == []


def test_a_pattern_longer_than_the_model_allows_is_invalid(logs, group):
    """botocore checks no maximum length on the client side: the server refuses 1,025 characters."""
    with pytest.raises(logs.exceptions.InvalidParameterException) as exc:
        logs.filter_log_events(logGroupName=group, filterPattern="x" * 1025)
    assert "Member must have length less than or equal to 1024" in exc.value.response["Error"]["Message"]
    assert logs.filter_log_events(logGroupName=group, filterPattern="x" * 1024)["events"] == []


@pytest.mark.parametrize("huge", [2**63, 2**70, -(2**63) - 1])
def test_a_token_with_a_huge_integer_is_invalid_not_a_500(logs, group, huge):
    """FilterLogEvents, GetLogEvents and DescribeLogStreams refuse a nextToken holding an integer SQLite
    cannot bind with the Logs API's own error, as any token they did not make."""
    logs.create_log_stream(logGroupName=group, logStreamName="s")
    logs.put_log_events(logGroupName=group, logStreamName="s", logEvents=[{"timestamp": now_ms(), "message": "m"}])
    forged = base64.urlsafe_b64encode(json.dumps(["filtered-events", [huge, 1]]).encode()).decode().rstrip("=")
    calls = [
        (logs.filter_log_events, {}, forged),
        (logs.filter_log_events, {}, paging.encode("filtered-events", [1, huge])),
        (logs.get_log_events, {"logStreamName": "s"}, "f/" + paging.encode("log-events", [huge, 1])),
        (logs.get_log_events, {"logStreamName": "s"}, f"b/{huge}/1"),
        (logs.describe_log_streams, {}, paging.encode("log-streams", [huge])),
    ]
    for call, kwargs, token in calls:
        with pytest.raises(ClientError) as exc:
            call(logGroupName=group, nextToken=token, **kwargs)
        err = exc.value.response["Error"]
        assert (err["Code"], err["Message"]) == ("InvalidParameterException", "The specified nextToken is invalid.")


def test_get_log_events_tokens_page_both_ways(logs, group):
    logs.create_log_stream(logGroupName=group, logStreamName="s")
    t = now_ms()
    logs.put_log_events(
        logGroupName=group, logStreamName="s", logEvents=[{"timestamp": t + i, "message": f"m{i}"} for i in range(5)]
    )
    head = logs.get_log_events(logGroupName=group, logStreamName="s", startFromHead=True, limit=2)
    assert [e["message"] for e in head["events"]] == ["m0", "m1"]
    assert head["nextForwardToken"].startswith("f/") and head["nextBackwardToken"].startswith("b/")
    more = logs.get_log_events(logGroupName=group, logStreamName="s", nextToken=head["nextForwardToken"], limit=2)
    assert [e["message"] for e in more["events"]] == ["m2", "m3"]
    back = logs.get_log_events(logGroupName=group, logStreamName="s", nextToken=more["nextBackwardToken"], limit=2)
    assert [e["message"] for e in back["events"]] == ["m0", "m1"]
    tail = logs.get_log_events(logGroupName=group, logStreamName="s", nextToken=more["nextForwardToken"])
    assert [e["message"] for e in tail["events"]] == ["m4"]
    end = logs.get_log_events(logGroupName=group, logStreamName="s", nextToken=tail["nextForwardToken"])
    assert end["events"] == [] and end["nextForwardToken"] == tail["nextForwardToken"]  # CloudWatch's end mark


def test_filter_unknown_group(logs):
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.filter_log_events(logGroupName="/no/such/group")
