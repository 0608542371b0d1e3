"""The wire protocol: AWS-shaped errors for every malformed request, and the server keeps serving."""

from __future__ import annotations

import json

import httpx
import pytest

TARGET = "AWSCognitoIdentityProviderService"


def post(base: str, op: str | None, body: bytes | str, headers: dict[str, str] | None = None) -> httpx.Response:
    h = {"Content-Type": "application/x-amz-json-1.1"}
    if op is not None:
        h["X-Amz-Target"] = f"{TARGET}.{op}" if "." not in op else op
    h.update(headers or {})
    return httpx.post(base + "/", content=body, headers=h, timeout=10)


def assert_aws_error(r: httpx.Response, code: str, status: int = 400) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["__type"] == code, body
    assert isinstance(body["message"], str)
    assert r.headers["x-amzn-ErrorType"].startswith(code)
    return body


def test_unknown_operation(cognito):
    assert_aws_error(post(cognito.base_url, "NoSuchOperation", "{}"), "UnknownOperationException")


def test_unknown_target_prefix(cognito):
    assert_aws_error(post(cognito.base_url, "DynamoDB_20120810.GetItem", "{}"), "UnknownOperationException")


def test_missing_target(cognito):
    assert_aws_error(post(cognito.base_url, None, "{}"), "UnknownOperationException")


@pytest.mark.parametrize("body", [b"{", b"not json", b"\xff\xfe", b"[1,2", b'{"a":'])
def test_bad_json(cognito, body):
    assert_aws_error(post(cognito.base_url, "DescribeUserPool", body), "SerializationException")


def test_wrong_types(cognito):
    r = post(cognito.base_url, "DescribeUserPool", json.dumps({"UserPoolId": 5}))
    assert_aws_error(r, "SerializationException")
    r = post(cognito.base_url, "ListUserPools", json.dumps({"MaxResults": "ten"}))
    assert_aws_error(r, "SerializationException")
    r = post(cognito.base_url, "ListUserPools", json.dumps([1, 2]))
    assert_aws_error(r, "SerializationException")


def test_missing_member_and_empty_body(cognito):
    body = assert_aws_error(post(cognito.base_url, "DescribeUserPool", ""), "InvalidParameterException")
    assert body["message"] == (
        "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null"
    )


def test_pattern_and_length(cognito):
    body = assert_aws_error(
        post(cognito.base_url, "DescribeUserPool", json.dumps({"UserPoolId": "nope"})),
        "InvalidParameterException",
    )
    assert (
        "Value 'nope' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression"
        in (body["message"])
    )
    body = assert_aws_error(
        post(cognito.base_url, "DescribeUserPool", json.dumps({"UserPoolId": "us-east-1_" + "a" * 60})),
        "InvalidParameterException",
    )
    assert "Member must have length less than or equal to 55" in body["message"]


def test_sensitive_values_not_echoed(cognito):
    r = post(
        cognito.base_url,
        "AdminSetUserPassword",
        json.dumps({"UserPoolId": "us-east-1_abc", "Username": "x", "Password": ""}),
    )
    body = assert_aws_error(r, "InvalidParameterException")
    assert "Value at 'password'" in body["message"]


def test_oversize_body(cognito):
    r = post(cognito.base_url, "DescribeUserPool", b"{" + b" " * (5 * 1024 * 1024) + b"}")
    assert_aws_error(r, "SerializationException", 413)


def test_unknown_path_is_aws_shaped(cognito):
    r = httpx.get(cognito.base_url + "/no/such/path", timeout=10)
    assert r.status_code == 404
    assert r.json()["__type"] == "ResourceNotFoundException"


def test_still_serving(cognito):
    r = httpx.get(cognito.base_url + "/_emulator/health", timeout=10)
    assert r.status_code == 200


def test_a_forged_pagination_token_with_a_huge_number_is_refused(idp, pool):
    """Pagination tokens are read with json, which keeps a 70-bit integer exact (orjson would make it a
    float and let the token through)."""
    import base64

    from botocore.exceptions import ClientError

    token = base64.urlsafe_b64encode(json.dumps([2**70, "x"]).encode()).decode().rstrip("=")
    with pytest.raises(ClientError) as exc:
        idp.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=1, NextToken=token)
    assert exc.value.response["Error"]["Code"] == "InvalidParameterException"


def test_a_client_that_half_closes_after_its_request_still_gets_the_answer(cognito):
    """Responses leave in one write at the end of the event loop's turn; a client's FIN read in between
    must not lose them (the server flushes before it closes)."""
    import socket
    from urllib.parse import urlsplit

    url = urlsplit(cognito.base_url)
    answered = 0
    for _ in range(30):
        with socket.create_connection((url.hostname, url.port), timeout=5) as s:
            s.sendall(b"GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            s.shutdown(socket.SHUT_WR)
            out = b""
            while chunk := s.recv(65536):
                out += chunk
        answered += out.startswith(b"HTTP/1.1 200")
    assert answered == 30
