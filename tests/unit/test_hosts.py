"""The Host and Origin check against DNS rebinding: which names and origins are answered."""

from __future__ import annotations

import pytest

from console.emulator.core.context import ServerConfig
from console.emulator.core.hosts import AllowedHosts, for_server, hostname


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("localhost:9229", "localhost"),
        ("LocalHost", "localhost"),
        ("[::1]:9229", "[::1]"),
        ("[::1]", "[::1]"),
        ("127.0.0.1:", "127.0.0.1"),
        ("evil.example:80", "evil.example"),
        ("localhost:9229@evil.example", None),
        ("localhost:x", None),
        ("[::1", None),
        ("[::1]x", None),
    ],
)
def test_hostname(value: str, name: str | None) -> None:
    assert hostname(value) == name


def scope(host: str | None = None, origin: str | None = None, method: str = "POST") -> dict:
    headers = [(b"host", host.encode())] if host is not None else []
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    return {"method": method, "headers": headers}


@pytest.mark.parametrize("host", ["localhost:1", "127.0.0.1:1", "[::1]:1", "a.b.localhost", "LOCALHOST"])
def test_loopback_names_are_allowed(host: str) -> None:
    assert AllowedHosts().refusal(scope(host)) is None


@pytest.mark.parametrize(
    "host", ["evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "10.0.0.1", "localhost:1@evil", "0x7f.1"]
)
def test_other_names_are_refused(host: str) -> None:
    refused = AllowedHosts().refusal(scope(host))
    assert refused is not None and refused.status == 403 and refused.code == "AccessDeniedException"


def test_a_request_without_host_is_not_a_browser_s() -> None:
    assert AllowedHosts().refusal(scope()) is None


def test_configured_names_and_wildcards() -> None:
    allowed = AllowedHosts(["Cognito.Dev.Test:9229", "*.corp.test", " "])
    assert allowed.refusal(scope("cognito.dev.test")) is None
    assert allowed.refusal(scope("team.corp.test:443")) is None
    assert allowed.refusal(scope("corp.test")) is not None  # the wildcard is for names under it
    assert allowed.refusal(scope("corp.test.evil.example")) is not None
    assert AllowedHosts(["*"]).refusal(scope("anything.example")) is None


@pytest.mark.parametrize(
    ("origin", "method", "allowed"),
    [
        ("http://localhost:3000", "POST", True),
        ("https://app.localhost", "POST", True),
        ("http://[::1]:8080", "PUT", True),
        ("http://evil.example", "POST", False),
        ("http://evil.example", "DELETE", False),
        ("null", "POST", False),
        ("file://", "POST", False),
        ("ftp://localhost", "POST", False),
        ("http://evil.example", "GET", True),  # changes nothing; the browser keeps the answer from the page
        ("http://evil.example", "OPTIONS", True),
    ],
)
def test_origins(origin: str, method: str, allowed: bool) -> None:
    assert (AllowedHosts().refusal(scope("localhost", origin, method)) is None) is allowed


def test_repeated_host_or_origin_is_refused() -> None:
    twice = {"method": "POST", "headers": [(b"host", b"localhost"), (b"host", b"evil.example")]}
    assert AllowedHosts().refusal(twice) is not None
    twice = {"method": "POST", "headers": [(b"origin", b"http://localhost"), (b"origin", b"http://evil.example")]}
    assert AllowedHosts().refusal(twice) is not None


def test_the_check_applies_on_loopback_and_where_names_are_configured() -> None:
    assert for_server(ServerConfig(host="127.0.0.1")) is not None
    assert for_server(ServerConfig(host="::1")) is not None
    assert for_server(ServerConfig(host="0.0.0.0")) is None  # noqa: S104 - a configuration, nothing binds
    beyond = for_server(ServerConfig(host="192.0.2.7", allowed_hosts=("cognito.lan",)))
    assert beyond is not None
    assert beyond.refusal(scope("cognito.lan:9229")) is None
    assert beyond.refusal(scope("192.0.2.7:9229")) is None  # the address it listens on
    assert beyond.refusal(scope("evil.example")) is not None
    everywhere = for_server(ServerConfig(host="0.0.0.0", allowed_hosts=("cognito.lan",)))  # noqa: S104
    assert everywhere is not None and everywhere.refusal(scope("0.0.0.0")) is not None  # noqa: S104


def test_the_public_url_s_name_is_allowed() -> None:
    allowed = for_server(ServerConfig(host="127.0.0.1", public_url="http://cognito.test:9229"))
    assert allowed is not None and allowed.refusal(scope("cognito.test:9229")) is None
