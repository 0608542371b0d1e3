"""Helpers for the sign-in and token tests: pools, clients and users made through boto3 as a user would."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import sqlite3
from pathlib import Path
from typing import Any

import httpx

PASSWORD = "Corr3ct-Horse!"
ALL_FLOWS = [
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_USER_AUTH",
]


def new_client(idp: Any, pool_id: str, **kwargs: Any) -> dict[str, Any]:
    kwargs.setdefault("ExplicitAuthFlows", ALL_FLOWS)
    client: dict[str, Any] = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app", **kwargs)[
        "UserPoolClient"
    ]
    return client


def new_user(
    idp: Any, pool_id: str, username: str, password: str = PASSWORD, attributes: dict[str, str] | None = None
) -> None:
    attrs = [{"Name": k, "Value": v} for k, v in (attributes or {}).items()]
    idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS", UserAttributes=attrs)
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=password, Permanent=True)


def secret_hash(secret: str, username: str, client_id: str) -> str:
    digest = hmac.new(secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def password_auth(idp: Any, client_id: str, username: str, password: str = PASSWORD, **params: str) -> Any:
    return idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password, **params},
    )


def tokens(idp: Any, client_id: str, username: str, password: str = PASSWORD) -> dict[str, Any]:
    result: dict[str, Any] = password_auth(idp, client_id, username, password)["AuthenticationResult"]
    return result


def claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return decoded


def jwks(base_url: str, pool_id: str) -> dict[str, Any]:
    found: dict[str, Any] = httpx.get(f"{base_url}/{pool_id}/.well-known/jwks.json", timeout=10).json()
    return found


def error(exc: Any) -> tuple[str, str]:
    """(code, message) of a botocore ClientError."""
    return exc.value.response["Error"]["Code"], exc.value.response["Error"]["Message"]


def signing_key_pem(data_dir: Path, pool_id: str, purpose: str) -> str:
    """A pool's private key as the server stored it, for forging otherwise-valid tokens in tests."""
    db = sqlite3.connect(data_dir / "cognito.db")
    try:
        row = db.execute(
            "SELECT material FROM pool_keys WHERE pool_id = ? AND purpose = ?", (pool_id, purpose)
        ).fetchone()
    finally:
        db.close()
    return str(row[0])


def age_temporary_password(data_dir: Path, pool_id: str, username_key: str, seconds: float) -> None:
    """Move a temporary password's expiry into the past, as if ``seconds`` had gone by (no waiting days)."""
    db = sqlite3.connect(data_dir / "cognito.db", timeout=10)
    try:
        row = db.execute(
            "SELECT secret FROM users WHERE pool_id = ? AND username_key = ?", (pool_id, username_key)
        ).fetchone()
        secret = json.loads(row[0])
        secret["temporary_expires"] = float(secret["temporary_expires"]) - seconds
        with db:
            db.execute(
                "UPDATE users SET secret = ? WHERE pool_id = ? AND username_key = ?",
                (json.dumps(secret), pool_id, username_key),
            )
    finally:
        db.close()


def age_sessions(data_dir: Path, pool_id: str, seconds: float) -> None:
    """Move the expiry of a pool's challenge sessions into the past, as if ``seconds`` had gone by."""
    db = sqlite3.connect(data_dir / "cognito.db", timeout=10)
    try:
        with db:
            db.execute("UPDATE auth_sessions SET expires = expires - ? WHERE pool_id = ?", (seconds, pool_id))
    finally:
        db.close()
