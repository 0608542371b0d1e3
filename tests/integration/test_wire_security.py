"""What the local Cognito refuses at the door: foreign host names and origins on loopback (DNS rebinding),
unsigned ``/_emulator/*`` calls beyond loopback, and requests that would hold a connection or memory forever."""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import boto3
import httpx
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from tests.localcognito import LocalCognito, start

TARGET = "AWSCognitoIdentityProviderService."
KEYS = {"COGNITO_LOCAL_ACCESS_KEY_ID": "AKIDLOCALTEST", "COGNITO_LOCAL_SECRET_ACCESS_KEY": "s3cr3t/local+key"}
JSON = "application/x-amz-json-1.1"


def call(base: str, operation: str, body: dict[str, Any], **headers: str) -> httpx.Response:
    return httpx.post(
        base + "/",
        content=json.dumps(body),
        headers={"Content-Type": JSON, "X-Amz-Target": TARGET + operation, **headers},
        timeout=10,
    )


def refused(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["__type"] == code, body
    assert r.headers["x-amzn-ErrorType"].startswith(code)
    return body


def address(server: LocalCognito) -> tuple[str, int]:
    url = urlsplit(server.base_url)
    assert url.hostname is not None and url.port is not None
    return url.hostname, url.port


# -- DNS rebinding: on loopback, only loopback host names and origins ----------------------------------


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.nip.io", "localhost.evil.example", "10.0.0.1"])
def test_a_foreign_host_name_is_refused_on_loopback(cognito: LocalCognito, host: str) -> None:
    """A page whose name was rebound to 127.0.0.1 sends its own name as Host: it reaches neither the admin
    API nor the outbox."""
    port = address(cognito)[1]
    body = refused(
        call(cognito.base_url, "ListUserPools", {"MaxResults": 1}, Host=f"{host}:{port}"), 403, "AccessDeniedException"
    )
    assert host in body["message"] and "--allowed-hosts" in body["message"]
    r = httpx.get(cognito.base_url + "/_emulator/outbox", headers={"Host": f"{host}:{port}"}, timeout=10)
    refused(r, 403, "AccessDeniedException")


@pytest.mark.parametrize(
    "host",
    ["localhost", "LOCALHOST:{port}", "localhost:{port}", "127.0.0.1:{port}", "[::1]:{port}", "app.localhost:{port}"],
)
def test_loopback_host_names_are_served(cognito: LocalCognito, host: str) -> None:
    port = address(cognito)[1]
    r = call(cognito.base_url, "ListUserPools", {"MaxResults": 1}, Host=host.format(port=port))
    assert r.status_code == 200, r.text


def test_a_second_host_header_is_refused(cognito: LocalCognito) -> None:
    """HTTP clients refuse to send two Host headers; an attacker's raw socket need not."""
    host, port = address(cognito)
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(
            f"GET /_emulator/outbox HTTP/1.1\r\nHost: {host}:{port}\r\nHost: evil.example\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 403"), answer[:200]
    body = json.loads(answer.split(b"\r\n\r\n", 1)[1])
    assert body["__type"] == "AccessDeniedException" and "more than one Host" in body["message"]


@pytest.mark.parametrize("origin", ["http://evil.example", "https://localhost.evil.example:3000", "null"])
def test_a_foreign_origin_cannot_call(cognito: LocalCognito, origin: str) -> None:
    refused(call(cognito.base_url, "ListUserPools", {"MaxResults": 1}, Origin=origin), 403, "AccessDeniedException")
    r = httpx.post(cognito.base_url + "/_emulator/clock", json={"advance": 0}, headers={"Origin": origin}, timeout=10)
    refused(r, 403, "AccessDeniedException")


@pytest.mark.parametrize(
    "origin", ["http://localhost:3000", "http://127.0.0.1:5173", "http://[::1]:8080", "https://app.localhost"]
)
def test_a_browser_app_on_loopback_signs_up_and_in(
    idp: Any, pool: dict[str, Any], cognito: LocalCognito, origin: str
) -> None:
    """amazon-cognito-identity-js in a page on http://localhost:3000 calls the public operations directly."""
    app = idp.create_user_pool_client(
        UserPoolId=pool["Id"],
        ClientName="spa",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    name = f"web{uuid.uuid4().hex[:8]}"
    r = call(
        cognito.base_url, "SignUp", {"ClientId": app, "Username": name, "Password": "Br0wser-Passw0rd!"}, Origin=origin
    )
    assert r.status_code == 200, r.text
    idp.admin_confirm_sign_up(UserPoolId=pool["Id"], Username=name)
    r = call(
        cognito.base_url,
        "InitiateAuth",
        {
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": app,
            "AuthParameters": {"USERNAME": name, "PASSWORD": "Br0wser-Passw0rd!"},
        },
        Origin=origin,
    )
    assert r.status_code == 200, r.text
    assert "AccessToken" in r.json()["AuthenticationResult"]


def test_a_cross_origin_read_of_health_is_harmless(cognito: LocalCognito) -> None:
    # GET changes nothing: a foreign Origin there is allowed (the browser keeps the answer from the page).
    r = httpx.get(cognito.base_url + "/_emulator/health", headers={"Origin": "http://evil.example"}, timeout=10)
    assert r.status_code == 200


def test_allowed_hosts_from_the_environment(tmp_path: Path) -> None:
    """COGNITO_LOCAL_ALLOWED_HOSTS as --allowed-hosts (which test_beyond_loopback_allowed_hosts_still_apply uses)."""
    server = start(tmp_path, env={"COGNITO_LOCAL_ALLOWED_HOSTS": "cognito.dev.test, *.corp.test"})
    try:
        port = address(server)[1]
        for host in ("cognito.dev.test", "team.corp.test", "COGNITO.dev.test", "localhost"):
            r = call(
                server.base_url, "ListUserPools", {"MaxResults": 1}, Host=f"{host}:{port}", Origin=f"http://{host}:3000"
            )
            assert r.status_code == 200, (host, r.text)
        refused(
            call(server.base_url, "ListUserPools", {"MaxResults": 1}, Host="corp.test.evil.example"),
            403,
            "AccessDeniedException",
        )
    finally:
        assert server.stop() == 0


# -- beyond loopback: /_emulator/* is signed like the admin API ---------------------------------------


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCognito]:
    # 127.0.0.2 is on the loopback interface but is not the loopback default: the server treats it as public.
    server = start(tmp_path_factory.mktemp("public"), "--host", "127.0.0.2", "--movable-clock", env=KEYS)
    yield server
    assert server.stop() == 0


def signed(
    method: str, url: str, body: bytes = b"", secret: str = KEYS["COGNITO_LOCAL_SECRET_ACCESS_KEY"]
) -> httpx.Response:
    request = AWSRequest(
        method=method, url=url, data=body, headers={"Content-Type": "application/json"} if body else {}
    )
    SigV4Auth(Credentials(KEYS["COGNITO_LOCAL_ACCESS_KEY_ID"], secret), "cognito-idp", "us-east-1").add_auth(request)
    return httpx.request(method, url, content=body, headers=dict(request.headers.items()), timeout=10)


def test_the_outbox_beyond_loopback_needs_a_signature(public: LocalCognito) -> None:
    admin = boto3.client(
        "cognito-idp",
        endpoint_url=public.base_url,
        region_name="us-east-1",
        aws_access_key_id=KEYS["COGNITO_LOCAL_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["COGNITO_LOCAL_SECRET_ACCESS_KEY"],
    )
    pool = admin.create_user_pool(PoolName="outbox")["UserPool"]["Id"]
    admin.admin_create_user(
        UserPoolId=pool,
        Username="ada",
        TemporaryPassword="Temp0rary!pw",
        UserAttributes=[{"Name": "email", "Value": "ada@example.com"}],
        DesiredDeliveryMediums=["EMAIL"],
    )
    url = f"{public.base_url}/_emulator/outbox?user_pool_id={pool}"
    refused(httpx.get(url, timeout=10), 403, "MissingAuthenticationTokenException")
    refused(signed("GET", url, secret="wrong"), 403, "InvalidSignatureException")
    r = signed("GET", url)
    assert r.status_code == 200, r.text
    [mail] = r.json()
    assert "Temp0rary!pw" in mail["body"]


def test_every_emulator_endpoint_beyond_loopback_needs_a_signature(public: LocalCognito) -> None:
    clock = f"{public.base_url}/_emulator/clock"
    refused(httpx.get(clock, timeout=10), 403, "MissingAuthenticationTokenException")
    refused(httpx.post(clock, json={"advance": 60}, timeout=10), 403, "MissingAuthenticationTokenException")
    refused(
        httpx.get(f"{public.base_url}/_emulator/no-such-thing", timeout=10), 403, "MissingAuthenticationTokenException"
    )
    before = signed("GET", clock).json()["offset"]
    moved = signed("POST", clock, json.dumps({"advance": 60}).encode())
    assert moved.status_code == 200, moved.text
    assert moved.json()["offset"] == before + 60
    # The signature covers the body: a signed request's body cannot be swapped.
    request = AWSRequest(method="POST", url=clock, data=b'{"advance": 1}', headers={"Content-Type": "application/json"})
    SigV4Auth(Credentials(*KEYS.values()), "cognito-idp", "us-east-1").add_auth(request)
    swapped = httpx.post(clock, content=b'{"advance": 86400}', headers=dict(request.headers.items()), timeout=10)
    refused(swapped, 403, "InvalidSignatureException")
    assert signed("GET", clock).json()["offset"] == before + 60


def test_health_stays_open_beyond_loopback(public: LocalCognito) -> None:
    r = httpx.get(public.base_url + "/_emulator/health", timeout=10)
    assert r.status_code == 200
    assert r.json()["service"] == "cognito-local"


def test_beyond_loopback_any_host_name_is_served(public: LocalCognito) -> None:
    r = httpx.get(public.base_url + "/_emulator/health", headers={"Host": "cognito.lan:9229"}, timeout=10)
    assert r.status_code == 200


def test_beyond_loopback_allowed_hosts_still_apply(tmp_path: Path) -> None:
    server = start(tmp_path, "--host", "127.0.0.2", "--allowed-hosts", "cognito.lan", env=KEYS)
    try:
        health = server.base_url + "/_emulator/health"
        assert httpx.get(health, headers={"Host": "cognito.lan:9229"}, timeout=10).status_code == 200
        assert httpx.get(health, timeout=10).status_code == 200  # the address it listens on
        refused(httpx.get(health, headers={"Host": "evil.example"}, timeout=10), 403, "AccessDeniedException")
    finally:
        assert server.stop() == 0


# -- limits: no request holds a connection or memory forever ---------------------------------------------


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCognito]:
    """A server that gives up on an incomplete request after 1 s and serves at most 20 connections."""
    server = start(
        tmp_path_factory.mktemp("limited"),
        "--workers",
        "0",
        env={"COGNITO_LOCAL_REQUEST_TIMEOUT": "1", "COGNITO_LOCAL_MAX_CONNECTIONS": "20"},
    )
    yield server
    assert server.stop() == 0


def closed_within(sock: socket.socket, seconds: float) -> bytes:
    """What the server sent before closing ``sock``; fails if it is still open after ``seconds``."""
    sock.settimeout(seconds)
    out = b""
    try:
        while chunk := sock.recv(65536):
            out += chunk
    except TimeoutError:
        pytest.fail(f"the connection is still open after {seconds} s")
    except ConnectionResetError:
        pass
    return out


@pytest.mark.parametrize(
    "sent",
    [
        b"",  # connects and says nothing
        b"POST / HTT",  # half a request line
        b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: ",  # headers that never end
        b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{",  # a body that never ends
    ],
)
def test_an_incomplete_request_is_closed_after_the_timeout(limited: LocalCognito, sent: bytes) -> None:
    started = time.monotonic()
    with socket.create_connection(address(limited), timeout=10) as s:
        s.sendall(sent)
        closed_within(s, 4)
    assert time.monotonic() - started < 4


def test_headers_trickled_in_are_closed_at_the_deadline(limited: LocalCognito) -> None:
    """One byte every 0.2 s keeps the connection busy but never completes: the deadline counts from the start."""
    started = time.monotonic()
    with socket.create_connection(address(limited), timeout=10) as s:
        s.sendall(b"GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        try:
            while time.monotonic() - started < 6:
                s.sendall(b"a")
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass
    assert time.monotonic() - started < 4


def test_a_kept_alive_connection_is_served_past_the_request_timeout(limited: LocalCognito) -> None:
    """The timeout is for one request, not the connection: a client that keeps asking keeps it."""
    with httpx.Client(timeout=10) as c:
        for _ in range(6):
            assert c.get(limited.base_url + "/_emulator/health").status_code == 200
            time.sleep(0.4)


def rss_kb(server: LocalCognito) -> int:
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the server's RSS from /proc")
def test_a_huge_header_is_refused_without_being_held(limited: LocalCognito) -> None:
    before = rss_kb(limited)
    for size in (1024 * 1024, 64 * 1024 * 1024):
        with socket.create_connection(address(limited), timeout=10) as s:
            head = b"GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
            try:
                s.sendall(head)
                chunk = b"a" * (1024 * 1024)
                for _ in range(size // len(chunk)):
                    s.sendall(chunk)
                s.sendall(b"\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server closed the connection once the headers passed the limit
            answer = closed_within(s, 4)
        assert answer == b"" or answer.startswith(b"HTTP/1.1 431"), answer[:200]
        if answer:
            assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["__type"] == "RequestHeaderSectionTooLarge"
    assert rss_kb(limited) - before < 16 * 1024, "the server kept the header in memory"
    assert httpx.get(limited.base_url + "/_emulator/health", timeout=10).status_code == 200


def test_headers_under_the_limit_and_a_large_body_are_served(limited: LocalCognito) -> None:
    r = httpx.get(limited.base_url + "/_emulator/health", headers={"X-Large": "a" * 32 * 1024}, timeout=10)
    assert r.status_code == 200
    # A 900 KB body arrives in chunks far beyond the header limit while the request's headers are long done.
    body = b'{"MaxResults": 1' + b" " * 900 * 1024 + b"}"
    r = httpx.post(
        limited.base_url + "/",
        content=body,
        headers={"Content-Type": JSON, "X-Amz-Target": TARGET + "ListUserPools"},
        timeout=10,
    )
    assert r.status_code == 200, r.text


def test_beyond_the_connection_limit_the_answer_is_an_aws_503(limited: LocalCognito) -> None:
    held = [socket.create_connection(address(limited), timeout=10) for _ in range(20)]
    try:
        time.sleep(0.2)
        r = httpx.get(limited.base_url + "/_emulator/health", timeout=10)
        body = refused(r, 503, "ServiceUnavailableException")
        assert "20" in body["message"]
    finally:
        for s in held:
            s.close()
    time.sleep(0.2)
    assert httpx.get(limited.base_url + "/_emulator/health", timeout=10).status_code == 200


def test_fifty_clients_at_once_are_served(cognito: LocalCognito, pool: dict[str, Any]) -> None:
    """A soak far below the default limit of 1000: every call of 50 clients on their own connections succeeds."""
    statuses: list[int] = []
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(timeout=30) as c:
            for _ in range(20):
                r = c.post(
                    cognito.base_url + "/",
                    content=json.dumps({"UserPoolId": pool["Id"]}),
                    headers={"Content-Type": JSON, "X-Amz-Target": TARGET + "DescribeUserPool"},
                )
                with lock:
                    statuses.append(r.status_code)

    threads = [threading.Thread(target=client) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200] * 1000
