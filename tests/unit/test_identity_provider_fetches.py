"""What the local Cognito may fetch where a caller points it (SAML metadata, OIDC discovery, an identity
provider's token and keys endpoints, core/fetch.py): global addresses, loopback only while the server is
on loopback, every address of a name and every redirect checked, redirects and bodies bounded."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast

import httpx
import pytest

from console.emulator.core import fetch as core_fetch
from console.emulator.core.context import RequestContext, ServerConfig
from console.emulator.core.fetch import ALLOW_PRIVATE_FETCH_ENV, MAX_BODY, MAX_REDIRECTS, address_allowed


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.5.4",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",  # a cloud's instance metadata service
        "100.64.0.1",  # shared address space (carrier-grade NAT)
        "0.0.0.0",  # noqa: S104 - an address to refuse: connecting to it reaches this machine
        "fc00::1",
        "fd00:ec2::254",  # the metadata service over IPv6
        "fe80::1",
        "::",
        "::ffff:10.0.0.1",  # an IPv4-mapped private address
        "::ffff:169.254.169.254",
        "224.0.0.1",
        "not an address",
    ],
)
def test_private_link_local_and_special_addresses_are_refused(address: str) -> None:
    assert not address_allowed(address, loopback=True)
    assert not address_allowed(address, loopback=False)


@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"])
def test_loopback_only_when_allowed(address: str) -> None:
    assert address_allowed(address, loopback=True)
    assert not address_allowed(address, loopback=False)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "172.32.0.1"])
def test_global_addresses_are_allowed(address: str) -> None:
    assert address_allowed(address, loopback=False)


def context(host: str = "127.0.0.1") -> RequestContext:
    return RequestContext(store=cast(Any, None), config=ServerConfig(host=host))


@pytest.fixture
def gets(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs the fetch actually requested (after any address was checked)."""
    seen: list[str] = []
    real = httpx.AsyncClient.send

    async def send(self: httpx.AsyncClient, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        seen.append(str(request.url))
        return await real(self, request, **kwargs)

    monkeypatch.setattr(httpx.AsyncClient, "send", send)
    return seen


@pytest.fixture
def redirecting() -> Iterator[tuple[str, dict[str, str]]]:
    """A loopback server answering each path in ``routes`` with a redirect to its value, and 200 'ok' to
    /ok; its base URL and the routes, which the test fills in."""
    routes: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/ok":
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
                return
            if self.path == "/slow":  # a byte at a time, each within the per-step timeout
                self.send_response(200)
                self.end_headers()
                try:
                    for _ in range(20):
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(0.05)
                except BrokenPipeError:  # the fetch gave up: what the test wants
                    pass
                return
            if self.path == "/deep":  # JSON nested past what a parser's recursion allows, within the size limit
                body = b"[" * 200_000 + b"]" * 200_000
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            if self.path == "/large":  # past the limit, its length not announced
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"x" * (MAX_BODY + 1))
                return
            self.send_response(302)
            self.send_header("Location", routes.get(self.path, self.path))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", routes
    server.shutdown()
    server.server_close()
    thread.join(5)


def fetch(url: str, host: str = "127.0.0.1") -> bytes | None:
    response = asyncio.run(core_fetch.get(context(host), url))
    return response.content if response is not None else None


def test_loopback_is_fetched_from_a_loopback_server(redirecting: tuple[str, dict[str, str]]) -> None:
    base, routes = redirecting
    routes["/start"] = f"{base}/ok"
    assert fetch(f"{base}/start") == b"ok"


def test_loopback_is_not_fetched_from_a_server_others_reach(
    redirecting: tuple[str, dict[str, str]], gets: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, _ = redirecting
    assert fetch(f"{base}/ok", host="0.0.0.0") is None  # noqa: S104 - the server's listening address
    assert gets == []
    monkeypatch.setenv(ALLOW_PRIVATE_FETCH_ENV, "1")
    assert fetch(f"{base}/ok", host="0.0.0.0") == b"ok"  # noqa: S104


@pytest.mark.parametrize(
    "location",
    [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://10.1.2.3:8080/admin",
        "http://[::ffff:192.168.0.1]/",
        "file:///etc/passwd",
    ],
)
def test_a_redirect_elsewhere_is_not_followed(
    redirecting: tuple[str, dict[str, str]], gets: list[str], location: str
) -> None:
    base, routes = redirecting
    routes["/start"] = location
    assert fetch(f"{base}/start") is None
    assert gets == [f"{base}/start"]  # the redirect's target was never asked


def test_redirects_are_bounded(redirecting: tuple[str, dict[str, str]], gets: list[str]) -> None:
    base, routes = redirecting
    for i in range(MAX_REDIRECTS):
        routes[f"/{i}"] = f"/{i + 1}"
    routes[f"/{MAX_REDIRECTS - 1}"] = "/ok"
    assert fetch(f"{base}/0") == b"ok"  # MAX_REDIRECTS redirects, then the answer
    gets.clear()
    routes[f"/{MAX_REDIRECTS - 1}"] = f"/{MAX_REDIRECTS}"
    routes[f"/{MAX_REDIRECTS}"] = "/ok"
    assert fetch(f"{base}/0") is None  # one more is too many
    assert len(gets) == MAX_REDIRECTS + 1
    routes["/loop"] = "/loop"
    assert fetch(f"{base}/loop") is None


def test_every_address_of_a_name_is_checked(gets: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that resolves to a public address and to a private one is refused: the connection could go
    to either."""

    async def resolve(host: str, port: int) -> list[str]:
        return {"idp.example.com": ["93.184.216.34", "10.0.0.7"], "internal.example.com": ["169.254.169.254"]}[host]

    monkeypatch.setattr(core_fetch, "_resolve", resolve)
    assert fetch("https://idp.example.com/metadata") is None
    assert fetch("https://internal.example.com/metadata") is None
    assert gets == []


def test_the_connection_goes_to_the_checked_address(gets: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The name is resolved once, here: the request goes to the address that was checked, under the name
    (a second resolution, by the HTTP client, could answer a private address: DNS rebinding)."""

    async def resolve(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    monkeypatch.setattr(core_fetch, "_resolve", resolve)
    fetch("http://rebinding.example.com:9/metadata")
    assert gets == ["http://127.0.0.1:9/metadata"]


def test_a_body_past_the_limit_is_not_read(redirecting: tuple[str, dict[str, str]]) -> None:
    base, _ = redirecting
    assert fetch(f"{base}/large") is None
    assert fetch(f"{base}/ok") == b"ok"


def test_a_post_is_answered_whatever_its_status_and_not_redirected(
    redirecting: tuple[str, dict[str, str]], gets: list[str]
) -> None:
    """A token endpoint's 400 is read by the caller (its error); a POST's redirect is not followed."""
    base, routes = redirecting
    routes["/start"] = f"{base}/ok"
    response = asyncio.run(core_fetch.request(context(), "POST", f"{base}/start", data={"a": "b"}))
    assert response is not None
    assert response.status_code == 501  # BaseHTTPRequestHandler has no do_POST
    assert gets == [f"{base}/start"]


def test_a_slow_answer_is_cut_off_at_the_deadline(
    redirecting: tuple[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, _ = redirecting
    assert fetch(f"{base}/slow") == b"x" * 20
    monkeypatch.setattr(core_fetch, "DEADLINE", 0.5)
    assert fetch(f"{base}/slow") is None


def test_json_nested_too_deep_to_parse_is_no_document(redirecting: tuple[str, dict[str, str]]) -> None:
    base, _routes = redirecting
    assert asyncio.run(core_fetch.get_json(context(), f"{base}/deep")) is None
