"""A wheel carries everything the installed console and local Cognito read besides Python source: the compiled
Designer forms, the hosted UI's templates, CSS and JavaScript, and resources/ (icons at every size, themes, the
desktop entry and metainfo, the breached-password list); and the installed package finds resources/."""

from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from console import resources

ROOT = Path(__file__).resolve().parents[2]
# README's pictures: documentation, not read at run time.
NOT_SHIPPED = {"screenshots"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(out)],
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    (path,) = out.glob("cognito_console-*.whl")
    return path


@pytest.fixture(scope="module")
def wheel(built: Path) -> list[str]:
    with zipfile.ZipFile(built) as archive:
        return archive.namelist()


def source_files(top: Path) -> list[Path]:
    return sorted(p for p in top.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@pytest.mark.slow
def test_the_wheel_carries_every_file_of_the_package(wheel: list[str]) -> None:
    """Every file under console/ (forms compiled from ui/, templates, CSS, JavaScript, JSON) is in the wheel."""
    names = set(wheel)
    missing = [
        str(p.relative_to(ROOT))
        for p in source_files(ROOT / "console")
        if p.suffix != ".pyc" and str(p.relative_to(ROOT)) not in names
    ]
    assert not missing, f"not in the wheel: {missing}"
    for form in sorted((ROOT / "ui").glob("*.ui")):
        assert f"console/views/_generated/ui_{form.stem}.py" in names, form.name
    for template in ("login.html", "base.html", "hosted_ui.css", "passkey.js"):
        assert f"console/emulator/hosted_ui/templates/{template}" in names, template


@pytest.mark.slow
def test_the_wheel_carries_every_resource(wheel: list[str]) -> None:
    """resources/ (but for README's screenshots) goes to share/cognito-console/resources/, where
    console/resources.py finds it: the icons with the app icon's PNG sizes, the themes, the desktop entry and
    AppStream metainfo that install-desktop copies, the breached-password list."""
    shared = {n.split(".data/data/", 1)[1] for n in wheel if ".data/data/" in n}
    top = ROOT / "resources"
    missing = [
        str(p.relative_to(ROOT))
        for p in source_files(top)
        if p.relative_to(top).parts[0] not in NOT_SHIPPED
        and f"share/cognito-console/resources/{p.relative_to(top).as_posix()}" not in shared
    ]
    assert not missing, f"not in the wheel: {missing}"
    for needed in (
        "breached-passwords.txt",
        "icons/users.svg",
        "icons/app.svg",
        "icons/app-16.png",
        "icons/app-512.png",
        "themes/dark.qss",
        "desktop/io.github.cognito_console.CognitoConsole.desktop",
        "desktop/io.github.cognito_console.CognitoConsole.metainfo.xml",
    ):
        assert f"share/cognito-console/resources/{needed}" in shared, needed


@pytest.mark.slow
def test_the_wheel_declares_the_command(built: Path, wheel: list[str]) -> None:
    """The command the desktop entry's Exec runs."""
    (entry_points,) = [n for n in wheel if n.endswith(".dist-info/entry_points.txt")]
    parser = configparser.ConfigParser()
    parser.read_string(zipfile.Path(built, entry_points).read_text())
    assert parser["console_scripts"]["cognito-console"] == "console.cli:main"


@pytest.mark.slow
def test_install_desktop_from_the_installed_wheel(built: Path, tmp_path: Path) -> None:
    """In a virtualenv off the desktop's PATH, with the wheel alone (install-desktop needs none of the
    dependencies): every file is written from the installed copy, and the entry's Exec is the virtualenv's
    command by its full path, which runs."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv / "bin" / "python"),
            "install",
            "-q",
            "--no-deps",
            str(built),
        ],
        check=True,
        timeout=300,
    )
    command = venv / "bin" / "cognito-console"
    home = tmp_path / "data"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(home)}
    done = subprocess.run(
        [str(command), "install-desktop"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    app_id = "io.github.cognito_console.CognitoConsole"
    written = [Path(line) for line in done.stdout.split()]
    assert home / "applications" / f"{app_id}.desktop" in written
    assert home / "metainfo" / f"{app_id}.metainfo.xml" in written
    assert home / "icons" / "hicolor" / "512x512" / "apps" / f"{app_id}.png" in written
    assert home / "icons" / "hicolor" / "scalable" / "apps" / f"{app_id}.svg" in written
    assert all(path.is_file() for path in written) and len(written) == 11
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(home / "applications" / f"{app_id}.desktop", encoding="utf-8")
    assert entry["Desktop Entry"]["Exec"] == str(command)
    version = subprocess.run(
        [entry["Desktop Entry"]["Exec"], "--version"], env=env, capture_output=True, text=True, timeout=60
    )
    assert version.returncode == 0 and "cognito-console" in version.stdout, version.stderr


def test_a_source_checkout_reads_its_own_resources() -> None:
    assert resources.root() == ROOT / "resources"
    assert (resources.root() / "breached-passwords.txt").is_file()


def test_an_installed_package_reads_the_shared_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "console"
    package.mkdir(parents=True)
    shared = tmp_path / "prefix" / resources.SHARED
    shared.mkdir(parents=True)
    monkeypatch.setattr(resources, "__file__", str(package / "resources.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "prefix"))
    assert resources.root() == shared
