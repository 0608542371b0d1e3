"""Temporary security credentials: issued for a role session, kept, and found again for every call signed
with them (core/credentials.py verifies those calls; ``resolve`` is its hook).

``issue`` is what AssumeRoleWithWebIdentity, AssumeRole and identity pools' GetCredentialsForIdentity hand
out: an ``ASIA...`` access key, its secret, a session token and an expiration, for the principal
``arn:aws:sts::<account>:assumed-role/<RoleName>/<session>``. The secret is kept as is (SigV4 signatures are
checked with it), the session token only as its SHA-256. Credentials a day past their expiry are forgotten;
until then a call made with them is answered ExpiredToken rather than an unknown key.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass, field
from typing import Any

from console.emulator.core import credentials as verified
from console.emulator.core.context import RequestContext
from console.emulator.core.store import Store, dumps, loads

_FORGET_AFTER = 86400.0


@dataclass(frozen=True)
class Credentials:
    """One role session's credentials and who they stand for."""

    access_key_id: str
    secret_access_key: str
    session_token: str
    expiration: float  # epoch seconds
    assumed_role_id: str  # <role id>:<session name>
    arn: str  # arn:aws:sts::<account>:assumed-role/<RoleName>/<session name>
    role_arn: str = ""
    session_name: str = ""
    source_identity: str | None = None
    principal_tags: dict[str, str] = field(default_factory=dict)

    def as_wire(self) -> dict[str, Any]:
        """STS's ``Credentials`` member (AccessKeyId, SecretAccessKey, SessionToken, Expiration)."""
        return {
            "AccessKeyId": self.access_key_id,
            "SecretAccessKey": self.secret_access_key,
            "SessionToken": self.session_token,
            "Expiration": self.expiration,
        }


def _role_id(ctx: RequestContext, role_arn: str) -> str:
    role_id = ctx.store.value("SELECT role_id FROM iam_roles WHERE arn = ?", (role_arn,))
    if role_id is None:
        raise LookupError(f"no role {role_arn}")
    return str(role_id)


def assumed_role_arn(ctx: RequestContext, role_arn: str, session_name: str) -> str:
    role_name = role_arn.rsplit("/", 1)[-1]
    return f"arn:aws:sts::{ctx.config.account_id}:assumed-role/{role_name}/{session_name}"


def issue(
    ctx: RequestContext,
    *,
    role_arn: str,
    session_name: str,
    duration: int | float,
    source_identity: str | None = None,
    principal_tags: dict[str, str] | None = None,
    context: dict[str, Any] | None = None,
) -> Credentials:
    """New credentials for a session of the role ``role_arn`` (which must exist: LookupError otherwise),
    valid ``duration`` seconds from the request's clock. ``principal_tags`` become ``aws:PrincipalTag/*``
    and ``context`` (say the web identity's claims) other condition keys, when a policy is evaluated for
    the session."""
    role_id = _role_id(ctx, role_arn)
    found = Credentials(
        # Base32 of 10 random bytes: 16 characters of A-Z and 2-7, as in AWS's key IDs, each uniform.
        access_key_id="ASIA" + base64.b32encode(secrets.token_bytes(10)).decode(),
        secret_access_key=base64.b64encode(secrets.token_bytes(30)).decode(),
        session_token=base64.b64encode(b"local-cognito/sts\x00" + secrets.token_bytes(180)).decode(),
        expiration=float(int(ctx.now + duration)),
        assumed_role_id=f"{role_id}:{session_name}",
        arn=assumed_role_arn(ctx, role_arn, session_name),
        role_arn=role_arn,
        session_name=session_name,
        source_identity=source_identity,
        principal_tags=dict(principal_tags or {}),
    )
    doc: dict[str, Any] = {
        "session_name": session_name,
        "principal_tags": found.principal_tags,
        "context": context or {},
    }
    if source_identity is not None:
        doc["source_identity"] = source_identity
    with ctx.store.tx():
        ctx.store.run("DELETE FROM sts_credentials WHERE expiration < ?", (ctx.now - _FORGET_AFTER,))
        ctx.store.run(
            "INSERT INTO sts_credentials (access_key_id, secret, token_hash, expiration, arn, role_arn,"
            " assumed_role_id, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                found.access_key_id,
                found.secret_access_key,
                verified.token_hash(found.session_token),
                found.expiration,
                found.arn,
                role_arn,
                found.assumed_role_id,
                dumps(doc),
            ),
        )
    return found


@dataclass(frozen=True)
class Session:
    """What a policy decision needs to know about a session: its role and condition keys."""

    access_key_id: str
    arn: str
    role_arn: str
    assumed_role_id: str
    expiration: float
    principal_tags: dict[str, str]
    context: dict[str, Any]


def session(store: Store, access_key_id: str) -> Session | None:
    """The session of an access key this server issued, or None."""
    row = store.one("SELECT * FROM sts_credentials WHERE access_key_id = ?", (access_key_id,))
    if row is None:
        return None
    doc = loads(row["doc"])
    return Session(
        row["access_key_id"],
        row["arn"],
        row["role_arn"],
        row["assumed_role_id"],
        row["expiration"],
        doc.get("principal_tags", {}),
        doc.get("context", {}),
    )


def resolve(store: Store, access_key_id: str) -> verified.Temporary | None:
    """core/credentials.py's hook: the key's secret, token hash and expiry, or None for a key never issued."""
    row = store.one(
        "SELECT access_key_id, secret, token_hash, expiration, arn, assumed_role_id FROM sts_credentials"
        " WHERE access_key_id = ?",
        (access_key_id,),
    )
    if row is None:
        return None
    return verified.Temporary(
        row["access_key_id"], row["secret"], row["token_hash"], row["expiration"], row["arn"], row["assumed_role_id"]
    )
