"""CloudWatch Logs filter patterns, compiled into predicates over a message.

Terms (``ERROR``), quoted phrases (``"Line Number"``), ``?a ?b`` (any of), ``-term`` (none of), and JSON
patterns such as ``{ $.message.eventType = "SignIn" && $.a > 3 }`` with ``= != < > <= >=``, ``*``
wildcards in strings, ``IS NULL``, ``NOT EXISTS``, ``IS TRUE``/``IS FALSE``, ``&&``, ``||`` and
parentheses. A pure function of the pattern: no store, no request.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# The longest filterPattern FilterLogEvents takes: the FilterPattern shape's max in botocore's logs model.
MAX_PATTERN_LENGTH = 1024
# [U] How deep parentheses may nest in a JSON pattern. CloudWatch documents no limit; 50 is far beyond any
# pattern a person writes, and keeps the recursive parser well inside Python's recursion limit (a pattern
# of the maximum length could otherwise nest 500 deep).
MAX_NESTING = 50


class FilterPatternError(ValueError):
    """The pattern is not CloudWatch filter-pattern syntax."""


def compile_filter(pattern: str) -> Callable[[str], bool]:
    """A predicate ``message -> bool`` for a CloudWatch filter pattern; FilterPatternError if malformed,
    longer than ``MAX_PATTERN_LENGTH`` or nested deeper than ``MAX_NESTING``."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise FilterPatternError
    text = pattern.strip()
    if not text:
        return lambda message: True
    if text.startswith("{"):
        if not text.endswith("}"):
            raise FilterPatternError
        expr = _JsonParser(text[1:-1]).parse()
        needles = _required_literals(expr)
        # A cheap substring test first: a message lacking a required literal can't match.
        return lambda message: all(n in message for n in needles) and _json_match(expr, message)
    if text.startswith("["):
        raise FilterPatternError
    return _term_matcher(text)


_TERM = re.compile(r'\s*([?-]?)(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))')


def _term_matcher(text: str) -> Any:
    required: list[str] = []
    excluded: list[str] = []
    optional: list[str] = []
    pos = 0
    while pos < len(text):
        m = _TERM.match(text, pos)
        if m is None:
            if text[pos:].strip():
                raise FilterPatternError
            break
        pos = m.end()
        sign, quoted, bare = m.groups()
        term = quoted.replace('\\"', '"') if quoted is not None else bare
        if quoted is None and not re.fullmatch(r"[\w.@/:+=-]+", term):
            raise FilterPatternError
        {"": required, "-": excluded, "?": optional}[sign].append(term)

    def match(message: str) -> bool:
        if any(t not in message for t in required):
            return False
        if any(t in message for t in excluded):
            return False
        return not optional or any(t in message for t in optional)

    return match


@dataclass
class _Cmp:
    path: list[str | int]
    op: str  # = != < > <= >= NULL NOTEXISTS TRUE FALSE
    value: Any = None


@dataclass
class _Bool:
    op: str  # && ||
    left: Any
    right: Any


_JSON_TOKEN = re.compile(
    r"""\s*(?:
        (?P<path>\$(?:\.[A-Za-z_][\w-]*|\[\d+\]|\.\*)*)
      | (?P<op>&&|\|\||!=|<=|>=|=|<|>|\(|\))
      | "(?P<str>(?:[^"\\]|\\.)*)"
      | (?P<num>-?\d+(?:\.\d+)?)
      | (?P<word>[A-Za-z_*][\w*.-]*)
    )""",
    re.VERBOSE,
)


class _JsonParser:
    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        while pos < len(text):
            if not text[pos:].strip():
                break
            m = _JSON_TOKEN.match(text, pos)
            if m is None:
                raise FilterPatternError
            kind = m.lastgroup or ""
            self.tokens.append((kind, m.group(kind)))
            pos = m.end()
        self.i = 0
        self.depth = 0  # parentheses open around the current token

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise FilterPatternError
        self.i += 1
        return tok

    def parse(self) -> Any:
        expr = self.disjunction()
        if self.peek() is not None:
            raise FilterPatternError
        return expr

    def disjunction(self) -> Any:
        left = self.conjunction()
        while self.peek() == ("op", "||"):
            self.take()
            left = _Bool("||", left, self.conjunction())
        return left

    def conjunction(self) -> Any:
        left = self.primary()
        while self.peek() == ("op", "&&"):
            self.take()
            left = _Bool("&&", left, self.primary())
        return left

    def primary(self) -> Any:
        kind, value = self.take()
        if (kind, value) == ("op", "("):
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise FilterPatternError
            inner = self.disjunction()
            if self.take() != ("op", ")"):
                raise FilterPatternError
            self.depth -= 1
            return inner
        if kind != "path":
            raise FilterPatternError
        path = _split_path(value)
        kind, op = self.take()
        if kind == "word" and op.upper() == "IS":
            _, what = self.take()
            what = what.upper()
            if what not in ("NULL", "TRUE", "FALSE"):
                raise FilterPatternError
            return _Cmp(path, what)
        if kind == "word" and op.upper() == "NOT":
            _, what = self.take()
            if what.upper() != "EXISTS":
                raise FilterPatternError
            return _Cmp(path, "NOTEXISTS")
        if kind != "op" or op not in ("=", "!=", "<", ">", "<=", ">="):
            raise FilterPatternError
        vkind, raw = self.take()
        if vkind == "str":
            operand: Any = raw.replace('\\"', '"')
        elif vkind == "num":
            operand = float(raw)
        elif vkind == "word":
            operand = raw
        else:
            raise FilterPatternError
        if op in ("<", ">", "<=", ">=") and not isinstance(operand, float):
            raise FilterPatternError
        return _Cmp(path, op, operand)


def _required_literals(expr: Any) -> list[str]:
    """JSON-quoted string literals every matching message must contain (from ``=`` under ``&&``).

    Only plain ASCII words qualify (JSON writes those verbatim, so the quoted text appears as is); numbers
    and ``true``/``false``/``null`` don't, since a string literal also matches a JSON number or boolean.
    """
    if isinstance(expr, _Bool):
        if expr.op == "&&":
            return _required_literals(expr.left) + _required_literals(expr.right)
        return []
    value = expr.value
    plain = isinstance(value, str) and re.fullmatch(r"[\w .:@/+-]*[A-Za-z][\w .:@/+-]*", value) is not None
    if expr.op == "=" and plain and value not in ("true", "false", "null"):
        return [f'"{value}"']
    return []


def _split_path(path: str) -> list[str | int]:
    out: list[str | int] = []
    for m in re.finditer(r"\.([A-Za-z_][\w-]*|\*)|\[(\d+)\]", path):
        out.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
    return out


_MISSING = object()


def _lookup(doc: Any, path: list[str | int]) -> Any:
    cur = doc
    for part in path:
        if isinstance(part, int):
            if not isinstance(cur, list) or part >= len(cur):
                return _MISSING
            cur = cur[part]
        else:
            if not isinstance(cur, dict) or part not in cur:
                return _MISSING
            cur = cur[part]
    return cur


def _json_match(expr: Any, message: str) -> bool:
    try:
        doc = json.loads(message)
    except ValueError:
        return False
    return _eval(expr, doc)


def _eval(expr: Any, doc: Any) -> bool:
    if isinstance(expr, _Bool):
        if expr.op == "&&":
            return _eval(expr.left, doc) and _eval(expr.right, doc)
        return _eval(expr.left, doc) or _eval(expr.right, doc)
    value = _lookup(doc, expr.path)
    if expr.op == "NOTEXISTS":
        return value is _MISSING
    if value is _MISSING:
        return False
    if expr.op == "NULL":
        return value is None
    if expr.op in ("TRUE", "FALSE"):
        return value is (expr.op == "TRUE")
    operand = expr.value
    if isinstance(operand, float):
        try:
            number = float(value) if not isinstance(value, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None:
            return False
        return {
            "=": number == operand,
            "!=": number != operand,
            "<": number < operand,
            ">": number > operand,
            "<=": number <= operand,
            ">=": number >= operand,
        }[expr.op]
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    elif isinstance(value, dict | list):
        return False
    else:
        text = str(value)
    equal = fnmatch.fnmatchcase(text, operand) if "*" in operand else text == operand
    return equal if expr.op == "=" else not equal if expr.op == "!=" else False
