"""Beyond loopback, admin calls must be SigV4-signed with the configured key pair."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import httpx
import pytest
from botocore import UNSIGNED
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from tests.localcognito import LocalCognito, start

KEYS = {"COGNITO_LOCAL_ACCESS_KEY_ID": "AKIDLOCALTEST", "COGNITO_LOCAL_SECRET_ACCESS_KEY": "s3cr3t/local+key"}


def client(base: str, key: str, secret: str, unsigned: bool = False):
    config = Config(retries={"max_attempts": 1}, signature_version=UNSIGNED if unsigned else None)
    return boto3.client(
        "cognito-idp",
        endpoint_url=base,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=config,
    )


def test_signed_admin_calls_beyond_loopback(tmp_path: Path) -> None:
    # 127.0.0.2 is on the loopback interface but is not the loopback default: the server treats it as public.
    server = start(tmp_path, "--host", "127.0.0.2", env=KEYS)
    try:
        good = client(server.base_url, KEYS["COGNITO_LOCAL_ACCESS_KEY_ID"], KEYS["COGNITO_LOCAL_SECRET_ACCESS_KEY"])
        good.list_user_pools(MaxResults=10)
        with pytest.raises(ClientError) as wrong_secret:
            client(server.base_url, KEYS["COGNITO_LOCAL_ACCESS_KEY_ID"], "nope").list_user_pools(MaxResults=10)
        assert wrong_secret.value.response["Error"]["Code"] == "InvalidSignatureException"
        with pytest.raises(ClientError) as wrong_key:
            client(server.base_url, "AKIDOTHER", "x").list_user_pools(MaxResults=10)
        assert wrong_key.value.response["Error"]["Code"] == "UnrecognizedClientException"
        with pytest.raises(ClientError) as unsigned:
            client(server.base_url, "a", "b", unsigned=True).list_user_pools(MaxResults=10)
        assert unsigned.value.response["Error"]["Code"] == "MissingAuthenticationTokenException"
    finally:
        assert server.stop() == 0


def test_refuses_to_listen_beyond_loopback_without_keys(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="did not start"):
        start(tmp_path, "--host", "127.0.0.2")


# -- a captured signature cannot be reused for another request ------------------------------------------

TARGET = "AWSCognitoIdentityProviderService."
KEY, SECRET = KEYS["COGNITO_LOCAL_ACCESS_KEY_ID"], KEYS["COGNITO_LOCAL_SECRET_ACCESS_KEY"]


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCognito]:
    """A local Cognito that listens beyond loopback, so admin calls must be signed."""
    server = start(tmp_path_factory.mktemp("public"), "--host", "127.0.0.2", env=KEYS)
    yield server
    assert server.stop() == 0


def signed_headers(base: str, operation: str, body: bytes, service: str = "cognito-idp") -> list[tuple[str, str]]:
    """The headers botocore's SigV4Auth sends for ``operation`` with ``body``: what an eavesdropper captures."""
    request = AWSRequest(
        method="POST",
        url=base + "/",
        data=body,
        headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + operation},
    )
    SigV4Auth(Credentials(KEY, SECRET), service, "us-east-1").add_auth(request)
    return list(request.headers.items())


def sign(
    base: str,
    headers: dict[str, str],
    body: bytes,
    *,
    signed: list[str],
    date: str | None = None,
    region: str = "us-east-1",
    service: str = "cognito-idp",
    terminal: str = "aws4_request",
    at: float | None = None,
) -> list[tuple[str, str]]:
    """A valid signature under the key pair, with the scope, signed headers and time the test chooses."""
    amz_date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(at))
    all_headers = {"host": urlsplit(base).netloc, "x-amz-date": amz_date, **{k.lower(): v for k, v in headers.items()}}
    canonical = "\n".join(
        [
            "POST",
            "/",
            "",
            "".join(f"{h}:{all_headers[h]}\n" for h in signed),
            ";".join(signed),
            hashlib.sha256(body).hexdigest(),
        ]
    )
    scope = f"{date or amz_date[:8]}/{region}/{service}/{terminal}"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = f"AWS4{SECRET}".encode()
    for part in scope.split("/"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    auth = f"AWS4-HMAC-SHA256 Credential={KEY}/{scope}, SignedHeaders={';'.join(signed)}, Signature={signature}"
    return [*((k, v) for k, v in all_headers.items() if k != "host"), ("Authorization", auth)]


def send(server: LocalCognito, headers: list[tuple[str, str]], body: bytes) -> httpx.Response:
    return httpx.post(server.base_url + "/", content=body, headers=headers, timeout=10)


def send_raw(server: LocalCognito, headers: list[tuple[str, str]], body: bytes) -> httpx.Response:
    """``send`` over a plain socket: HTTP clients refuse to send a second Host header, an attacker need not."""
    url = urlsplit(server.base_url)
    head = "".join(f"{k}: {v}\r\n" for k, v in [*headers, ("Content-Length", str(len(body))), ("Connection", "close")])
    with socket.create_connection((url.hostname, url.port), timeout=10) as s:
        s.sendall(f"POST / HTTP/1.1\r\n{head}\r\n".encode() + body)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    raw_headers, _, content = rest.partition(b"\r\n\r\n")
    fields = [line.split(b": ", 1) for line in raw_headers.split(b"\r\n")]
    return httpx.Response(int(status_line.split()[1]), headers=[(k, v) for k, v in fields], content=content)


def pool_names(server: LocalCognito) -> set[str]:
    idp = client(server.base_url, KEY, SECRET)
    return {p["Name"] for p in idp.list_user_pools(MaxResults=60)["UserPools"]}


def refused(r: httpx.Response, code: str, message: str = "") -> None:
    assert r.status_code in (400, 403), r.text
    assert r.json()["__type"] == code, r.text
    assert message in r.json()["message"]


def test_a_signature_replayed_with_another_operation_in_front_is_refused(public: LocalCognito) -> None:
    body = json.dumps({"MaxResults": 1}).encode()
    captured = signed_headers(public.base_url, "ListUserPools", body)
    name = f"replayed-{uuid.uuid4().hex[:6]}"
    forged = json.dumps({"PoolName": name}).encode()
    # The forged target first (what the dispatcher would read), the signed one last; the body's hash claimed
    # by an unsigned header.
    headers = [
        ("X-Amz-Target", TARGET + "CreateUserPool"),
        *captured,
        ("x-amz-content-sha256", hashlib.sha256(body).hexdigest()),
    ]
    refused(send(public, headers, forged), "InvalidSignatureException", "x-amz-target")
    assert name not in pool_names(public)


def test_a_signature_replayed_with_another_body_is_refused(public: LocalCognito) -> None:
    signed_name, forged_name = f"signed-{uuid.uuid4().hex[:6]}", f"forged-{uuid.uuid4().hex[:6]}"
    body = json.dumps({"PoolName": signed_name}).encode()
    captured = signed_headers(public.base_url, "CreateUserPool", body)
    headers = [*captured, ("x-amz-content-sha256", hashlib.sha256(body).hexdigest())]
    r = send(public, headers, json.dumps({"PoolName": forged_name}).encode())
    refused(r, "InvalidSignatureException", "x-amz-content-sha256")
    # Without the claimed hash, the body is hashed: the signature does not match the forged body.
    r = send(public, captured, json.dumps({"PoolName": forged_name}).encode())
    refused(r, "InvalidSignatureException", "does not match")
    assert forged_name not in pool_names(public)
    # The captured request as it was still works (within the 15 minutes AWS allows too).
    assert send(public, captured, body).status_code == 200
    assert signed_name in pool_names(public)


@pytest.mark.parametrize("header", ["Host", "X-Amz-Date", "Authorization", "Content-Type", "x-amz-content-sha256"])
def test_a_signed_request_with_a_repeated_header_is_refused(public: LocalCognito, header: str) -> None:
    body = json.dumps({"MaxResults": 1}).encode()
    captured = signed_headers(public.base_url, "ListUserPools", body)
    if header == "x-amz-content-sha256":
        captured.append((header, hashlib.sha256(body).hexdigest()))
    host = ("Host", urlsplit(public.base_url).netloc)
    value = next((v for k, v in [*captured, host] if k.lower() == header.lower()))
    r = send_raw(public, [host, (header, value), *captured], body)
    refused(r, "InvalidSignatureException", "more than one")


@pytest.mark.parametrize(
    ("unsigned", "message"),
    [
        ("x-amz-target", "'X-Amz-Target' must be a 'SignedHeader'"),
        ("host", "'Host' or ':authority' must be a 'SignedHeader'"),
        ("x-amz-date", "'X-Amz-Date' must be a 'SignedHeader'"),
    ],
)
def test_host_date_and_target_must_be_signed(public: LocalCognito, unsigned: str, message: str) -> None:
    name = f"unsigned-{uuid.uuid4().hex[:6]}"
    body = json.dumps({"PoolName": name}).encode()
    headers = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + "CreateUserPool"}
    signed = [h for h in ("content-type", "host", "x-amz-date", "x-amz-target") if h != unsigned]
    refused(
        send(public, sign(public.base_url, headers, body, signed=signed), body), "IncompleteSignatureException", message
    )
    assert name not in pool_names(public)


@pytest.mark.parametrize(
    ("scope", "message"),
    [
        ({"region": "eu-west-1"}, "Credential should be scoped to a valid region, not 'eu-west-1'."),
        ({"service": "logs"}, "Credential should be scoped to correct service: 'cognito-idp'."),
        ({"terminal": "aws4_reques"}, "Credential should be scoped with a valid terminator: 'aws4_request'"),
        ({"date": "20200101"}, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date"),
    ],
)
def test_the_credential_scope_must_name_this_request(public: LocalCognito, scope: dict[str, str], message: str) -> None:
    name = f"scoped-{uuid.uuid4().hex[:6]}"
    body = json.dumps({"PoolName": name}).encode()
    headers = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + "CreateUserPool"}
    signed = ["content-type", "host", "x-amz-date", "x-amz-target"]
    r = send(public, sign(public.base_url, headers, body, signed=signed, **scope), body)
    refused(r, "InvalidSignatureException", message)
    assert name not in pool_names(public)
    # The same request, scoped right, is accepted: the test's signer agrees with the server.
    assert send(public, sign(public.base_url, headers, body, signed=signed), body).status_code == 200


def test_a_logs_call_is_signed_for_logs(public: LocalCognito) -> None:
    logs = boto3.client(
        "logs",
        endpoint_url=public.base_url,
        region_name="us-east-1",
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
        config=Config(retries={"max_attempts": 1}),
    )
    logs.describe_log_groups()


@pytest.mark.parametrize(("minutes", "message"), [(-16, "Signature expired: "), (16, "Signature not yet current: ")])
def test_a_signature_from_beyond_fifteen_minutes_is_refused(public: LocalCognito, minutes: int, message: str) -> None:
    body = json.dumps({"MaxResults": 1}).encode()
    headers = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + "ListUserPools"}
    signed = ["content-type", "host", "x-amz-date", "x-amz-target"]
    r = send(public, sign(public.base_url, headers, body, signed=signed, at=time.time() + minutes * 60), body)
    refused(r, "InvalidSignatureException", message)
