"""`cognito-console install-desktop`: the desktop entry, AppStream metainfo and icons written under $XDG_DATA_HOME
and removed again, the entry's Exec running this installation's command, and the files as the freedesktop.org
validators read them."""

from __future__ import annotations

import configparser
import os
import shutil
import stat
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from console import desktop_integration, resources
from console.desktop_integration import APP_ID, ICON_SIZES

ROOT = Path(__file__).resolve().parents[2]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def run_command(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "console", "install-desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def expected_files(home: Path) -> list[Path]:
    icons = home / "icons" / "hicolor"
    return [
        home / "applications" / f"{APP_ID}.desktop",
        home / "metainfo" / f"{APP_ID}.metainfo.xml",
        icons / "scalable" / "apps" / f"{APP_ID}.svg",
        *(icons / f"{n}x{n}" / "apps" / f"{APP_ID}.png" for n in (16, 24, 32, 48, 64, 128, 256, 512)),
    ]


def test_install_desktop_writes_every_file_and_uninstall_takes_them_away(tmp_path: Path) -> None:
    home = tmp_path / "data"
    done = run_command(home)
    assert done.returncode == 0, done.stderr
    wanted = expected_files(home)
    assert done.stdout.split() == [str(p) for p in wanted]
    for path in wanted:
        assert path.is_file() and path.stat().st_size > 0, path
    for size in ICON_SIZES:
        assert png_size(home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png") == (size, size)
    svg = ET.parse(home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").getroot()  # noqa: S314
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"

    entry = configparser.ConfigParser(interpolation=None)
    entry.read(home / "applications" / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Icon"] == APP_ID and desktop["Type"] == "Application"
    assert desktop["Exec"] == desktop_integration.launcher()
    meta = ET.parse(home / "metainfo" / f"{APP_ID}.metainfo.xml").getroot()  # noqa: S314 - our own file
    assert meta.findtext("id") == APP_ID and meta.findtext("launchable") == f"{APP_ID}.desktop"

    again = run_command(home)  # a second install overwrites, no error
    assert again.returncode == 0, again.stderr

    gone = run_command(home, "--uninstall")
    assert gone.returncode == 0, gone.stderr
    assert gone.stdout.split() == [w for p in wanted for w in ("removed", str(p))]
    assert not any(path.exists() for path in wanted)
    nothing = run_command(home, "--uninstall")
    assert nothing.returncode == 0 and "nothing to remove" in nothing.stdout


def test_xdg_data_home_defaults_to_local_share() -> None:
    assert desktop_integration.data_home({"HOME": "/home/a"}) == Path("/home/a/.local/share")
    assert desktop_integration.data_home({"HOME": "/home/a", "XDG_DATA_HOME": "/x"}) == Path("/x")
    # the specification ignores a relative path
    assert desktop_integration.data_home({"HOME": "/home/a", "XDG_DATA_HOME": "x"}) == Path("/home/a/.local/share")


def test_exec_is_the_command_name_when_path_finds_this_installation(tmp_path: Path) -> None:
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    script = bin_dir / "cognito-console"
    for path in (python, script):
        path.write_text("#!/bin/sh\n")
    found_here = lambda _name: str(script)  # noqa: E731
    assert desktop_integration.launcher(str(python), which=found_here) == "cognito-console"
    # a virtualenv the desktop's PATH does not reach: the full path, which works from the menu
    assert desktop_integration.launcher(str(python), which=lambda _name: None) == str(script)
    assert desktop_integration.launcher(str(python), which=lambda _name: "/usr/bin/cognito-console") == str(script)


def test_a_path_with_reserved_characters_is_quoted_for_exec() -> None:
    assert desktop_integration.exec_argument("/opt/app/bin/cognito-console") == "/opt/app/bin/cognito-console"
    assert desktop_integration.exec_argument("/home/a b/cognito-console") == '"/home/a b/cognito-console"'
    # "$" is escaped with a backslash inside the quotes, and that backslash once more in the key's value
    assert desktop_integration.exec_argument("/x/$y z/c") == '"/x/\\\\$y z/c"'


def test_missing_cache_tools_are_skipped_and_a_failing_one_is_only_noted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert desktop_integration.refresh_caches(tmp_path) == []
    tools = tmp_path / "tools"
    tools.mkdir()
    for name in ("update-desktop-database", "gtk-update-icon-cache"):
        tool = tools / name
        tool.write_text("#!/bin/sh\nexit 1\n")
        tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(tools))
    notes = desktop_integration.refresh_caches(tmp_path)
    assert len(notes) == 2 and "update-desktop-database did not succeed" in notes[0]


def test_committed_icons_have_their_sizes() -> None:
    for size in ICON_SIZES:
        assert png_size(resources.root() / "icons" / f"app-{size}.png") == (size, size)


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-validate not installed")
def test_the_installed_desktop_entry_is_valid(tmp_path: Path) -> None:
    assert run_command(tmp_path).returncode == 0
    done = subprocess.run(
        ["desktop-file-validate", str(tmp_path / "applications" / f"{APP_ID}.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "error" not in done.stdout, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed")
def test_the_metainfo_is_valid() -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(resources.root() / "desktop" / f"{APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
