"""The SQLite schema of the local STS: the temporary credentials it issued, in version order.

An area's name and its versions are recorded in each database (``schema_migrations``): a shipped migration
is never edited, a change is a new version.
"""

from __future__ import annotations

from console.emulator.core.store import Migrations

MIGRATIONS: Migrations = {
    # credentials.py
    "sts": {
        1: """
    CREATE TABLE sts_credentials (
        access_key_id TEXT PRIMARY KEY,         -- ASIA...
        secret TEXT NOT NULL,                   -- needed as is: SigV4 signatures are checked with it
        token_hash TEXT NOT NULL,               -- SHA-256 of the session token
        expiration REAL NOT NULL,
        arn TEXT NOT NULL,                      -- arn:aws:sts::<account>:assumed-role/<role>/<session>
        role_arn TEXT NOT NULL,
        assumed_role_id TEXT NOT NULL,          -- AROA...:<session>
        doc TEXT NOT NULL DEFAULT '{}'          -- SourceIdentity, principal tags, the web identity's claims
    );
    CREATE INDEX sts_credentials_by_expiration ON sts_credentials(expiration);
    """,
    },
}
