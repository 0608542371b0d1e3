"""README's quick start: one command for the console (with its GUI extra), one for the tests, and CI runs the
latter verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_is_one_command_for_the_console_and_one_for_the_tests() -> None:
    assert quick_start_commands() == [
        "pip install -e '.[console]' && cognito-console",
        "pip install -e '.[test]' && python -m pytest",
    ]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    test_command = quick_start_commands()[1]
    assert f"{test_command} || status=$?" in ci.splitlines()
