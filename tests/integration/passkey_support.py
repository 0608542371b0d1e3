"""A software passkey authenticator for the passkey tests: an EC P-256 key that answers WebAuthn's
create() and get() as a browser and its authenticator would, in the JSON forms Cognito takes
(RegistrationResponseJSON, AuthenticationResponseJSON), with attestation ``none`` or ``packed``
self-attestation."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

UP, UV, AT = 0x01, 0x04, 0x40  # authenticator data flags: user present, user verified, attested data


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Authenticator:
    """One passkey: its key, credential ID and signature counter (``counts`` False: a counter kept at 0,
    as synced passkeys keep it)."""

    def __init__(self, *, verifies_user: bool = True, counts: bool = True, aaguid: bytes = bytes(16)) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.verifies_user = verifies_user
        self.counts = counts
        self.aaguid = aaguid
        self.sign_count = 0

    @property
    def id(self) -> str:
        return b64url(self.credential_id)

    def cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})

    def _flags(self) -> int:
        return UP | (UV if self.verifies_user else 0)

    def sign(self, data: bytes) -> bytes:
        return self.key.sign(data, ec.ECDSA(hashes.SHA256()))

    def create(
        self,
        options: dict[str, Any],
        origin: str,
        *,
        fmt: str = "none",
        rp_id: str | None = None,
        challenge: str | None = None,
    ) -> dict[str, Any]:
        """RegistrationResponseJSON for CredentialCreationOptions ``options``, made at ``origin``
        (``rp_id`` and ``challenge`` stand in for the options' own to make a wrong one)."""
        client_data = json.dumps(
            {"type": "webauthn.create", "challenge": challenge or options["challenge"], "origin": origin}
        ).encode()
        rp = rp_id or options["rp"]["id"]
        auth_data = (
            hashlib.sha256(rp.encode()).digest()
            + bytes([self._flags() | AT])
            + struct.pack(">I", self.sign_count)
            + self.aaguid
            + struct.pack(">H", len(self.credential_id))
            + self.credential_id
            + self.cose_key()
        )
        statement: dict[str, Any] = {}
        if fmt == "packed":
            statement = {"alg": -7, "sig": self.sign(auth_data + hashlib.sha256(client_data).digest())}
        attestation = cbor2.dumps({"fmt": fmt, "attStmt": statement, "authData": auth_data})
        return {
            "id": self.id,
            "rawId": self.id,
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64url(client_data),
                "attestationObject": b64url(attestation),
                "transports": ["internal", "hybrid"],
            },
            "clientExtensionResults": {},
        }

    def get(
        self,
        options: dict[str, Any],
        origin: str,
        *,
        rp_id: str | None = None,
        challenge: str | None = None,
        advance: bool = True,
    ) -> dict[str, Any]:
        """AuthenticationResponseJSON for PublicKeyCredentialRequestOptions ``options`` at ``origin``."""
        if self.counts and advance:
            self.sign_count += 1
        client_data = json.dumps(
            {"type": "webauthn.get", "challenge": challenge or options["challenge"], "origin": origin}
        ).encode()
        rp = rp_id or options["rpId"]
        auth_data = hashlib.sha256(rp.encode()).digest() + bytes([self._flags()]) + struct.pack(">I", self.sign_count)
        signature = self.sign(auth_data + hashlib.sha256(client_data).digest())
        return {
            "id": self.id,
            "rawId": self.id,
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
            },
            "clientExtensionResults": {},
        }
