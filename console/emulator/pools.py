"""User pools: the pool document and the pool-level operations.

A pool is stored as its ``UserPoolType`` document (JSON) in ``pools.doc``; computed fields
(``EstimatedNumberOfUsers``) are filled in when it is described.
"""

from __future__ import annotations

from typing import Any

from .context import RequestContext
from .errors import pool_not_found
from .store import dumps, loads


def get_pool(ctx: RequestContext, pool_id: str) -> dict[str, Any]:
    """The pool's document; ``ResourceNotFoundException`` if there is no such pool."""
    row = ctx.store.one("SELECT doc FROM pools WHERE id = ?", (pool_id,))
    if row is None:
        raise pool_not_found(pool_id)
    doc: dict[str, Any] = loads(row["doc"])
    return doc


def save_pool(ctx: RequestContext, doc: dict[str, Any]) -> None:
    doc["LastModifiedDate"] = ctx.now
    ctx.store.run(
        "UPDATE pools SET name = ?, modified = ?, doc = ? WHERE id = ?",
        (doc["Name"], ctx.now, dumps(doc), doc["Id"]),
    )


def pool_suffix(pool_id: str) -> str:
    """The part of the pool ID after the underscore: SRP's "pool name"."""
    return pool_id.split("_", 1)[1]


def is_case_sensitive(pool: dict[str, Any]) -> bool:
    """Pools created without ``UsernameConfiguration`` are case sensitive (AWS's legacy default)."""
    config = pool.get("UsernameConfiguration")
    if not config:
        return True
    return bool(config.get("CaseSensitive", True))


def username_attributes(pool: dict[str, Any]) -> list[str]:
    """``email`` and/or ``phone_number`` when they sign in in place of a username."""
    return list(pool.get("UsernameAttributes") or [])


def alias_attributes(pool: dict[str, Any]) -> list[str]:
    return list(pool.get("AliasAttributes") or [])


def pool_arn(ctx: RequestContext, pool_id: str) -> str:
    return f"arn:aws:cognito-idp:{ctx.region}:{ctx.config.account_id}:userpool/{pool_id}"
