"""The managed login pages' translator on a very long message: read back against the catalogue's patterns
only up to a sentence's length, so a 50,000-character message is shown whole, in English, as it is."""

from __future__ import annotations

import pytest

from console.emulator.hosted_ui import localization


@pytest.mark.parametrize(
    "message",
    [
        "We sent a code by " + ", to " * 10_000,
        "We sent a code by " + ", to " * 10_000 + ". Enter it below.",
        "Signed in as " + "x" * 49_986 + ".",
        "Use " + "at least 8 characters, " * 2_173 + "at least 8 characters.",
    ],
)
def test_a_50000_character_message_is_returned_unchanged(message: str) -> None:
    assert len(message) >= 50_000
    assert localization.translator("de")(message) == message


def test_a_sentence_of_ordinary_length_is_still_translated() -> None:
    german = localization.translator("de")
    assert german("Signed in as alice.") == "Angemeldet als alice."
    assert german("We sent a code by email to a***@e***. Enter it below.") != (
        "We sent a code by email to a***@e***. Enter it below."
    )
