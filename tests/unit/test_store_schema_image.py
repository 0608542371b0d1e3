"""A new database starts as a copy of the schema image kept in the cache directory (store.py): the same schema
and migration records as one migrated statement by statement, private files, existing data never touched,
and nothing written to the cache by an in-memory store."""

from __future__ import annotations

import stat
from pathlib import Path

from console.emulator.core.app import open_store
from console.emulator.core.store import Store


def _schema(store: Store) -> list[tuple[str, ...]]:
    return sorted(tuple(row) for row in store.all("SELECT type, name, tbl_name, sql FROM sqlite_master"))


def _applied(store: Store) -> list[tuple[str, int]]:
    return sorted((row[0], row[1]) for row in store.all("SELECT area, version FROM schema_migrations"))


def test_a_database_from_the_image_is_the_migrated_one(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    migrated = open_store(tmp_path / "migrated" / "cognito.db")
    made = open_store(tmp_path / "made" / "cognito.db", lambda: cache)  # migrates, and saves the image
    copied = open_store(tmp_path / "copied" / "cognito.db", lambda: cache)  # starts from the image
    in_memory = open_store(":memory:", lambda: cache)
    try:
        assert len(list(cache.glob("schema-*.db"))) == 1
        for store in (made, copied, in_memory):
            assert _schema(store) == _schema(migrated)
            assert _applied(store) == _applied(migrated)
        assert copied.value("PRAGMA journal_mode") == "wal"
        assert stat.S_IMODE((tmp_path / "copied" / "cognito.db").stat().st_mode) == 0o600
        assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    finally:
        for store in (migrated, made, copied, in_memory):
            store.close()


def test_an_existing_database_keeps_its_data(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = tmp_path / "data" / "cognito.db"
    first = open_store(path, lambda: cache)
    with first.tx():
        first.run("INSERT INTO schema_migrations(area, version, applied) VALUES ('kept', 1, 0)")
    first.close()
    again = open_store(path, lambda: cache)
    try:
        assert again.value("SELECT COUNT(*) FROM schema_migrations WHERE area = 'kept'") == 1
    finally:
        again.close()


def test_an_in_memory_store_writes_no_image(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    store = open_store(":memory:", lambda: cache)
    try:
        assert not cache.exists()
        assert _applied(store)
    finally:
        store.close()
