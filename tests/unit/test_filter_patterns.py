"""CloudWatch Logs filter patterns: what the compiler accepts, what it matches, and what it refuses."""

from __future__ import annotations

import json

import botocore.session
import pytest

from console.emulator.cloudwatch_logs.filter_patterns import (
    MAX_NESTING,
    MAX_PATTERN_LENGTH,
    FilterPatternError,
    compile_filter,
)

DOC = json.dumps({"a": 1, "event": {"type": "SignIn", "ok": True}, "tags": ["x", "y"]})


def nested(depth: int, inner: str = "$.a = 1") -> str:
    return "{ " + "(" * depth + inner + ")" * depth + " }"


@pytest.mark.parametrize(
    ("pattern", "matches"),
    [
        ("", True),
        ("SignIn", True),
        ("SignIn -SignUp", True),
        ("?Nope ?SignIn", True),
        ('{ $.event.type = "SignIn" && $.a = 1 }', True),
        ('{ ($.a > 5) || ($.event.type = "Sign*") }', True),
        ("{ $.event.ok IS TRUE }", True),
        ('{ $.tags[1] = "y" }', True),
        ("{ $.missing NOT EXISTS }", True),
        ('{ $.event.type = "SignUp" }', False),
    ],
)
def test_patterns_match(pattern: str, matches: bool) -> None:
    assert compile_filter(pattern)(DOC) is matches


def test_nesting_up_to_the_limit_is_accepted() -> None:
    assert compile_filter(nested(MAX_NESTING))(DOC) is True
    deep_and = "{ " + "($.a = 1 && " * MAX_NESTING + "$.a = 1" + ")" * MAX_NESTING + " }"
    assert compile_filter(deep_and)(DOC) is True


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 330, 5000])
def test_nesting_beyond_the_limit_is_refused_not_a_recursion_error(depth: int) -> None:
    with pytest.raises(FilterPatternError):
        compile_filter(nested(depth))


def test_unbalanced_deep_nesting_is_refused() -> None:
    with pytest.raises(FilterPatternError):
        compile_filter("{ " + "(" * 400 + " }")


def test_patterns_beyond_the_models_length_are_refused() -> None:
    """FilterLogEvents' filterPattern is at most as long as botocore's logs model says (1,024 characters)."""
    model = botocore.session.get_session().get_service_model("logs")
    shape = model.operation_model("FilterLogEvents").input_shape.members["filterPattern"]
    assert shape.metadata["max"] == MAX_PATTERN_LENGTH
    terms = " ".join(["SignIn"] * 200)
    with pytest.raises(FilterPatternError):
        compile_filter(terms[: MAX_PATTERN_LENGTH + 1])
    assert compile_filter(terms[:MAX_PATTERN_LENGTH].strip())(DOC) is True


def test_a_long_chain_of_conditions_compiles_and_matches() -> None:
    """Conditions joined by && or || build a tree as deep as the chain is long: within the length limit
    that stays far below Python's recursion limit."""
    chain = "{ " + " || ".join(["$.a = 2"] * 90 + ["$.a = 1"]) + " }"
    assert len(chain) <= MAX_PATTERN_LENGTH
    assert compile_filter(chain)(DOC) is True
    chain = "{ " + " && ".join(["$.a = 1"] * 90) + " }"
    assert len(chain) <= MAX_PATTERN_LENGTH
    assert compile_filter(chain)(DOC) is True
