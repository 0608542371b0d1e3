"""The SQLite schema of identity pools: each area's migrations, in version order.

An area's name and its versions are recorded in each database (``schema_migrations``): a shipped migration
is never edited, a change is a new version.
"""

from __future__ import annotations

from console.emulator.core.store import Migrations

MIGRATIONS: Migrations = {
    # pools.py, identities.py, openid.py
    "identity_pools": {
        1: """
    CREATE TABLE identity_pools (
        id TEXT PRIMARY KEY,                -- <region>:<uuid>
        name TEXT NOT NULL,
        created REAL NOT NULL,
        doc TEXT NOT NULL                   -- the pool's settings, roles, role mappings, principal tag maps, tags
    );
    CREATE TABLE identities (
        id TEXT PRIMARY KEY,                -- <region>:<uuid>
        pool_id TEXT NOT NULL REFERENCES identity_pools(id) ON DELETE CASCADE,
        created REAL NOT NULL,
        modified REAL NOT NULL,
        merged_into TEXT                    -- merged into another identity: disabled
    );
    CREATE INDEX identities_by_pool ON identities(pool_id, created, id);
    CREATE TABLE identity_logins (
        pool_id TEXT NOT NULL,
        provider TEXT NOT NULL,             -- the provider's name as the Logins map of DescribeIdentity gives it
        subject TEXT NOT NULL,              -- the user at that provider (sub, developer user identifier)
        identity_id TEXT NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
        created REAL NOT NULL,
        PRIMARY KEY (pool_id, provider, subject)
    );
    CREATE INDEX identity_logins_by_identity ON identity_logins(identity_id);
    CREATE TABLE identity_signing_keys (
        kid TEXT PRIMARY KEY,
        material TEXT NOT NULL,             -- PKCS#8 PEM
        created REAL NOT NULL
    );
    """,
    },
}
