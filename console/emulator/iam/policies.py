"""IAM customer managed policies: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy, and their versions
(CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions, SetDefaultPolicyVersion, DeletePolicyVersion).

A policy's first document is version ``v1``; each new version takes the next number, at most five are kept, and
the default version is the one that applies. ``require`` is how roles find a policy to attach.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.registry import operation
from console.emulator.core.store import dumps, loads

from . import documents
from .entities import already_exists, arn, delete_conflict, limit_exceeded, merge_tags, not_found, page, unique_id

POLICY_SIZE = 6144
POLICIES_PER_ACCOUNT = 1500
VERSIONS_PER_POLICY = 5


def require(ctx: RequestContext, policy_arn: str) -> Any:
    """The managed policy ``policy_arn``, or IAM's NoSuchEntity."""
    row = ctx.store.one("SELECT * FROM iam_policies WHERE arn = ?", (policy_arn,))
    if row is None:
        raise not_found(f"Policy {policy_arn} does not exist or is not attachable.")
    return row


def _policy(ctx: RequestContext, row: Any) -> dict[str, Any]:
    doc = loads(row["doc"])
    out: dict[str, Any] = {
        "PolicyName": row["name"],
        "PolicyId": row["policy_id"],
        "Arn": row["arn"],
        "Path": row["path"],
        "DefaultVersionId": row["default_version"],
        "AttachmentCount": ctx.store.value(
            "SELECT COUNT(*) FROM iam_role_attachments WHERE policy_arn = ?", (row["arn"],)
        ),
        "PermissionsBoundaryUsageCount": 0,
        "IsAttachable": True,
        "CreateDate": row["created"],
        "UpdateDate": row["updated"],
    }
    if doc.get("Description") is not None:
        out["Description"] = doc["Description"]
    if doc.get("Tags"):
        out["Tags"] = doc["Tags"]
    return out


@operation("iam", "CreatePolicy")
def create_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    name = req["PolicyName"]
    path = req.get("Path", "/")
    text = req["PolicyDocument"]
    documents.parse(text)
    if documents.size(text) > POLICY_SIZE:
        raise limit_exceeded(f"Cannot exceed quota for PolicySize: {POLICY_SIZE}")
    if ctx.store.one("SELECT 1 FROM iam_policies WHERE name = ?", (name,)):
        raise already_exists(f"A policy called {name} already exists. Duplicate names are not allowed.")
    if ctx.store.value("SELECT COUNT(*) FROM iam_policies") >= POLICIES_PER_ACCOUNT:
        raise limit_exceeded(f"Cannot exceed quota for PoliciesPerAccount: {POLICIES_PER_ACCOUNT}.")
    doc: dict[str, Any] = {}
    if "Description" in req:
        doc["Description"] = req["Description"]
    if req.get("Tags"):
        doc["Tags"] = merge_tags([], req["Tags"], "Policy")
    policy_arn = arn(ctx, "policy", path, name)
    ctx.store.run(
        "INSERT INTO iam_policies (arn, name, policy_id, path, created, updated, default_version, doc)"
        " VALUES (?, ?, ?, ?, ?, ?, 'v1', ?)",
        (policy_arn, name, unique_id("ANPA"), path, ctx.now, ctx.now, dumps(doc)),
    )
    ctx.store.run(
        "INSERT INTO iam_policy_versions (policy_arn, version_id, document, created) VALUES (?, 'v1', ?, ?)",
        (policy_arn, text, ctx.now),
    )
    return {"Policy": _policy(ctx, require(ctx, policy_arn))}


@operation("iam", "GetPolicy")
def get_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return {"Policy": _policy(ctx, require(ctx, req["PolicyArn"]))}


@operation("iam", "GetPolicyVersion")
def get_policy_version(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = require(ctx, req["PolicyArn"])
    return {"PolicyVersion": _version(_version_row(ctx, row, req["VersionId"]), row["default_version"])}


@operation("iam", "ListPolicies")
def list_policies(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    prefix = req.get("PathPrefix", "/")
    scope = req.get("Scope", "All")
    rows = [] if scope == "AWS" else ctx.store.all("SELECT * FROM iam_policies ORDER BY name")
    found = [_policy(ctx, r) for r in rows if r["path"].startswith(prefix)]
    if req.get("OnlyAttached"):
        found = [p for p in found if p["AttachmentCount"]]
    for p in found:
        p.pop("Description", None)
        p.pop("Tags", None)
    return page(req, "iam-policies", found, lambda p: p["PolicyName"].lower(), "Policies")


@operation("iam", "DeletePolicy")
def delete_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = require(ctx, req["PolicyArn"])
    if ctx.store.one("SELECT 1 FROM iam_role_attachments WHERE policy_arn = ?", (row["arn"],)):
        raise delete_conflict("Cannot delete a policy attached to entities.")
    if ctx.store.value("SELECT COUNT(*) FROM iam_policy_versions WHERE policy_arn = ?", (row["arn"],)) > 1:
        raise delete_conflict(
            "This policy has more than one version. Before you delete a policy, you must delete the policy's"
            " versions. The default version is deleted with the policy."
        )
    ctx.store.run("DELETE FROM iam_policies WHERE arn = ?", (row["arn"],))
    return {}


def _version(row: Any, default_version: str, *, with_document: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "VersionId": row["version_id"],
        "IsDefaultVersion": row["version_id"] == default_version,
        "CreateDate": row["created"],
    }
    if with_document:
        out["Document"] = documents.encoded(row["document"])
    return out


def _version_row(ctx: RequestContext, policy: Any, version_id: str) -> Any:
    found = ctx.store.one(
        "SELECT * FROM iam_policy_versions WHERE policy_arn = ? AND version_id = ?", (policy["arn"], version_id)
    )
    if found is None:
        raise not_found(f"Policy {policy['arn']} version {version_id} does not exist or is not attachable.")
    return found


@operation("iam", "CreatePolicyVersion")
def create_policy_version(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = require(ctx, req["PolicyArn"])
    text = req["PolicyDocument"]
    documents.parse(text)
    if documents.size(text) > POLICY_SIZE:
        raise limit_exceeded(f"Cannot exceed quota for PolicySize: {POLICY_SIZE}")
    versions = [
        r["version_id"]
        for r in ctx.store.all("SELECT version_id FROM iam_policy_versions WHERE policy_arn = ?", (row["arn"],))
    ]
    if len(versions) >= VERSIONS_PER_POLICY:
        raise limit_exceeded(
            f"A managed policy can have up to {VERSIONS_PER_POLICY} versions. Before you create a new version, you"
            " must delete an existing version."
        )
    number = int(loads(row["doc"]).get("LastVersion", max(int(v[1:]) for v in versions))) + 1
    version_id = f"v{number}"
    doc = loads(row["doc"])
    doc["LastVersion"] = number
    ctx.store.run(
        "INSERT INTO iam_policy_versions (policy_arn, version_id, document, created) VALUES (?, ?, ?, ?)",
        (row["arn"], version_id, text, ctx.now),
    )
    default = version_id if req.get("SetAsDefault") else row["default_version"]
    ctx.store.run(
        "UPDATE iam_policies SET default_version = ?, updated = ?, doc = ? WHERE arn = ?",
        (default, ctx.now, dumps(doc), row["arn"]),
    )
    created = _version_row(ctx, row, version_id)
    return {"PolicyVersion": _version(created, default, with_document=False)}


@operation("iam", "ListPolicyVersions")
def list_policy_versions(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = require(ctx, req["PolicyArn"])
    versions = sorted(
        ctx.store.all("SELECT * FROM iam_policy_versions WHERE policy_arn = ?", (row["arn"],)),
        key=lambda v: -int(v["version_id"][1:]),
    )
    listed = [
        (f"{10**6 - int(v['version_id'][1:]):07d}", _version(v, row["default_version"], with_document=False))
        for v in versions
    ]
    found = page(req, "iam-policy-versions", listed, lambda item: item[0], "Versions")
    found["Versions"] = [v for _, v in found["Versions"]]
    return found


@operation("iam", "SetDefaultPolicyVersion")
def set_default_policy_version(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = require(ctx, req["PolicyArn"])
    version = _version_row(ctx, row, req["VersionId"])
    ctx.store.run(
        "UPDATE iam_policies SET default_version = ?, updated = ? WHERE arn = ?",
        (version["version_id"], ctx.now, row["arn"]),
    )
    return {}


@operation("iam", "DeletePolicyVersion")
def delete_policy_version(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    row = require(ctx, req["PolicyArn"])
    version = _version_row(ctx, row, req["VersionId"])
    if version["version_id"] == row["default_version"]:
        raise delete_conflict("Cannot delete the default version of a policy.")
    ctx.store.run(
        "DELETE FROM iam_policy_versions WHERE policy_arn = ? AND version_id = ?", (row["arn"], version["version_id"])
    )
    return {}
