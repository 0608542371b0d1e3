"""The SQLite schema of CloudWatch metrics: one row per metric and minute, aggregated as data arrives."""

from __future__ import annotations

from console.emulator.core.store import Migrations

MIGRATIONS: Migrations = {
    "cloudwatch_metrics": {
        1: """
    CREATE TABLE metric_minutes (
        namespace TEXT NOT NULL,
        name TEXT NOT NULL,
        dimensions TEXT NOT NULL,           -- canonical JSON: [[Name, Value], ...] sorted by name
        minute REAL NOT NULL,               -- the minute's start, epoch seconds
        unit TEXT NOT NULL,
        total REAL NOT NULL,                -- Sum
        samples REAL NOT NULL,              -- SampleCount
        low REAL NOT NULL,                  -- Minimum
        high REAL NOT NULL,                 -- Maximum
        PRIMARY KEY (namespace, name, dimensions, minute, unit)
    ) WITHOUT ROWID;
    CREATE INDEX metric_minutes_by_time ON metric_minutes(minute);
    """,
    },
}
