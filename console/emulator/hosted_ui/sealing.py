"""The hosted UI's server key: what it seals (authorize requests in flight, a code's tokens) and signs (forms).

One random key per database, made on first use. Sealed values are AES-256-GCM under a key derived for
their purpose, so a value sealed for one purpose never opens as another; signatures are HMAC-SHA256,
checked in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from console.emulator.core.context import RequestContext
from console.emulator.user_pools.keys import b64url, b64url_decode

_CACHE = "hosted_ui.key"


def server_key(ctx: RequestContext) -> bytes:
    cached = ctx.state.get(_CACHE)
    if isinstance(cached, bytes):
        return cached
    with ctx.store.tx():
        row = ctx.store.value("SELECT key FROM hosted_ui_key WHERE id = 1")
        if row is None:
            ctx.store.run("INSERT OR IGNORE INTO hosted_ui_key (id, key) VALUES (1, ?)", (secrets.token_hex(32),))
            row = ctx.store.value("SELECT key FROM hosted_ui_key WHERE id = 1")
    key = bytes.fromhex(str(row))
    ctx.state[_CACHE] = key
    return key


def _derived(ctx: RequestContext, purpose: str) -> bytes:
    return hmac.new(server_key(ctx), purpose.encode(), hashlib.sha256).digest()


def seal(ctx: RequestContext, purpose: str, value: Any) -> str:
    """``value`` (JSON-serialisable) as an opaque, tamper-proof URL-safe string."""
    nonce = os.urandom(12)
    body = AESGCM(_derived(ctx, purpose)).encrypt(nonce, json.dumps(value, separators=(",", ":")).encode(), None)
    return b64url(nonce + body)


def unseal(ctx: RequestContext, purpose: str, sealed: str | None) -> Any:
    """What ``seal`` sealed for ``purpose``, or None for anything else (tampered, foreign, garbage)."""
    if not sealed or len(sealed) > 16384:
        return None
    try:
        raw = b64url_decode(sealed)
        plain = AESGCM(_derived(ctx, purpose)).decrypt(raw[:12], raw[12:], None)
        return json.loads(plain)
    except Exception:
        return None


def sign(ctx: RequestContext, purpose: str, value: str) -> str:
    return b64url(hmac.new(_derived(ctx, purpose), value.encode(), hashlib.sha256).digest())


def signed(ctx: RequestContext, purpose: str, value: str, signature: str | None) -> bool:
    return bool(signature) and hmac.compare_digest(sign(ctx, purpose, value), str(signature))


def digest(value: str) -> str:
    """How a bearer secret (a session cookie, a code) is stored: never as itself."""
    return hashlib.sha256(value.encode()).hexdigest()
