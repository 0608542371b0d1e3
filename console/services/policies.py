"""IAM policy documents as the console edits them: parsed and checked before a call, with IAM's own rules
(the grammar in the IAM User Guide's policy reference) so that a mistake is said in the editor, where it is."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

VERSIONS = ("2012-10-17", "2008-10-17")
MAX_TRUST_POLICY = 2048  # characters, without white space (IAM quotas: role trust policy length)
MAX_INLINE_POLICIES = 10240  # the aggregate size of a role's inline policies, without white space
STATEMENT_KEYS = {
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
}
CONDITION_OPERATORS = (
    "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike",
    "StringNotLike", "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
    "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals", "DateNotEquals", "DateLessThan",
    "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress",
    "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
)  # fmt: skip

# The trust policy an identity pool's authenticated role needs (IAM roles in the Cognito Developer Guide).
COGNITO_TRUST = "cognito-identity.amazonaws.com"


class PolicyProblem(ValueError):
    """Why a document is not a policy IAM would take; ``line`` is 1-based where JSON parsing found it."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


def compact_length(document: Mapping[str, Any]) -> int:
    """The length IAM counts: the document's JSON without white space."""
    return len(json.dumps(document, separators=(",", ":")))


def parse(text: str, *, trust: bool = False) -> dict[str, Any]:
    """The policy document in ``text``, or PolicyProblem saying what IAM would refuse (MalformedPolicyDocument).

    ``trust`` checks a role's trust policy (a Principal in each statement, sts:AssumeRole* actions, no Resource)
    instead of a permission policy (Action and Resource, no Principal)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PolicyProblem(f"Not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}).", exc.lineno) from None
    if not isinstance(document, dict):
        raise PolicyProblem("A policy document is a JSON object with Version and Statement.")
    unknown = set(document) - {"Version", "Id", "Statement"}
    if unknown:
        raise PolicyProblem(f"Unknown top-level field: {', '.join(sorted(unknown))}.")
    version = document.get("Version")
    if version is not None and version not in VERSIONS:
        raise PolicyProblem(f"Version must be {VERSIONS[0]} (or the older {VERSIONS[1]}), not {version!r}.")
    statements = document.get("Statement")
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        raise PolicyProblem("Statement must be a statement or a non-empty list of statements.")
    sids: set[str] = set()
    for number, statement in enumerate(statements, 1):
        _check_statement(statement, number, trust, sids)
    if trust and compact_length(document) > MAX_TRUST_POLICY:
        raise PolicyProblem(
            f"The trust policy is {compact_length(document):,} characters without white space; IAM takes at most "
            f"{MAX_TRUST_POLICY:,}."
        )
    return document


def _check_statement(statement: Any, number: int, trust: bool, sids: set[str]) -> None:
    where = f"Statement {number}"
    if not isinstance(statement, dict):
        raise PolicyProblem(f"{where} is not a JSON object.")
    unknown = set(statement) - STATEMENT_KEYS
    if unknown:
        raise PolicyProblem(f"{where} has an unknown field: {', '.join(sorted(unknown))}.")
    sid = statement.get("Sid")
    if sid is not None:
        if not isinstance(sid, str) or not sid.isalnum():
            raise PolicyProblem(f"{where}: Sid may hold only letters and digits.")
        if sid in sids:
            raise PolicyProblem(f"{where}: Sid {sid} is used twice; statement IDs must be unique.")
        sids.add(sid)
    if statement.get("Effect") not in ("Allow", "Deny"):
        raise PolicyProblem(f"{where}: Effect must be Allow or Deny.")
    if ("Action" in statement) == ("NotAction" in statement):
        raise PolicyProblem(f"{where} needs exactly one of Action and NotAction.")
    for key in ("Action", "NotAction"):
        if key in statement:
            for action in _strings(statement[key], f"{where}: {key}"):
                if action != "*" and ":" not in action:
                    raise PolicyProblem(f"{where}: the action {action!r} has no service prefix (service:Action).")
    if trust:
        if "Principal" not in statement and "NotPrincipal" not in statement:
            raise PolicyProblem(f"{where}: a trust policy statement needs a Principal.")
        if "Resource" in statement or "NotResource" in statement:
            raise PolicyProblem(f"{where}: a trust policy statement has no Resource.")
    else:
        if "Principal" in statement or "NotPrincipal" in statement:
            raise PolicyProblem(f"{where}: a permission policy statement has no Principal (it is the role's).")
        if ("Resource" in statement) == ("NotResource" in statement):
            raise PolicyProblem(f"{where} needs exactly one of Resource and NotResource.")
        for key in ("Resource", "NotResource"):
            if key in statement:
                for resource in _strings(statement[key], f"{where}: {key}"):
                    if resource != "*" and not resource.startswith("arn:"):
                        raise PolicyProblem(f"{where}: the resource {resource!r} is not an ARN or *.")
    condition = statement.get("Condition")
    if condition is not None:
        if not isinstance(condition, dict):
            raise PolicyProblem(f"{where}: Condition must be an object of operators.")
        for operator, block in condition.items():
            base = operator.split(":", 1)[-1].removesuffix("IfExists")
            if base not in CONDITION_OPERATORS:
                raise PolicyProblem(f"{where}: unknown condition operator {operator}.")
            if not isinstance(block, dict) or not block:
                raise PolicyProblem(f"{where}: {operator} must map condition keys to values.")


def _strings(value: Any, where: str) -> list[str]:
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str) and v for v in values):
        raise PolicyProblem(f"{where} must be a string or a list of strings.")
    return values


def trusts_cognito(document: Mapping[str, Any], identity_pool_id: str, authenticated: bool) -> str | None:
    """None when the trust policy lets the identity pool's identities assume the role the way the enhanced
    flow needs; otherwise what is missing, in a sentence."""
    statements = document.get("Statement") or []
    if isinstance(statements, dict):
        statements = [statements]
    amr = "authenticated" if authenticated else "unauthenticated"
    for statement in statements:
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal") or {}
        federated = principal.get("Federated") if isinstance(principal, dict) else None
        if COGNITO_TRUST not in (federated if isinstance(federated, list) else [federated]):
            continue
        actions = statement.get("Action") or []
        actions = actions if isinstance(actions, list) else [actions]
        if not any(a in ("sts:AssumeRoleWithWebIdentity", "sts:*", "*") for a in actions):
            continue
        conditions = statement.get("Condition") or {}
        aud = _condition_values(conditions, f"{COGNITO_TRUST}:aud")
        if identity_pool_id not in aud:
            return f"The trust policy does not limit {COGNITO_TRUST}:aud to {identity_pool_id}."
        amrs = _condition_values(conditions, f"{COGNITO_TRUST}:amr")
        if amrs and amr not in amrs:
            return f"The trust policy's {COGNITO_TRUST}:amr condition does not allow {amr} identities."
        return None
    return f"No statement lets {COGNITO_TRUST} assume the role with sts:AssumeRoleWithWebIdentity."


def _condition_values(conditions: Mapping[str, Any], key: str) -> list[str]:
    found: list[str] = []
    for block in conditions.values():
        if isinstance(block, dict) and key in block:
            value = block[key]
            found += value if isinstance(value, list) else [value]
    return [str(v) for v in found]


def cognito_trust_policy(identity_pool_id: str, authenticated: bool) -> dict[str, Any]:
    """The trust policy the Cognito Developer Guide gives for an identity pool's role."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": COGNITO_TRUST},
                "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
                "Condition": {
                    "StringEquals": {f"{COGNITO_TRUST}:aud": identity_pool_id},
                    "ForAnyValue:StringLike": {
                        f"{COGNITO_TRUST}:amr": "authenticated" if authenticated else "unauthenticated"
                    },
                },
            }
        ],
    }
