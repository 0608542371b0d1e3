"""SigV4 verification of admin calls, required when the server listens beyond loopback.

On loopback the local Cognito trusts its callers, as a development server may. Bound to any other
address it would be an open admin API on the network, so every operation AWS signs (all but the public
ones: SignUp, InitiateAuth, ...) and every ``/_emulator/*`` call must carry a valid AWS Signature Version 4
made with the key pair in ``COGNITO_LOCAL_ACCESS_KEY_ID`` / ``COGNITO_LOCAL_SECRET_ACCESS_KEY``.

A signature vouches only for what it covers, so a captured request cannot be turned into another one in the
15 minutes it stays valid: the body is always hashed here (a claimed ``x-amz-content-sha256`` must agree),
the headers that pick the operation and the request (Host, X-Amz-Date, X-Amz-Target) must be signed, no
header may appear twice (the server would read one copy, the signature another), and the credential scope
must name this request's date, this server's region and the service the operation belongs to.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

from .errors import AwsError

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_SKEW = 15 * 60  # AWS refuses requests signed more than 15 minutes away from its clock
_ALGORITHM = "AWS4-HMAC-SHA256"
_DATE_FORMAT = "%Y%m%dT%H%M%SZ"
# Headers that decide what the request does: a signature that leaves one out could be reused with another.
_MUST_BE_SIGNED = {
    "host": "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    "x-amz-date": "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.",
    "x-amz-target": "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.",
}


def credentials_from_env() -> tuple[str, str] | None:
    key, secret = (
        os.environ.get("COGNITO_LOCAL_ACCESS_KEY_ID"),
        os.environ.get("COGNITO_LOCAL_SECRET_ACCESS_KEY"),
    )
    return (key, secret) if key and secret else None


def _hmac(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def _canonical_query(query: str) -> str:
    pairs = []
    for part in query.split("&"):
        if not part:
            continue
        k, _, v = part.partition("=")
        pairs.append((quote(k, safe="-_.~%"), quote(v, safe="-_.~%")))
    return "&".join(f"{k}={v}" for k, v in sorted(pairs))


def _invalid(message: str) -> AwsError:
    return AwsError("InvalidSignatureException", message, 403)


def _incomplete(message: str) -> AwsError:
    return AwsError("IncompleteSignatureException", message, 403)


def _single_headers(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    """The request's headers by lower-case name; refused when a name appears twice."""
    headers: dict[str, str] = {}
    for name, value in raw:
        key = name.decode("latin-1").lower()
        if key in headers:
            raise _invalid(f"The request has more than one '{key}' header; a signed request names each header once.")
        headers[key] = value.decode("latin-1")
    return headers


def _stamp(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime(_DATE_FORMAT)


def verify(
    scope: Mapping[str, Any],
    body: bytes,
    credentials: tuple[str, str],
    *,
    region: str,
    service: str,
    now: float,
) -> None:
    """Raise an AWS-shaped error unless the request (an ASGI ``scope`` and its whole ``body``) carries a valid
    signature by ``credentials``, scoped to ``region`` and ``service`` (the signing name of the service the
    operation belongs to)."""
    raw_headers = scope["headers"]
    if not any(name == b"authorization" for name, _ in raw_headers):
        raise AwsError("MissingAuthenticationTokenException", "Missing Authentication Token", 403)
    headers = _single_headers(raw_headers)
    auth = headers["authorization"]
    if not auth.startswith(_ALGORITHM + " "):
        raise AwsError("MissingAuthenticationTokenException", "Missing Authentication Token", 403)
    fields = dict(part.strip().split("=", 1) for part in auth[len(_ALGORITHM) + 1 :].split(",") if "=" in part)
    try:
        access_key, date, scope_region, scope_service, terminal = fields["Credential"].split("/")
        signed_headers = fields["SignedHeaders"].split(";")
        signature = fields["Signature"]
    except (KeyError, ValueError):
        raise _incomplete("Authorization header is malformed.") from None
    key_id, secret = credentials
    if not hmac.compare_digest(access_key.encode(), key_id.encode()):
        raise AwsError("UnrecognizedClientException", "The security token included in the request is invalid.", 403)
    for name, message in _MUST_BE_SIGNED.items():
        if name in headers and name not in signed_headers:
            raise _incomplete(message)
    amz_date = headers.get("x-amz-date", "")
    try:
        signed_at = dt.datetime.strptime(amz_date, _DATE_FORMAT).replace(tzinfo=dt.UTC).timestamp()
    except ValueError:
        raise _incomplete("X-Amz-Date is missing or malformed.") from None
    if date != amz_date[:8]:
        raise _invalid(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP:"
            f" '{date}' != '{amz_date[:8]}', from '{amz_date}'."
        )
    if scope_region != region:
        raise _invalid(f"Credential should be scoped to a valid region, not '{scope_region}'.")
    if scope_service != service:
        raise _invalid(f"Credential should be scoped to correct service: '{service}'.")
    if terminal != "aws4_request":
        raise _invalid(f"Credential should be scoped with a valid terminator: 'aws4_request', not '{terminal}'.")
    if now - signed_at > MAX_SKEW:
        raise _invalid(
            f"Signature expired: {amz_date} is now earlier than {_stamp(now - MAX_SKEW)} ({_stamp(now)} - 15 min.)"
        )
    if signed_at - now > MAX_SKEW:
        raise _invalid(
            f"Signature not yet current: {amz_date} is still later than {_stamp(now + MAX_SKEW)}"
            f" ({_stamp(now)} + 15 min.)"
        )
    # The body as received, never a hash the request claims for it.
    payload_hash = hashlib.sha256(body).hexdigest()
    claimed = headers.get("x-amz-content-sha256")
    if claimed is not None and not hmac.compare_digest(claimed.encode(), payload_hash.encode()):
        raise _invalid("The provided 'x-amz-content-sha256' header does not match what was computed.")
    canonical_headers = "".join(f"{h}:{' '.join(headers.get(h, '').split())}\n" for h in signed_headers)
    raw_path = scope.get("raw_path") or scope["path"].encode()
    canonical = "\n".join(
        [
            scope["method"],
            quote(raw_path.decode("latin-1") or "/", safe="/~"),
            _canonical_query(scope.get("query_string", b"").decode("latin-1")),
            canonical_headers,
            ";".join(signed_headers),
            payload_hash,
        ]
    )
    credential_scope = f"{date}/{scope_region}/{scope_service}/{terminal}"
    to_sign = "\n".join([_ALGORITHM, amz_date, credential_scope, hashlib.sha256(canonical.encode()).hexdigest()])
    k = _hmac(_hmac(_hmac(_hmac(f"AWS4{secret}".encode(), date), scope_region), scope_service), terminal)
    expected = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        raise _invalid("The request signature we calculated does not match the signature you provided.")
