"""Users: the stored record, look-ups by username, sub and alias, and the attribute index.

Username semantics follow AWS:
- ``UsernameAttributes`` (email and/or phone_number as the username): the stored username is the
  ``sub`` UUID; a user is found by that or by the email / phone number.
- ``AliasAttributes``: a user is found by a *verified* email or phone number, or by preferred_username.
- ``UsernameConfiguration.CaseSensitive = false``: usernames (and email / preferred_username aliases)
  match case-insensitively; the username keeps the case it was created with.

Searchable attribute values are mirrored into ``user_attrs`` so that ListUsers filters and alias
look-ups use an index instead of scanning the pool.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, user_not_found
from console.emulator.core.store import dumps, loads_document

from . import pools

# Attributes mirrored into the index: those ListUsers can filter on, and those that can be aliases.
INDEXED = ("email", "phone_number", "name", "given_name", "family_name", "preferred_username")
# Alias attributes whose matching ignores case when the pool is case insensitive.
_FOLDED = ("email", "preferred_username")


@dataclass
class User:
    pool_id: str
    username: str
    username_key: str
    sub: str
    status: str
    enabled: bool
    created: float
    modified: float
    attrs: dict[str, str] = field(default_factory=dict)
    mfa: dict[str, Any] = field(default_factory=dict)
    secret: dict[str, Any] = field(default_factory=dict)

    def attributes(self) -> list[dict[str, str]]:
        """AttributeListType, ``sub`` first as AWS lists it."""
        out = [{"Name": "sub", "Value": self.sub}]
        out += [{"Name": k, "Value": v} for k, v in self.attrs.items() if k != "sub"]
        return out


def username_key(pool: dict[str, Any], username: str) -> str:
    return username if pools.is_case_sensitive(pool) else username.casefold()


def index_value(pool: dict[str, Any], name: str, value: str) -> str:
    if name in _FOLDED and not pools.is_case_sensitive(pool):
        return value.casefold()
    return value


def _from_row(row: Any) -> User:
    attrs = loads_document(row["attrs"])
    return User(
        pool_id=row["pool_id"],
        username=row["username"],
        username_key=row["username_key"],
        sub=row["sub"],
        status=row["status"],
        enabled=bool(row["enabled"]),
        created=row["created"],
        modified=row["modified"],
        attrs=attrs,
        mfa=loads_document(row["mfa"]),
        secret=loads_document(row["secret"]),
    )


# The public name other modules read rows with (ListUsers selects whole rows itself).
from_row = _from_row


def by_key(ctx: RequestContext, pool_id: str, key: str) -> User | None:
    row = ctx.store.one("SELECT * FROM users WHERE pool_id = ? AND username_key = ?", (pool_id, key))
    return None if row is None else _from_row(row)


def by_sub(ctx: RequestContext, pool_id: str, sub: str) -> User | None:
    row = ctx.store.one("SELECT * FROM users WHERE pool_id = ? AND sub = ?", (pool_id, sub))
    return None if row is None else _from_row(row)


def by_attribute(ctx: RequestContext, pool: dict[str, Any], name: str, value: str) -> list[User]:
    keys = ctx.store.all(
        "SELECT username_key FROM user_attrs WHERE pool_id = ? AND name = ? AND value = ?",
        (pool["Id"], name, index_value(pool, name, value)),
    )
    found = [by_key(ctx, pool["Id"], r["username_key"]) for r in keys]
    return [u for u in found if u is not None]


def find(ctx: RequestContext, pool: dict[str, Any], name: str) -> User | None:
    """The user that ``name`` signs in as: username, then sub or username attribute, then alias."""
    user = by_key(ctx, pool["Id"], username_key(pool, name))
    if user is not None:
        return user
    username_attrs = pools.username_attributes(pool)
    if username_attrs:
        for attr in username_attrs:
            for candidate in by_attribute(ctx, pool, attr, name):
                return candidate
        return None
    for attr in pools.alias_attributes(pool):
        for candidate in by_attribute(ctx, pool, attr, name):
            if attr == "preferred_username" or candidate.attrs.get(f"{attr}_verified") == "true":
                return candidate
    return None


def get(ctx: RequestContext, pool: dict[str, Any], name: str) -> User:
    user = find(ctx, pool, name)
    if user is None:
        raise user_not_found()
    return user


def insert(ctx: RequestContext, pool: dict[str, Any], user: User) -> None:
    exists = ctx.store.value(
        "SELECT 1 FROM users WHERE pool_id = ? AND username_key = ?", (user.pool_id, user.username_key)
    )
    if exists:
        raise AwsError("UsernameExistsException", "User already exists")
    ctx.store.run(
        "INSERT INTO users (pool_id, username_key, username, sub, status, enabled, created, modified,"
        " attrs, mfa, secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            user.pool_id,
            user.username_key,
            user.username,
            user.sub,
            user.status,
            int(user.enabled),
            user.created,
            user.modified,
            dumps(user.attrs),
            dumps(user.mfa),
            dumps(user.secret),
        ),
    )
    _reindex(ctx, pool, user)


def save(ctx: RequestContext, pool: dict[str, Any], user: User, *, touch: bool = True) -> None:
    """Write the whole record back; ``touch`` updates UserLastModifiedDate."""
    if touch:
        user.modified = ctx.now
    ctx.store.run(
        "UPDATE users SET status = ?, enabled = ?, modified = ?, attrs = ?, mfa = ?, secret = ?"
        " WHERE pool_id = ? AND username_key = ?",
        (
            user.status,
            int(user.enabled),
            user.modified,
            dumps(user.attrs),
            dumps(user.mfa),
            dumps(user.secret),
            user.pool_id,
            user.username_key,
        ),
    )
    _reindex(ctx, pool, user)


def save_secret(ctx: RequestContext, user: User) -> None:
    """Write only the password / lockout document (no attribute re-index, no modified date)."""
    ctx.store.run(
        "UPDATE users SET secret = ? WHERE pool_id = ? AND username_key = ?",
        (dumps(user.secret), user.pool_id, user.username_key),
    )


def delete(ctx: RequestContext, user: User) -> None:
    ctx.store.run("DELETE FROM users WHERE pool_id = ? AND username_key = ?", (user.pool_id, user.username_key))


def _reindex(ctx: RequestContext, pool: dict[str, Any], user: User) -> None:
    ctx.store.run("DELETE FROM user_attrs WHERE pool_id = ? AND username_key = ?", (user.pool_id, user.username_key))
    rows = [
        (user.pool_id, name, index_value(pool, name, user.attrs[name]), user.username_key)
        for name in INDEXED
        if user.attrs.get(name)
    ]
    if rows:
        ctx.store.run_many(
            "INSERT OR IGNORE INTO user_attrs (pool_id, name, value, username_key) VALUES (?, ?, ?, ?)", rows
        )


def groups_of(ctx: RequestContext, user: User) -> list[str]:
    rows = ctx.store.all(
        "SELECT group_name FROM user_groups WHERE pool_id = ? AND username_key = ? ORDER BY group_name",
        (user.pool_id, user.username_key),
    )
    return [r["group_name"] for r in rows]
