"""Each user pool's own keys: RSA-2048 pairs that sign ID and access tokens, and a symmetric key.

AWS signs ID and access tokens with different keys, so a pool has two RSA pairs with stable ``kid``s,
published in the pool's JWKS. A third, symmetric, key (AES-256) encrypts what only the local Cognito
reads back: refresh tokens, SRP secret blocks, users' authenticator (TOTP) secrets. Keys are made the first
time a pool needs them, kept in the ``pool_keys`` table (they survive restarts, so issued tokens stay valid)
and cached per server.

GetSigningCertificate answers with a self-signed X.509 certificate of the ID-token key, base64 DER as
AWS returns it.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import os
import threading
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.x509.oid import NameOID

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.registry import idp

from . import pools

_CACHE = "keys.pool"
_lock = threading.Lock()


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class PoolKeys:
    pool_id: str
    id_kid: str
    id_key: rsa.RSAPrivateKey
    access_kid: str
    access_key: rsa.RSAPrivateKey
    secret: bytes  # AES-256, for what only this server reads back
    certificate: str
    _aeads: dict[str, AESGCM] = field(default_factory=dict, compare=False, repr=False)

    def aead(self, label: str) -> AESGCM:
        """An AES-GCM cipher under a sub-key of the pool's secret, one per use (domain separation)."""
        found = self._aeads.get(label)
        if found is None:
            found = self._aeads[label] = AESGCM(hashlib.sha256(self.secret + b"|" + label.encode()).digest())
        return found

    def seal_bytes(self, label: str, plain: bytes, context: bytes) -> bytes:
        """``plain`` encrypted and authenticated under the ``label`` sub-key and bound to ``context`` (it opens
        only with the same one): the nonce, then the ciphertext and its tag."""
        nonce = os.urandom(12)
        return nonce + self.aead(label).encrypt(nonce, plain, context)

    def unseal_bytes(self, label: str, raw: bytes, context: bytes) -> bytes | None:
        """What ``seal_bytes`` sealed, or None if ``raw`` is not one of ours for this ``label`` and ``context``."""
        if len(raw) < 12 + 16:
            return None
        try:
            return self.aead(label).decrypt(raw[:12], raw[12:], context)
        except InvalidTag:
            return None

    def seal(self, label: str, plain: bytes, context: bytes) -> str:
        """``seal_bytes`` as base64url text, for storing."""
        return b64url(self.seal_bytes(label, plain, context))

    def unseal(self, label: str, sealed: str, context: bytes) -> bytes | None:
        """What ``seal`` sealed, or None if ``sealed`` is not one of ours for this ``label`` and ``context``."""
        try:
            raw = b64url_decode(sealed)
        except ValueError:
            return None
        return self.unseal_bytes(label, raw, context)

    def public(self, kid: str) -> rsa.RSAPublicKey | None:
        if kid == self.id_kid:
            return self.id_key.public_key()
        if kid == self.access_kid:
            return self.access_key.public_key()
        return None

    def jwks(self) -> dict[str, Any]:
        return {"keys": [_jwk(self.id_kid, self.id_key), _jwk(self.access_kid, self.access_key)]}


def _jwk(kid: str, key: rsa.RSAPrivateKey) -> dict[str, str]:
    numbers = key.public_key().public_numbers()

    def encode(n: int) -> str:
        return b64url(n.to_bytes((n.bit_length() + 7) // 8, "big"))

    return {
        "alg": "RS256",
        "e": encode(numbers.e),
        "kid": kid,
        "kty": "RSA",
        "n": encode(numbers.n),
        "use": "sig",
    }


def _kid(key: rsa.RSAPrivateKey) -> str:
    """A stable key id: base64 of the SHA-256 of the public key (the look of AWS's ``kid``s)."""
    der = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(der).digest()).decode("ascii")


def private_pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")


def self_signed_certificate(ctx: RequestContext, pool_id: str, key: rsa.RSAPrivateKey) -> str:
    """A ten-year self-signed X.509 certificate of ``key`` for the pool, base64 DER (GetSigningCertificate's,
    and each SAML provider's encryption certificate, saml_keys.py)."""
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
            x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, "Washington"),
            x509.NameAttribute(NameOID.LOCALITY_NAME, "Seattle"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Amazon Web Services, Inc."),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Amazon Cognito"),
            x509.NameAttribute(NameOID.COMMON_NAME, pool_id),
        ]
    )
    start = dt.datetime.fromtimestamp(ctx.now, dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode("ascii")


def _make(ctx: RequestContext, pool_id: str) -> list[tuple[Any, ...]]:
    """Fresh key material for a pool, as ``pool_keys`` rows (CPU only: safe on a worker thread)."""
    id_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    access_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    secret = os.urandom(32)
    return [
        (pool_id, "id", _kid(id_key), private_pem(id_key), self_signed_certificate(ctx, pool_id, id_key), ctx.now),
        (pool_id, "access", _kid(access_key), private_pem(access_key), None, ctx.now),
        (pool_id, "secret", b64url(hashlib.sha256(secret).digest()[:9]), b64url(secret), None, ctx.now),
    ]


def _save(ctx: RequestContext, rows: list[tuple[Any, ...]]) -> None:
    """Store made keys; if another request stored the pool's keys first, theirs win."""
    with ctx.store.tx():
        ctx.store.run_many(
            "INSERT OR IGNORE INTO pool_keys (pool_id, purpose, kid, material, certificate, created)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )


def _load(ctx: RequestContext, pool_id: str) -> PoolKeys | None:
    rows = {r["purpose"]: r for r in ctx.store.all("SELECT * FROM pool_keys WHERE pool_id = ?", (pool_id,))}
    if not {"id", "access", "secret"} <= set(rows):
        return None

    def private(purpose: str) -> rsa.RSAPrivateKey:
        # Validation checks a key's CRT parameters against its primes (a key whose parameters were tampered
        # with leaks its primes through the signatures it makes) and costs tens of milliseconds a key. Only _make
        # writes pool_keys rows, from keys cryptography generated here, so their parameters are sound.
        key = serialization.load_pem_private_key(
            rows[purpose]["material"].encode(), password=None, unsafe_skip_rsa_key_validation=True
        )
        assert isinstance(key, rsa.RSAPrivateKey)
        return key

    return PoolKeys(
        pool_id=pool_id,
        id_kid=rows["id"]["kid"],
        id_key=private("id"),
        access_kid=rows["access"]["kid"],
        access_key=private("access"),
        secret=b64url_decode(rows["secret"]["material"]),
        certificate=rows["id"]["certificate"] or "",
    )


def pool_keys(ctx: RequestContext, pool_id: str, *, create: bool = True) -> PoolKeys | None:
    """The pool's keys, made on first use (``create``); None if there are none and ``create`` is off.

    The caller has checked that the pool exists.
    """
    cache: dict[str, PoolKeys] = ctx.state.setdefault(_CACHE, {})
    found = cache.get(pool_id)
    if found is not None:
        return found
    made_now = False
    with _lock:
        found = _load(ctx, pool_id)
        if found is None and create:
            _save(ctx, _make(ctx, pool_id))
            found = _load(ctx, pool_id)
            made_now = True
    # Keys written inside a transaction that may still roll back are not cached: the next request
    # reads them back from the database (or makes them again). Keys read back are committed ones, and
    # caching them matters: parsing two RSA private keys costs far more than signing with them.
    in_transaction = int(getattr(ctx.store, "_depth", 0)) > 0
    if found is not None and not (made_now and in_transaction):
        cache[pool_id] = found
    return found


async def ensure(ctx: RequestContext, pool_id: str) -> PoolKeys:
    """``pool_keys`` for async handlers: RSA key generation runs on a worker thread, not the loop."""
    found = pool_keys(ctx, pool_id, create=False)
    if found is not None:
        return found
    rows = await asyncio.to_thread(_make, ctx, pool_id)
    if not ctx.store.value("SELECT 1 FROM pools WHERE id = ?", (pool_id,)):  # deleted (or reset) meanwhile
        raise AwsError("ResourceNotFoundException", f"User pool {pool_id} does not exist.", 404)
    _save(ctx, rows)
    return require(ctx, pool_id)


def require(ctx: RequestContext, pool_id: str) -> PoolKeys:
    keys = pool_keys(ctx, pool_id)
    assert keys is not None
    return keys


def forget(ctx: RequestContext, pool_id: str) -> None:
    """Drop the cached keys of a pool (after it is deleted)."""
    ctx.state.setdefault(_CACHE, {}).pop(pool_id, None)


@idp("GetSigningCertificate")
def get_signing_certificate(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pools.get_pool(ctx, req["UserPoolId"])
    return {"Certificate": require(ctx, req["UserPoolId"]).certificate}
