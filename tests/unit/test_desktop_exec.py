"""The desktop entry's Exec key for an installation path holding a percent sign or a line break: the
Desktop Entry Specification wants a literal % written %% (field codes) and a value on one line, so a path
with a line break or other control character is refused and nothing is written."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from console import desktop_integration


def test_a_percent_sign_in_the_path_is_doubled() -> None:
    # "%u" in an Exec key is a field code the desktop replaces with a URL; a literal % must be written %%.
    assert desktop_integration.exec_argument("/opt/100%u/bin/cognito-console") == "/opt/100%%u/bin/cognito-console"
    assert desktop_integration.exec_argument("/opt/100% u/cognito-console") == '"/opt/100%% u/cognito-console"'


@pytest.mark.parametrize(
    "path",
    [
        "/opt/a\nExec=/bin/sh -c evil/cognito-console",
        "/opt/a\rb/cognito-console",
        "/opt/a\tb/cognito-console",
        "/opt/a\x00b/cognito-console",
        "/opt/a\x85b/cognito-console",
        "/opt/a\u2028b/cognito-console",
        "/opt/a\udcffb/cognito-console",
    ],
)
def test_a_path_with_a_line_break_or_control_character_is_refused(path: str) -> None:
    with pytest.raises(desktop_integration.UnusablePath, match="Exec key cannot hold"):
        desktop_integration.exec_argument(path)


def test_install_desktop_from_such_a_path_fails_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bin_dir = tmp_path / "a\nExec=evil" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("python", "cognito-console"):
        (bin_dir / name).write_text("#!/bin/sh\n")
    monkeypatch.setattr(sys, "executable", str(bin_dir / "python"))
    home = tmp_path / "data"
    assert desktop_integration.main(False, {"XDG_DATA_HOME": str(home)}) == 1
    err = capsys.readouterr().err
    assert "U+000A (a line break or other control character)" in err and "Exec key cannot hold" in err
    assert not home.exists()
