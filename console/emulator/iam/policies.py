"""IAM customer managed policies: CreatePolicy, GetPolicy, GetPolicyVersion, ListPolicies, DeletePolicy.

A policy keeps its document as version ``v1``, its default version; ``require`` is how roles find a policy to
attach.
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
    version = ctx.store.one(
        "SELECT * FROM iam_policy_versions WHERE policy_arn = ? AND version_id = ?", (row["arn"], req["VersionId"])
    )
    if version is None:
        raise not_found(f"Policy {row['arn']} version {req['VersionId']} does not exist or is not attachable.")
    return {
        "PolicyVersion": {
            "Document": documents.encoded(version["document"]),
            "VersionId": version["version_id"],
            "IsDefaultVersion": version["version_id"] == row["default_version"],
            "CreateDate": version["created"],
        }
    }


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
    ctx.store.run("DELETE FROM iam_policies WHERE arn = ?", (row["arn"],))
    return {}
