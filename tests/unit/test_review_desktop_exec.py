"""The desktop entry's Exec key for an installation path holding a percent sign or a line break: the
Desktop Entry Specification wants a literal % written %% (field codes) and a value on one line."""

from __future__ import annotations

import pytest

from console import desktop_integration


@pytest.mark.xfail(strict=True, reason="to fix in console/desktop_integration.py exec_argument")
def test_a_percent_sign_in_the_path_is_doubled() -> None:
    # "%u" in an Exec key is a field code the desktop replaces with a URL; a literal % must be written %%.
    assert desktop_integration.exec_argument("/opt/100%u/bin/cognito-console") == "/opt/100%%u/bin/cognito-console"


@pytest.mark.xfail(strict=True, reason="to fix in console/desktop_integration.py exec_argument")
@pytest.mark.parametrize("path", ["/opt/a\nExec=/bin/sh -c evil/cognito-console", "/opt/a\rb/cognito-console"])
def test_a_line_break_in_the_path_stays_on_the_exec_line(path: str) -> None:
    entry = desktop_integration.desktop_entry(
        "[Desktop Entry]\nName=x\nExec=cognito-console\n", desktop_integration.exec_argument(path)
    )
    assert [line for line in entry.splitlines() if line.startswith("Exec=")] == [entry.splitlines()[2]]
    assert len(entry.splitlines()) == 3
