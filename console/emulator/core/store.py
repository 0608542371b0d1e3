"""SQLite persistence for the local Cognito: one database file, WAL, a versioned schema per area.

Each service package declares its tables in its ``schema.py`` (``MIGRATIONS``: area -> version -> SQL);
the server hands them all to the store, which on open applies, in order, each migration it has not
applied yet, and records it in ``schema_migrations``. A database written by an older release therefore
opens in a newer one.

Durability: WAL with ``synchronous=NORMAL`` makes every committed transaction survive a killed process
(``kill -9``): the commit is in the WAL file in the OS page cache before the response is sent. Only a
power loss could lose the last transactions, which a development server may accept.

The connection belongs to the event-loop thread; handlers run there and hold no transaction across an
``await``. Checkpoints (copying the WAL back into the database file, with an fsync) run on a thread of
their own with its own connection, so that requests seldom pay for one: SQLite's automatic checkpoint at
its default size stalled one commit in a hundred for milliseconds. It stays on, at a larger size, as the
backstop that keeps the WAL bounded under sustained writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

# area -> version -> SQL script. Areas apply in the order given, an area's versions in ascending order.
Migrations = Mapping[str, Mapping[int, str]]


WAL_BACKSTOP_PAGES = 8000  # about 32 MB of WAL (4 KB pages)


class Store:
    """One SQLite database; ``tx()`` wraps a unit of work that commits whole or not at all."""

    def __init__(
        self, path: str | Path, migrations: Migrations, schema_cache: Callable[[], Path] | None = None
    ) -> None:
        """Open (or create) the database at ``path`` (``:memory:``: nothing on disk) and apply ``migrations``.

        A new database starts as a copy of an empty one with every migration applied, kept in
        the directory ``schema_cache()`` names (asked only for a new database) by the first start that made
        it (``schema_image``): applying some 140 statements of schema one by one took SQLite tens of
        milliseconds, a copy under one. ``:memory:`` only reads it.
        """
        self.path = str(path)
        self._migrations = migrations
        image = None
        if schema_cache is not None and (self.path == ":memory:" or _is_new(Path(self.path))):
            image = schema_image(migrations, schema_cache(), save=self.path != ":memory:")
        if self.path != ":memory:":
            _make_private(Path(self.path))
            if image is not None:
                Path(self.path).write_bytes(image)  # into the file made 0600 above, keeping its mode
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        if image is not None and self.path == ":memory:":
            self._db.deserialize(image)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.execute("PRAGMA cache_size=-32000")  # 32 MB page cache
        if self.path == ":memory:":  # nothing on disk (--ephemeral): not even a large sort's temporary file
            self._db.execute("PRAGMA temp_store=MEMORY")
        self._depth = 0
        self._lock = threading.RLock()  # the loop thread owns the store; the lock guards helpers' threads
        self._checkpointer: _Checkpointer | None = None
        if image is not None:  # the migrations were applied now, whatever the image's own record says
            self._db.execute("UPDATE schema_migrations SET applied = ?", (time.time(),))
        self.migrate()
        if self.path != ":memory:":
            # The checkpointer thread copies the WAL back shortly after commits, but under a steady stream
            # of writes the WAL never drains to its end, and SQLite only starts it over from the top once
            # it has. The connection's own checkpoint, at a size the thread keeps well below in quiet
            # times, is the backstop: with the thread's copy mostly done, it is short, and the next write
            # starts the WAL over (truncated to 64 MB at most).
            self._db.execute(f"PRAGMA wal_autocheckpoint={WAL_BACKSTOP_PAGES}")
            self._db.execute("PRAGMA journal_size_limit=67108864")
            self._checkpointer = _Checkpointer(self.path)

    # -- schema ---------------------------------------------------------------------------------------

    def migrate(self) -> list[tuple[str, int]]:
        """Apply every migration given at open that is not applied yet; return what was applied."""
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (area TEXT NOT NULL, version INTEGER NOT NULL,"
            " applied REAL NOT NULL, PRIMARY KEY (area, version))"
        )
        done = {(r[0], r[1]) for r in self._db.execute("SELECT area, version FROM schema_migrations")}
        applied: list[tuple[str, int]] = []
        for area, versions in self._migrations.items():
            for version in sorted(versions):
                if (area, version) in done:
                    continue
                sql = versions[version]
                with self.tx():
                    for statement in _statements(sql):
                        self._db.execute(statement)
                    self._db.execute(
                        "INSERT INTO schema_migrations(area, version, applied) VALUES (?, ?, ?)",
                        (area, version, time.time()),
                    )
                applied.append((area, version))
        return applied

    def schema_versions(self) -> dict[str, int]:
        rows = self._db.execute("SELECT area, MAX(version) FROM schema_migrations GROUP BY area")
        return {r[0]: r[1] for r in rows}

    # -- transactions ---------------------------------------------------------------------------------

    @contextlib.contextmanager
    def tx(self) -> Iterator[Store]:
        """A transaction; nested calls join the outer one, which commits or rolls back as a whole."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self._db.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self
            except BaseException:
                self._depth = 0
                self._db.execute("ROLLBACK")
                raise
            else:
                self._depth = 0
                self._db.execute("COMMIT")
                # Setting an Event takes its lock and wakes the thread; once set, it stays set until the
                # checkpointer's next pass.
                if self._checkpointer is not None and not self._checkpointer.wanted.is_set():
                    self._checkpointer.wanted.set()

    # -- queries --------------------------------------------------------------------------------------

    def all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return self._db.execute(sql, params).fetchall()

    def iter(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Iterator[sqlite3.Row]:
        """Rows one at a time, for scans that may stop early (the rest is never read from disk)."""
        yield from self._db.execute(sql, params)

    def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        return self._db.execute(sql, params).fetchone()

    def value(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self._db.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def changes(self) -> int:
        """Rows changed through this connection since it opened (a marker: did anything write since?)."""
        return self._db.total_changes

    def run(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """Execute a write; returns the number of rows changed."""
        return self._db.execute(sql, params).rowcount

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    def insert(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        cur = self._db.execute(sql, params)
        return int(cur.lastrowid or 0)

    def reset(self) -> None:
        """Empty every table, in one transaction: the data as a fresh start leaves it, the schema kept."""
        with self.tx():
            # Tables empty in any order: the foreign keys are checked at the commit, when all are empty.
            self._db.execute("PRAGMA defer_foreign_keys=ON")
            tables = [
                row[0]
                for row in self._db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'schema_migrations'"
                    " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                )
            ]
            for table in tables:
                self._db.execute(f'DELETE FROM "{table}"')  # noqa: S608 - names from sqlite_master
            if self._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
                self._db.execute("DELETE FROM sqlite_sequence")  # AUTOINCREMENT counts from 1 again

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("PRAGMA optimize")
        self._db.close()


class _Checkpointer:
    """Copies committed WAL frames into the database file on its own thread and connection (sqlite3
    releases the GIL while it works), shortly after commits, so the WAL stays small."""

    PAUSE = 0.2  # seconds between checkpoints while commits keep coming

    def __init__(self, path: str) -> None:
        self.wanted = threading.Event()
        self._stopping = False
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stopping:
            self.wanted.wait()
            if self._stopping:
                break
            time.sleep(self.PAUSE)
            self.wanted.clear()
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def stop(self) -> None:
        self._stopping = True
        self.wanted.set()
        self._thread.join(timeout=10)
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.close()


# The files SQLite keeps beside a database: the WAL, its shared-memory index, a rollback journal.
_COMPANIONS = ("-wal", "-shm", "-journal")
_SQLITE_HEADER = b"SQLite format 3\x00"


def _is_new(path: Path) -> bool:
    """Whether ``path`` holds no database yet: no file or an empty one, and no WAL or journal with content."""
    return all(
        not file.exists() or file.stat().st_size == 0
        for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-journal"))
    )


def schema_image(migrations: Migrations, cache: Path, *, save: bool = True) -> bytes | None:
    """The bytes of an empty database with every migration of ``migrations`` applied (and recorded), read
    from ``cache`` or, when ``save``, made now and left there for the next start; None when there is none
    to read and ``save`` is off. The file is named after the migrations' text and SQLite's version; images
    of other schemas are removed when a new one is saved. It holds schema only: no data, no key."""
    text = repr([(area, sorted(versions.items())) for area, versions in migrations.items()])
    digest = hashlib.sha256(f"{sqlite3.sqlite_version}\n{text}".encode()).hexdigest()[:32]
    file = cache / f"schema-{digest}.db"
    with contextlib.suppress(OSError):
        image = file.read_bytes()
        if image.startswith(_SQLITE_HEADER):
            return image
    if not save:
        return None
    scratch = Store(":memory:", migrations)
    try:
        image = scratch._db.serialize()
    finally:
        scratch.close()
    with contextlib.suppress(OSError):
        cache.mkdir(parents=True, exist_ok=True, mode=0o700)
        for old in cache.glob("schema-*.db"):
            old.unlink(missing_ok=True)
        partial = cache / f".{file.name}.{os.getpid()}"
        partial.write_bytes(image)
        os.replace(partial, file)
    return image


def _make_private(path: Path) -> None:
    """Make the database at ``path`` readable by its owner only (DESIGN.md: data directory 0700, files 0600):
    it holds pool keys, password verifiers, MFA secrets and codes.

    The database file is created 0600 before SQLite opens it, and SQLite gives the WAL, shared-memory and
    journal files it creates the database file's mode, whatever the umask. Files of an older run, made
    0644, are tightened here. The data directory is made 0700 when it is ours: when it is created here,
    or when it holds nothing but this database's files (an older run made it 0755). A directory the user
    named that holds other things (a project directory, say) keeps its mode: closing it could break
    whatever else lives there, and with the files 0600 it reveals no more than their names. Modes are only
    ever narrowed, never widened.
    """
    directory = path.parent
    ours = {path.name, *(path.name + c for c in _COMPANIONS)}
    if not directory.is_dir():
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        _narrow(directory, 0o700)
    elif all(entry.name in ours for entry in directory.iterdir()):
        _narrow(directory, 0o700)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    for file in (path, *(path.with_name(path.name + c) for c in _COMPANIONS)):
        with contextlib.suppress(FileNotFoundError):
            _narrow(file, 0o600)


def _narrow(path: Path, allowed: int) -> None:
    """Clear the permission bits of ``path`` beyond ``allowed`` (never adds one)."""
    current = stat.S_IMODE(path.stat().st_mode)
    if current & ~allowed:
        os.chmod(path, current & allowed)


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def loads(text: str | None) -> Any:
    return json.loads(text) if text else {}


def compact_json(value: Any) -> bytes:
    """``value`` as compact JSON bytes (a response body, a token's claims): orjson, or json for what
    orjson does not write (a lone surrogate, an integer beyond 64 bits)."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value, separators=(",", ":")).encode()


def loads_document(text: str | None) -> Any:
    """``loads`` for a document this server wrote from model-validated input (a pool, a client, a user):
    twice as fast on a pool's document, which nearly every request reads. Not for what a client sends
    (orjson reads an integer beyond 64 bits as a float, where json keeps it exact)."""
    if not text:
        return {}
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:  # what json.dumps wrote and orjson refuses (a lone surrogate)
        return json.loads(text)


def _statements(sql: str) -> Iterator[str]:
    """Split a migration script into statements (sqlite3 executes one at a time inside a transaction)."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            if statement and statement != ";":
                yield statement
            buffer = ""
    if buffer.strip():
        yield buffer.strip()
