"""Identities: an identity pool's identities and the logins linked to them; DescribeIdentity, ListIdentities,
DeleteIdentities.

An identity ID is ``<region>:<uuid>``. A login is a provider name (as DescribeIdentity lists it) and the
user's ID at that provider; each login belongs to at most one identity of a pool. An identity with no login
is unauthenticated (a guest). An identity merged into another is disabled (``merged_into``): it keeps no
logins and is hidden by ``HideDisabled``.

Other services ask ``identity_pool_exists`` and ``identity_exists`` (Cognito Sync).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, resource_not_found
from console.emulator.sync import merging

from .pools import api, get_pool

MAX_LOGINS = 20  # linked logins per identity


@dataclass(frozen=True)
class Identity:
    id: str
    pool_id: str
    created: float
    modified: float
    merged_into: str | None

    @property
    def enabled(self) -> bool:
        return self.merged_into is None


def identity_pool_exists(ctx: RequestContext, pool_id: str) -> bool:
    """Whether the identity pool ``pool_id`` exists."""
    return ctx.store.value("SELECT 1 FROM identity_pools WHERE id = ?", (pool_id,)) is not None


def identity_exists(ctx: RequestContext, pool_id: str, identity_id: str) -> bool:
    """Whether ``identity_id`` is an identity of the pool ``pool_id`` that is enabled (not merged away)."""
    return (
        ctx.store.value(
            "SELECT 1 FROM identities WHERE id = ? AND pool_id = ? AND merged_into IS NULL", (identity_id, pool_id)
        )
        is not None
    )


def not_found(identity_id: str) -> AwsError:
    return resource_not_found(f"Identity '{identity_id}' not found.")


def find(ctx: RequestContext, identity_id: str) -> Identity | None:
    row = ctx.store.one("SELECT * FROM identities WHERE id = ?", (identity_id,))
    if row is None:
        return None
    return Identity(row["id"], row["pool_id"], row["created"], row["modified"], row["merged_into"])


def get(ctx: RequestContext, identity_id: str) -> Identity:
    """The identity; ``ResourceNotFoundException`` if there is none."""
    found = find(ctx, identity_id)
    if found is None:
        raise not_found(identity_id)
    return found


def create(ctx: RequestContext, pool_id: str) -> Identity:
    identity_id = f"{ctx.region}:{uuid.uuid4()}"
    ctx.store.run(
        "INSERT INTO identities (id, pool_id, created, modified) VALUES (?, ?, ?, ?)",
        (identity_id, pool_id, ctx.now, ctx.now),
    )
    return Identity(identity_id, pool_id, ctx.now, ctx.now, None)


def logins(ctx: RequestContext, identity_id: str) -> list[tuple[str, str]]:
    """The (provider, subject) logins linked to the identity, in the order they were linked."""
    rows = ctx.store.all(
        "SELECT provider, subject FROM identity_logins WHERE identity_id = ? ORDER BY created, provider",
        (identity_id,),
    )
    return [(r["provider"], r["subject"]) for r in rows]


def owner(ctx: RequestContext, pool_id: str, provider: str, subject: str) -> str | None:
    """The identity a login is linked to in the pool, if any."""
    found: str | None = ctx.store.value(
        "SELECT identity_id FROM identity_logins WHERE pool_id = ? AND provider = ? AND subject = ?",
        (pool_id, provider, subject),
    )
    return found


def owner_identity(ctx: RequestContext, pool_id: str, provider: str, subject: str) -> Identity | None:
    """The identity a login is linked to in the pool, if any."""
    row = ctx.store.one(
        "SELECT i.* FROM identity_logins l JOIN identities i ON i.id = l.identity_id"
        " WHERE l.pool_id = ? AND l.provider = ? AND l.subject = ?",
        (pool_id, provider, subject),
    )
    return (
        None
        if row is None
        else Identity(row["id"], row["pool_id"], row["created"], row["modified"], row["merged_into"])
    )


def touch(ctx: RequestContext, identity_id: str) -> None:
    ctx.store.run("UPDATE identities SET modified = ? WHERE id = ?", (ctx.now, identity_id))


def link(ctx: RequestContext, identity: Identity, provider: str, subject: str, *, many: str | None = None) -> bool:
    """Link a login to the identity; whether it was not linked already.

    An identity has at most one login of a provider (``ResourceConflictException``), except of ``many`` (the
    pool's developer provider, whose users merge into one identity), and at most ``MAX_LOGINS`` logins
    (``LimitExceededException``).
    """
    linked = logins(ctx, identity.id)
    if any(p == provider and s == subject for p, s in linked):
        return False
    if provider != many and any(p == provider for p, _ in linked):
        raise AwsError(
            "ResourceConflictException",
            f"The identity already has a login of {provider}; it cannot be linked to another user of it.",
        )
    if len(linked) >= MAX_LOGINS:
        raise AwsError("LimitExceededException", f"An identity can have at most {MAX_LOGINS} linked logins.")
    ctx.store.run(
        "INSERT INTO identity_logins (pool_id, provider, subject, identity_id, created) VALUES (?, ?, ?, ?, ?)",
        (identity.pool_id, provider, subject, identity.id, ctx.now),
    )
    touch(ctx, identity.id)
    return True


def unlink(ctx: RequestContext, identity_id: str, provider: str, subject: str | None = None) -> int:
    """Unlink the identity's login of ``provider`` (only that user's, given ``subject``); the number unlinked."""
    if subject is None:
        n = ctx.store.run("DELETE FROM identity_logins WHERE identity_id = ? AND provider = ?", (identity_id, provider))
    else:
        n = ctx.store.run(
            "DELETE FROM identity_logins WHERE identity_id = ? AND provider = ? AND subject = ?",
            (identity_id, provider, subject),
        )
    if n:
        touch(ctx, identity_id)
    return n


def merge(ctx: RequestContext, source: Identity, destination: Identity, *, many: str | None = None) -> None:
    """Move the source identity's logins and Cognito Sync datasets (sync/merging.py) to the destination and
    disable the source.

    Two logins of one provider (but ``many``) for different users cannot be merged
    (``ResourceConflictException``); nor can more than ``MAX_LOGINS`` logins end up on the destination
    (``LimitExceededException``).
    """
    if source.id == destination.id:
        return
    mine = logins(ctx, destination.id)
    theirs = logins(ctx, source.id)
    providers = {p: s for p, s in mine}
    for provider, subject in theirs:
        if provider != many and provider in providers and providers[provider] != subject:
            raise AwsError(
                "ResourceConflictException",
                f"The identities are linked to different users of {provider} and cannot be merged.",
            )
    if len({*mine, *theirs}) > MAX_LOGINS:
        raise AwsError("LimitExceededException", f"An identity can have at most {MAX_LOGINS} linked logins.")
    ctx.store.run("UPDATE identity_logins SET identity_id = ? WHERE identity_id = ?", (destination.id, source.id))
    merging.merge_datasets(ctx, source.id, destination.id)
    ctx.store.run(
        "UPDATE identities SET merged_into = ?, modified = ? WHERE id = ? OR merged_into = ?",
        (destination.id, ctx.now, source.id, source.id),
    )
    touch(ctx, destination.id)


def describe(ctx: RequestContext, identity: Identity) -> dict[str, Any]:
    """The ``IdentityDescription`` shape."""
    return {
        "IdentityId": identity.id,
        "Logins": sorted({p for p, _ in logins(ctx, identity.id)}),
        "CreationDate": identity.created,
        "LastModifiedDate": identity.modified,
    }


@api("DescribeIdentity")
def describe_identity(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return describe(ctx, get(ctx, req["IdentityId"]))


_LIST = "identities"


@api("ListIdentities")
def list_identities(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool_id = req["IdentityPoolId"]
    get_pool(ctx, pool_id)
    limit = req["MaxResults"]
    created, after = -1.0, ""
    if req.get("NextToken"):
        created, after = paging.decode(req["NextToken"], _LIST, [float, str])
    hide = " AND merged_into IS NULL" if req.get("HideDisabled") else ""
    rows = ctx.store.all(
        "SELECT * FROM identities WHERE pool_id = ? AND (created > ? OR (created = ? AND id > ?))"  # noqa: S608
        + hide
        + " ORDER BY created, id LIMIT ?",
        (pool_id, created, created, after, limit + 1),
    )
    found = [Identity(r["id"], r["pool_id"], r["created"], r["modified"], r["merged_into"]) for r in rows]
    out: dict[str, Any] = {"IdentityPoolId": pool_id, "Identities": [describe(ctx, i) for i in found[:limit]]}
    if len(found) > limit:
        last = found[limit - 1]
        out["NextToken"] = paging.encode(_LIST, [last.created, last.id])
    return out


@api("DeleteIdentities")
def delete_identities(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    for identity_id in req["IdentityIdsToDelete"]:
        ctx.store.run("DELETE FROM identities WHERE id = ?", (identity_id,))
    return {"UnprocessedIdentityIds": []}
