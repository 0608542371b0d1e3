"""SigV4 verification of admin calls, required when the server listens beyond loopback.

On loopback the local Cognito trusts its callers, as a development server may. Bound to any other
address it would be an open admin API on the network, so every operation AWS signs (all but the public
ones: SignUp, InitiateAuth, ...) must carry a valid AWS Signature Version 4 made with the key pair in
``COGNITO_LOCAL_ACCESS_KEY_ID`` / ``COGNITO_LOCAL_SECRET_ACCESS_KEY``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
from urllib.parse import quote, urlsplit

from .errors import AwsError

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_SKEW = 15 * 60  # AWS refuses requests signed more than 15 minutes away from its clock


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


def verify(
    method: str, url: str, headers: dict[str, str], body: bytes, credentials: tuple[str, str], now: float
) -> None:
    """Raise an AWS-shaped error unless the request carries a valid signature by ``credentials``."""
    auth = headers.get("authorization", "")
    if not auth.startswith("AWS4-HMAC-SHA256 "):
        raise AwsError("MissingAuthenticationTokenException", "Missing Authentication Token", 403)
    fields = dict(part.strip().split("=", 1) for part in auth[len("AWS4-HMAC-SHA256 ") :].split(",") if "=" in part)
    try:
        access_key, date, region, service, terminal = fields["Credential"].split("/")
        signed_headers = fields["SignedHeaders"].split(";")
        signature = fields["Signature"]
    except (KeyError, ValueError):
        raise AwsError("IncompleteSignatureException", "Authorization header is malformed.", 403) from None
    key_id, secret = credentials
    if not hmac.compare_digest(access_key.encode(), key_id.encode()):
        raise AwsError("UnrecognizedClientException", "The security token included in the request is invalid.", 403)
    amz_date = headers.get("x-amz-date", "")
    try:
        signed_at = dt.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC).timestamp()
    except ValueError:
        raise AwsError("IncompleteSignatureException", "X-Amz-Date is missing or malformed.", 403) from None
    if abs(now - signed_at) > MAX_SKEW:
        raise AwsError("InvalidSignatureException", "Signature expired.", 403)
    parts = urlsplit(url)
    canonical_headers = "".join(f"{h}:{' '.join(headers.get(h, '').split())}\n" for h in signed_headers)
    payload_hash = headers.get("x-amz-content-sha256") or hashlib.sha256(body).hexdigest()
    canonical = "\n".join(
        [
            method,
            quote(parts.path or "/", safe="/-_.~%"),
            _canonical_query(parts.query),
            canonical_headers,
            ";".join(signed_headers),
            payload_hash,
        ]
    )
    scope = f"{date}/{region}/{service}/{terminal}"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    k = _hmac(_hmac(_hmac(_hmac(f"AWS4{secret}".encode(), date), region), service), terminal)
    expected = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        raise AwsError(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided.",
            403,
        )
