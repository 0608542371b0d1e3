"""IAM roles: CreateRole, GetRole, ListRoles, UpdateRole, DeleteRole, UpdateAssumeRolePolicy, the role's inline
policies (Put/Get/Delete/ListRolePolicies), its attached managed policies (Attach/Detach/ListAttachedRolePolicies)
and its tags (TagRole, UntagRole, ListRoleTags).

``role_by_arn`` and ``permission_policies`` are how STS and identity pools read a role: its trust policy parsed,
and the documents that say what its sessions may do.
"""

from __future__ import annotations

import json
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.registry import operation
from console.emulator.core.store import dumps, loads

from . import documents, policies
from .entities import (
    already_exists,
    arn,
    delete_conflict,
    limit_exceeded,
    merge_tags,
    not_found,
    page,
    remove_tags,
    unique_id,
)

ROLES_PER_ACCOUNT = 1000
TRUST_POLICY_SIZE = 2048  # ACLSizePerRole
INLINE_POLICIES_SIZE = 10240  # the sum of a role's inline policies
ATTACHED_PER_ROLE = 10  # PoliciesPerRole
DEFAULT_SESSION_DURATION = 3600


def _role(ctx: RequestContext, name: str) -> Any:
    row = ctx.store.one("SELECT * FROM iam_roles WHERE name = ?", (name,))
    if row is None:
        raise not_found(f"The role with name {name} cannot be found.")
    return row


def _summary(row: Any, *, wire: bool = True, doc: dict[str, Any] | None = None) -> dict[str, Any]:
    """The role as ListRoles answers it (``wire``: the trust policy URL-encoded, else parsed); ``doc`` is the
    row's ``doc`` column when the caller has already parsed it."""
    if doc is None:
        doc = loads(row["doc"])
    out: dict[str, Any] = {
        "Path": row["path"],
        "RoleName": row["name"],
        "RoleId": row["role_id"],
        "Arn": row["arn"],
        "CreateDate": row["created"],
        "AssumeRolePolicyDocument": documents.encoded(row["trust_policy"]) if wire else json.loads(row["trust_policy"]),
        "MaxSessionDuration": doc.get("MaxSessionDuration", DEFAULT_SESSION_DURATION),
    }
    if doc.get("Description") is not None:
        out["Description"] = doc["Description"]
    return out


def _full(row: Any, *, wire: bool = True) -> dict[str, Any]:
    """The role as GetRole answers it."""
    doc = loads(row["doc"])
    out = _summary(row, wire=wire, doc=doc)
    if doc.get("PermissionsBoundary"):
        out["PermissionsBoundary"] = {
            "PermissionsBoundaryType": "Policy",
            "PermissionsBoundaryArn": doc["PermissionsBoundary"],
        }
    if doc.get("Tags"):
        out["Tags"] = doc["Tags"]
    out["RoleLastUsed"] = {}
    return out


def role_by_arn(ctx: RequestContext, role_arn: str) -> dict[str, Any] | None:
    """The role whose ARN is ``role_arn``, as GetRole answers it but with ``AssumeRolePolicyDocument``
    parsed (a dict, ready for ``policy.trust_allows``); None when there is none."""
    row = ctx.store.one("SELECT * FROM iam_roles WHERE arn = ?", (role_arn,))
    return None if row is None else _full(row, wire=False)


def permission_policies(ctx: RequestContext, role_name: str) -> list[tuple[str, dict[str, Any]]]:
    """The role's permission policies, parsed, with their names: inline policies first (by name), then the
    default versions of its attached managed policies (by ARN)."""
    found = [
        (r["name"], json.loads(r["document"]))
        for r in ctx.store.all(
            "SELECT name, document FROM iam_role_policies WHERE role_name = ? ORDER BY name", (role_name,)
        )
    ]
    found += [
        (r["policy_arn"], json.loads(r["document"]))
        for r in ctx.store.all(
            "SELECT a.policy_arn, v.document FROM iam_role_attachments a"
            " JOIN iam_policies p ON p.arn = a.policy_arn"
            " JOIN iam_policy_versions v ON v.policy_arn = p.arn AND v.version_id = p.default_version"
            " WHERE a.role_name = ? ORDER BY a.policy_arn",
            (role_name,),
        )
    ]
    return found


def _trust_policy(text: str) -> None:
    documents.parse(text, trust=True)
    if documents.size(text) > TRUST_POLICY_SIZE:
        raise limit_exceeded(f"Cannot exceed quota for ACLSizePerRole: {TRUST_POLICY_SIZE}")


@operation("iam", "CreateRole")
def create_role(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    name = req["RoleName"]
    path = req.get("Path", "/")
    text = req["AssumeRolePolicyDocument"]
    _trust_policy(text)
    if ctx.store.one("SELECT 1 FROM iam_roles WHERE name = ?", (name,)):
        raise already_exists(f"Role with name {name} already exists.")
    if ctx.store.value("SELECT COUNT(*) FROM iam_roles") >= ROLES_PER_ACCOUNT:
        raise limit_exceeded(f"Cannot exceed quota for RolesPerAccount: {ROLES_PER_ACCOUNT}.")
    doc: dict[str, Any] = {"MaxSessionDuration": req.get("MaxSessionDuration", DEFAULT_SESSION_DURATION)}
    if "Description" in req:
        doc["Description"] = req["Description"]
    if req.get("PermissionsBoundary"):
        policies.require(ctx, req["PermissionsBoundary"])
        doc["PermissionsBoundary"] = req["PermissionsBoundary"]
    if req.get("Tags"):
        doc["Tags"] = merge_tags([], req["Tags"], "Role")
    ctx.store.run(
        "INSERT INTO iam_roles (name, role_id, arn, path, created, trust_policy, doc) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (name, unique_id("AROA"), arn(ctx, "role", path, name), path, ctx.now, text, dumps(doc)),
    )
    role = _full(_role(ctx, name))
    role.pop("RoleLastUsed")
    return {"Role": role}


@operation("iam", "GetRole")
def get_role(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return {"Role": _full(_role(ctx, req["RoleName"]))}


@operation("iam", "ListRoles")
def list_roles(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    prefix = req.get("PathPrefix", "/")
    rows = ctx.store.all("SELECT * FROM iam_roles ORDER BY name")
    roles = [_summary(r) for r in rows if r["path"].startswith(prefix)]
    return page(req, "iam-roles", roles, lambda r: r["RoleName"].lower(), "Roles")


@operation("iam", "UpdateRole")
def update_role(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _role(ctx, req["RoleName"])
    doc = loads(row["doc"])
    if "Description" in req:
        doc["Description"] = req["Description"]
    if "MaxSessionDuration" in req:
        doc["MaxSessionDuration"] = req["MaxSessionDuration"]
    ctx.store.run("UPDATE iam_roles SET doc = ? WHERE name = ?", (dumps(doc), row["name"]))
    return {}


@operation("iam", "DeleteRole")
def delete_role(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _role(ctx, req["RoleName"])
    if ctx.store.one("SELECT 1 FROM iam_role_policies WHERE role_name = ?", (row["name"],)):
        raise delete_conflict("Cannot delete entity, must delete policies first.")
    if ctx.store.one("SELECT 1 FROM iam_role_attachments WHERE role_name = ?", (row["name"],)):
        raise delete_conflict("Cannot delete entity, must detach all policies first.")
    ctx.store.run("DELETE FROM iam_roles WHERE name = ?", (row["name"],))
    return {}


@operation("iam", "UpdateAssumeRolePolicy")
def update_assume_role_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _role(ctx, req["RoleName"])
    _trust_policy(req["PolicyDocument"])
    ctx.store.run("UPDATE iam_roles SET trust_policy = ? WHERE name = ?", (req["PolicyDocument"], row["name"]))
    return {}


# -- inline policies ------------------------------------------------------------------------------------


@operation("iam", "PutRolePolicy")
def put_role_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _role(ctx, req["RoleName"])
    text = req["PolicyDocument"]
    documents.parse(text)
    others = ctx.store.all(
        "SELECT document FROM iam_role_policies WHERE role_name = ? AND name != ?", (row["name"], req["PolicyName"])
    )
    if documents.size(text) + sum(documents.size(o["document"]) for o in others) > INLINE_POLICIES_SIZE:
        raise limit_exceeded(f"Maximum policy size of {INLINE_POLICIES_SIZE} bytes exceeded for role {row['name']}")
    ctx.store.run(
        "INSERT INTO iam_role_policies (role_name, name, document) VALUES (?, ?, ?)"
        " ON CONFLICT (role_name, name) DO UPDATE SET document = excluded.document",
        (row["name"], req["PolicyName"], text),
    )
    return {}


def _inline(ctx: RequestContext, role_name: str, name: str) -> Any:
    found = ctx.store.one("SELECT * FROM iam_role_policies WHERE role_name = ? AND name = ?", (role_name, name))
    if found is None:
        raise not_found(f"The role policy with name {name} cannot be found.")
    return found


@operation("iam", "GetRolePolicy")
def get_role_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _role(ctx, req["RoleName"])
    found = _inline(ctx, row["name"], req["PolicyName"])
    return {
        "RoleName": row["name"],
        "PolicyName": found["name"],
        "PolicyDocument": documents.encoded(found["document"]),
    }


@operation("iam", "DeleteRolePolicy")
def delete_role_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _role(ctx, req["RoleName"])
    found = _inline(ctx, row["name"], req["PolicyName"])
    ctx.store.run("DELETE FROM iam_role_policies WHERE role_name = ? AND name = ?", (row["name"], found["name"]))
    return {}


@operation("iam", "ListRolePolicies")
def list_role_policies(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _role(ctx, req["RoleName"])
    names = [
        r["name"]
        for r in ctx.store.all("SELECT name FROM iam_role_policies WHERE role_name = ? ORDER BY name", (row["name"],))
    ]
    return page(req, "iam-role-policies", names, str.lower, "PolicyNames")


# -- attached managed policies --------------------------------------------------------------------------


@operation("iam", "AttachRolePolicy")
def attach_role_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _role(ctx, req["RoleName"])
    found = policies.require(ctx, req["PolicyArn"])
    if ctx.store.one(
        "SELECT 1 FROM iam_role_attachments WHERE role_name = ? AND policy_arn = ?", (row["name"], found["arn"])
    ):
        return {}
    if (
        ctx.store.value("SELECT COUNT(*) FROM iam_role_attachments WHERE role_name = ?", (row["name"],))
        >= ATTACHED_PER_ROLE
    ):
        raise limit_exceeded(f"Cannot exceed quota for PoliciesPerRole: {ATTACHED_PER_ROLE}")
    ctx.store.run("INSERT INTO iam_role_attachments (role_name, policy_arn) VALUES (?, ?)", (row["name"], found["arn"]))
    return {}


@operation("iam", "DetachRolePolicy")
def detach_role_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _role(ctx, req["RoleName"])
    gone = ctx.store.run(
        "DELETE FROM iam_role_attachments WHERE role_name = ? AND policy_arn = ?", (row["name"], req["PolicyArn"])
    )
    if not gone:
        raise not_found(f"Policy {req['PolicyArn']} was not found.")
    return {}


@operation("iam", "ListAttachedRolePolicies")
def list_attached_role_policies(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _role(ctx, req["RoleName"])
    prefix = req.get("PathPrefix", "/")
    attached = [
        {"PolicyName": r["name"], "PolicyArn": r["arn"]}
        for r in ctx.store.all(
            "SELECT p.name, p.arn, p.path FROM iam_role_attachments a JOIN iam_policies p ON p.arn = a.policy_arn"
            " WHERE a.role_name = ? ORDER BY p.name",
            (row["name"],),
        )
        if r["path"].startswith(prefix)
    ]
    return page(req, "iam-attached", attached, lambda p: p["PolicyName"].lower(), "AttachedPolicies")


# -- tags -----------------------------------------------------------------------------------------------


def _set_tags(ctx: RequestContext, row: Any, tags: list[dict[str, str]]) -> None:
    doc = loads(row["doc"])
    doc["Tags"] = tags
    ctx.store.run("UPDATE iam_roles SET doc = ? WHERE name = ?", (dumps(doc), row["name"]))


@operation("iam", "TagRole")
def tag_role(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _role(ctx, req["RoleName"])
    _set_tags(ctx, row, merge_tags(loads(row["doc"]).get("Tags", []), req["Tags"], "Role"))
    return {}


@operation("iam", "UntagRole")
def untag_role(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _role(ctx, req["RoleName"])
    _set_tags(ctx, row, remove_tags(loads(row["doc"]).get("Tags", []), req["TagKeys"]))
    return {}


@operation("iam", "ListRoleTags")
def list_role_tags(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = _role(ctx, req["RoleName"])
    tags = sorted(loads(row["doc"]).get("Tags", []), key=lambda t: t["Key"].lower())
    return page(req, "iam-role-tags", tags, lambda t: t["Key"].lower(), "Tags")
