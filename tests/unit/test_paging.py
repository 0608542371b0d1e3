"""The pagination-token codec: what it encodes comes back, and every token it did not make is refused
with the operation's InvalidParameterException, never an exception SQLite or Python would turn into a 500."""

from __future__ import annotations

import base64
import json
import sqlite3
from typing import Any

import pytest

from console.emulator.core import paging
from console.emulator.core.errors import AwsError


def raw_token(value: Any) -> str:
    """A token as a client could forge it: URL-safe base64 of any JSON."""
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def refused(token: str, kind: str, types: tuple[type, ...], **kw: str) -> AwsError:
    with pytest.raises(AwsError) as err:
        paging.decode(token, kind, types, **kw)
    assert err.value.code == "InvalidParameterException"
    return err.value


@pytest.mark.parametrize(
    ("values", "types"),
    [
        (["alice"], (str,)),
        ([1718000000.123456, "client-id"], (float, str)),
        ([2**63 - 1, -(2**63)], (int, int)),
        ([0], (int,)),
        (["é ünïcødé 🙂", ""], (str, str)),
        ([1.5e-300], (float,)),
    ],
)
def test_round_trip(values: list[Any], types: tuple[type, ...]) -> None:
    token = paging.encode("k", values)
    assert paging.decode(token, "k", types) == values
    assert "=" not in token and "+" not in token and "/" not in token  # URL-safe, unpadded


def test_wire_format_is_base64_json_of_kind_and_values() -> None:
    """URL-safe base64, unpadded, of the compact JSON ``[kind, [values]]``."""
    compact = json.dumps(["groups", ["admins"]], separators=(",", ":")).encode()
    assert paging.encode("groups", ["admins"]) == base64.urlsafe_b64encode(compact).decode().rstrip("=")
    assert paging.decode(raw_token(["users", ["a", "b"]]), "users", (str, str)) == ["a", "b"]


def test_a_float_slot_takes_an_integer() -> None:
    assert paging.decode(raw_token(["k", [5]]), "k", (float,)) == [5]


@pytest.mark.parametrize("huge", [2**63, 2**70, -(2**63) - 1, 10**30])
def test_integers_beyond_sqlite_are_refused(huge: int) -> None:
    refused(raw_token(["k", [huge]]), "k", (int,))
    refused(raw_token(["k", [huge]]), "k", (float,))
    refused(paging.encode("k", [huge]), "k", (int,))


def test_the_range_is_exactly_sqlites() -> None:
    """The boundaries are the integers SQLite binds; one past them is what raised OverflowError."""
    db = sqlite3.connect(":memory:")
    for ok in (2**63 - 1, -(2**63)):
        assert paging.decode(paging.encode("k", [ok]), "k", (int,)) == [ok]
        db.execute("SELECT ?", (ok,))
    for bad in (2**63, -(2**63) - 1):
        with pytest.raises(OverflowError):
            db.execute("SELECT ?", (bad,))
        refused(paging.encode("k", [bad]), "k", (int,))
    db.close()


@pytest.mark.parametrize(
    ("values", "types"),
    [
        (["x"], (int,)),  # text where a number belongs
        ([1], (str,)),
        ([1.5], (int,)),  # a float is not an integer
        ([True], (int,)),  # JSON true is an int to Python, never a sort key
        ([False], (float,)),
        ([None], (str,)),
        ([[1]], (int,)),
        ([{"a": 1}], (str,)),
        (["a", "b"], (str,)),  # arity
        (["a"], (str, str)),
        ([], (str,)),
        (["\ud800"], (str,)),  # a lone surrogate SQLite cannot bind
    ],
)
def test_wrong_types_and_arity_are_refused(values: list[Any], types: tuple[type, ...]) -> None:
    refused(raw_token(["k", values]), "k", types)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_non_finite_numbers_are_refused(constant: str) -> None:
    token = base64.urlsafe_b64encode(f'["k",[{constant}]]'.encode()).decode().rstrip("=")
    refused(token, "k", (float,))


@pytest.mark.parametrize(
    "token",
    [
        "!!!",
        "=",
        "é",
        "a",  # one base64 character is never a whole byte
        base64.urlsafe_b64encode(b"\xff\xfe\x00garbage").decode(),  # not UTF-8 JSON
        raw_token("x"),
        raw_token({"kind": "k"}),
        raw_token(["k"]),
        raw_token(["k", "x"]),
        raw_token(["k", ["x"], "extra"]),
        raw_token(["other", ["x"]]),  # another listing's token
        raw_token([["k"], ["x"]]),
        base64.urlsafe_b64encode(b"[" * 100_000).decode(),  # deeper than json's recursion limit
        base64.urlsafe_b64encode(b"[1" + b"0" * 5000 + b"]").decode(),  # beyond int()'s digit limit
    ],
)
def test_garbage_is_refused(token: str) -> None:
    refused(token, "k", (str,))


def test_the_message_is_the_operations() -> None:
    assert refused("!!!", "k", (str,)).message == "Invalid pagination token."
    assert refused("!!!", "k", (str,), message="The specified nextToken is invalid.").message == (
        "The specified nextToken is invalid."
    )
