"""Pagination tokens: the one codec behind every NextToken, PaginationToken and nextToken the local Cognito hands out.

A token is the URL-safe base64 (unpadded) of the JSON ``[kind, [value, ...]]``: ``kind`` names the
listing that made it (and so the order its values continue), the values are the last row's sort key or
an offset. Clients hand tokens back, so ``decode`` trusts nothing in them: it answers the operation's
``InvalidParameterException`` for bad base64 or JSON, another listing's kind, the wrong number of
values, a value of the wrong type, an integer outside SQLite's signed 64 bits or text SQLite cannot
store, rather than letting the query fail with a 500.

Tokens are parsed with the standard ``json`` module, never orjson: orjson reads an integer beyond
64 bits as a float, which would slip past the integer range check.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Sequence
from typing import Any

from console.emulator.core.errors import invalid_parameter

# Cognito's answer to a token it did not make; the Logs API passes its own wording.
INVALID_PAGINATION = "Invalid pagination token."

INT_MIN = -(2**63)  # SQLite's INTEGER is a signed 64-bit value; Python would raise OverflowError
INT_MAX = 2**63 - 1

Value = str | int | float


def encode(kind: str, values: Sequence[Value]) -> str:
    """The token for ``values`` (a page's last sort key) of the listing ``kind``."""
    raw = json.dumps([kind, list(values)], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(token: str, kind: str, types: Sequence[type], *, message: str = INVALID_PAGINATION) -> list[Any]:
    """The values of a token ``encode(kind, ...)`` made, one of each of ``types`` (``str``, ``int`` or
    ``float``; a ``float`` slot takes an integer too). Anything else is ``InvalidParameterException``
    with ``message``."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        found = json.loads(raw, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):  # binascii.Error, UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise invalid_parameter(message) from None
    if not (isinstance(found, list) and len(found) == 2 and found[0] == kind and isinstance(found[1], list)):
        raise invalid_parameter(message)
    values: list[Any] = found[1]
    if len(values) != len(types) or not all(_fits(v, t) for v, t in zip(values, types, strict=True)):
        raise invalid_parameter(message)
    return values


def _refuse_constant(name: str) -> float:
    """``NaN``, ``Infinity`` and ``-Infinity``, which ``json`` would otherwise read as floats."""
    raise ValueError(name)


def _fits(value: Any, wanted: type) -> bool:
    """``value`` is a ``wanted`` that SQLite can bind and compare."""
    if isinstance(value, bool):  # JSON true/false: an int to Python, never a sort key of ours
        return False
    if isinstance(value, int) and wanted in (int, float):
        return INT_MIN <= value <= INT_MAX
    if isinstance(value, float) and wanted is float:
        return math.isfinite(value)
    if isinstance(value, str) and wanted is str:
        try:
            value.encode("utf-8")  # a lone surrogate from "\ud800" cannot be bound
        except UnicodeEncodeError:
            return False
        return True
    return False
