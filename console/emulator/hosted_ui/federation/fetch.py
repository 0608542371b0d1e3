"""HTTP calls to identity providers (token endpoints, keys, user info, SAML metadata), kept off private networks.

The same rule as user_pools/identity_providers.py's fetches (read its docstring): every address the host
resolves to, for the URL and each redirect, must be a global one, loopback while the server itself listens
on loopback, any address with ``COGNITO_LOCAL_ALLOW_PRIVATE_FETCH=1``; the connection goes to the address
that was checked. A call that fails in any way answers None.
"""

from __future__ import annotations

import asyncio
import os
import socket
from typing import TYPE_CHECKING, Any

from console.emulator.core import sigv4
from console.emulator.core.context import RequestContext
from console.emulator.user_pools.identity_providers import ALLOW_PRIVATE_FETCH_ENV, MAX_REDIRECTS, address_allowed

if TYPE_CHECKING:
    import httpx

TIMEOUT = 5.0
MAX_BODY = 1024 * 1024
_REDIRECTS = (301, 302, 303, 307, 308)


def _allowances(ctx: RequestContext) -> tuple[bool, bool]:
    allow_all = os.environ.get(ALLOW_PRIVATE_FETCH_ENV, "").strip().lower() in ("1", "true", "yes", "on")
    return allow_all, allow_all or ctx.config.host in sigv4.LOOPBACK


async def _addresses(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


async def call(
    ctx: RequestContext,
    method: str,
    url: str,
    *,
    data: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response | None:
    """``method`` ``url`` (a form body for POST), following GET redirects; the final response or None."""
    import httpx

    allow_all, loopback = _allowances(ctx)
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False, trust_env=False) as http:
            target = httpx.URL(url)
            for _ in range(MAX_REDIRECTS + 1):
                if target.scheme not in ("http", "https") or not target.host:
                    return None
                host = target.raw_host.decode("ascii")
                addresses = await _addresses(host, target.port or (443 if target.scheme == "https" else 80))
                if not addresses or not (allow_all or all(address_allowed(a, loopback=loopback) for a in addresses)):
                    return None
                sent = {"Host": target.netloc.decode("ascii"), "Accept": "application/json", **(headers or {})}
                extensions: dict[str, Any] = {"sni_hostname": host} if target.scheme == "https" else {}
                response = await http.request(
                    method, target.copy_with(host=addresses[0]), data=data, headers=sent, extensions=extensions
                )
                location = response.headers.get("location")
                if method != "GET" or response.status_code not in _REDIRECTS or not location:
                    return response if len(response.content) <= MAX_BODY else None
                target = target.join(location)
    except Exception:
        # Unreachable, refused, a name that does not resolve, a malformed URL: the provider did not answer.
        return None
    return None


async def get_json(ctx: RequestContext, url: str, headers: dict[str, str] | None = None) -> Any:
    """The JSON document at ``url`` (200 only), or None."""
    response = await call(ctx, "GET", url, headers=headers)
    if response is None or response.status_code != 200:
        return None
    try:
        return response.json()
    except ValueError:
        return None
