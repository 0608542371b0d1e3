"""IAM's policy simulator: SimulatePrincipalPolicy (a role's policies, and more given) and SimulateCustomPolicy
(the policies given), evaluated by policy.py for each action and resource.

Each result names the statements that decided it by their policy (``SourcePolicyId``: the inline policy's name,
the managed policy's name, or ``PolicyInputList.N``) and their place in the document as written (line and
column, counted from 1), and the condition keys the matching statements use that the context did not give
(``MissingContextValues``). Roles are the only principals here: a user or group ARN is NoSuchEntity.
"""

from __future__ import annotations

import json
import re
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.registry import operation

from . import documents, policy
from .entities import invalid_input, not_found, page

_TYPED = ("numericList", "booleanList", "stringList", "ipList", "binaryList", "dateList")


_DECODER = json.JSONDecoder()


def _skip(text: str, i: int, also: str = "") -> int:
    while i < len(text) and (text[i].isspace() or text[i] in also):
        i += 1
    return i


def statement_spans(text: str) -> list[tuple[int, int]]:
    """Where each statement of a policy document starts and ends in ``text`` (offsets, the end past the
    closing brace), read from the JSON as written; empty for a document that is not an object."""
    i = _skip(text, 0)
    if not text.startswith("{", i):
        return []
    i = _skip(text, i + 1)
    while i < len(text) and text[i] == '"':
        key, i = _DECODER.raw_decode(text, i)
        i = _skip(text, _skip(text, i) + 1)  # past the colon
        if key != "Statement":
            _, i = _DECODER.raw_decode(text, i)
        elif text.startswith("[", i):
            spans = []
            i = _skip(text, i + 1)
            while i < len(text) and text[i] != "]":
                _, end = _DECODER.raw_decode(text, i)
                spans.append((i, end))
                i = _skip(text, end, ",")
            return spans
        else:
            _, end = _DECODER.raw_decode(text, i)
            return [(i, end)]
        i = _skip(text, i, ",")
    return []


def _position(text: str, offset: int) -> dict[str, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return {"Line": line, "Column": column}


def _context(entries: list[dict[str, Any]]) -> dict[str, list[str]]:
    context: dict[str, list[str]] = {}
    for entry in entries:
        name = entry.get("ContextKeyName")
        if not name:
            continue
        values = [str(v) for v in entry.get("ContextKeyValues", [])]
        if entry.get("ContextKeyType") not in _TYPED and len(values) > 1:
            raise invalid_input(f"Context key {name} takes one value, as its type {entry.get('ContextKeyType')} says.")
        context[name] = values
    return context


def _missing(
    sources: list[tuple[str, str, str, dict[str, Any]]], action: str, context: dict[str, list[str]]
) -> list[str]:
    """The condition keys and policy variables of the statements about ``action`` that ``context`` lacks."""
    lowered = policy.lower_context(context)
    missing: dict[str, None] = {}
    for _, _, _, document in sources:
        variables = document.get("Version") == policy.VARIABLES_VERSION
        for statement in policy.statements(document):
            if not policy.action_matches(statement, action):
                continue
            named: list[str] = []
            condition = statement.get("Condition")
            if isinstance(condition, dict):
                for keys in condition.values():
                    if isinstance(keys, dict):
                        named += keys
                        if variables:
                            named += _variables(json.dumps(list(keys.values())))
            if variables:
                named += _variables(json.dumps([statement.get("Resource"), statement.get("NotResource")]))
            missing.update(dict.fromkeys(k for k in named if k.lower() not in lowered))
    return list(missing)


def _variables(text: str) -> list[str]:
    """The context keys the policy variables in ``text`` name (``${key}``, ``${key, 'default'}``)."""
    found = []
    for name in re.findall(r"\$\{([^}]*)\}", text):
        key = name.split(",", 1)[0].strip()
        if key not in ("*", "?", "$") and "," not in name:
            found.append(key)
    return found


def _simulate(
    req: dict[str, Any], sources: list[tuple[str, str, str, dict[str, Any]]], context: dict[str, list[str]]
) -> dict[str, Any]:
    """``sources``: (SourcePolicyId, SourcePolicyType, text as written, parsed) for each policy."""
    spans = [statement_spans(text) for _, _, text, _ in sources]
    results = []
    for action in req["ActionNames"]:
        for resource in req.get("ResourceArns") or ["*"]:
            decision = policy.evaluate([d for *_, d in sources], action=action, resource=resource, context=context)
            matched = []
            for s in decision.why:
                source_id, source_type, text, _ = sources[s.policy]
                found = spans[s.policy][s.index] if s.index < len(spans[s.policy]) else (0, len(text))
                matched.append(
                    {
                        "SourcePolicyId": source_id,
                        "SourcePolicyType": source_type,
                        "StartPosition": _position(text, found[0]),
                        "EndPosition": _position(text, found[1]),
                    }
                )
            verdict = "explicitDeny" if decision.explicit_deny else "allowed" if decision.allowed else "implicitDeny"
            results.append(
                {
                    "EvalActionName": action,
                    "EvalResourceName": resource,
                    "EvalDecision": verdict,
                    "MatchedStatements": matched,
                    "MissingContextValues": _missing(sources, action, context),
                }
            )
    keyed = [(f"{i:08d}", r) for i, r in enumerate(results)]
    found_page = page(req, "iam-simulation", keyed, lambda item: item[0], "EvaluationResults")
    found_page["EvaluationResults"] = [r for _, r in found_page["EvaluationResults"]]
    return found_page


def _inputs(req: dict[str, Any]) -> list[tuple[str, str, str, dict[str, Any]]]:
    return [
        (f"PolicyInputList.{i + 1}", "none", text, documents.parse(text))
        for i, text in enumerate(req.get("PolicyInputList", []))
    ]


@operation("iam", "SimulatePrincipalPolicy")
def simulate_principal_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    source = req["PolicySourceArn"]
    row = ctx.store.one("SELECT name FROM iam_roles WHERE arn = ?", (source,))
    if row is None:
        raise not_found(f"The entity {source} cannot be found.")
    excluded = set(req.get("PolicyExclusionList", []))
    sources: list[tuple[str, str, str, dict[str, Any]]] = [
        (r["name"], "role", r["document"], json.loads(r["document"]))
        for r in ctx.store.all(
            "SELECT name, document FROM iam_role_policies WHERE role_name = ? ORDER BY name", (row["name"],)
        )
    ]
    sources += [
        (r["name"], "user-managed", r["document"], json.loads(r["document"]))
        for r in ctx.store.all(
            "SELECT p.name, p.arn, v.document FROM iam_role_attachments a JOIN iam_policies p ON p.arn = a.policy_arn"
            " JOIN iam_policy_versions v ON v.policy_arn = p.arn AND v.version_id = p.default_version"
            " WHERE a.role_name = ? ORDER BY p.name",
            (row["name"],),
        )
        if r["arn"] not in excluded
    ]
    sources = [s for s in sources if s[0] not in excluded] + _inputs(req)
    return _simulate(req, sources, _context(req.get("ContextEntries", [])))


@operation("iam", "SimulateCustomPolicy")
def simulate_custom_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return _simulate(req, _inputs(req), _context(req.get("ContextEntries", [])))
