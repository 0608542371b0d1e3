"""Passkeys (WebAuthn credentials) of the signed-in user: Start/CompleteWebAuthnRegistration,
ListWebAuthnCredentials, DeleteWebAuthnCredential; and the relying party and origins both registration and
the WEB_AUTHN sign-in challenge (auth/webauthn.py) check against.

A pool offers passkeys when it is in the Essentials tier or higher and ``WEB_AUTHN`` is one of its
SignInPolicy's AllowedFirstAuthFactors; otherwise registration answers WebAuthnNotEnabledException.

The relying party ID is the pool's WebAuthnConfiguration ``RelyingPartyId``; without one, the pool's
custom domain, else its prefix domain's host name (``<prefix>.auth.<region>.amazoncognito.com``); a pool
with none of these answers WebAuthnConfigurationMissingException.

An origin is allowed, as AWS aligns it with the relying party:

- ``https://<rp id>`` and ``https://<any subdomain of the rp id>``, on any port;
- ``http://`` on those host names only where the relying party is ``localhost`` (or a name under it):
  browsers treat localhost as a secure context and let a page there use WebAuthn with that RP ID, so an
  app on ``http://localhost:3000`` registers passkeys against a pool whose RelyingPartyId is localhost;
- this server's own origin (its base URL, and the same port on ``localhost`` and ``127.0.0.1``): the
  local managed-login pages stand in for the pool domain's, which AWS serves on the relying party's host.

Credentials are verified with py_webauthn (attestation ``none`` and ``packed``, among the formats it
knows). It is imported where a credential is verified, not at the top: it brings pyOpenSSL and its
attestation machinery (about 90 ms), which a server that never sees a passkey should not pay at its
first sign-in. The checks AWS names with their own errors (challenge, client, origin, relying party) are
made here first, so each refusal carries its code; what py_webauthn refuses after them is a credential
AWS does not support (WebAuthnCredentialNotSupportedException) or malformed input
(InvalidParameterException).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from console.emulator.core import fetch, paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, limit_exceeded, resource_not_found
from console.emulator.core.registry import idp

from . import domains, tokens, users

# CredentialCreationOptions / CREDENTIAL_REQUEST_OPTIONS ``timeout`` (ms); a registration challenge lives
# as long.
TIMEOUT_MS = 180_000
MAX_CREDENTIALS = 20  # passkeys per user (ListWebAuthnCredentials pages at most 20 at a time)
DEFAULT_PAGE = 20
# COSE algorithms offered: ES256 and RS256, as browsers' passkey providers make them.
ALGORITHMS = (-7, -257)

NOT_ENABLED = "WebAuthn is not enabled for this user pool."
CONFIGURATION_MISSING = "The user pool has no relying party ID and no domain for WebAuthn."
CHALLENGE_NOT_FOUND = "The WebAuthn challenge was not found or has expired."
CLIENT_MISMATCH = "The access token is for a different client than the one that started the registration."
ORIGIN_NOT_ALLOWED = "The origin of the WebAuthn credential is not allowed for the user pool's relying party."
RELYING_PARTY_MISMATCH = "The WebAuthn credential's relying party ID does not match the user pool's."
NOT_SUPPORTED = "The WebAuthn credential is not supported."
CREDENTIAL_NOT_FOUND = "Credential not found."

# Friendly names of well-known passkey providers, by AAGUID; any other credential is a "Passkey".
_PROVIDERS = {
    "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4": "Google Password Manager",
    "adce0002-35bc-c60a-648b-0b25f1f05503": "Chrome on Mac",
    "fbfc3007-154e-4ecc-8c0b-6e020557d7bd": "iCloud Keychain",
    "dd4ec289-e01d-41c9-bb89-70fa845d4bf2": "iCloud Keychain (Managed)",
    "08987058-cadc-4b81-b6e1-30de50dcbe96": "Windows Hello",
    "9ddd1817-af5a-4672-a2b9-3e3dd95000a9": "Windows Hello",
    "6028b017-b1d4-4c02-b4b3-afcdafc96bb2": "Windows Hello",
    "bada5566-a7aa-401f-bd96-45619a55120d": "1Password",
    "d548826e-79b4-db40-a3d8-11116f7e8349": "Bitwarden",
    "531126d6-e717-415c-9320-3d9aa6981239": "Dashlane",
    "b84e4048-15dc-4dd0-8640-f4f60813c8af": "NordPass",
}


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def b64url_decode(text: str) -> bytes:
    """The bytes of unpadded base64url ``text``; InvalidParameterException for anything else."""
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise invalid_parameter("Invalid base64url encoding in the WebAuthn credential.") from None


# -- the pool's passkey settings ------------------------------------------------------------------------


def enabled(pool: dict[str, Any]) -> bool:
    """Whether the pool offers passkeys: Essentials tier or higher, WEB_AUTHN an allowed first factor."""
    if (pool.get("UserPoolTier") or "ESSENTIALS") == "LITE":
        return False
    factors = ((pool.get("Policies") or {}).get("SignInPolicy") or {}).get("AllowedFirstAuthFactors") or []
    return "WEB_AUTHN" in factors


def require_enabled(pool: dict[str, Any]) -> None:
    if not enabled(pool):
        raise AwsError("WebAuthnNotEnabledException", NOT_ENABLED)


def user_verification(pool: dict[str, Any]) -> str:
    """``required`` or ``preferred`` (the pool's WebAuthnConfiguration; AWS's default is preferred)."""
    return str((pool.get("WebAuthnConfiguration") or {}).get("UserVerification") or "preferred")


def relying_party_id(ctx: RequestContext, pool: dict[str, Any]) -> str:
    """The pool's relying party ID (see the module's docstring)."""
    configured = (pool.get("WebAuthnConfiguration") or {}).get("RelyingPartyId")
    if configured:
        return str(configured).lower()
    found = domains.domains_of(ctx, pool["Id"])
    for doc in found:
        if domains.is_custom(doc):
            return str(doc["Domain"]).lower()
    for doc in found:
        return domains.prefix_host(ctx, str(doc["Domain"]))
    raise AwsError("WebAuthnConfigurationMissingException", CONFIGURATION_MISSING)


def _under(host: str, rp_id: str) -> bool:
    return host == rp_id or host.endswith("." + rp_id)


def local_origins(ctx: RequestContext) -> set[str]:
    """This server's own origins: its base URL's, and the same port on localhost and 127.0.0.1."""
    base = urlsplit(ctx.base_url)
    if not base.scheme or not base.hostname:
        return set()
    port = f":{base.port}" if base.port else ""
    return {f"{base.scheme}://{host}{port}" for host in (base.hostname, "localhost", "127.0.0.1")}


def origin_allowed(ctx: RequestContext, rp_id: str, origin: str) -> bool:
    """Whether a credential made at ``origin`` may be used with ``rp_id`` (see the module's docstring)."""
    try:
        parts = urlsplit(origin)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - a malformed port raises ValueError here
    except ValueError:
        return False
    if not host or parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        return False
    if parts.scheme == "https" and _under(host, rp_id):
        return True
    localhost = rp_id == "localhost" or rp_id.endswith(".localhost")
    if parts.scheme == "http" and localhost and _under(host, rp_id):
        return True
    return origin.rstrip("/") in local_origins(ctx)


# -- the credential store --------------------------------------------------------------------------------


@dataclass
class Credential:
    """A registered passkey: its ID (base64url), COSE public key, signature counter and description."""

    pool_id: str
    username_key: str
    credential_id: str
    public_key: bytes
    sign_count: int
    relying_party_id: str
    friendly_name: str
    attachment: str | None
    transports: list[str]
    created: float


def _credential(row: Any) -> Credential:
    return Credential(
        pool_id=row["pool_id"],
        username_key=row["username_key"],
        credential_id=row["credential_id"],
        public_key=bytes(row["public_key"]),
        sign_count=int(row["sign_count"]),
        relying_party_id=row["relying_party_id"],
        friendly_name=row["friendly_name"],
        attachment=row["attachment"],
        transports=list(json.loads(row["transports"] or "[]")),
        created=float(row["created"]),
    )


def credentials_of(ctx: RequestContext, user: users.User) -> list[Credential]:
    """The user's passkeys, oldest first."""
    rows = ctx.store.all(
        "SELECT * FROM webauthn_credentials WHERE pool_id = ? AND username_key = ? ORDER BY created, credential_id",
        (user.pool_id, user.username_key),
    )
    return [_credential(r) for r in rows]


def has_credentials(ctx: RequestContext, user: users.User) -> bool:
    """Whether the user has registered a passkey (USER_AUTH offers WEB_AUTHN, GetUserAuthFactors lists it)."""
    found = ctx.store.value(
        "SELECT 1 FROM webauthn_credentials WHERE pool_id = ? AND username_key = ? LIMIT 1",
        (user.pool_id, user.username_key),
    )
    return found is not None


def credential(ctx: RequestContext, pool_id: str, credential_id: str) -> Credential | None:
    """The passkey ``credential_id`` of the pool, whoever's it is."""
    row = ctx.store.one(
        "SELECT * FROM webauthn_credentials WHERE pool_id = ? AND credential_id = ?", (pool_id, credential_id)
    )
    return None if row is None else _credential(row)


def record_use(ctx: RequestContext, found: Credential, sign_count: int) -> None:
    """A sign-in with ``found``: its authenticator's new signature counter and when it was used."""
    ctx.store.run(
        "UPDATE webauthn_credentials SET sign_count = ?, last_used = ? WHERE pool_id = ? AND credential_id = ?",
        (sign_count, ctx.now, found.pool_id, found.credential_id),
    )


def descriptor(found: Credential) -> dict[str, Any]:
    """PublicKeyCredentialDescriptorJSON: for excludeCredentials and allowCredentials."""
    out: dict[str, Any] = {"type": "public-key", "id": found.credential_id}
    if found.transports:
        out["transports"] = list(found.transports)
    return out


def description(found: Credential) -> dict[str, Any]:
    """WebAuthnCredentialDescription."""
    out: dict[str, Any] = {
        "CredentialId": found.credential_id,
        "FriendlyCredentialName": found.friendly_name,
        "RelyingPartyId": found.relying_party_id,
        "AuthenticatorTransports": list(found.transports),
        "CreatedAt": found.created,
    }
    if found.attachment:
        out["AuthenticatorAttachment"] = found.attachment
    return out


def _friendly_name(aaguid: str, attachment: str | None) -> str:
    if aaguid in _PROVIDERS:
        return _PROVIDERS[aaguid]
    return "Security key" if attachment == "cross-platform" else "Passkey"


# -- registration ----------------------------------------------------------------------------------------


def registration_options(ctx: RequestContext, pool: dict[str, Any], user: users.User, client_id: str) -> dict[str, Any]:
    """StartWebAuthnRegistration for ``user`` signed in through ``client_id``: CredentialCreationOptions, with
    the challenge kept for CompleteWebAuthnRegistration (inside a transaction)."""
    require_enabled(pool)
    rp_id = relying_party_id(ctx, pool)
    existing = credentials_of(ctx, user)
    if len(existing) >= MAX_CREDENTIALS:
        raise limit_exceeded(f"A user can register at most {MAX_CREDENTIALS} passkeys.")
    challenge = b64url(secrets.token_bytes(32))
    ctx.store.run("DELETE FROM webauthn_registrations WHERE expires < ?", (ctx.now,))
    ctx.store.run(
        "INSERT INTO webauthn_registrations (pool_id, username_key, challenge, client_id, relying_party_id,"
        " user_verification, created, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            user.pool_id,
            user.username_key,
            challenge,
            client_id,
            rp_id,
            user_verification(pool),
            ctx.now,
            ctx.now + TIMEOUT_MS / 1000,
        ),
    )
    return {
        "challenge": challenge,
        "rp": {"id": rp_id, "name": rp_id},
        "user": {"id": b64url(user.sub.encode()), "name": user.username, "displayName": user.username},
        "pubKeyCredParams": [{"type": "public-key", "alg": alg} for alg in ALGORITHMS],
        "timeout": TIMEOUT_MS,
        "excludeCredentials": [descriptor(c) for c in existing],
        "authenticatorSelection": {
            "residentKey": "required",
            "requireResidentKey": True,
            "userVerification": user_verification(pool),
        },
        "attestation": "none",
        "extensions": {"credProps": True},
    }


@dataclass
class _Pending:
    challenge: str
    client_id: str
    relying_party_id: str
    user_verification: str


def _pending(ctx: RequestContext, user: users.User, challenge: str) -> _Pending:
    """The unexpired registration ``challenge`` started for ``user``; consumed whatever the outcome."""
    rows = ctx.store.all(
        "SELECT * FROM webauthn_registrations WHERE pool_id = ? AND username_key = ? AND expires >= ?",
        (user.pool_id, user.username_key, ctx.now),
    )
    for row in rows:
        if hmac.compare_digest(str(row["challenge"]).encode(), challenge.encode()):

            def consume(stored: str = row["challenge"]) -> None:
                ctx.store.run(
                    "DELETE FROM webauthn_registrations WHERE pool_id = ? AND username_key = ? AND challenge = ?",
                    (user.pool_id, user.username_key, stored),
                )

            ctx.keep(consume)
            return _Pending(row["challenge"], row["client_id"], row["relying_party_id"], row["user_verification"])
    raise AwsError("WebAuthnChallengeNotFoundException", CHALLENGE_NOT_FOUND)


def client_data(raw: Any, expected_type: str) -> dict[str, Any]:
    """The parsed clientDataJSON (base64url text) of a credential, of type ``webauthn.create`` or ``.get``."""
    if not isinstance(raw, str):
        raise invalid_parameter("The WebAuthn credential has no clientDataJSON.")
    try:
        data = json.loads(b64url_decode(raw))
    except (ValueError, RecursionError):
        raise invalid_parameter("The WebAuthn credential's clientDataJSON is not JSON.") from None
    if not fetch.encodable(data):
        raise invalid_parameter("The WebAuthn credential's clientDataJSON is not JSON.")
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("type", "challenge", "origin")):
        raise invalid_parameter("The WebAuthn credential's clientDataJSON lacks type, challenge or origin.")
    if data["type"] != expected_type:
        raise invalid_parameter(f"The WebAuthn credential's clientDataJSON type must be {expected_type}.")
    return data


def rp_hash_matches(rp_id_hash: bytes, rp_id: str) -> bool:
    """Whether authenticator data's ``rpIdHash`` is the SHA-256 of ``rp_id``."""
    return hmac.compare_digest(rp_id_hash, hashlib.sha256(rp_id.encode()).digest())


def complete_registration(
    ctx: RequestContext, pool: dict[str, Any], user: users.User, client_id: str, given: Any
) -> None:
    """CompleteWebAuthnRegistration: ``given`` (RegistrationResponseJSON) checked and stored as the user's
    passkey, or refused with AWS's error (inside a transaction)."""
    from webauthn import verify_registration_response
    from webauthn.helpers import parse_attestation_object, parse_registration_credential_json
    from webauthn.helpers.cose import COSEAlgorithmIdentifier
    from webauthn.helpers.exceptions import InvalidRegistrationResponse, WebAuthnException

    require_enabled(pool)
    if not isinstance(given, dict):
        raise invalid_parameter("Credential must be a RegistrationResponseJSON object.")
    try:
        parsed = parse_registration_credential_json(given)
    except (WebAuthnException, ValueError, TypeError, KeyError):
        raise invalid_parameter("Credential must be a RegistrationResponseJSON object.") from None
    if b64url(parsed.raw_id) != parsed.id or given.get("type") != "public-key":
        raise invalid_parameter("Credential must be a public-key credential whose id is its rawId.")
    response = given["response"]
    data = client_data(response.get("clientDataJSON"), "webauthn.create")
    pending = _pending(ctx, user, data["challenge"])
    if not hmac.compare_digest(pending.client_id.encode(), client_id.encode()):
        raise AwsError("WebAuthnClientMismatchException", CLIENT_MISMATCH)
    if not origin_allowed(ctx, pending.relying_party_id, data["origin"]):
        raise AwsError("WebAuthnOriginNotAllowedException", ORIGIN_NOT_ALLOWED)
    try:
        attestation = parse_attestation_object(parsed.response.attestation_object)
    except Exception:  # any CBOR or structure error of client input is a bad parameter
        raise invalid_parameter("The WebAuthn credential's attestationObject is malformed.") from None
    if not rp_hash_matches(attestation.auth_data.rp_id_hash, pending.relying_party_id):
        raise AwsError("WebAuthnRelyingPartyMismatchException", RELYING_PARTY_MISMATCH)
    try:
        verified = verify_registration_response(
            credential=parsed,
            expected_challenge=b64url_decode(pending.challenge),
            expected_rp_id=pending.relying_party_id,
            expected_origin=data["origin"],
            require_user_verification=pending.user_verification == "required",
            supported_pub_key_algs=[COSEAlgorithmIdentifier(alg) for alg in ALGORITHMS],
        )
    except InvalidRegistrationResponse as err:
        raise AwsError("WebAuthnCredentialNotSupportedException", f"{NOT_SUPPORTED} {err}") from None
    except (WebAuthnException, ValueError, TypeError, KeyError):
        raise AwsError("WebAuthnCredentialNotSupportedException", NOT_SUPPORTED) from None
    credential_id = b64url(verified.credential_id)
    if credential(ctx, user.pool_id, credential_id) is not None:
        raise invalid_parameter("The passkey is already registered.")
    if len(credentials_of(ctx, user)) >= MAX_CREDENTIALS:
        raise limit_exceeded(f"A user can register at most {MAX_CREDENTIALS} passkeys.")
    attachment = given.get("authenticatorAttachment")
    if attachment not in ("platform", "cross-platform"):
        attachment = None
    transports = response.get("transports")
    if not isinstance(transports, list) or not all(isinstance(t, str) for t in transports):
        transports = []
    ctx.store.run(
        "INSERT INTO webauthn_credentials (pool_id, username_key, credential_id, public_key, sign_count,"
        " relying_party_id, friendly_name, attachment, transports, aaguid, attestation_format, user_verified,"
        " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            user.pool_id,
            user.username_key,
            credential_id,
            verified.credential_public_key,
            verified.sign_count,
            pending.relying_party_id,
            _friendly_name(verified.aaguid, attachment),
            attachment,
            json.dumps(sorted(set(transports))),
            verified.aaguid,
            str(verified.fmt.value if hasattr(verified.fmt, "value") else verified.fmt),
            1 if verified.user_verified else 0,
            ctx.now,
        ),
    )


# -- operations ------------------------------------------------------------------------------------------


@idp("StartWebAuthnRegistration", public=True)
def start_web_authn_registration(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, claims = tokens.authenticate_access_token(ctx, req["AccessToken"])
    return {"CredentialCreationOptions": registration_options(ctx, pool, user, str(claims.get("client_id")))}


@idp("CompleteWebAuthnRegistration", public=True)
def complete_web_authn_registration(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, claims = tokens.authenticate_access_token(ctx, req["AccessToken"])
    complete_registration(ctx, pool, user, str(claims.get("client_id")), req.get("Credential"))
    return {}


@idp("ListWebAuthnCredentials", public=True)
def list_web_authn_credentials(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    _, user, _ = tokens.authenticate_access_token(ctx, req["AccessToken"])
    limit = int(req.get("MaxResults") or DEFAULT_PAGE)
    params: list[Any] = [user.pool_id, user.username_key]
    where = ""
    token = req.get("NextToken")
    if token:
        created, key = paging.decode(token, "webauthn_credentials", (float, str))
        where = " AND (created > ? OR (created = ? AND credential_id > ?))"
        params += [created, created, key]
    rows = ctx.store.all(
        "SELECT * FROM webauthn_credentials WHERE pool_id = ? AND username_key = ?"  # noqa: S608 - fixed text
        + where
        + " ORDER BY created, credential_id LIMIT ?",
        [*params, limit + 1],
    )
    out: dict[str, Any] = {"Credentials": [description(_credential(r)) for r in rows[:limit]]}
    if len(rows) > limit:
        last = rows[limit - 1]
        out["NextToken"] = paging.encode("webauthn_credentials", [last["created"], last["credential_id"]])
    return out


@idp("DeleteWebAuthnCredential", public=True)
def delete_web_authn_credential(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    _, user, _ = tokens.authenticate_access_token(ctx, req["AccessToken"])
    found = credential(ctx, user.pool_id, req["CredentialId"])
    if found is None or found.username_key != user.username_key:
        raise resource_not_found(CREDENTIAL_NOT_FOUND)
    ctx.store.run(
        "DELETE FROM webauthn_credentials WHERE pool_id = ? AND credential_id = ?", (user.pool_id, found.credential_id)
    )
    return {}
