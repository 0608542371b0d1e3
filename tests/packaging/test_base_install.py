"""The base install (``pip install cognito-console``, no GUI extra): the local Cognito and console.testing run
without PySide6, qasync, pyqtgraph or keyring, and the console says what to install instead of a traceback.

Nothing is uninstalled: the subprocesses get a ``sitecustomize`` whose import hook refuses the GUI packages, so
every Python process they start (the server's workers included) behaves as in an environment without them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from importlib.metadata import distribution
from pathlib import Path

import httpx
import pytest
from packaging.requirements import Requirement

from console.cli import GUI_MODULES
from tests.conftest import make_client

ROOT = Path(__file__).resolve().parents[2]

BLOCKER = f"""
import sys

BLOCKED = {GUI_MODULES!r}


class RefuseGui:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None


sys.meta_path.insert(0, RefuseGui())
"""


@pytest.fixture
def without_gui(tmp_path: Path) -> dict[str, str]:
    """An environment for subprocesses in which the console's GUI packages cannot be imported."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER)
    pythonpath = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": pythonpath}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )


def test_the_blocker_refuses_every_gui_package(without_gui: dict[str, str]) -> None:
    for name in (*GUI_MODULES, "PySide6.QtCore"):
        result = run(without_gui, "-c", f"import {name}")
        assert result.returncode == 1
        assert "ModuleNotFoundError" in result.stderr, result.stderr


def test_the_console_says_which_extra_to_install(without_gui: dict[str, str]) -> None:
    result = run(without_gui, "-m", "console")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "pip install 'cognito-console[console]'" in lines[0]
    assert "PySide6, qasync, pyqtgraph, keyring" in lines[0]


def test_the_local_cognito_serves_without_the_gui_extra(without_gui: dict[str, str], tmp_path: Path) -> None:
    stderr = tmp_path / "stderr.txt"
    with stderr.open("w") as err:
        command = [sys.executable, "-m", "console", "emulator", "--port", "0", "--data-dir", str(tmp_path / "data")]
        process = subprocess.Popen(
            [*command, "--parent-pid", str(os.getpid())],
            env=without_gui,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
    assert process.stdout is not None
    try:
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:"), stderr.read_text()
        assert httpx.get(f"{base_url}/_emulator/health", timeout=10).status_code == 200
        idp = make_client(base_url)
        pool_id = idp.create_user_pool(PoolName="no-qt")["UserPool"]["Id"]
        assert [p["Id"] for p in idp.list_user_pools(MaxResults=10)["UserPools"]] == [pool_id]
    finally:
        process.send_signal(signal.SIGTERM)
        status = process.wait(10)
        process.stdout.close()
    assert status == 0, stderr.read_text()
    assert "Traceback" not in stderr.read_text()


def test_console_testing_imports_neither_qt_nor_boto3(without_gui: dict[str, str]) -> None:
    # pytest imports the plugin in every run of an environment where the package is installed.
    code = (
        "import sys, console.testing as t; "
        "assert t.LocalCognito and t.local_cognito; "
        "heavy = sorted(m for m in sys.modules if m.partition('.')[0] in {'boto3', 'botocore', 'PySide6'}); "
        "assert not heavy, heavy"
    )
    result = run(without_gui, "-c", code)
    assert result.returncode == 0, result.stderr


def test_the_distribution_needs_no_qt_without_the_console_extra() -> None:
    """The installed metadata (what ``pip wheel .`` writes as Requires-Dist) of this checkout."""
    meta = distribution("cognito-console")
    requirements = [Requirement(r) for r in meta.requires or []]
    base = {r.name.lower() for r in requirements if r.marker is None}
    by_extra = {
        extra: {r.name.lower() for r in requirements if r.marker is not None and r.marker.evaluate({"extra": extra})}
        for extra in ("console", "test")
    }
    gui = {name.lower() for name in GUI_MODULES}
    assert not base & gui, f"the base install pulls {base & gui}: reinstall with pip install -e '.[test]'"
    assert {"boto3", "botocore", "starlette", "uvicorn"} <= base
    assert gui <= by_extra["console"]
    assert "cognito-console" in by_extra["test"]  # the test extra brings the console extra
    test_requirement = next(r for r in requirements if r.name == "cognito-console")
    assert test_requirement.extras == {"console"}
    plugins = [e for e in meta.entry_points if e.group == "pytest11"]
    assert [(e.name, e.value) for e in plugins] == [("cognito_local", "console.testing")]
