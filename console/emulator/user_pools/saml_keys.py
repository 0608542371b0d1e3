"""The key pair and certificate each SAML identity provider of a user pool gets, for encrypted assertions.

AWS assigns "a public-private RSA key pair and a certificate to each external SAML provider"; with the
provider's ``EncryptedResponses`` ``true`` the identity provider encrypts every assertion to that
certificate, and Amazon Cognito refuses an assertion that is not encrypted. The certificate (base64 DER,
self-signed, valid ten years, as AWS's) is the provider's ``ActiveEncryptionCertificate`` in
DescribeIdentityProvider's ProviderDetails. A provider gets its pair the first time encrypted responses are
turned on and keeps it until it is deleted ([U] AWS does not say whether a provider that never turned them
on is described with a certificate); hosted_ui/federation/xmlenc.py decrypts with it. AWS publishes no
service provider metadata document: the certificate is given to the identity provider from here.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from console.emulator.core.context import RequestContext

from . import keys

_CACHE = "saml_keys"


@dataclass(frozen=True)
class MadeKey:
    material: str  # PEM (PKCS#8)
    certificate: str  # base64 DER


def _make(ctx: RequestContext, pool_id: str) -> MadeKey:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return MadeKey(keys.private_pem(key), keys.self_signed_certificate(ctx, pool_id, key))


def certificate(ctx: RequestContext, pool_id: str, provider_name: str) -> str | None:
    """The provider's encryption certificate, if it has a key pair."""
    found = ctx.store.value(
        "SELECT certificate FROM saml_encryption_keys WHERE pool_id = ? AND provider_name = ?", (pool_id, provider_name)
    )
    return str(found) if found else None


async def prepare(ctx: RequestContext, pool_id: str, provider_name: str) -> MadeKey | None:
    """A new key pair for a provider that has none yet (made on a worker thread: RSA key generation is
    slow), to ``keep`` in the transaction that saves the provider; None when it has one."""
    if certificate(ctx, pool_id, provider_name) is not None:
        return None
    return await asyncio.to_thread(_make, ctx, pool_id)


def keep(ctx: RequestContext, pool_id: str, provider_name: str, made: MadeKey | None) -> str | None:
    """The provider's certificate, saving ``made`` if it has no key pair yet (inside a transaction)."""
    if made is not None:
        ctx.store.run(
            "INSERT OR IGNORE INTO saml_encryption_keys (pool_id, provider_name, material, certificate, created)"
            " VALUES (?, ?, ?, ?, ?)",
            (pool_id, provider_name, made.material, made.certificate, ctx.now),
        )
    return certificate(ctx, pool_id, provider_name)


def private_key(ctx: RequestContext, pool_id: str, provider_name: str) -> rsa.RSAPrivateKey | None:
    """The provider's decryption key, if it has one."""
    row = ctx.store.one(
        "SELECT material, certificate FROM saml_encryption_keys WHERE pool_id = ? AND provider_name = ?",
        (pool_id, provider_name),
    )
    if row is None:
        return None
    cache: dict[str, rsa.RSAPrivateKey] = ctx.state.setdefault(_CACHE, {})
    # Keyed by the certificate: a provider deleted and made again under its name has another key.
    found = cache.get(row["certificate"])
    if found is None:
        loaded = serialization.load_pem_private_key(row["material"].encode(), password=None)
        assert isinstance(loaded, rsa.RSAPrivateKey)
        found = cache[row["certificate"]] = loaded
    return found


def forget(ctx: RequestContext, pool_id: str, provider_name: str) -> None:
    """Drop a deleted provider's key pair (inside a transaction)."""
    ctx.store.run("DELETE FROM saml_encryption_keys WHERE pool_id = ? AND provider_name = ?", (pool_id, provider_name))
