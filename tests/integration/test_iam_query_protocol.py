"""The AWS query protocol (core/query.py) against botocore's own query serializer and parser: what boto3 sends
is read back into the same parameters, and what the server answers parses into the same result, for IAM, STS
and the shapes they lack (maps, flattened lists: SNS's model); and raw requests on the wire."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from botocore.loaders import create_loader
from botocore.model import ServiceModel
from botocore.parsers import QueryParser
from botocore.serialize import QuerySerializer

from console.emulator.core import query
from console.emulator.core.errors import AwsError

_loader = create_loader()


def model(name: str) -> ServiceModel:
    return ServiceModel(_loader.load_service_model(name, "service-2"), service_name=name)


def sent_and_read(service: str, operation: str, params: dict[str, Any]) -> dict[str, Any]:
    op_model = model(service).operation_model(operation)
    body = QuerySerializer().serialize_to_request(params, op_model)["body"]
    form = dict(parse_qsl(body if isinstance(body, str) else _urlencode(body), keep_blank_values=True))
    assert form["Action"] == operation
    return query.request_params(op_model, form)


def _urlencode(body: dict[str, Any]) -> str:
    return httpx.QueryParams(body).__str__()


def answered_and_parsed(service: str, operation: str, result: dict[str, Any]) -> dict[str, Any]:
    op_model = model(service).operation_model(operation)
    response = query.response(op_model, result, "req-1")
    parsed = QueryParser().parse(
        {"body": response.body, "headers": dict(response.headers), "status_code": 200}, op_model.output_shape
    )
    parsed.pop("ResponseMetadata")
    return parsed


def test_lists_of_structures_and_nested_members_are_read_back() -> None:
    params = {
        "RoleArn": "arn:aws:iam::000000000000:role/r",
        "RoleSessionName": "session",
        "PolicyArns": [{"arn": "arn:aws:iam::000000000000:policy/a"}, {"arn": "arn:aws:iam::000000000000:policy/b"}],
        "Tags": [{"Key": "team", "Value": "web"}, {"Key": "empty", "Value": ""}],
        "TransitiveTagKeys": ["team"],
        "DurationSeconds": 900,
        "ProvidedContexts": [{"ProviderArn": "arn:aws:iam::aws:contextProvider/x", "ContextAssertion": "a" * 8}],
    }
    assert sent_and_read("sts", "AssumeRole", params) == params


def test_empty_lists_booleans_and_integers_are_read_back() -> None:
    assert sent_and_read("iam", "UntagRole", {"RoleName": "r", "TagKeys": []}) == {"RoleName": "r", "TagKeys": []}
    read = sent_and_read("iam", "ListPolicies", {"OnlyAttached": True, "MaxItems": 5, "Scope": "Local"})
    assert read == {"OnlyAttached": True, "MaxItems": 5, "Scope": "Local"}


def test_maps_are_read_back() -> None:
    params = {"Name": "topic", "Attributes": {"DisplayName": "T", "Policy": "{}"}, "Tags": [{"Key": "k", "Value": "v"}]}
    assert sent_and_read("sns", "CreateTopic", params) == params


def test_answers_parse_as_botocore_reads_them() -> None:
    created = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    result = {
        "Roles": [
            {
                "Path": "/",
                "RoleName": "r & <s>",
                "RoleId": "AROAEXAMPLE0000000001",
                "Arn": "arn:aws:iam::000000000000:role/r",
                "CreateDate": created.timestamp(),
                "AssumeRolePolicyDocument": "%7B%7D",
                "MaxSessionDuration": 3600,
            }
        ],
        "IsTruncated": True,
        "Marker": "next",
    }
    parsed = answered_and_parsed("iam", "ListRoles", result)
    role = parsed["Roles"][0]
    assert role["RoleName"] == "r & <s>" and role["CreateDate"] == created and role["MaxSessionDuration"] == 3600
    assert parsed["IsTruncated"] is True and parsed["Marker"] == "next"
    attributes = answered_and_parsed("sns", "GetTopicAttributes", {"Attributes": {"A": "1", "B": "two"}})
    assert attributes == {"Attributes": {"A": "1", "B": "two"}}
    assert answered_and_parsed("iam", "DeleteRole", {}) == {}


def test_errors_are_answered_in_the_query_services_words() -> None:
    iam = model("iam")
    response = query.error_response(iam, AwsError("ValidationException", "1 validation error detected: x"), "r")
    assert response.status_code == 400
    assert b"<Code>ValidationError</Code>" in response.body and b"<Type>Sender</Type>" in response.body
    assert b'<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' in response.body
    expired = query.error_response(model("sts"), AwsError("ExpiredTokenException", "expired"), "r")
    assert b"<Code>ExpiredToken</Code>" in expired.body
    failed = query.error_response(iam, AwsError("InternalErrorException", "boom", 500), "r")
    assert failed.status_code == 500 and b"<Type>Receiver</Type>" in failed.body
    control = query.error_response(iam, AwsError("InvalidInput", "bad \x00 value"), "r")
    assert b"\x00" not in control.body


@pytest.mark.parametrize(
    ("headers", "form", "service"),
    [
        (
            {"Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sts/aws4_request, S=x"},
            {"Version": "2010-05-08"},
            "sts",
        ),
        ({}, {"Version": "2011-06-15"}, "sts"),
        ({}, {"Version": "2010-05-08"}, "iam"),
    ],
)
def test_the_service_is_the_credential_scopes_else_the_versions(
    headers: dict[str, str], form: dict[str, str], service: str
) -> None:
    scope = {"headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    assert query.service_of(scope, form) == service


def test_raw_requests_on_the_wire(cognito: Any) -> None:
    url = cognito.base_url
    identity = httpx.post(url, data={"Action": "GetCallerIdentity", "Version": "2011-06-15"})
    assert identity.status_code == 200
    assert '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' in identity.text
    assert "<GetCallerIdentityResult><UserId>" in identity.text
    no_version = httpx.post(url, data={"Action": "GetCallerIdentity"})
    assert no_version.status_code == 400 and "<Code>MissingParameter</Code>" in no_version.text
    wrong_service = httpx.post(url, data={"Action": "GetCallerIdentity", "Version": "2010-05-08"})
    assert wrong_service.status_code == 400 and "<Code>InvalidAction</Code>" in wrong_service.text
    not_utf8 = httpx.post(
        url, content=b"Action=GetRole&RoleName=%ff\xff", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert not_utf8.status_code == 400 and "<ErrorResponse" in not_utf8.text
    # A JSON call is still a JSON call.
    listed = httpx.post(
        url,
        content=b'{"MaxResults": 1}',
        headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "AWSCognitoIdentityProviderService.ListUserPools",
        },
    )
    assert listed.status_code == 200 and "UserPools" in listed.json()
