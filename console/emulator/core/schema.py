"""The SQLite schema of the core: the outbox of every email and SMS "sent".

An area's name and its versions are recorded in each database (``schema_migrations``): a shipped migration
is never edited, a change is a new version.
"""

from __future__ import annotations

from .store import Migrations

MIGRATIONS: Migrations = {
    # IF NOT EXISTS: databases made before this area existed have the table already.
    "outbox": {
        1: """
    CREATE TABLE IF NOT EXISTS outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_pool_id TEXT NOT NULL,
        username TEXT,
        channel TEXT NOT NULL,              -- EMAIL | SMS
        destination TEXT NOT NULL,
        code TEXT,
        subject TEXT,
        body TEXT NOT NULL,
        created_at REAL NOT NULL
    );
    """,
        # Messages expire (outbox.py): each write and read deletes those older than a day.
        2: "CREATE INDEX IF NOT EXISTS outbox_created ON outbox (created_at);",
    },
}
