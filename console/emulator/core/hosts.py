"""The host names and origins the local Cognito answers to: its defence against DNS rebinding.

On loopback the admin API and the outbox need no credentials, so the only thing between them and a web page
is the browser's same-origin policy. A page whose name is rebound to 127.0.0.1 is same-origin with the local
Cognito as far as the browser knows, but it still sends its own name as ``Host``: on loopback only loopback
names are answered (localhost, 127.0.0.1, [::1], *.localhost, which no DNS answer can rebind) and the names an
operator adds with ``--allowed-hosts`` (``COGNITO_LOCAL_ALLOWED_HOSTS``). A request that changes something
(any method but GET, HEAD and OPTIONS) from a page elsewhere carries that page's ``Origin``; it is refused
too, so a browser app on http://localhost:3000 may call SignUp and InitiateAuth and no foreign page may (a
form on any site could otherwise POST to http://127.0.0.1:9229/_emulator/reset without rebinding anything).

Beyond loopback the operator chose the address and admin calls are signed, so any name is answered, unless
allowed hosts are configured: then the check applies there too, with the listening address allowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from .context import ServerConfig
from .errors import AwsError
from .sigv4 import LOOPBACK

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_CHECKED = frozenset({b"host", b"origin"})
_WILDCARD_ADDRESSES = frozenset({"0.0.0.0", "[::]", ""})  # noqa: S104 - names to leave out, not to bind
_SEEN_LIMIT = 256  # Host values accepted before, remembered to skip parsing them again


def hostname(value: str) -> str | None:
    """The name in a Host header or an origin's authority, lower case and without its port; None when it
    is not one (a port that is not a number, a bracket never closed)."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[: end + 1], value[end + 1 :]
    else:
        name, colon, port = value.partition(":")
        rest = colon + port
    if rest and not (rest[0] == ":" and (rest[1:] == "" or rest[1:].isdigit())):
        return None
    return name


def _refusal(message: str) -> AwsError:
    return AwsError("AccessDeniedException", message, 403)


def _shown(value: bytes) -> str:
    text = value.decode("latin-1")
    return text if len(text) <= 100 else text[:100] + "..."


class AllowedHosts:
    """The Host names (and page origins) a server answers to: loopback names, and ``extra`` names, where
    ``*.example.test`` stands for every name under example.test and ``*`` for any name."""

    def __init__(self, extra: Iterable[str] = ()) -> None:
        names = {hostname(n) for n in extra if n.strip()}
        self.any = "*" in names
        self.suffixes = tuple(n[1:] for n in names if n and n.startswith("*."))
        self.names = LOOPBACK_NAMES | {n for n in names if n and not n.startswith("*")}
        self._seen: set[bytes] = set()

    def allows(self, name: str | None) -> bool:
        if name is None:
            return False
        return (
            self.any
            or name in self.names
            or name.endswith(".localhost")
            or any(name.endswith(suffix) for suffix in self.suffixes)
        )

    def _allows_host(self, host: bytes) -> bool:
        if host in self._seen:
            return True
        if not self.allows(hostname(host.decode("latin-1"))):
            return False
        if len(self._seen) < _SEEN_LIMIT:
            self._seen.add(host)
        return True

    def _allows_origin(self, origin: bytes) -> bool:
        scheme, sep, authority = origin.decode("latin-1").partition("://")
        return bool(sep) and scheme.lower() in ("http", "https") and self.allows(hostname(authority))

    def refusal(self, scope: Mapping[str, Any]) -> AwsError | None:
        """Why the request in the ASGI ``scope`` is refused, or None. A request without Host (HTTP/1.0) is
        not a browser's: browsers always send it."""
        found = [(name, value) for name, value in scope["headers"] if name in _CHECKED]
        if len(found) == 1 and found[0][0] == b"host" and found[0][1] in self._seen:
            return None  # a client's usual request: one Host, accepted before
        host = origin = None
        for name, value in found:
            if name == b"host":
                if host is not None:
                    return _refusal("The request has more than one Host header.")
                host = value
            else:
                if origin is not None:
                    return _refusal("The request has more than one Origin header.")
                origin = value
        if host is not None and not self._allows_host(host):
            return _refusal(
                f"Host '{_shown(host)}' is not allowed: the local Cognito answers to localhost, 127.0.0.1, [::1],"
                " *.localhost and the names given with --allowed-hosts (COGNITO_LOCAL_ALLOWED_HOSTS)."
            )
        if origin is not None and scope["method"] not in _SAFE_METHODS and not self._allows_origin(origin):
            return _refusal(
                f"Origin '{_shown(origin)}' is not allowed to call the local Cognito: only pages on loopback"
                " and on the names given with --allowed-hosts (COGNITO_LOCAL_ALLOWED_HOSTS) may."
            )
        return None


def for_server(config: ServerConfig) -> AllowedHosts | None:
    """The check for a server started with ``config``: None beyond loopback with no allowed hosts configured
    (any name is answered there). The names the server gives itself are allowed: the listening address
    (unless it is every address) and the host of ``--public-url``."""
    extra = [n for n in config.allowed_hosts if n.strip()]
    if config.host not in LOOPBACK and not extra:
        return None
    own = [f"[{config.host}]" if ":" in config.host else config.host]
    if config.public_url:
        own.append(urlsplit(config.public_url).netloc)
    # A pool domain's own host name, pointed at this server (/etc/hosts): the hosted UI answers at its root.
    # Only AWS answers for amazoncognito.com in DNS, so no page can rebind such a name to this server.
    own.append(f"*.auth.{config.region}.amazoncognito.com")
    return AllowedHosts([*extra, *(name for name in own if name not in _WILDCARD_ADDRESSES)])
