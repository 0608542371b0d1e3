"""IAM policy evaluation: which statements of a set of policies allow or deny an action on a resource.

``evaluate`` answers for identity policies (a role's inline and attached policies): an explicit Deny wins over
any Allow, an Allow must match action, resource and condition, and nothing matching is an implicit deny.
``trust_allows`` answers for a role's trust policy (AssumeRolePolicyDocument): may this federated principal
perform ``sts:AssumeRoleWithWebIdentity`` (or another sts action) under these conditions.

What is matched, as IAM documents it (IAM User Guide, "Policy evaluation logic" and "IAM JSON policy elements"):

- ``Action``/``NotAction``: ``service:Operation`` patterns with ``*`` and ``?``, case-insensitive.
- ``Resource``/``NotResource``: ARN patterns with ``*`` and ``?``, case-sensitive; ``*`` matches any text.
- ``Condition``: every operator must hold; within an operator every key; a key holds when any policy value
  matches. Operators: String(Not)Equals(IgnoreCase), String(Not)Like, Numeric*, Date*, Bool, BinaryEquals,
  (Not)IpAddress, Arn(Not)Equals/Like, Null; the ``ForAnyValue:``/``ForAllValues:`` set prefixes and the
  ``IfExists`` suffix. A key missing from the context makes a positive operator false and a negated one true.
- Policy variables (``${cognito-identity.amazonaws.com:sub}``, ``${aws:PrincipalTag/team}``,
  ``${aws:username}``, ``${key, 'default'}``, ``${*}``, ``${?}``, ``${$}``) in resources and condition values,
  in documents of Version 2012-10-17 only; a variable with no value and no default matches nothing.
  A substituted value is literal text: a tag value of ``*`` is not a wildcard.

Context keys are case-insensitive (``aws:PrincipalTag/Team`` and ``aws:principaltag/team`` are one key); a
context value is a string or a list of strings (a multivalued key such as ``cognito-identity.amazonaws.com:amr``).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import ipaddress
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

VARIABLES_VERSION = "2012-10-17"

_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_DEFAULT = re.compile(r"^\s*([^,]+?)\s*,\s*'([^']*)'\s*$")


@dataclass(frozen=True)
class Statement:
    """One statement that took part in a decision: where it is and what it says."""

    policy: int  # index of its policy in the list given to ``evaluate``
    index: int  # index of the statement in its policy
    sid: str
    effect: str
    statement: Mapping[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "statement": self.index,
            "sid": self.sid,
            "effect": self.effect,
            "document": dict(self.statement),
        }


@dataclass(frozen=True)
class Decision:
    """The answer of ``evaluate``: ``allowed``; ``explicit_deny`` when a Deny statement matched; ``why``, the
    statements that decided (the matching Deny statements, else the matching Allow statements, else none:
    an implicit deny)."""

    allowed: bool
    explicit_deny: bool
    why: tuple[Statement, ...]

    @property
    def reason(self) -> str:
        if self.explicit_deny:
            return "explicitly denied"
        return "allowed" if self.allowed else "implicitly denied: no statement allows it"


def statements(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """A policy document's statements (``Statement`` is an object or a list of them)."""
    found = document.get("Statement", [])
    if isinstance(found, Mapping):
        return [found]
    return [s for s in found if isinstance(s, Mapping)] if isinstance(found, list) else []


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def lower_context(context: Mapping[str, Any]) -> dict[str, list[str]]:
    """The context with keys in lower case and every value a list of strings."""
    out: dict[str, list[str]] = {}
    for key, value in context.items():
        items = value if isinstance(value, list | tuple) else [value]
        out[key.lower()] = [_text(v) for v in items if v is not None]
    return out


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# -- patterns and variables -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _glob_regex(text: str) -> str:
    return "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in text)


@functools.lru_cache(maxsize=4096)
def _compiled(regex: str, ignore_case: bool) -> re.Pattern[str]:
    return re.compile(regex, re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL)


def _variable_value(name: str, context: Mapping[str, list[str]]) -> str | None:
    """A policy variable's value: ``*``, ``?`` and ``$`` stand for themselves; a key's single value; the
    default given as ``${key, 'default'}``; else None."""
    if name in ("*", "?", "$"):
        return name
    default = None
    found = _DEFAULT.match(name)
    if found:
        name, default = found.group(1), found.group(2)
    values = context.get(name.strip().lower())
    if values and len(values) == 1:
        return values[0]
    return default


def _pattern(text: str, context: Mapping[str, list[str]], variables: bool, ignore_case: bool) -> re.Pattern[str] | None:
    """``text`` (a glob with ``*`` and ``?``) as a compiled pattern, its variables replaced by their literal
    values; None when a variable has no value."""
    if not variables or "${" not in text:
        return _compiled(_glob_regex(text), ignore_case)
    parts: list[str] = []
    last = 0
    for found in _VARIABLE.finditer(text):
        value = _variable_value(found.group(1), context)
        if value is None:
            return None
        parts.append(_glob_regex(text[last : found.start()]))
        parts.append(re.escape(value))
        last = found.end()
    parts.append(_glob_regex(text[last:]))
    return _compiled("".join(parts), ignore_case)


def substitute(text: str, context: Mapping[str, list[str]]) -> str | None:
    """``text`` with its policy variables replaced by their values; None when one has no value."""
    if "${" not in text:
        return text
    missing = False

    def value(found: re.Match[str]) -> str:
        nonlocal missing
        got = _variable_value(found.group(1), context)
        if got is None:
            missing = True
            return ""
        return got

    result = _VARIABLE.sub(value, text)
    return None if missing else result


def _matches_any(
    patterns: Iterable[Any], value: str, context: Mapping[str, list[str]], variables: bool, ignore_case: bool
) -> bool:
    for text in patterns:
        if not isinstance(text, str):
            continue
        if text == "*":
            return True
        compiled = _pattern(text, context, variables, ignore_case)
        if compiled is not None and compiled.fullmatch(value):
            return True
    return False


def action_matches(statement: Mapping[str, Any], action: str) -> bool:
    """Whether ``Action`` names ``action`` or ``NotAction`` leaves it out."""
    if "Action" in statement:
        return _matches_any(_values(statement["Action"]), action, {}, False, True)
    if "NotAction" in statement:
        return not _matches_any(_values(statement["NotAction"]), action, {}, False, True)
    return False


def resource_matches(
    statement: Mapping[str, Any], resource: str, context: Mapping[str, list[str]], variables: bool
) -> bool:
    """Whether ``Resource`` names ``resource`` or ``NotResource`` leaves it out (a statement with neither,
    as trust policies are, applies to the role itself)."""
    if "Resource" in statement:
        return _matches_any(_values(statement["Resource"]), resource, context, variables, False)
    if "NotResource" in statement:
        return not _matches_any(_values(statement["NotResource"]), resource, context, variables, False)
    return True


# -- conditions ---------------------------------------------------------------------------------------------


def _date(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        pass
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.timestamp()


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _compare(kind: str, left: float, right: float) -> bool:
    if kind == "Equals":
        return left == right
    if kind == "NotEquals":
        return left != right
    if kind == "LessThan":
        return left < right
    if kind == "LessThanEquals":
        return left <= right
    if kind == "GreaterThan":
        return left > right
    return left >= right  # GreaterThanEquals


def _arn_like(pattern: str, value: str, context: Mapping[str, list[str]], variables: bool) -> bool:
    """ARN matching: the six colon-separated parts are matched each on its own; the resource part keeps
    its colons."""
    want = pattern.split(":", 5)
    have = value.split(":", 5)
    if len(want) != 6 or len(have) != 6:
        return pattern == "*" or False
    for w, h in zip(want, have, strict=True):
        compiled = _pattern(w, context, variables, False)
        if compiled is None or not compiled.fullmatch(h):
            return False
    return True


def _ip_in(network: str, address: str) -> bool:
    try:
        return ipaddress.ip_address(address) in ipaddress.ip_network(network, strict=False)
    except ValueError:
        return False


# Operators whose sense is "none of the values": a missing key makes them true.
_NEGATED = {
    "StringNotEquals",
    "StringNotEqualsIgnoreCase",
    "StringNotLike",
    "NumericNotEquals",
    "DateNotEquals",
    "NotIpAddress",
    "ArnNotEquals",
    "ArnNotLike",
}
_NUMERIC = ("Equals", "NotEquals", "LessThanEquals", "LessThan", "GreaterThanEquals", "GreaterThan")
OPERATORS = frozenset(
    {
        "StringEquals",
        "StringNotEquals",
        "StringEqualsIgnoreCase",
        "StringNotEqualsIgnoreCase",
        "StringLike",
        "StringNotLike",
        "Bool",
        "BinaryEquals",
        "IpAddress",
        "NotIpAddress",
        "ArnEquals",
        "ArnLike",
        "ArnNotEquals",
        "ArnNotLike",
        "Null",
        *(f"Numeric{k}" for k in _NUMERIC),
        *(f"Date{k}" for k in _NUMERIC),
    }
)


def split_operator(name: str) -> tuple[str, str, bool] | None:
    """``ForAnyValue:StringLikeIfExists`` -> ("ForAnyValue", "StringLike", True); None when unknown."""
    prefix, _, base = name.rpartition(":")
    if prefix not in ("", "ForAnyValue", "ForAllValues"):
        return None
    if_exists = base.endswith("IfExists") and base != "IfExists"
    if if_exists:
        base = base[: -len("IfExists")]
    if base not in OPERATORS or (if_exists and base == "Null"):
        return None
    return prefix, base, if_exists


def _one(base: str, policy_value: str, value: str, context: Mapping[str, list[str]], variables: bool) -> bool:
    """Whether one context value matches one policy value under the operator's positive sense."""
    if base in ("StringEquals", "StringNotEquals"):
        want = substitute(policy_value, context) if variables else policy_value
        return want is not None and want == value
    if base in ("StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"):
        want = substitute(policy_value, context) if variables else policy_value
        return want is not None and want.casefold() == value.casefold()
    if base in ("StringLike", "StringNotLike"):
        compiled = _pattern(policy_value, context, variables, False)
        return compiled is not None and compiled.fullmatch(value) is not None
    if base.startswith("Numeric"):
        left, right = _number(value), _number(policy_value)
        kind = base[len("Numeric") :]
        if kind == "NotEquals":
            kind = "Equals"
        return left is not None and right is not None and _compare(kind, left, right)
    if base.startswith("Date"):
        left, right = _date(value), _date(policy_value)
        kind = base[len("Date") :]
        if kind == "NotEquals":
            kind = "Equals"
        return left is not None and right is not None and _compare(kind, left, right)
    if base == "Bool":
        return policy_value.lower() == value.lower()
    if base == "BinaryEquals":
        try:
            return base64.b64decode(policy_value) == base64.b64decode(value)
        except ValueError:
            return False
    if base in ("IpAddress", "NotIpAddress"):
        return _ip_in(policy_value, value)
    if base in ("ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike"):
        return _arn_like(policy_value, value, context, variables)
    return False


def _key_holds(
    prefix: str,
    base: str,
    if_exists: bool,
    key: str,
    wanted: list[Any],
    context: Mapping[str, list[str]],
    variables: bool,
) -> bool:
    present = context.get(key.lower())
    if base == "Null":
        is_null = not present
        return any(_text(w).lower() == ("true" if is_null else "false") for w in wanted)
    wanted_text = [_text(w) for w in wanted]
    negated = base in _NEGATED
    if not present:
        if prefix == "ForAllValues":
            return True
        if if_exists:
            return True
        return negated and prefix == ""

    def any_match(value: str) -> bool:
        return any(_one(base, w, value, context, variables) for w in wanted_text)

    if prefix == "ForAllValues":
        return all((not any_match(v)) if negated else any_match(v) for v in present)
    if prefix == "ForAnyValue":
        return any((not any_match(v)) if negated else any_match(v) for v in present)
    if negated:
        return not any(any_match(v) for v in present)
    return any(any_match(v) for v in present)


def conditions_hold(condition: Any, context: Mapping[str, list[str]], variables: bool) -> bool:
    """Whether every operator and key of a ``Condition`` block holds in ``context`` (lower-cased keys)."""
    if not condition:
        return True
    if not isinstance(condition, Mapping):
        return False
    for operator, keys in condition.items():
        parsed = split_operator(operator)
        if parsed is None or not isinstance(keys, Mapping):
            return False
        prefix, base, if_exists = parsed
        for key, wanted in keys.items():
            if not _key_holds(prefix, base, if_exists, key, _values(wanted), context, variables):
                return False
    return True


# -- decisions -------------------------------------------------------------------------------------------


def evaluate(
    policies: Sequence[Mapping[str, Any]], *, action: str, resource: str, context: Mapping[str, Any]
) -> Decision:
    """The decision of the identity policies ``policies`` (parsed policy documents) on ``action`` over
    ``resource`` in ``context`` (condition keys to a value or a list of values)."""
    lowered = lower_context(context)
    allows: list[Statement] = []
    denies: list[Statement] = []
    for p, document in enumerate(policies):
        variables = document.get("Version") == VARIABLES_VERSION
        for i, statement in enumerate(statements(document)):
            effect = statement.get("Effect")
            if effect not in ("Allow", "Deny"):
                continue
            if not action_matches(statement, action):
                continue
            if not resource_matches(statement, resource, lowered, variables):
                continue
            if not conditions_hold(statement.get("Condition"), lowered, variables):
                continue
            found = Statement(p, i, str(statement.get("Sid", "")), effect, statement)
            (denies if effect == "Deny" else allows).append(found)
    if denies:
        return Decision(False, True, tuple(denies))
    return Decision(bool(allows), False, tuple(allows))


def _principal_matches(principal: Any, federated: str | None, aws: str | None) -> bool:
    if principal == "*":
        return True
    if not isinstance(principal, Mapping):
        return False
    if federated is not None and federated in _values(principal.get("Federated")):
        return True
    named = _values(principal.get("AWS"))
    if "*" in named:
        return True
    if aws is not None:
        account = aws.split(":")[4] if aws.count(":") >= 5 else ""
        return aws in named or account in named or f"arn:aws:iam::{account}:root" in named
    return False


def trust_allows(
    trust_document: Mapping[str, Any],
    *,
    action: str,
    federated: str | None = None,
    context: Mapping[str, Any],
    aws: str | None = None,
) -> bool:
    """Whether the trust policy lets the principal (``federated``: an identity provider such as
    ``cognito-identity.amazonaws.com`` or an OIDC provider's ARN; ``aws``: an IAM principal's ARN) perform
    ``action`` (``sts:AssumeRoleWithWebIdentity``, ``sts:TagSession``...) with these condition keys."""
    return trust_decision(trust_document, action=action, federated=federated, context=context, aws=aws).allowed


def trust_decision(
    trust_document: Mapping[str, Any],
    *,
    action: str,
    federated: str | None = None,
    context: Mapping[str, Any],
    aws: str | None = None,
) -> Decision:
    """``trust_allows`` with the statements that decided."""
    lowered = lower_context(context)
    variables = trust_document.get("Version") == VARIABLES_VERSION
    allows: list[Statement] = []
    denies: list[Statement] = []
    for i, statement in enumerate(statements(trust_document)):
        effect = statement.get("Effect")
        if effect not in ("Allow", "Deny"):
            continue
        if "Principal" in statement:
            if not _principal_matches(statement["Principal"], federated, aws):
                continue
        elif "NotPrincipal" in statement:
            if _principal_matches(statement["NotPrincipal"], federated, aws):
                continue
        else:
            continue
        if not action_matches(statement, action):
            continue
        if not conditions_hold(statement.get("Condition"), lowered, variables):
            continue
        found = Statement(0, i, str(statement.get("Sid", "")), effect, statement)
        (denies if effect == "Deny" else allows).append(found)
    if denies:
        return Decision(False, True, tuple(denies))
    return Decision(bool(allows), False, tuple(allows))
