"""The WAL stays bounded under a steady stream of writes, with checkpoints on their own thread."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from console.emulator.core import store as store_module
from console.emulator.core.store import Store


def _write_steadily(path: Path, transactions: int) -> int:
    """The largest size the WAL reached, in bytes, over ``transactions`` back-to-back commits."""
    db = Store(path, {})
    try:
        db.run("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)")
        largest = 0
        for i in range(transactions):
            with db.tx():
                db.run("INSERT INTO t VALUES (?, ?)", (str(uuid.uuid4()), "x" * 200))
            if i % 500 == 0:
                largest = max(largest, path.with_name(path.name + "-wal").stat().st_size)
        return largest
    finally:
        db.close()


@pytest.mark.slow
def test_the_wal_stays_bounded_under_sustained_writes(tmp_path: Path) -> None:
    # Twice the backstop: a checkpoint that a loaded machine delays lets the WAL run past it for a while
    # (42.5 MB against 32 MB was seen), where without the backstop it grows to hundreds of MB.
    limit = store_module.WAL_BACKSTOP_PAGES * 4096
    assert _write_steadily(tmp_path / "c.db", 30000) < limit * 2


@pytest.mark.slow
def test_without_the_backstop_it_would_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the backstop is for: the checkpointer thread alone never lets the WAL start over."""
    monkeypatch.setattr(store_module, "WAL_BACKSTOP_PAGES", 0)
    assert _write_steadily(tmp_path / "c.db", 30000) > 8000 * 4096 * 2


def test_closing_leaves_no_wal_behind(tmp_path: Path) -> None:
    _write_steadily(tmp_path / "c.db", 100)
    wal = tmp_path / "c.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0
