"""The SQLite schema of Cognito Sync: each area's migrations, in version order.

An area's name and its versions are recorded in each database (``schema_migrations``): a shipped migration
is never edited, a change is a new version. Datasets, devices and settings belong to identities and identity
pools (identity_pools/schema.py): deleting those deletes them.
"""

from __future__ import annotations

from console.emulator.core.store import Migrations

MIGRATIONS: Migrations = {
    # datasets.py, records.py, usage.py, configuration.py, bulk_publish.py, push.py
    "sync": {
        1: """
    CREATE TABLE sync_datasets (
        identity_id TEXT NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        pool_id TEXT NOT NULL,
        created REAL NOT NULL,
        modified REAL NOT NULL,
        modified_by TEXT,
        sync_count INTEGER NOT NULL DEFAULT 0,  -- raised by one by every UpdateRecords
        live INTEGER NOT NULL DEFAULT 1,        -- 0: deleted; kept so a sync learns of the deletion
        deleted_at INTEGER NOT NULL DEFAULT 0,  -- the sync count when it was last deleted (0: never)
        storage INTEGER NOT NULL DEFAULT 0,     -- bytes of its records' keys and values
        records INTEGER NOT NULL DEFAULT 0,     -- records that hold a value
        PRIMARY KEY (identity_id, name)
    );
    CREATE INDEX sync_datasets_by_pool ON sync_datasets(pool_id);
    CREATE TABLE sync_records (
        identity_id TEXT NOT NULL,
        dataset TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT,                             -- NULL: removed
        sync_count INTEGER NOT NULL,
        modified REAL NOT NULL,
        modified_by TEXT,
        device_modified REAL,
        PRIMARY KEY (identity_id, dataset, key),
        FOREIGN KEY (identity_id, dataset) REFERENCES sync_datasets(identity_id, name) ON DELETE CASCADE
    );
    CREATE INDEX sync_records_by_count ON sync_records(identity_id, dataset, sync_count, key);
    CREATE TABLE sync_sessions (
        token TEXT PRIMARY KEY,
        identity_id TEXT NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
        dataset TEXT NOT NULL,
        expires REAL NOT NULL
    );
    CREATE INDEX sync_sessions_by_expiry ON sync_sessions(expires);
    CREATE TABLE sync_pools (
        pool_id TEXT PRIMARY KEY REFERENCES identity_pools(id) ON DELETE CASCADE,
        sessions INTEGER NOT NULL DEFAULT 0,    -- sync sessions started (SyncSessionsCount)
        doc TEXT NOT NULL DEFAULT '{}'          -- PushSync, CognitoStreams, Events, BulkPublish
    );
    CREATE TABLE sync_devices (
        device_id TEXT PRIMARY KEY,
        identity_id TEXT NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
        platform TEXT NOT NULL,
        token TEXT NOT NULL,
        created REAL NOT NULL,
        UNIQUE (identity_id, platform, token)
    );
    CREATE TABLE sync_subscriptions (
        device_id TEXT NOT NULL REFERENCES sync_devices(device_id) ON DELETE CASCADE,
        dataset TEXT NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (device_id, dataset)
    );
    """,
        # merging.py: a dataset that came from an identity merged into this one
        2: """
    ALTER TABLE sync_datasets ADD COLUMN merged_from TEXT;  -- the merged identity it came from
    """,
    },
}
