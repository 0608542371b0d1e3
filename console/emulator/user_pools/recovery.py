"""Point-in-time recovery of a user pool's user data: Initiate/Start/Describe/Cancel/ListPointInTimeRecoveries.

The history is the store's own: triggers on ``users``, ``groups``, ``user_groups`` and
``webauthn_credentials`` (schema.py's ``recovery`` and ``recovery_passkeys`` areas) write each row as it was
before every change into ``pool_journal``. A row's state at a point in time is the state recorded by its
first change after that point, or, if it has not changed since, its state now. A recovery reverts what
changed after its point: users (profile, attributes, status), their MFA settings, groups, group memberships
and passkeys (registered or deleted; a passkey's use is not a change). Users whose password changed after
the point keep their current password, as AWS documents; pool configuration (app clients, schema,
replicas) is not restored.

InitiatePointInTimeRecovery compares the point's state with the present and keeps the preview counts
(Users, Groups, User MFAs, Passkeys) at once, so a recovery is PREVIEW_GENERATED from the start. From then
until it is started, cancelled or 24 hours pass (PREVIEW_EXPIRED), writes to the pool are paused
(pool_access.py). StartPointInTimeRecovery applies it in the request and answers RESTORING, as AWS does; it
is RESTORE_COMPLETED afterwards.

The journal's times are the wall clock; a server whose clock a test moved forward compares them with the
recovery point less that offset.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, resource_not_found
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps, loads

from . import pool_access, pools, users

MIN_AGE = 15 * 60  # the recovery point must be at least 15 minutes in the past
RECOVERY_PERIOD = {"ESSENTIALS": 86400.0, "PLUS": 14 * 86400.0}
PREVIEWS_PER_DAY = 3
PREVIEWS_PER_30_DAYS = 10
COMPLETED_PER_DAY = 1
ACTIVE_PER_ACCOUNT = 5
_DAY = 86400.0
_PAGING_KIND = "recoveries"


# -- the state at a point in time ---------------------------------------------------------------------


@dataclass
class _Then:
    """The rows changed since a point in time, each as it was at that point (None: it did not exist)."""

    users: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    groups: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    memberships: dict[tuple[str, str], bool] = field(default_factory=dict)
    passkeys: dict[str, dict[str, Any] | None] = field(default_factory=dict)


def _wall(ctx: RequestContext, server_time: float) -> float:
    """A time of the server's clock on the journal's (wall) clock."""
    return server_time - ctx.config.clock_offset


def _then(ctx: RequestContext, pool_id: str, point: float, until: float) -> _Then:
    """The rows changed between ``point`` and ``until`` (server times), as they were at ``point``."""
    then = _Then()
    seen: set[tuple[str, str]] = set()
    rows = ctx.store.iter(
        "SELECT entity, key, before FROM pool_journal WHERE pool_id = ? AND at > ? AND at <= ? ORDER BY seq",
        (pool_id, _wall(ctx, point), _wall(ctx, until)),
    )
    for row in rows:
        entity, key = row["entity"], row["key"]
        if (entity, key) in seen:
            continue  # only the first change after the point tells the state at it
        seen.add((entity, key))
        before = json.loads(row["before"]) if row["before"] is not None else None
        if entity == "users":
            then.users[key] = before
        elif entity == "groups":
            then.groups[key] = before
        elif entity == "user_groups":
            group_name, username_key = json.loads(key)
            then.memberships[(group_name, username_key)] = before is not None
        elif entity == "passkeys":
            then.passkeys[key] = before
    return then


def _user_now(ctx: RequestContext, pool_id: str, key: str) -> dict[str, Any] | None:
    row = ctx.store.one("SELECT * FROM users WHERE pool_id = ? AND username_key = ?", (pool_id, key))
    return None if row is None else dict(row)


def _group_now(ctx: RequestContext, pool_id: str, name: str) -> dict[str, Any] | None:
    row = ctx.store.one("SELECT * FROM groups WHERE pool_id = ? AND name = ?", (pool_id, name))
    return None if row is None else dict(row)


def _member_now(ctx: RequestContext, pool_id: str, group_name: str, username_key: str) -> bool:
    found = ctx.store.value(
        "SELECT 1 FROM user_groups WHERE pool_id = ? AND group_name = ? AND username_key = ?",
        (pool_id, group_name, username_key),
    )
    return found is not None


def _passkey_now(ctx: RequestContext, pool_id: str, credential_id: str) -> bool:
    found = ctx.store.value(
        "SELECT 1 FROM webauthn_credentials WHERE pool_id = ? AND credential_id = ?", (pool_id, credential_id)
    )
    return found is not None


def _profile(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["status"], bool(row["enabled"]), loads(row["attrs"]))


def _has_mfa(row: dict[str, Any] | None) -> bool:
    return row is not None and bool(loads(row["mfa"]))


def _counts(pairs: Iterable[tuple[bool, bool, bool]]) -> dict[str, int]:
    """CreateCount/UpdateCount/DeleteCount of (existed then, exists now, differs) triples."""
    out = {"CreateCount": 0, "UpdateCount": 0, "DeleteCount": 0}
    for was, is_, differs in pairs:
        if was and not is_:
            out["CreateCount"] += 1
        elif is_ and not was:
            out["DeleteCount"] += 1
        elif was and is_ and differs:
            out["UpdateCount"] += 1
    return out


def _preview(ctx: RequestContext, pool_id: str, then: _Then) -> list[dict[str, Any]]:
    user_pairs = []
    mfa_pairs = []
    for key, was in then.users.items():
        now = _user_now(ctx, pool_id, key)
        if was is not None and now is not None and was["sub"] == now["sub"]:
            user_pairs.append((True, True, _profile(was) != _profile(now)))
            mfa_pairs.append((True, True, loads(was["mfa"]) != loads(now["mfa"])))
        elif was is not None and now is not None:
            # The username went to another user since: the recovery deletes that one and recreates the first.
            user_pairs += [(True, False, False), (False, True, False)]
            mfa_pairs += [(_has_mfa(was), False, False), (False, _has_mfa(now), False)]
        else:
            # A user the recovery creates or deletes brings or takes their MFA settings, if they have any.
            user_pairs.append((was is not None, now is not None, False))
            mfa_pairs.append((_has_mfa(was), _has_mfa(now), False))
    changed_members = {
        group for (group, key), was in then.memberships.items() if was != _member_now(ctx, pool_id, group, key)
    }
    group_pairs = []
    for name in set(then.groups) | changed_members:
        now_group = _group_now(ctx, pool_id, name)
        was_group = then.groups.get(name, now_group)
        differs = name in changed_members or (
            was_group is not None and now_group is not None and loads(was_group["doc"]) != loads(now_group["doc"])
        )
        group_pairs.append((was_group is not None, now_group is not None, differs))
    passkey_pairs = [
        (was is not None, _passkey_now(ctx, pool_id, credential_id), False)
        for credential_id, was in then.passkeys.items()
    ]
    return [
        {"Entity": "Users", **_counts(user_pairs)},
        {"Entity": "Groups", **_counts(group_pairs)},
        {"Entity": "User MFAs", **_counts(mfa_pairs)},
        {"Entity": "Passkeys", **_counts(passkey_pairs)},
    ]


def _apply(ctx: RequestContext, pool: dict[str, Any], then: _Then) -> None:
    """Put every row changed since the point back as it was then."""
    pool_id = pool["Id"]
    for name, was in then.groups.items():
        if was is None:
            ctx.store.run("DELETE FROM groups WHERE pool_id = ? AND name = ?", (pool_id, name))
    restored: list[users.User] = []
    for key, was in then.users.items():
        now = _user_now(ctx, pool_id, key)
        if was is None:
            if now is not None:
                users.delete(ctx, users.from_row(now))
        elif now is None or now["sub"] != was["sub"]:
            if now is not None:  # another user took the username since
                users.delete(ctx, users.from_row(now))
            restored.append(users.from_row(was))
        elif _profile(was) != _profile(now) or loads(was["mfa"]) != loads(now["mfa"]):
            user = users.from_row(now)  # the current password stays
            earlier = users.from_row(was)
            user.status, user.enabled, user.attrs, user.mfa = (
                earlier.status,
                earlier.enabled,
                earlier.attrs,
                earlier.mfa,
            )
            users.save(ctx, pool, user)
    for user in restored:
        users.insert(ctx, pool, user)
    for name, was in then.groups.items():
        if was is None:
            continue
        ctx.store.run(
            "INSERT INTO groups (pool_id, name, created, modified, doc) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (pool_id, name) DO UPDATE SET doc = excluded.doc, modified = excluded.modified",
            (pool_id, name, was["created"], ctx.now, was["doc"]),
        )
    for (group_name, username_key), was_member in then.memberships.items():
        if not was_member:
            ctx.store.run(
                "DELETE FROM user_groups WHERE pool_id = ? AND group_name = ? AND username_key = ?",
                (pool_id, group_name, username_key),
            )
        elif _user_now(ctx, pool_id, username_key) and _group_now(ctx, pool_id, group_name):
            ctx.store.run(
                "INSERT OR IGNORE INTO user_groups (pool_id, group_name, username_key) VALUES (?, ?, ?)",
                (pool_id, group_name, username_key),
            )
    for credential_id, passkey in then.passkeys.items():
        if passkey is None:
            ctx.store.run(
                "DELETE FROM webauthn_credentials WHERE pool_id = ? AND credential_id = ?", (pool_id, credential_id)
            )
        elif _user_now(ctx, pool_id, passkey["username_key"]):
            ctx.store.run(
                "INSERT OR IGNORE INTO webauthn_credentials (pool_id, username_key, credential_id, public_key,"
                " sign_count, relying_party_id, friendly_name, attachment, transports, aaguid, attestation_format,"
                " user_verified, created, last_used) VALUES (:pool_id, :username_key, :credential_id, :public_key,"
                " :sign_count, :relying_party_id, :friendly_name, :attachment, :transports, :aaguid,"
                " :attestation_format, :user_verified, :created, :last_used)",
                {**passkey, "public_key": bytes.fromhex(passkey["public_key"])},
            )


# -- recoveries ---------------------------------------------------------------------------------------


def _timestamp(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise invalid_parameter(f"Invalid RestoreTimestamp: {value}") from None
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)).timestamp()
    raise invalid_parameter("Invalid RestoreTimestamp.")


def _status(ctx: RequestContext, row: Any) -> str:
    """The recovery's status now: an unstarted preview expires 24 hours after it was initiated."""
    status = str(row["status"])
    if status in pool_access.PREVIEW_STATUSES and row["created"] <= ctx.now - pool_access.PREVIEW_LIFETIME:
        return "PREVIEW_EXPIRED"
    return status


def _restoration(ctx: RequestContext, row: Any, *, status: str | None = None) -> dict[str, Any]:
    return {
        "RestoreId": row["restore_id"],
        "RestoreStatus": status or _status(ctx, row),
        "RestoreTimestamp": row["restore_time"],
        "TriggerTimestamp": row["trigger_time"],
        "RestorePreview": loads(row["preview"]) or [],
    }


def _recovery(ctx: RequestContext, pool_id: str, restore_id: str) -> Any:
    row = ctx.store.one(
        "SELECT * FROM pool_recoveries WHERE restore_id = ? AND pool_id = ?", (restore_id.lower(), pool_id)
    )
    if row is None:
        raise resource_not_found(f"Point-in-time recovery {restore_id} does not exist in user pool {pool_id}.")
    return row


def _require_tier(pool: dict[str, Any]) -> str:
    tier = pool.get("UserPoolTier") or "ESSENTIALS"
    if tier not in RECOVERY_PERIOD:
        raise AwsError(
            "FeatureUnavailableInTierException",
            "Point-in-time recovery requires the Essentials or Plus feature plan.",
        )
    return tier


@idp("InitiatePointInTimeRecovery")
def initiate_point_in_time_recovery(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    tier = _require_tier(pool)
    point = _timestamp(req["RestoreTimestamp"])
    if point > ctx.now - MIN_AGE:
        raise invalid_parameter("The recovery point must be at least 15 minutes in the past.")
    period = RECOVERY_PERIOD[tier]
    if point < ctx.now - period:
        days = int(period // _DAY)
        raise invalid_parameter(
            f"The recovery point must be within the last {days} day{'s' if days > 1 else ''}, the recovery period"
            f" of the {tier.title()} feature plan."
        )
    created = ctx.store.value("SELECT created FROM pools WHERE id = ?", (pool["Id"],))
    if point < created:
        raise invalid_parameter("The recovery point can't be earlier than the creation time of the user pool.")
    active = ctx.store.all(
        "SELECT * FROM pool_recoveries WHERE pool_id = ? AND status IN (?, ?, ?)",
        (pool["Id"], *pool_access.PREVIEW_STATUSES, "RESTORING"),
    )
    if any(_status(ctx, r) != "PREVIEW_EXPIRED" for r in active):
        raise AwsError(
            "ConcurrentModificationException", f"User pool {pool['Id']} already has an active point-in-time recovery."
        )
    account_active = ctx.store.all(
        "SELECT * FROM pool_recoveries WHERE status IN (?, ?, ?)", (*pool_access.PREVIEW_STATUSES, "RESTORING")
    )
    if sum(_status(ctx, r) != "PREVIEW_EXPIRED" for r in account_active) >= ACTIVE_PER_ACCOUNT:
        raise AwsError(
            "LimitExceededException",
            f"An account can have at most {ACTIVE_PER_ACCOUNT} active point-in-time recoveries.",
        )
    importing = ctx.store.all("SELECT doc FROM user_import_jobs WHERE pool_id = ?", (pool["Id"],))
    if any(loads(r["doc"]).get("Status") in ("Pending", "InProgress", "Stopping") for r in importing):
        raise AwsError(
            "ConcurrentModificationException",
            f"A user import job is in progress in user pool {pool['Id']}; initiate the recovery after it ends.",
        )
    for window, limit, what in (
        (_DAY, PREVIEWS_PER_DAY, "recovery previews in 24 hours"),
        (30 * _DAY, PREVIEWS_PER_30_DAYS, "recovery previews in 30 days"),
    ):
        made = ctx.store.value(
            "SELECT COUNT(*) FROM pool_recoveries WHERE pool_id = ? AND created > ?", (pool["Id"], ctx.now - window)
        )
        if made >= limit:
            raise AwsError("LimitExceededException", f"A user pool can have at most {limit} {what}.")
    completed = ctx.store.value(
        "SELECT COUNT(*) FROM pool_recoveries WHERE pool_id = ? AND status = 'RESTORE_COMPLETED' AND finished > ?",
        (pool["Id"], ctx.now - _DAY),
    )
    if completed >= COMPLETED_PER_DAY:
        raise AwsError("LimitExceededException", "A user pool can complete one point-in-time recovery in 24 hours.")
    preview = _preview(ctx, pool["Id"], _then(ctx, pool["Id"], point, ctx.now))
    restore_id = str(uuid.uuid4())
    ctx.store.run(
        "INSERT INTO pool_recoveries (restore_id, pool_id, status, restore_time, trigger_time, created, preview)"
        " VALUES (?, ?, 'PREVIEW_GENERATED', ?, ?, ?, ?)",
        (restore_id, pool["Id"], point, ctx.now, ctx.now, dumps(preview)),
    )
    return {"Restoration": _restoration(ctx, _recovery(ctx, pool["Id"], restore_id))}


@idp("StartPointInTimeRecovery")
def start_point_in_time_recovery(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    _require_tier(pool)
    row = _recovery(ctx, pool["Id"], req["RestoreId"])
    status = _status(ctx, row)
    if status != "PREVIEW_GENERATED":
        raise AwsError(
            "ConcurrentModificationException",
            f"Point-in-time recovery {row['restore_id']} is {status}; only a recovery in PREVIEW_GENERATED can be"
            " started.",
        )
    # The changes reverted are those between the point and the recovery's initiation (TriggerTimestamp);
    # writes have been paused since, but sign-in may have changed users (a migrated user, say).
    _apply(ctx, pool, _then(ctx, pool["Id"], row["restore_time"], row["trigger_time"]))
    ctx.store.run(
        "UPDATE pool_recoveries SET status = 'RESTORE_COMPLETED', finished = ? WHERE restore_id = ?",
        (ctx.now, row["restore_id"]),
    )
    return {"Restoration": _restoration(ctx, row, status="RESTORING")}


@idp("CancelPointInTimeRecovery")
def cancel_point_in_time_recovery(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    _require_tier(pool)
    row = _recovery(ctx, pool["Id"], req["RestoreId"])
    status = _status(ctx, row)
    if status not in pool_access.PREVIEW_STATUSES:
        raise AwsError(
            "ConcurrentModificationException",
            f"Point-in-time recovery {row['restore_id']} is {status}; only a recovery in PREVIEW_GENERATING or"
            " PREVIEW_GENERATED can be cancelled.",
        )
    ctx.store.run(
        "UPDATE pool_recoveries SET status = 'PREVIEW_CANCELLED', finished = ? WHERE restore_id = ?",
        (ctx.now, row["restore_id"]),
    )
    return {"Restoration": _restoration(ctx, _recovery(ctx, pool["Id"], row["restore_id"]))}


@idp("DescribePointInTimeRecovery")
def describe_point_in_time_recovery(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    _require_tier(pool)
    return {"Restoration": _restoration(ctx, _recovery(ctx, pool["Id"], req["RestoreId"]))}


@idp("ListPointInTimeRecoveries")
def list_point_in_time_recoveries(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    _require_tier(pool)
    limit = int(req.get("MaxResults") or 60)
    token = req.get("NextToken")
    # Newest first; the token names the last recovery of the previous page.
    created, last = paging.decode(token, _PAGING_KIND, (float, str)) if token else (float("inf"), "")
    rows = ctx.store.all(
        "SELECT * FROM pool_recoveries WHERE pool_id = ? AND (created < ? OR (created = ? AND restore_id < ?))"
        " ORDER BY created DESC, restore_id DESC LIMIT ?",
        (pool["Id"], created, created, last, limit + 1),
    )
    out: dict[str, Any] = {
        "Restorations": [
            {"RestoreId": r["restore_id"], "RestoreStatus": _status(ctx, r), "RestoreTimestamp": r["restore_time"]}
            for r in rows[:limit]
        ]
    }
    if len(rows) > limit:
        out["NextToken"] = paging.encode(_PAGING_KIND, [rows[limit - 1]["created"], rows[limit - 1]["restore_id"]])
    return out
