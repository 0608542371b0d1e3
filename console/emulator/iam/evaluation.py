"""``POST /_emulator/policy-evaluation``: what may this identity do. The decision of a role's permission
policies on one action and resource, and the statements that decided it (the console's policy view).

Request (JSON), naming the principal by one of:

- ``role_arn``: a role; its policies are evaluated with the ``context`` given and nothing else;
- ``access_key_id``: credentials this server issued (AssumeRoleWithWebIdentity, GetCredentialsForIdentity...);
- ``identity_id``: an identity pool identity, by the latest credentials issued to it.

For credentials and identities, the session's role is used and its condition keys are added to ``context``:
the web identity's (``cognito-identity.amazonaws.com:sub``, ``:aud``, ``:amr``), the principal tags as
``aws:PrincipalTag/<key>``, ``aws:userid``, ``aws:PrincipalArn``; a session policy (AssumeRole's ``Policy``)
must allow the action too. Then:

- ``action``: ``service:Operation`` (required), ``resource``: an ARN (default ``*``),
- ``context``: more condition keys, each a string or a list of strings (they override the session's).

Answer::

    {"allowed": true, "decision": "allowed" | "explicitly denied" | "implicitly denied: no statement allows it",
     "role_arn": "...", "principal_arn": "...", "context": {...the keys evaluated...},
     "statements": [{"policy": "<inline policy name or managed policy ARN>", "statement": 0, "sid": "",
                     "effect": "Allow", "document": {...}}],
     "session_policy": {"allowed": true, "statements": [...]}}   (only with a session policy)

``statements`` are the matching Deny statements when denied explicitly, the matching Allow statements when
allowed, none when nothing allows it. Errors: 400 ``{"__type": "InvalidParameterException", "message"}`` for
a bad request, 404 ``NoSuchEntity`` when the role, credentials or identity are not known.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from console.emulator.core.context import RequestContext
from console.emulator.core.registry import http_route
from console.emulator.core.store import loads
from console.emulator.sts.credentials import Session, session

from . import policy
from .roles import permission_policies, role_by_arn

PATH = "/_emulator/policy-evaluation"


def _error(code: str, message: str, status: int = 400) -> Response:
    return JSONResponse({"__type": code, "message": message}, status_code=status)


def _session_of_identity(ctx: RequestContext, identity_id: str) -> Session | None:
    sub = "cognito-identity.amazonaws.com:sub"
    for row in ctx.store.iter(
        "SELECT access_key_id, doc FROM sts_credentials WHERE instr(doc, ?) > 0 ORDER BY expiration DESC",
        (identity_id,),
    ):
        if identity_id in (loads(row["doc"]).get("context") or {}).get(sub, []):
            return session(ctx.store, row["access_key_id"])
    return None


def session_context(found: Session) -> dict[str, Any]:
    """The condition keys a session's calls carry."""
    context: dict[str, Any] = {k: v for k, v in found.context.items() if k != "session_policy"}
    context["aws:userid"] = [found.assumed_role_id]
    context["aws:PrincipalArn"] = [found.role_arn]
    context["aws:PrincipalType"] = ["AssumedRole"]
    for key, value in found.principal_tags.items():
        context[f"aws:PrincipalTag/{key}"] = [value]
    return context


def _statements(decision: policy.Decision, names: list[str]) -> list[dict[str, Any]]:
    out = []
    for s in decision.why:
        entry = s.as_json()
        entry["policy"] = names[s.policy]
        out.append(entry)
    return out


def evaluate_request(ctx: RequestContext, body: Any) -> tuple[int, dict[str, Any]]:
    """The endpoint's answer to a parsed request ``body``: (HTTP status, JSON body)."""
    if not isinstance(body, dict):
        return 400, {"__type": "InvalidParameterException", "message": "The request must be a JSON object."}
    action, resource, extra = body.get("action"), body.get("resource", "*"), body.get("context", {})
    if not isinstance(action, str) or ":" not in action:
        return 400, {"__type": "InvalidParameterException", "message": "action must be service:Operation."}
    if not isinstance(resource, str) or not isinstance(extra, dict):
        return 400, {"__type": "InvalidParameterException", "message": "resource must be a string, context an object."}
    found: Session | None = None
    principal = None
    if body.get("access_key_id"):
        found = session(ctx.store, str(body["access_key_id"]))
        if found is None:
            return 404, {"__type": "NoSuchEntity", "message": "No credentials with that access key ID."}
    elif body.get("identity_id"):
        found = _session_of_identity(ctx, str(body["identity_id"]))
        if found is None:
            return 404, {"__type": "NoSuchEntity", "message": "No credentials were issued to that identity."}
    elif not isinstance(body.get("role_arn"), str):
        return 400, {"__type": "InvalidParameterException", "message": "Name role_arn, access_key_id or identity_id."}
    context: dict[str, Any] = {}
    role_arn = body.get("role_arn")
    if found is not None:
        role_arn, principal = found.role_arn, found.arn
        context = session_context(found)
    role = role_by_arn(ctx, str(role_arn))
    if role is None:
        return 404, {"__type": "NoSuchEntity", "message": f"The role {role_arn} cannot be found."}
    for key, value in extra.items():
        if not isinstance(value, str | list):
            return 400, {"__type": "InvalidParameterException", "message": f"context {key} must be text or a list."}
        context[str(key)] = value
    named = permission_policies(ctx, role["RoleName"])
    names = [n for n, _ in named]
    decision = policy.evaluate([d for _, d in named], action=action, resource=resource, context=context)
    answer: dict[str, Any] = {
        "allowed": decision.allowed,
        "decision": decision.reason,
        "role_arn": role["Arn"],
        "principal_arn": principal or role["Arn"],
        "context": policy.lower_context(context),
        "statements": _statements(decision, names),
    }
    session_policy = found.context.get("session_policy") if found is not None else None
    if isinstance(session_policy, dict):
        limited = policy.evaluate([session_policy], action=action, resource=resource, context=context)
        answer["session_policy"] = {"allowed": limited.allowed, "statements": _statements(limited, ["session"])}
        if decision.allowed and not limited.allowed:
            answer["allowed"] = False
            answer["decision"] = "explicitly denied" if limited.explicit_deny else "denied by the session policy"
    return 200, answer


@http_route(PATH, ("POST",))
async def policy_evaluation(request: Request) -> Response:
    """See the module's docstring."""
    ctx: RequestContext = request.app.state.emulator.context("", request)
    try:
        body = json.loads(await request.body() or b"{}")
    except (ValueError, RecursionError):
        return _error("InvalidParameterException", "The request body is not JSON.")
    status, answer = evaluate_request(ctx, body)
    return JSONResponse(answer, status_code=status)
