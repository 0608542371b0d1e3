"""Users: the stored record, look-ups by username, sub and alias, and the attribute index.

Username semantics follow AWS:
- ``UsernameAttributes`` (email and/or phone_number as the username): the stored username is the
  ``sub`` UUID; a user is found by that or by the email / phone number.
- ``AliasAttributes``: a user is found by a *verified* email or phone number, or by preferred_username.
- In every pool, the ``Username`` of the Admin* user operations may also be the user's ``sub`` (``get``).
- ``UsernameConfiguration.CaseSensitive = false``: usernames (and email / preferred_username aliases)
  match case-insensitively; the username keeps the case it was created with.

Searchable attribute values are mirrored into ``user_attrs`` so that ListUsers filters and alias
look-ups use an index instead of scanning the pool.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, user_not_found
from console.emulator.core.store import dumps, loads_document

from . import attributes, pools

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


def find(ctx: RequestContext, pool: dict[str, Any], name: str, *, sub: bool = False) -> User | None:
    """The user that ``name`` signs in as: username (the sub itself where email / phone number are the
    username), then username attribute or alias; with ``sub``, then the user whose ``sub`` it is.

    ``sub`` is for the operations whose API reference says of ``Username`` "you can also use their sub":
    the Admin* user operations (``get``), ConfirmSignUp, ResendConfirmationCode, ForgotPassword,
    ConfirmForgotPassword and UpdateAuthEventFeedback. SignUp's Username and sign-in's USERNAME are a
    username or an alias only."""
    user = by_key(ctx, pool["Id"], username_key(pool, name))
    if user is None:
        user = _by_sign_in_attribute(ctx, pool, name)
    if user is None and sub:
        # The API reference for Username: "typically your user's username, but it can be any of their
        # alias attributes. If username isn't an alias attribute in your user pool, you can also use
        # their sub in this request." So the sub is looked up last: a username (or an alias) that
        # happens to be another user's sub names its own user, which a sub could otherwise hide.
        user = by_sub(ctx, pool["Id"], name)
    return user


def _by_sign_in_attribute(ctx: RequestContext, pool: dict[str, Any], name: str) -> User | None:
    """The user whose username attribute (any value) or alias (verified, or preferred_username) is ``name``."""
    username_attrs = pools.username_attributes(pool)
    # A federated user holding the same email (mapped from its provider) never signs in by it: it has no password.
    if username_attrs:
        for attr in username_attrs:
            for candidate in by_attribute(ctx, pool, attr, name):
                if candidate.status != "EXTERNAL_PROVIDER":
                    return candidate
        return None
    for attr in pools.alias_attributes(pool):
        for candidate in by_attribute(ctx, pool, attr, name):
            if candidate.status == "EXTERNAL_PROVIDER":
                continue
            if attr == "preferred_username" or candidate.attrs.get(f"{attr}_verified") == "true":
                return candidate
    return None


def get(ctx: RequestContext, pool: dict[str, Any], name: str) -> User:
    """The user a request's ``Username`` names, as the operations whose API reference allows "their sub"
    read it (every Admin* user operation): username, alias or sub. ``UserNotFoundException`` otherwise."""
    user = find(ctx, pool, name, sub=True)
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


# -- usernames and aliases ---------------------------------------------------------------------------


def check_username_format(pool: dict[str, Any], username: str) -> str | None:
    """For username-attribute pools: which attribute ``username`` is. Raises AWS's format errors."""
    username_attrs = pools.username_attributes(pool)
    if username_attrs:
        if "email" in username_attrs and attributes.is_email(username):
            return "email"
        if "phone_number" in username_attrs and attributes.is_phone(username):
            return "phone_number"
        if username_attrs == ["email"]:
            raise invalid_parameter("Username should be an email.")
        if username_attrs == ["phone_number"]:
            raise invalid_parameter("Username should be a phone number.")
        raise invalid_parameter("Username should be either an email or a phone number.")
    aliases = pools.alias_attributes(pool)
    if "email" in aliases and attributes.is_email(username):
        raise invalid_parameter("Username cannot be of email format, since user pool is configured for email alias.")
    if "phone_number" in aliases and attributes.is_phone(username):
        raise invalid_parameter(
            "Username cannot be of phone number format, since user pool is configured for phone number alias."
        )
    return None


def alias_conflict(
    ctx: RequestContext,
    pool: Mapping[str, Any],
    user: User | None,
    attrs: Mapping[str, str],
    *,
    force: bool = False,
    creating: bool = False,
) -> None:
    """Enforce uniqueness of username attributes and aliases for ``attrs`` (the user's full attributes).

    - Pools with ``UsernameAttributes``: no other user may have the same email / phone_number, verified
      or not. Creating: ``UsernameExistsException``; updating: ``AliasExistsException``; message
      ``An account with the given email already exists.`` (``phone_number`` likewise).
    - Pools with ``AliasAttributes``: a *verified* email / phone_number (``<attr>_verified == "true"``
      in ``attrs``) may not be another user's verified alias, and preferred_username may not be another
      user's, else ``AliasExistsException`` with the same message. With ``force`` (ForceAliasCreation)
      the alias moves: the other user's ``<attr>_verified`` becomes ``"false"`` and is saved.
    - ``user`` is the user being changed (excluded from the search), None for a new one.

    Must run inside the request's transaction.
    """
    pool_dict = dict(pool)
    me = user.username_key if user is not None else None
    username_attrs = pools.username_attributes(pool_dict)
    if username_attrs:
        for attr in ("email", "phone_number"):
            value = attrs.get(attr)
            if attr not in username_attrs or not value:
                continue
            others = [u for u in by_attribute(ctx, pool_dict, attr, value) if u.username_key != me]
            if others:
                code = "UsernameExistsException" if creating else "AliasExistsException"
                raise AwsError(code, f"An account with the given {attr} already exists.")
        return
    for attr in pools.alias_attributes(pool_dict):
        value = attrs.get(attr)
        if not value:
            continue
        if attr == "preferred_username":
            others = [u for u in by_attribute(ctx, pool_dict, attr, value) if u.username_key != me]
            if others:
                raise AwsError("AliasExistsException", "An account with the given preferred_username already exists.")
            continue
        if attrs.get(f"{attr}_verified") != "true":
            continue
        others = [
            u
            for u in by_attribute(ctx, pool_dict, attr, value)
            if u.username_key != me and u.attrs.get(f"{attr}_verified") == "true"
        ]
        if not others:
            continue
        if not force:
            raise AwsError("AliasExistsException", f"An account with the given {attr} already exists.")
        for other in others:
            other.attrs[f"{attr}_verified"] = "false"
            save(ctx, pool_dict, other)
