"""README.md's table of supported operations is generated from the code and must be current."""

from __future__ import annotations

from pathlib import Path

from console.emulator.core import support

README = Path(__file__).resolve().parents[2] / "README.md"


def test_operations_table_is_current() -> None:
    text = README.read_text()
    assert support.render(text) == text, "run: python -m console.emulator.core.support --write README.md"
