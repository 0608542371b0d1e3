"""HTTP calls the local Cognito makes where a caller's configuration points, kept off private networks.

Identity providers' metadata and discovery documents, their token, keys and user info endpoints, client ID
metadata documents: these go where a caller's URL says, so they are kept from reaching what only this
machine's network can (server-side request forgery: a cloud's metadata service at 169.254.169.254, an
internal service). Every address the host name resolves to, for the first URL and for each redirect
(followed for GET, at most ``MAX_REDIRECTS``), must be a global one; private (10/8, 172.16/12, 192.168/16,
fc00::/7), link-local (169.254/16, fe80::/10), shared, reserved, multicast and unspecified addresses are
refused, and the connection goes to the address that was checked (a second resolution could answer
otherwise: DNS rebinding). Loopback is allowed while the server itself listens on loopback: an identity
provider on the developer's own machine is what a local Cognito is most often pointed at, and whoever can
call the server there can reach loopback anyway. A server others can reach refuses loopback too.
``COGNITO_LOCAL_ALLOW_PRIVATE_FETCH=1`` allows every address (an identity provider on the same private
network, in containers).

A call waits at most ``TIMEOUT`` seconds for each step and ``DEADLINE`` seconds in all (redirects included,
so a server that answers a byte at a time cannot hold a request for long), and reads at most ``MAX_BODY``
bytes; a call that is refused, unreachable, too slow, too large or fails in any other way answers None, as
an unreachable server does.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import os
import socket
from typing import TYPE_CHECKING, Any

from . import sigv4
from .context import RequestContext

if TYPE_CHECKING:
    import httpx

ALLOW_PRIVATE_FETCH_ENV = "COGNITO_LOCAL_ALLOW_PRIVATE_FETCH"
# [U] AWS documents no limit on the redirects it follows for a MetadataURL or an issuer's discovery
# document; five is what a well-behaved server needs, and bounds what a misbehaving one costs.
MAX_REDIRECTS = 5
TIMEOUT = 5.0
DEADLINE = 15.0
MAX_BODY = 1024 * 1024
_REDIRECTS = (301, 302, 303, 307, 308)
# Dropped from a response whose body was read here: the body is already decoded and its length known.
_READ_HEADERS = ("content-encoding", "content-length", "transfer-encoding")


def address_allowed(address: str, *, loopback: bool) -> bool:
    """Whether a call may connect to ``address``: a global one, or loopback when ``loopback`` is allowed."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:10.0.0.1 is 10.0.0.1
    if ip.is_loopback:
        return loopback
    return ip.is_global and not ip.is_multicast


def _allowances(ctx: RequestContext) -> tuple[bool, bool]:
    """(every address allowed, loopback allowed) for this server."""
    allow_all = os.environ.get(ALLOW_PRIVATE_FETCH_ENV, "").strip().lower() in ("1", "true", "yes", "on")
    return allow_all, allow_all or ctx.config.host in sigv4.LOOPBACK


async def _resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an address literal is its own)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


async def request(
    ctx: RequestContext,
    method: str,
    url: str,
    *,
    data: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response | None:
    """``method`` ``url`` (with ``data`` as a form body), following a GET's redirects: the final response,
    whatever its status, with its body read; None when refused or failed (see the module's docstring)."""
    # Imported here, where a call is made, not at start-up: httpx brings its command line's rich, click
    # and pygments with it (about 70 ms of a server's start).
    import httpx

    allow_all, loopback = _allowances(ctx)
    try:
        # trust_env off: through a proxy, the proxy would resolve and connect, and no address could be checked.
        async with (
            asyncio.timeout(DEADLINE),
            httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False, trust_env=False) as http,
        ):
            target = httpx.URL(url)
            for _ in range(MAX_REDIRECTS + 1):
                response = await _send(
                    http, method, target, data=data, headers=headers, allow_all=allow_all, loopback=loopback
                )
                if response is None:
                    return None
                location = response.headers.get("location")
                if method != "GET" or response.status_code not in _REDIRECTS or not location:
                    return response
                target = target.join(location)
    except Exception:
        # Unreachable, refused, too slow (TimeoutError), a name that does not resolve, a malformed URL
        # (httpx.InvalidURL), a port past 65535 (OverflowError from connect()): the server did not answer.
        return None
    return None  # too many redirects


async def _send(
    http: httpx.AsyncClient,
    method: str,
    url: httpx.URL,
    *,
    data: dict[str, str] | None,
    headers: dict[str, str] | None,
    allow_all: bool,
    loopback: bool,
) -> httpx.Response | None:
    """One request to an address of ``url``'s host that passed the check (the next address when one
    refuses the connection, as a client given several would), its body read up to MAX_BODY; None if an
    address is refused or the body is too large."""
    import httpx  # loaded by request() already

    if url.scheme not in ("http", "https") or not url.host:
        return None
    host = url.raw_host.decode("ascii")
    addresses = await _resolve(host, url.port or (443 if url.scheme == "https" else 80))
    if not addresses or not (allow_all or all(address_allowed(a, loopback=loopback) for a in addresses)):
        return None
    # The connection goes to an address that was checked, under the URL's own name (Host header, TLS SNI
    # and certificate check).
    sent = {"Accept": "*/*", **(headers or {}), "Host": url.netloc.decode("ascii")}
    extensions: dict[str, Any] = {"sni_hostname": host} if url.scheme == "https" else {}
    failure: Exception | None = None
    for address in addresses:
        outgoing = http.build_request(
            method, url.copy_with(host=address), data=data, headers=sent, extensions=extensions
        )
        try:
            response = await http.send(outgoing, stream=True)
        except httpx.ConnectError as exc:
            failure = exc
            continue
        try:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_BODY:
                return None
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > MAX_BODY:
                    return None
        finally:
            await response.aclose()
        kept = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _READ_HEADERS]
        read = httpx.Response(response.status_code, headers=kept, content=bytes(body), request=outgoing)
        read.read()
        return read
    assert failure is not None
    raise failure


async def get(ctx: RequestContext, url: str, headers: dict[str, str] | None = None) -> httpx.Response | None:
    """The response to GET ``url`` (after redirects) when it is a 200, else None."""
    response = await request(ctx, "GET", url, headers=headers)
    return response if response is not None and response.status_code == 200 else None


def encodable(document: Any) -> bool:
    """Whether every string of a decoded JSON document can be written as UTF-8: a ``\\ud800`` escape decodes
    to a lone surrogate, which neither SQLite nor an answer can hold."""
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, ValueError, RecursionError):
        return False
    return True


def json_of(response: httpx.Response) -> Any:
    """The response's body as JSON, or None when it is not JSON, nests deeper than the parser can go, or
    holds a lone surrogate."""
    try:
        document = response.json()
    except (ValueError, RecursionError):
        return None
    if b"\\u" in response.content and not encodable(document):
        return None
    return document


async def get_json(ctx: RequestContext, url: str, headers: dict[str, str] | None = None) -> Any:
    """The JSON document at ``url`` (200 only), or None."""
    response = await get(ctx, url, headers={"Accept": "application/json", **(headers or {})})
    return None if response is None else json_of(response)
