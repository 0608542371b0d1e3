"""The ``UserPools`` section of a seed file (core/seeding.py): user pools with their domains, groups, app
clients and users, each made by the operation that makes it through the API.

An entry holds the fields of that operation's request (``CreateUserPool``, ``CreateUserPoolDomain``,
``CreateGroup``, ``CreateUserPoolClient``, ``AdminCreateUser``) without ``UserPoolId``, and a few of its own:

- a user pool: ``Id`` (a fixed ID, ``{region}_`` and nine letters or digits), ``Domains``, ``Groups``,
  ``Clients``, ``Users``;
- an app client: ``ClientId`` (a fixed ID, 26 lower-case letters or digits); ``ClientSecret`` is
  CreateUserPoolClient's own;
- a domain: its ``Domain`` alone may stand for the entry;
- a user: ``Password`` (set permanent with AdminSetUserPassword: the user is CONFIRMED), ``Groups`` (group
  names, joined with AdminAddUserToGroup); ``UserAttributes`` may be a mapping of names to values;
  ``MessageAction`` is ``SUPPRESS`` unless the entry says otherwise (a seed sends no invitations).

Seeding is idempotent across restarts of a persistent server, one user pool at a time: a pool that is
already there (the same ``Id``, or without one the same ``PoolName``) is left as it is, with everything in
it, and its entry is skipped whole. To seed it again, delete it or reset the server.
"""

from __future__ import annotations

from typing import Any

from ..core import ids
from ..core.seeding import Seeding, section

SERVICE = "cognito-idp"
POOL_FIELDS = ("Id", "Domains", "Groups", "Clients", "Users")
USER_FIELDS = ("Password", "Groups")


def _label(kind: str, index: int, entry: Any, name_field: str) -> str:
    name = entry.get(name_field) if isinstance(entry, dict) else entry if isinstance(entry, str) else None
    return f"{kind}[{index}]" + (f" ({name})" if isinstance(name, str) and name else "")


@section("UserPools")
def seed_user_pools(seed: Seeding, value: Any) -> None:
    region = seed.config.region
    seen_ids: set[str] = set()
    # A pool without an Id is found by its name on the next start: no other entry may have that name.
    names: set[str] = set()
    names_without_id: set[str] = set()
    for index, entry in enumerate(seed.entries(value, "UserPools")):
        with seed.entry(_label("UserPools", index, entry, "PoolName")):
            allowed = (seed.members(SERVICE, "CreateUserPool")) | set(POOL_FIELDS)
            fields = seed.fields(entry, "a user pool", allowed)
            fixed, name = fields.get("Id"), str(fields.get("PoolName"))
            if fixed is not None:
                if not isinstance(fixed, str) or not ids.is_user_pool_id(fixed, region):
                    raise seed.error(
                        f"Id {fixed!r} is not a user pool ID of {region}: {region}_ and nine letters or digits"
                    )
                if fixed in seen_ids:
                    raise seed.error(f"a second user pool with the Id {fixed}")
                seen_ids.add(fixed)
            if name in names_without_id or (fixed is None and name in names):
                raise seed.error(f"a second user pool named {name}, and one of them has no Id (give each an Id)")
            names.add(name)
            if fixed is None:
                names_without_id.add(name)
            _user_pool(seed, fields)


def _user_pool(seed: Seeding, fields: dict[str, Any]) -> None:
    request = {k: v for k, v in fields.items() if k not in POOL_FIELDS}
    fixed = fields.get("Id")
    if fixed is not None:
        existing = seed.store.value("SELECT id FROM pools WHERE id = ?", (fixed,))
    else:
        existing = seed.store.value(
            "SELECT id FROM pools WHERE name = ? ORDER BY created LIMIT 1", (fields.get("PoolName"),)
        )
    if existing is not None:
        seed.kept.append(f"user pool {fields.get('PoolName')} ({existing})")
        return
    with ids.preset(**({"user_pool_id": fixed} if fixed else {})):
        pool_id: str = seed.call(SERVICE, "CreateUserPool", request)["UserPool"]["Id"]
    seed.created.append(f"user pool {request.get('PoolName')} ({pool_id})")
    for index, domain in enumerate(seed.entries(fields.get("Domains"), "Domains")):
        with seed.entry(_label("Domains", index, domain, "Domain")):
            domain_fields = {"Domain": domain} if isinstance(domain, str) else domain
            allowed = seed.members(SERVICE, "CreateUserPoolDomain") - {"UserPoolId"}
            seed.call(
                SERVICE,
                "CreateUserPoolDomain",
                {**seed.fields(domain_fields, "a domain", allowed), "UserPoolId": pool_id},
            )
    for index, group in enumerate(seed.entries(fields.get("Groups"), "Groups")):
        with seed.entry(_label("Groups", index, group, "GroupName")):
            allowed = seed.members(SERVICE, "CreateGroup") - {"UserPoolId"}
            seed.call(SERVICE, "CreateGroup", {**seed.fields(group, "a group", allowed), "UserPoolId": pool_id})
    for index, client in enumerate(seed.entries(fields.get("Clients"), "Clients")):
        with seed.entry(_label("Clients", index, client, "ClientName")):
            _app_client(seed, pool_id, client)
    for index, user in enumerate(seed.entries(fields.get("Users"), "Users")):
        with seed.entry(_label("Users", index, user, "Username")):
            _user(seed, pool_id, user)


def _app_client(seed: Seeding, pool_id: str, entry: Any) -> None:
    allowed = (seed.members(SERVICE, "CreateUserPoolClient") - {"UserPoolId"}) | {"ClientId"}
    request = seed.fields(entry, "an app client", allowed)
    fixed = request.pop("ClientId", None)
    if fixed is not None:
        if not isinstance(fixed, str) or not ids.is_client_id(fixed):
            raise seed.error(f"ClientId {fixed!r} is not an app client ID: 26 lower-case letters or digits")
        if seed.store.value("SELECT 1 FROM clients WHERE id = ?", (fixed,)):
            raise seed.error(f"the ClientId {fixed} is taken by an app client of another user pool")
    with ids.preset(**({"client_id": fixed} if fixed else {})):
        seed.call(SERVICE, "CreateUserPoolClient", {**request, "UserPoolId": pool_id})


def _text(value: Any) -> Any:
    """An attribute's value as the API takes it: YAML's ``email_verified: true`` is the string "true"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int | float) else value


def _user(seed: Seeding, pool_id: str, entry: Any) -> None:
    allowed = (seed.members(SERVICE, "AdminCreateUser") - {"UserPoolId"}) | set(USER_FIELDS)
    fields = seed.fields(entry, "a user", allowed)
    request = {k: v for k, v in fields.items() if k not in USER_FIELDS}
    attributes = request.get("UserAttributes")
    if isinstance(attributes, dict):  # {"email": "ann@example.com"}: the API's [{"Name": ..., "Value": ...}]
        request["UserAttributes"] = [{"Name": name, "Value": _text(value)} for name, value in attributes.items()]
    request.setdefault("MessageAction", "SUPPRESS")
    username = request.get("Username")
    seed.call(SERVICE, "AdminCreateUser", {**request, "UserPoolId": pool_id})
    if "Password" in fields:
        seed.call(
            SERVICE,
            "AdminSetUserPassword",
            {"UserPoolId": pool_id, "Username": username, "Password": fields["Password"], "Permanent": True},
        )
    for group in seed.entries(fields.get("Groups"), "Groups"):
        seed.call(SERVICE, "AdminAddUserToGroup", {"UserPoolId": pool_id, "Username": username, "GroupName": group})
