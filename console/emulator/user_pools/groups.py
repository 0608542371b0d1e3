"""User pool groups: CreateGroup ... DeleteGroup, ListGroups, and group membership of users.

A group is stored as its ``GroupType`` document in ``groups.doc``; membership in ``user_groups``, which
cascades when a user, a group or the pool goes. Lists page by keyset on the group name / username key.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, resource_not_found
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps, loads

from . import pools, users
from .admin_users import page_limit, user_type


def group_not_found() -> AwsError:
    return resource_not_found("Group not found.")


def get_group(ctx: RequestContext, pool_id: str, name: str) -> dict[str, Any]:
    """The group's GroupType document; ``ResourceNotFoundException`` "Group not found." otherwise."""
    row = ctx.store.one("SELECT doc FROM groups WHERE pool_id = ? AND name = ?", (pool_id, name))
    if row is None:
        raise group_not_found()
    doc: dict[str, Any] = loads(row["doc"])
    return doc


def groups_for(ctx: RequestContext, pool_id: str, username_key: str) -> list[dict[str, Any]]:
    """Every group of one user (GroupType documents), by name: for tokens' cognito:groups and roles."""
    rows = ctx.store.all(
        "SELECT g.doc FROM user_groups m JOIN groups g ON g.pool_id = m.pool_id AND g.name = m.group_name"
        " WHERE m.pool_id = ? AND m.username_key = ? ORDER BY m.group_name",
        (pool_id, username_key),
    )
    return [loads(r["doc"]) for r in rows]


@idp("CreateGroup")
def create_group(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    name = req["GroupName"]
    if ctx.store.value("SELECT 1 FROM groups WHERE pool_id = ? AND name = ?", (pool["Id"], name)):
        raise AwsError("GroupExistsException", f"A group with the name {name} already exists.")
    doc: dict[str, Any] = {"GroupName": name, "UserPoolId": pool["Id"]}
    for key in ("Description", "RoleArn", "Precedence"):
        if req.get(key) is not None:
            doc[key] = req[key]
    doc["LastModifiedDate"] = ctx.now
    doc["CreationDate"] = ctx.now
    ctx.store.run(
        "INSERT INTO groups (pool_id, name, created, modified, doc) VALUES (?, ?, ?, ?, ?)",
        (pool["Id"], name, ctx.now, ctx.now, dumps(doc)),
    )
    return {"Group": doc}


@idp("GetGroup")
def get_group_op(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    return {"Group": get_group(ctx, pool["Id"], req["GroupName"])}


@idp("UpdateGroup")
def update_group(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    doc = get_group(ctx, pool["Id"], req["GroupName"])
    for key in ("Description", "RoleArn", "Precedence"):
        if key in req and req[key] is not None:
            doc[key] = req[key]
    doc["LastModifiedDate"] = ctx.now
    ctx.store.run(
        "UPDATE groups SET modified = ?, doc = ? WHERE pool_id = ? AND name = ?",
        (ctx.now, dumps(doc), pool["Id"], doc["GroupName"]),
    )
    return {"Group": doc}


@idp("DeleteGroup")
def delete_group(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    changed = ctx.store.run("DELETE FROM groups WHERE pool_id = ? AND name = ?", (pool["Id"], req["GroupName"]))
    if not changed:
        raise group_not_found()
    return {}


@idp("ListGroups")
def list_groups(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    limit = page_limit(req.get("Limit"))
    token = req.get("NextToken")
    params: list[Any] = [pool["Id"]]
    where = "pool_id = ?"
    if token:
        where += " AND name > ?"
        params += paging.decode(token, "groups", (str,))
    params.append(limit + 1)
    rows = ctx.store.all(f"SELECT name, doc FROM groups WHERE {where} ORDER BY name LIMIT ?", params)  # noqa: S608
    out: dict[str, Any] = {"Groups": [loads(r["doc"]) for r in rows[:limit]]}
    if len(rows) > limit:
        out["NextToken"] = paging.encode("groups", [rows[limit - 1]["name"]])
    return out


@idp("AdminAddUserToGroup")
def admin_add_user_to_group(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    get_group(ctx, pool["Id"], req["GroupName"])
    ctx.store.run(
        "INSERT OR IGNORE INTO user_groups (pool_id, group_name, username_key) VALUES (?, ?, ?)",
        (pool["Id"], req["GroupName"], user.username_key),
    )
    return {}


@idp("AdminRemoveUserFromGroup")
def admin_remove_user_from_group(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    get_group(ctx, pool["Id"], req["GroupName"])
    ctx.store.run(
        "DELETE FROM user_groups WHERE pool_id = ? AND group_name = ? AND username_key = ?",
        (pool["Id"], req["GroupName"], user.username_key),
    )
    return {}


@idp("AdminListGroupsForUser")
def admin_list_groups_for_user(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    limit = page_limit(req.get("Limit"))
    token = req.get("NextToken")
    params: list[Any] = [pool["Id"], user.username_key]
    where = "m.pool_id = ? AND m.username_key = ?"
    if token:
        where += " AND m.group_name > ?"
        params += paging.decode(token, "user-groups", (str,))
    params.append(limit + 1)
    sql = (
        "SELECT m.group_name, g.doc FROM user_groups m JOIN groups g ON g.pool_id = m.pool_id AND g.name = m.group_name"
    )
    rows = ctx.store.all(f"{sql} WHERE {where} ORDER BY m.group_name LIMIT ?", params)
    out: dict[str, Any] = {"Groups": [loads(r["doc"]) for r in rows[:limit]]}
    if len(rows) > limit:
        out["NextToken"] = paging.encode("user-groups", [rows[limit - 1]["group_name"]])
    return out


@idp("ListUsersInGroup")
def list_users_in_group(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    get_group(ctx, pool["Id"], req["GroupName"])
    limit = page_limit(req.get("Limit"))
    token = req.get("NextToken")
    params: list[Any] = [pool["Id"], req["GroupName"]]
    where = "m.pool_id = ? AND m.group_name = ?"
    if token:
        where += " AND m.username_key > ?"
        params += paging.decode(token, "group-users", (str,))
    params.append(limit + 1)
    sql = "SELECT u.* FROM user_groups m JOIN users u ON u.pool_id = m.pool_id AND u.username_key = m.username_key"
    rows = ctx.store.all(f"{sql} WHERE {where} ORDER BY m.username_key LIMIT ?", params)
    found = [users.from_row(r) for r in rows[:limit]]
    out: dict[str, Any] = {"Users": [user_type(u) for u in found]}
    if len(rows) > limit:
        out["NextToken"] = paging.encode("group-users", [found[-1].username_key])
    return out
