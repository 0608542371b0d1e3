"""Decoding a JWT and verifying its RS256 signature against a JWKS, with `cryptography` only.

A token is verified only against the user pool the console is connected to and the user chose: its keys
come from that connection, and a token whose issuer is not that pool's is not verified at all. The token's
own ``iss`` never decides where keys are fetched from: a forged issuer would name its forger's keys.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

# Claims whose values are NumericDate (seconds since the epoch): shown in local time.
TIME_CLAIMS = ("exp", "iat", "nbf", "auth_time", "updated_at")


class TokenError(ValueError):
    """The text is not a JWT (or its parts are not JSON)."""


def _b64url(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


@dataclass(frozen=True)
class DecodedToken:
    header: Mapping[str, Any]
    claims: Mapping[str, Any]
    signing_input: bytes
    signature: bytes

    @property
    def kind(self) -> str:
        """Cognito's token_use (id / access), or what the header says (JWE refresh tokens)."""
        return str(self.claims.get("token_use") or self.header.get("typ") or "JWT")

    def expired(self, now: float | None = None) -> bool:
        exp = self.claims.get("exp")
        return isinstance(exp, (int, float)) and exp <= (time.time() if now is None else now)


def decode(token: str) -> DecodedToken:
    token = "".join(token.split())  # pasted tokens often carry line breaks
    if token.lower().startswith("bearer"):
        token = token[6:]
    parts = token.split(".")
    if len(parts) == 5:
        raise TokenError("This is an encrypted token (JWE), like Cognito's refresh token: it cannot be decoded.")
    if len(parts) != 3:
        raise TokenError("A JWT has three parts separated by dots.")
    try:
        header = json.loads(_b64url(parts[0]))
        claims = json.loads(_b64url(parts[1]))
        signature = _b64url(parts[2])
    except (ValueError, UnicodeDecodeError) as exc:
        raise TokenError(f"The token's parts are not base64url-encoded JSON: {exc}") from exc
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise TokenError("The token's header and payload must be JSON objects.")
    return DecodedToken(header, claims, f"{parts[0]}.{parts[1]}".encode(), signature)


@dataclass(frozen=True)
class Verification:
    valid: bool
    reason: str
    kid: str = ""
    problems: tuple[str, ...] = field(default_factory=tuple)
    # False when the signature was not checked at all: the token names another issuer than the chosen pool.
    verified: bool = True


def verify(
    token: DecodedToken,
    jwks: Mapping[str, Any],
    *,
    issuer: str | None = None,
    now: float | None = None,
    client_ids: Collection[str] | None = None,
) -> Verification:
    """Check the signature with the key the header names, then exp, (if given) iss, and (given the pool's app
    clients) token_use and the app client the token was issued to."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    alg = token.header.get("alg")
    kid = str(token.header.get("kid", ""))
    if alg != "RS256":
        return Verification(False, f"Unsupported algorithm {alg!r}: Cognito signs with RS256.", kid)
    key = next((k for k in jwks.get("keys", ()) if k.get("kid") == kid), None)
    if key is None:
        return Verification(False, f"The pool's JWKS has no key with kid {kid!r}.", kid)
    try:
        n = int.from_bytes(_b64url(key["n"]), "big")
        e = int.from_bytes(_b64url(key["e"]), "big")
        public = rsa.RSAPublicNumbers(e, n).public_key()
        public.verify(token.signature, token.signing_input, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return Verification(False, "The signature does not match the pool's key.", kid)
    except (KeyError, ValueError) as exc:
        return Verification(False, f"The JWKS key is malformed: {exc}", kid)
    problems: list[str] = []
    if token.expired(now):
        problems.append("The token has expired.")
    if issuer and token.claims.get("iss") != issuer:
        problems.append(f"The issuer is {token.claims.get('iss')!r}, not {issuer!r}.")
    if client_ids is not None:
        problems += client_problems(token, client_ids)
    if problems:
        return Verification(
            False, "Signature valid, but " + " ".join(p[0].lower() + p[1:] for p in problems), kid, tuple(problems)
        )
    return Verification(True, "Signature valid; the token is current.", kid)


def client_problems(token: DecodedToken, client_ids: Collection[str]) -> list[str]:
    """What is wrong with the token's use and audience for a pool with these app clients: token_use is id or
    access; an ID token's aud, an access token's client_id, is one of the pool's app clients."""
    use = token.claims.get("token_use")
    if use not in ("id", "access"):
        return [f"Its token_use is {use!r}: Cognito's ID tokens say 'id' and its access tokens 'access'."]
    claim = "aud" if use == "id" else "client_id"
    client = token.claims.get(claim)
    if not isinstance(client, str) or not client:
        return [f"The {use} token has no {claim} claim naming its app client."]
    if client not in client_ids:
        return [f"Its {claim} {client!r} is not an app client of the user pool."]
    return []


def pool_id_from_issuer(iss: str) -> str | None:
    """Both issuer styles end in /{userPoolId}: which pool a token says issued it (to name, never to fetch from)."""
    tail = iss.rstrip("/").rsplit("/", 1)[-1]
    return tail if "_" in tail else None


class PoolKeys(Protocol):
    """Where the chosen pool's issuer and keys come from: the connection's service."""

    async def token_issuer(self, pool_id: str) -> str: ...

    async def fetch_jwks(self, pool_id: str) -> dict[str, Any]: ...


def other_issuer(token: DecodedToken, pool_id: str, expected: str) -> Verification:
    """The verdict on a token whose issuer is not the chosen pool's: not verified, and why."""
    iss = token.claims.get("iss")
    named = f"issuer {iss!r}" if isinstance(iss, str) and iss else "no issuer (iss)"
    other_pool = pool_id_from_issuer(iss) if isinstance(iss, str) else None
    hint = (
        f" Should this connection have the user pool {other_pool}, choose it to verify the token there."
        if other_pool and other_pool != pool_id
        else ""
    )
    return Verification(
        False,
        f"Issued by another pool or issuer: not verified. The token names {named}; the user pool {pool_id} "
        f"issues as {expected!r}, and only its keys are used.{hint}",
        str(token.header.get("kid", "")),
        (f"The issuer is {iss!r}, not {expected!r}.",),
        verified=False,
    )


async def verify_for_pool(
    token: DecodedToken,
    pool: PoolKeys,
    pool_id: str,
    *,
    now: float | None = None,
    client_ids: Collection[str] | None = None,
) -> Verification:
    """Verify a token against the chosen user pool: its issuer as the connection says it, then its signature
    with the keys the connection serves for it. A token with another issuer is reported as such; nothing is
    fetched for it."""
    expected = await pool.token_issuer(pool_id)
    if token.claims.get("iss") != expected:
        return other_issuer(token, pool_id, expected)
    return verify(token, await pool.fetch_jwks(pool_id), issuer=expected, now=now, client_ids=client_ids)
