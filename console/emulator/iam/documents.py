"""IAM policy documents as IAM checks them: the grammar of identity policies and of role trust policies, with
IAM's MalformedPolicyDocument messages, and the URL-encoded form IAM answers documents in.

A document is stored as the caller wrote it (IAM answers it back unchanged, URL-encoded, and boto3 decodes it);
``parse`` only checks it and returns it parsed. Size quotas count characters other than white space, as IAM does.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from console.emulator.core.errors import AwsError

from .policy import split_operator

VERSIONS = ("2008-10-17", "2012-10-17")
_TOP = {"Version", "Id", "Statement"}
_STATEMENT = {
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
_PRINCIPAL_TYPES = {"AWS", "Federated", "Service", "CanonicalUser"}
_ACTION = re.compile(r"^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?_-]*)$")
_SID = re.compile(r"^[0-9A-Za-z]*$")
_WHITESPACE = re.compile(r"\s+")


def malformed(message: str) -> AwsError:
    return AwsError("MalformedPolicyDocument", message)


def size(text: str) -> int:
    """A document's size as IAM's quotas count it: white space left out."""
    return len(_WHITESPACE.sub("", text))


def encoded(text: str) -> str:
    """A document as IAM answers it: URL-encoded (boto3 and the AWS CLI decode it)."""
    return quote(text, safe="")


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def parse(text: str, *, trust: bool = False) -> dict[str, Any]:
    """Check ``text`` as an identity policy (``trust=False``) or a role trust policy; return it parsed, or
    raise MalformedPolicyDocument with IAM's message."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise malformed("Syntax errors in policy.") from None
    if not isinstance(document, dict) or set(document) - _TOP:
        raise malformed("Syntax errors in policy.")
    version = document.get("Version")
    if version is not None and version not in VERSIONS:
        raise malformed("The policy failed legacy parsing")
    found = document.get("Statement")
    if isinstance(found, dict):
        found = [found]
    if not isinstance(found, list) or not found or not all(isinstance(s, dict) for s in found):
        raise malformed("Syntax errors in policy.")
    sids: set[str] = set()
    for statement in found:
        _statement(statement, trust)
        sid = statement.get("Sid")
        if sid is not None:
            if not isinstance(sid, str):
                raise malformed("Syntax errors in policy.")
            if not trust and not _SID.fullmatch(sid):
                raise malformed(
                    "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular"
                    " expression [0-9A-Za-z]*"
                )
            if sid and sid in sids:
                raise malformed("Statement IDs (SID) in a single policy must be unique.")
            sids.add(sid)
    return document


def _statement(statement: dict[str, Any], trust: bool) -> None:
    if set(statement) - _STATEMENT:
        raise malformed("Syntax errors in policy.")
    effect = statement.get("Effect")
    if effect is None:
        raise malformed("Missing required field Effect")
    if effect not in ("Allow", "Deny"):
        raise malformed(f"Invalid effect: {effect}" if isinstance(effect, str) else "Syntax errors in policy.")
    if "Action" in statement and "NotAction" in statement:
        raise malformed("Syntax errors in policy.")
    if "Resource" in statement and "NotResource" in statement:
        raise malformed("Syntax errors in policy.")
    if "Principal" in statement and "NotPrincipal" in statement:
        raise malformed("Syntax errors in policy.")
    actions = statement.get("Action", statement.get("NotAction"))
    if actions is None:
        raise malformed("Policy statement must contain actions.")
    listed = _strings(actions)
    if listed is None:
        raise malformed("Syntax errors in policy.")
    for action in listed:
        if not _ACTION.fullmatch(action):
            raise malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")
    if trust:
        if "Resource" in statement or "NotResource" in statement:
            raise malformed("Has prohibited field Resource")
        principal = statement.get("Principal", statement.get("NotPrincipal"))
        if principal is None:
            raise malformed("Missing required field Principal")
        _principal(principal)
    else:
        if "Principal" in statement or "NotPrincipal" in statement:
            raise malformed("Policy document should not specify a principal.")
        resources = statement.get("Resource", statement.get("NotResource"))
        if resources is None:
            raise malformed("Policy statement must contain resources.")
        listed = _strings(resources)
        if listed is None:
            raise malformed("Syntax errors in policy.")
        for resource in listed:
            if resource != "*" and not (resource.startswith("arn:") and resource.count(":") >= 5):
                raise malformed(f'Resource {resource} must be in ARN format or "*".')
            if resource.startswith("arn:") and resource.split(":")[1] not in ("aws", "aws-cn", "aws-us-gov", "*"):
                raise malformed(f'Partition "{resource.split(":")[1]}" is not valid for resource "{resource}".')
    if "Condition" in statement:
        _condition(statement["Condition"])


def _principal(principal: Any) -> None:
    if principal == "*":
        return
    if not isinstance(principal, dict) or not principal:
        raise malformed("Syntax errors in policy.")
    for kind, value in principal.items():
        if kind not in _PRINCIPAL_TYPES:
            raise malformed(f"Invalid principal in policy: {json.dumps({kind: value})[1:-1]}")
        listed = _strings(value)
        if not listed:
            raise malformed("Syntax errors in policy.")
        if kind == "AWS":
            for arn in listed:
                if arn != "*" and not re.fullmatch(r"\d{12}|arn:aws[a-z-]*:(iam|sts)::(\d{12}|aws):.+", arn):
                    raise malformed(f'Invalid principal in policy: "AWS":"{arn}"')


def _condition(condition: Any) -> None:
    if not isinstance(condition, dict):
        raise malformed("Syntax errors in policy.")
    for operator, keys in condition.items():
        if split_operator(operator) is None:
            raise malformed(f"Invalid Condition type : {operator}.")
        if not isinstance(keys, dict) or not keys:
            raise malformed("Syntax errors in policy.")
        for key, value in keys.items():
            if ":" not in key:
                raise malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")
            values = value if isinstance(value, list) else [value]
            if not all(isinstance(v, str | bool | int | float) for v in values):
                raise malformed("Syntax errors in policy.")
