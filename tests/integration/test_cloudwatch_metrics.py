"""CloudWatch metrics on the local Cognito: the AWS/Cognito metrics a user pool publishes as its users sign
up, sign in and refresh tokens, and the metrics API (custom metrics, statistics, metric math), through boto3's
protocol and through the RPC v2 CBOR protocol the model lists first."""

from __future__ import annotations

import datetime as dt
from typing import Any

import botocore.session
import httpx
import pytest
from botocore import parsers, serialize
from botocore.exceptions import ClientError

from tests.conftest import make_client, unique

NOW = dt.datetime.now(dt.UTC)
HOUR_AGO = NOW - dt.timedelta(hours=1)
SOON = NOW + dt.timedelta(minutes=5)
PASSWORD = "Correct-horse-9"


@pytest.fixture(scope="module")
def cloudwatch(cognito: Any) -> Any:
    return make_client(cognito.base_url, "cloudwatch")


def series(cloudwatch: Any, name: str, dimensions: dict[str, str], stat: str, namespace: str = "AWS/Cognito") -> float:
    """The statistic over the last hour (one 3,600 s period), 0 when there is no data."""
    result = cloudwatch.get_metric_data(
        MetricDataQueries=[
            {
                "Id": "m",
                "MetricStat": {
                    "Metric": {
                        "Namespace": namespace,
                        "MetricName": name,
                        "Dimensions": [{"Name": k, "Value": v} for k, v in dimensions.items()],
                    },
                    "Period": 3600 * 2,
                    "Stat": stat,
                },
            }
        ],
        StartTime=HOUR_AGO,
        EndTime=SOON,
    )["MetricDataResults"][0]
    return float(sum(result["Values"]))


def test_a_user_pool_publishes_sign_up_sign_in_and_refresh_metrics(idp: Any, pool: Any, cloudwatch: Any) -> None:
    pool_id = pool["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="web",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    idp.sign_up(ClientId=client_id, Username="ann", Password=PASSWORD)
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="ann")
    idp.admin_create_user(UserPoolId=pool_id, Username="bob", MessageAction="SUPPRESS")
    signed = idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD}
    )["AuthenticationResult"]
    for _ in range(2):
        with pytest.raises(ClientError):
            idp.initiate_auth(
                ClientId=client_id,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": "ann", "PASSWORD": "Wrong-horse-9"},
            )
    idp.initiate_auth(
        ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": signed["RefreshToken"]}
    )
    with pytest.raises(ClientError):
        idp.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": "x" * 40})

    web = {"UserPool": pool_id, "UserPoolClient": client_id}
    # Successes are 1 and failures 0: Sum counts successes, SampleCount the attempts (the Developer Guide).
    assert series(cloudwatch, "SignUpSuccesses", web, "Sum") == 1
    assert series(cloudwatch, "SignUpSuccesses", {"UserPool": pool_id, "UserPoolClient": "Admin"}, "Sum") == 1
    assert series(cloudwatch, "SignInSuccesses", web, "Sum") == 1
    assert series(cloudwatch, "SignInSuccesses", web, "SampleCount") == 3
    assert series(cloudwatch, "TokenRefreshSuccesses", web, "Sum") == 1
    assert series(cloudwatch, "TokenRefreshSuccesses", web, "SampleCount") == 2

    listed = cloudwatch.list_metrics(Namespace="AWS/Cognito", Dimensions=[{"Name": "UserPool", "Value": pool_id}])
    names = {m["MetricName"] for m in listed["Metrics"]}
    assert names == {"SignUpSuccesses", "SignInSuccesses", "TokenRefreshSuccesses"}


def test_custom_metrics_statistics_and_metric_math(cloudwatch: Any) -> None:
    namespace = unique("App")
    page = [{"Name": "Page", "Value": "home"}]
    cloudwatch.put_metric_data(
        Namespace=namespace,
        MetricData=[
            {"MetricName": "Latency", "Value": 30, "Unit": "Milliseconds", "Dimensions": page},
            {"MetricName": "Latency", "Values": [10, 20], "Counts": [2, 1], "Unit": "Milliseconds", "Dimensions": page},
            {"MetricName": "Latency", "Value": 99, "Unit": "Milliseconds"},  # another metric: no dimensions
        ],
    )
    stats = cloudwatch.get_metric_statistics(
        Namespace=namespace,
        MetricName="Latency",
        Dimensions=page,
        StartTime=HOUR_AGO,
        EndTime=SOON,
        Period=3600 * 2,
        Statistics=["Sum", "SampleCount", "Average", "Minimum", "Maximum"],
    )["Datapoints"]
    assert len(stats) == 1
    point = stats[0]
    assert (point["Sum"], point["SampleCount"], point["Minimum"], point["Maximum"]) == (70, 4, 10, 30)
    assert point["Average"] == 17.5 and point["Unit"] == "Milliseconds"

    metric = {"Namespace": namespace, "MetricName": "Latency", "Dimensions": page}
    results = cloudwatch.get_metric_data(
        MetricDataQueries=[
            {"Id": "total", "MetricStat": {"Metric": metric, "Period": 60, "Stat": "Sum"}, "ReturnData": False},
            {"Id": "n", "MetricStat": {"Metric": metric, "Period": 60, "Stat": "SampleCount"}, "ReturnData": False},
            {"Id": "mean", "Expression": "total / n", "Label": "Mean latency"},
            {"Id": "both", "Expression": "SUM(total, n) * 2"},
        ],
        StartTime=HOUR_AGO,
        EndTime=SOON,
    )["MetricDataResults"]
    assert [(r["Id"], r["Label"], r["Values"]) for r in results] == [
        ("mean", "Mean latency", [17.5]),
        ("both", "both", [148.0]),
    ]
    assert results[0]["StatusCode"] == "Complete"

    listed = cloudwatch.list_metrics(Namespace=namespace)["Metrics"]
    assert sorted(len(m["Dimensions"]) for m in listed) == [0, 1]


@pytest.mark.parametrize(
    ("call", "code", "said"),
    [
        (
            lambda cw: cw.put_metric_data(Namespace="AWS/Cognito", MetricData=[{"MetricName": "x", "Value": 1}]),
            "InvalidParameterValue",
            "The value AWS/ for parameter Namespace is invalid.",
        ),
        (
            lambda cw: cw.get_metric_statistics(
                Namespace="App", MetricName="x", StartTime=SOON, EndTime=HOUR_AGO, Period=60, Statistics=["Sum"]
            ),
            "InvalidParameterValue",
            "The parameter StartTime must be less than the parameter EndTime.",
        ),
        (
            lambda cw: cw.get_metric_statistics(
                Namespace="App", MetricName="x", StartTime=HOUR_AGO, EndTime=SOON, Period=90, Statistics=["Sum"]
            ),
            "InvalidParameterValue",
            "must be a multiple of 60",
        ),
        (
            lambda cw: cw.get_metric_statistics(
                Namespace="App",
                MetricName="x",
                StartTime=NOW - dt.timedelta(days=2),
                EndTime=NOW,
                Period=60,
                Statistics=["Sum"],
            ),
            "InvalidParameterCombination",
            "exceeds the limit of 1,440",
        ),
        (
            lambda cw: cw.get_metric_statistics(
                Namespace="App", MetricName="x", StartTime=HOUR_AGO, EndTime=SOON, Period=60
            ),
            "MissingParameter",
            "Must specify either Statistics or ExtendedStatistics.",
        ),
        (
            lambda cw: cw.get_metric_data(
                MetricDataQueries=[{"Id": "a", "Expression": "b"}, {"Id": "b", "Expression": "a"}],
                StartTime=HOUR_AGO,
                EndTime=SOON,
            ),
            "InvalidParameterValue",
            "Circular dependency",
        ),
        (
            lambda cw: cw.get_metric_data(
                MetricDataQueries=[
                    {
                        "Id": "a",
                        "MetricStat": {"Metric": {"Namespace": "App", "MetricName": "x"}, "Period": 60, "Stat": "p99"},
                    }
                ],
                StartTime=HOUR_AGO,
                EndTime=SOON,
            ),
            "InvalidParameterValue",
            "not the samples percentiles need",
        ),
        (
            lambda cw: cw.get_metric_data(
                MetricDataQueries=[{"Id": "a", "Expression": "__import__('os')"}], StartTime=HOUR_AGO, EndTime=SOON
            ),
            "InvalidParameterValue",
            "does not evaluate",
        ),
    ],
)
def test_bad_requests_get_cloudwatchs_errors(cloudwatch: Any, call: Any, code: str, said: str) -> None:
    with pytest.raises(ClientError) as raised:
        call(cloudwatch)
    assert raised.value.response["Error"]["Code"] == code
    assert said in raised.value.response["Error"]["Message"]
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def cbor_call(base_url: str, operation: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """One call in the Smithy RPC v2 CBOR protocol, serialized and parsed by botocore's own code for it."""
    model = botocore.session.get_session().get_service_model("cloudwatch")
    op = model.operation_model(operation)
    request = serialize.create_serializer("smithy-rpc-v2-cbor").serialize_to_request(params, op)
    response = httpx.request(
        request["method"], base_url + request["url_path"], content=request["body"], headers=dict(request["headers"])
    )
    assert response.headers["smithy-protocol"] == "rpc-v2-cbor"
    parser = parsers.create_parser("smithy-rpc-v2-cbor")
    shape = op.output_shape if response.status_code < 300 else None
    parsed = parser.parse(
        {"status_code": response.status_code, "headers": dict(response.headers), "body": response.content}, shape
    )
    return response.status_code, parsed


def test_the_rpc_v2_cbor_protocol_answers_as_botocore_reads_it(cognito: Any) -> None:
    namespace = unique("Cbor")
    status, _ = cbor_call(
        cognito.base_url,
        "PutMetricData",
        {"Namespace": namespace, "MetricData": [{"MetricName": "Hits", "Value": 2.0, "Timestamp": NOW}]},
    )
    assert status == 200
    status, parsed = cbor_call(
        cognito.base_url,
        "GetMetricData",
        {
            "MetricDataQueries": [
                {
                    "Id": "h",
                    "MetricStat": {
                        "Metric": {"Namespace": namespace, "MetricName": "Hits"},
                        "Period": 60,
                        "Stat": "Sum",
                    },
                }
            ],
            "StartTime": HOUR_AGO,
            "EndTime": SOON,
        },
    )
    assert status == 200
    result = parsed["MetricDataResults"][0]
    assert result["Values"] == [2.0]
    assert isinstance(result["Timestamps"][0], dt.datetime)
    assert result["Timestamps"][0] <= NOW

    status, parsed = cbor_call(
        cognito.base_url, "PutMetricData", {"Namespace": "AWS/X", "MetricData": [{"MetricName": "Hits", "Value": 1.0}]}
    )
    assert status == 400
    assert parsed["Error"]["Code"] == "InvalidParameterValue"
    assert parsed["Error"]["Message"] == "The value AWS/ for parameter Namespace is invalid."


def test_a_cbor_body_that_is_not_cbor_is_refused(cognito: Any) -> None:
    response = httpx.post(
        cognito.base_url + "/service/GraniteServiceVersion20100801/operation/ListMetrics",
        content=b"\xff\xff not cbor",
        headers={"smithy-protocol": "rpc-v2-cbor", "content-type": "application/cbor"},
    )
    assert response.status_code == 400
    response = httpx.post(
        cognito.base_url + "/service/NoSuchService/operation/ListMetrics",
        content=b"",
        headers={"smithy-protocol": "rpc-v2-cbor"},
    )
    assert response.status_code == 404
