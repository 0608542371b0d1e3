"""Cognito's OpenID tokens: the identity pools' signing key, signing and verifying, and their discovery documents.

GetOpenIdToken and GetOpenIdTokenForDeveloperIdentity answer with a JWT that Amazon Cognito signs (RS256) for
an identity: ``sub`` is the identity ID, ``aud`` the identity pool ID, ``amr`` says how it signed in
(COGNITO-FACTS §8.7). STS's AssumeRoleWithWebIdentity takes it back (the basic flow) and checks it with
``verify``. The issuer is AWS's ``https://cognito-identity.amazonaws.com`` when the server's issuer style is
"aws", else ``{base}/_identity``. The keys are published where AWS publishes them, under the issuer:
``{base}/_identity/.well-known/jwks_uri`` and ``{base}/_identity/.well-known/openid-configuration``.

One RSA-2048 key signs every identity pool's tokens (AWS too uses one key set per region); it is made on first
use and kept in ``identity_signing_keys``, so tokens stay valid across restarts.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from console.emulator.core import signatures
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.registry import http_route
from console.emulator.core.store import compact_json
from console.emulator.user_pools.keys import b64url, b64url_decode

from .pools import pool_arn

AWS_ISSUER = "https://cognito-identity.amazonaws.com"
# The claims AWS adds to its OpenID tokens besides the registered ones.
POOL_ARN_CLAIM = "https://cognito-identity.amazonaws.com/identity-pool-arn"
TAGS_CLAIM = "https://aws.amazon.com/tags"
PATH = "/_identity"

_CACHE = "identity_pools.openid_key"
_lock = threading.Lock()


@dataclass(frozen=True)
class SigningKey:
    kid: str
    key: rsa.RSAPrivateKey
    header: str  # the JWT's first segment

    def jwk(self) -> dict[str, str]:
        numbers = self.key.public_key().public_numbers()

        def encode(n: int) -> str:
            return b64url(n.to_bytes((n.bit_length() + 7) // 8, "big"))

        return {
            "kty": "RSA",
            "alg": "RS256",
            "use": "sig",
            "kid": self.kid,
            "e": encode(numbers.e),
            "n": encode(numbers.n),
        }


def issuer(ctx: RequestContext) -> str:
    """The ``iss`` of the OpenID tokens this server signs."""
    if ctx.config.issuer_style == "aws":
        return AWS_ISSUER
    return f"{ctx.base_url}{PATH}"


def _load(ctx: RequestContext) -> SigningKey | None:
    row = ctx.store.one("SELECT kid, material FROM identity_signing_keys ORDER BY created, kid LIMIT 1")
    if row is None:
        return None
    key = serialization.load_pem_private_key(row["material"].encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    header = b64url(json.dumps({"kid": row["kid"], "typ": "JWS", "alg": "RS256"}, separators=(",", ":")).encode())
    return SigningKey(row["kid"], key, header)


def signing_key(ctx: RequestContext) -> SigningKey:
    """The key that signs OpenID tokens, made on first use."""
    cache: dict[str, SigningKey] = ctx.state.setdefault(_CACHE, {})
    found = cache.get("key")
    if found is not None:
        return found
    made_now = False
    with _lock:
        found = _load(ctx)
        if found is None:
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            der = key.public_key().public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            kid = f"{ctx.region}-{hashlib.sha256(der).hexdigest()[:8]}"
            pem = key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            ).decode("ascii")
            with ctx.store.tx():
                ctx.store.run(
                    "INSERT OR IGNORE INTO identity_signing_keys (kid, material, created) VALUES (?, ?, ?)",
                    (kid, pem, ctx.now),
                )
            found = _load(ctx)
            made_now = True
    assert found is not None
    # A key written inside a transaction that may still roll back is not cached (user_pools/keys.py does the same).
    if not (made_now and int(getattr(ctx.store, "_depth", 0)) > 0):
        cache["key"] = found
    return found


def sign(
    ctx: RequestContext,
    *,
    identity_id: str,
    pool_id: str,
    amr: list[str],
    duration: int,
    principal_tags: dict[str, str] | None = None,
) -> str:
    """An OpenID token for ``identity_id`` of ``pool_id``, valid ``duration`` seconds."""
    key = signing_key(ctx)
    now = int(ctx.now)
    claims: dict[str, Any] = {
        "sub": identity_id,
        "aud": pool_id,
        "amr": amr,
        POOL_ARN_CLAIM: pool_arn(ctx, pool_id),
        "iss": issuer(ctx),
        "exp": now + duration,
        "iat": now,
    }
    if principal_tags:
        claims[TAGS_CLAIM] = {"principal_tags": {k: [v] for k, v in principal_tags.items()}}
    signing_input = f"{key.header}.{b64url(compact_json(claims))}".encode("ascii")
    return f"{signing_input.decode('ascii')}.{signatures.sign(ctx, key.kid, key.key, signing_input)}"


def verify(ctx: RequestContext, token: str) -> dict[str, Any]:
    """The claims of an OpenID token this server signed and that has not expired.

    Raises AwsError with STS's codes for AssumeRoleWithWebIdentity: ``InvalidIdentityToken`` for a token
    that is not one of ours (malformed, another issuer, a bad signature), ``ExpiredTokenException`` for one
    past its ``exp``.
    """
    parts = token.split(".")
    if len(parts) != 3:
        raise AwsError("InvalidIdentityToken", "Couldn't parse the token.")
    try:
        header = json.loads(b64url_decode(parts[0]))
        claims = json.loads(b64url_decode(parts[1]))
        signature = b64url_decode(parts[2])
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise AwsError("InvalidIdentityToken", "Couldn't parse the token.") from None
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise AwsError("InvalidIdentityToken", "Couldn't parse the token.")
    key = signing_key(ctx)
    if header.get("alg") != "RS256" or header.get("kid") != key.kid:
        raise AwsError("InvalidIdentityToken", "Couldn't verify signed token.")
    try:
        key.key.public_key().verify(
            signature, f"{parts[0]}.{parts[1]}".encode("ascii"), padding.PKCS1v15(), hashes.SHA256()
        )
    except (InvalidSignature, ValueError, UnicodeEncodeError):
        raise AwsError("InvalidIdentityToken", "Couldn't verify signed token.") from None
    if claims.get("iss") != issuer(ctx):
        raise AwsError("InvalidIdentityToken", "Issuer doesn't match the token's issuer.")
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or isinstance(exp, bool) or exp <= ctx.now:
        raise AwsError("ExpiredTokenException", f"Token expired: {exp} >= {int(ctx.now)}")
    if not isinstance(claims.get("sub"), str) or not isinstance(claims.get("aud"), str):
        raise AwsError("InvalidIdentityToken", "The token has no subject or audience.")
    return claims


def _context(request: Request) -> RequestContext:
    ctx: RequestContext = request.app.state.emulator.context("", request)
    return ctx


@http_route(f"{PATH}/.well-known/jwks_uri")
async def jwks(request: Request) -> Response:
    ctx = _context(request)
    return JSONResponse({"keys": [signing_key(ctx).jwk()]})


@http_route(f"{PATH}/.well-known/openid-configuration")
async def openid_configuration(request: Request) -> Response:
    ctx = _context(request)
    return JSONResponse(
        {
            "issuer": issuer(ctx),
            "jwks_uri": f"{ctx.base_url}{PATH}/.well-known/jwks_uri",
            "response_types_supported": ["code", "id_token", "token id_token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "claims_supported": ["sub", "aud", "amr", "iss", "exp", "iat"],
        }
    )
