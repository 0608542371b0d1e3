"""The data directory and the database files are the user's alone: 0700 and 0600 (DESIGN.md)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from console.emulator.core.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def write_something(db: Store) -> None:
    db.run("CREATE TABLE IF NOT EXISTS t (v TEXT)")
    with db.tx():
        db.run("INSERT INTO t VALUES ('x')")


@pytest.fixture
def loose_umask() -> object:
    """The common umask (022), which left the directory 0755 and the files 0644."""
    old = os.umask(0o022)
    yield None
    os.umask(old)


def test_a_new_data_directory_and_its_files_are_private(tmp_path: Path, loose_umask: object) -> None:
    data = tmp_path / "parent" / "data"
    db = Store(data / "cognito.db", {})
    try:
        write_something(db)
        assert mode(data) == 0o700
        for name in ("cognito.db", "cognito.db-wal", "cognito.db-shm"):
            assert (data / name).exists(), name
            assert mode(data / name) == 0o600, name
    finally:
        db.close()


def test_files_of_an_older_run_are_tightened_at_open(tmp_path: Path, loose_umask: object) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)  # noqa: S103 - the loose mode an older release left
    db = Store(data / "cognito.db", {})
    write_something(db)
    # What an older release left behind: everything readable by all, the WAL and its index still there.
    for name in ("cognito.db", "cognito.db-wal", "cognito.db-shm"):
        os.chmod(data / name, 0o644)
    db.close()
    (data / "cognito.db-wal").touch()
    os.chmod(data / "cognito.db-wal", 0o644)
    again = Store(data / "cognito.db", {})
    try:
        write_something(again)
        for name in ("cognito.db", "cognito.db-wal", "cognito.db-shm"):
            assert mode(data / name) == 0o600, name
        # Only the database's files were in it: the directory is ours, and tightened too.
        assert mode(data) == 0o700
    finally:
        again.close()


def test_a_shared_directory_the_user_named_keeps_its_mode(tmp_path: Path, loose_umask: object) -> None:
    """A --data-dir that holds other things (a project directory, say) is not ours to close: only the
    database's own files are made private there."""
    shared = tmp_path / "project"
    shared.mkdir()
    os.chmod(shared, 0o755)  # noqa: S103 - a directory the user shares with others
    (shared / "notes.txt").write_text("theirs")
    db = Store(shared / "cognito.db", {})
    try:
        write_something(db)
        assert mode(shared) == 0o755
        assert mode(shared / "notes.txt") == 0o644
        assert mode(shared / "cognito.db") == 0o600
    finally:
        db.close()
