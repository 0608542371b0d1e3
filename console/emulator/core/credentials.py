"""Temporary credentials issued by this server (STS's ``ASIA...`` keys), verified on every call made with them.

A call signed with an access key this server issued is checked whatever the protocol, the service and the
address the server listens on, loopback included, as AWS checks it: the signature with the key's stored
secret (sigv4.py), the ``X-Amz-Security-Token`` against the key's session token, and the key's expiry on the
server's clock. A call signed with any other key goes on as before (trusted on loopback; beyond it, checked
against the operator's keys).

The hook, so that the core imports no service package: a package that issues access keys declares, in its
``__init__``, ``CREDENTIALS = {"<access key prefix>": "<module>"}``; the app passes each to ``declare``, and the
module, imported on the first call signed with such a key, defines ``resolve(store, access_key_id) ->
Temporary | None``. The errors raised here are the JSON protocols' (``UnrecognizedClientException``,
``ExpiredTokenException``, ``InvalidSignatureException``); the query protocol answers them in its own words.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from . import sigv4
from .errors import AwsError

if TYPE_CHECKING:
    from .store import Store


class Temporary(NamedTuple):
    """An issued access key as the verifier needs it, and the principal it stands for."""

    access_key_id: str
    secret_access_key: str
    token_hash: str  # SHA-256 (hex) of the session token
    expiration: float  # epoch seconds
    arn: str  # arn:aws:sts::<account>:assumed-role/<role>/<session>
    user_id: str  # <role id>:<session>


Resolver = Callable[["Store", str], Temporary | None]

_DECLARED: dict[str, str] = {}  # access key prefix -> the module whose resolve() knows its keys
_RESOLVERS: dict[str, Resolver] = {}

GLOBAL_SERVICES = ("iam", "sts")
GLOBAL_REGION = "us-east-1"
INVALID_TOKEN = "The security token included in the request is invalid."  # noqa: S105 - a message, not a secret
EXPIRED_TOKEN = "The security token included in the request is expired"  # noqa: S105 - a message


def declare(prefix: str, module: str) -> None:
    """Access keys beginning with ``prefix`` are resolved by ``module``'s ``resolve``."""
    _DECLARED[prefix] = module


def token_hash(session_token: str) -> str:
    return hashlib.sha256(session_token.encode()).hexdigest()


def access_key(headers: Any) -> str | None:
    """The access key of a SigV4 ``Authorization`` header (raw ASGI headers), or None."""
    for name, value in headers:
        if name == b"authorization":
            start = value.find(b"Credential=")
            if start < 0:
                return None
            return value[start + 11 :].split(b"/", 1)[0].strip().decode("latin-1")
    return None


def _resolver(key: str) -> Resolver | None:
    for prefix, module in _DECLARED.items():
        if key.startswith(prefix):
            found = _RESOLVERS.get(prefix)
            if found is None:
                found = importlib.import_module(module).resolve
                _RESOLVERS[prefix] = found
            return found
    return None


def issued(store: Store, key: str) -> Temporary | None:
    """The issued credentials of access key ``key``, or None (not one of ours, or unknown)."""
    resolver = _resolver(key)
    return None if resolver is None else resolver(store, key)


def verify(
    scope: Mapping[str, Any], body: bytes, store: Store, *, region: str, service: str, now: float, clock: float
) -> Temporary | None:
    """None when the request is not signed with an access key of a declared prefix; else the credentials it
    was signed with, once the signature, the session token and the expiry (at ``clock``, the server's
    time) are checked; an AWS error otherwise. ``now`` is the wall clock the signature's date must be near."""
    if not _DECLARED:
        return None
    key = access_key(scope["headers"])
    if key is None or not key.startswith(tuple(_DECLARED)) or _resolver(key) is None:
        return None
    found = issued(store, key)
    if found is None:
        raise AwsError("UnrecognizedClientException", INVALID_TOKEN)
    token = next((v for n, v in scope["headers"] if n == b"x-amz-security-token"), None)
    if token is None or not hmac.compare_digest(
        token_hash(token.decode("latin-1")).encode(), found.token_hash.encode()
    ):
        raise AwsError("UnrecognizedClientException", INVALID_TOKEN)
    if clock >= found.expiration:
        raise AwsError("ExpiredTokenException", EXPIRED_TOKEN, 400)
    if service in GLOBAL_SERVICES and f"/{GLOBAL_REGION}/{service}/".encode() in _authorization(scope["headers"]):
        region = GLOBAL_REGION  # IAM and STS's global endpoint sign in us-east-1 whatever the caller's region
    sigv4.verify(scope, body, (found.access_key_id, found.secret_access_key), region=region, service=service, now=now)
    return found


def _authorization(headers: Any) -> bytes:
    return next((v for n, v in headers if n == b"authorization"), b"")
