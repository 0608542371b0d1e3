"""The SQLite schema of CloudWatch Logs: each area's migrations, in version order.

An area's name and its versions are recorded in each database (``schema_migrations``): a shipped migration
is never edited, a change is a new version.
"""

from __future__ import annotations

from console.emulator.core.store import Migrations

MIGRATIONS: Migrations = {
    # api.py (log_delivery: delivery.py)
    "logs": {
        1: """
    CREATE TABLE log_groups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE,
        created INTEGER NOT NULL,           -- epoch milliseconds
        doc TEXT NOT NULL DEFAULT '{}'      -- kmsKeyId, tags, logGroupClass, retentionInDays
    );
    CREATE TABLE log_streams (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        group_id INTEGER NOT NULL REFERENCES log_groups(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        created INTEGER NOT NULL,
        first_ts INTEGER,
        last_ts INTEGER,
        last_ingest INTEGER,
        stored_bytes INTEGER NOT NULL DEFAULT 0,
        UNIQUE (group_id, name)
    );
    CREATE TABLE log_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        group_id INTEGER NOT NULL REFERENCES log_groups(id) ON DELETE CASCADE,
        stream_id INTEGER NOT NULL REFERENCES log_streams(id) ON DELETE CASCADE,
        ts INTEGER NOT NULL,
        ingest INTEGER NOT NULL,
        message TEXT NOT NULL
    );
    CREATE INDEX log_events_by_group_time ON log_events(group_id, ts, id);
    CREATE INDEX log_events_by_stream_time ON log_events(stream_id, ts, id);
    CREATE TABLE log_delivery (
        pool_id TEXT PRIMARY KEY REFERENCES pools(id) ON DELETE CASCADE,
        doc TEXT NOT NULL                   -- LogDeliveryConfigurationType
    );
    """,
    },
}
