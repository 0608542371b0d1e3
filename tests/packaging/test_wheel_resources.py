"""A wheel carries resources/ (the breached-password list, icons, themes) and the installed package finds it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from console import resources

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_wheel_carries_the_resources(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(tmp_path)],
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("cognito_console-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shared = [n.split(".data/data/", 1)[1] for n in names if ".data/data/" in n]
    assert "share/cognito-console/resources/breached-passwords.txt" in shared
    assert "share/cognito-console/resources/icons/users.svg" in shared
    assert "share/cognito-console/resources/themes/dark.qss" in shared


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
