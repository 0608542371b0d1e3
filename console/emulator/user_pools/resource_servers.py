"""Resource servers: OAuth 2.0 APIs of a user pool and their custom scopes (``identifier/scope``)."""

from __future__ import annotations

from typing import Any

from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, resource_not_found
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps, loads

from .pools import get_pool

MAX_RESOURCE_SERVERS = 25
MAX_SCOPES = 100


def get_resource_server(ctx: RequestContext, pool_id: str, identifier: str) -> dict[str, Any]:
    row = ctx.store.one("SELECT doc FROM resource_servers WHERE pool_id = ? AND identifier = ?", (pool_id, identifier))
    if row is None:
        raise resource_not_found(f"Resource server {identifier} does not exist in user pool {pool_id}.")
    doc: dict[str, Any] = loads(row["doc"])
    return doc


def _editable(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc``, unless Amazon Cognito manages it (``ManagedBy``): then nobody else may change or delete it."""
    if doc.get("ManagedBy"):
        raise invalid_parameter(
            f"Resource server {doc['Identifier']} is managed by Amazon Cognito and can't be modified or deleted."
        )
    return doc


def custom_scopes(ctx: RequestContext, pool_id: str) -> set[str]:
    """Every ``identifier/scope`` the pool's resource servers define."""
    out: set[str] = set()
    for row in ctx.store.all("SELECT identifier, doc FROM resource_servers WHERE pool_id = ?", (pool_id,)):
        out |= {f"{row['identifier']}/{s['ScopeName']}" for s in loads(row["doc"]).get("Scopes") or []}
    return out


def _scopes(given: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    scopes = [{"ScopeName": s["ScopeName"], "ScopeDescription": s["ScopeDescription"]} for s in given or []]
    if len(scopes) > MAX_SCOPES:
        raise AwsError("LimitExceededException", f"A resource server can have at most {MAX_SCOPES} scopes.")
    names = [s["ScopeName"] for s in scopes]
    if len(set(names)) != len(names):
        raise invalid_parameter("Scope names must be unique within a resource server.")
    return scopes


@idp("CreateResourceServer")
def create_resource_server(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    identifier = req["Identifier"]
    exists = ctx.store.value(
        "SELECT 1 FROM resource_servers WHERE pool_id = ? AND identifier = ?", (pool["Id"], identifier)
    )
    if exists:
        raise invalid_parameter(f"{identifier} already exists in user pool {pool['Id']}.")
    count = ctx.store.value("SELECT COUNT(*) FROM resource_servers WHERE pool_id = ?", (pool["Id"],))
    if count >= MAX_RESOURCE_SERVERS:
        raise AwsError(
            "LimitExceededException",
            f"A user pool can have at most {MAX_RESOURCE_SERVERS} resource servers.",
        )
    doc = {
        "UserPoolId": pool["Id"],
        "Identifier": identifier,
        "Name": req["Name"],
        "Scopes": _scopes(req.get("Scopes")),
    }
    ctx.store.run(
        "INSERT INTO resource_servers (pool_id, identifier, doc) VALUES (?, ?, ?)",
        (pool["Id"], identifier, dumps(doc)),
    )
    return {"ResourceServer": doc}


@idp("DescribeResourceServer")
def describe_resource_server(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    get_pool(ctx, req["UserPoolId"])
    return {"ResourceServer": get_resource_server(ctx, req["UserPoolId"], req["Identifier"])}


@idp("UpdateResourceServer")
def update_resource_server(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    get_pool(ctx, req["UserPoolId"])
    doc = _editable(get_resource_server(ctx, req["UserPoolId"], req["Identifier"]))
    # Update replaces the whole resource server: omitted scopes are removed.
    doc["Name"] = req["Name"]
    doc["Scopes"] = _scopes(req.get("Scopes"))
    ctx.store.run(
        "UPDATE resource_servers SET doc = ? WHERE pool_id = ? AND identifier = ?",
        (dumps(doc), doc["UserPoolId"], doc["Identifier"]),
    )
    return {"ResourceServer": doc}


@idp("DeleteResourceServer")
def delete_resource_server(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    get_pool(ctx, req["UserPoolId"])
    doc = _editable(get_resource_server(ctx, req["UserPoolId"], req["Identifier"]))
    ctx.store.run(
        "DELETE FROM resource_servers WHERE pool_id = ? AND identifier = ?",
        (doc["UserPoolId"], doc["Identifier"]),
    )
    return {}


@idp("ListResourceServers")
def list_resource_servers(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    limit = int(req.get("MaxResults") or 50)
    (after,) = paging.decode(req["NextToken"], "resource-servers", (str,)) if req.get("NextToken") else ("",)
    rows = ctx.store.all(
        "SELECT identifier, doc FROM resource_servers WHERE pool_id = ? AND identifier > ? ORDER BY identifier LIMIT ?",
        (pool["Id"], after, limit + 1),
    )
    out: dict[str, Any] = {"ResourceServers": [loads(r["doc"]) for r in rows[:limit]]}
    if len(rows) > limit:
        out["NextToken"] = paging.encode("resource-servers", [rows[limit - 1]["identifier"]])
    return out
