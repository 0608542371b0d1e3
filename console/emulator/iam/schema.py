"""The SQLite schema of the local IAM: roles, their inline and attached policies, managed policies, and the
OpenID Connect and SAML identity providers, in version order.

An area's name and its versions are recorded in each database (``schema_migrations``): a shipped migration
is never edited, a change is a new version.
"""

from __future__ import annotations

from console.emulator.core.store import Migrations

MIGRATIONS: Migrations = {
    # roles.py, policies.py, providers.py
    "iam": {
        1: """
    CREATE TABLE iam_roles (
        name TEXT PRIMARY KEY COLLATE NOCASE,   -- IAM names are unique regardless of case
        role_id TEXT NOT NULL UNIQUE,           -- AROA...
        arn TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        created REAL NOT NULL,
        trust_policy TEXT NOT NULL,             -- AssumeRolePolicyDocument, as the caller wrote it
        doc TEXT NOT NULL DEFAULT '{}'          -- Description, MaxSessionDuration, PermissionsBoundary, Tags
    );
    CREATE TABLE iam_role_policies (
        role_name TEXT NOT NULL COLLATE NOCASE REFERENCES iam_roles(name) ON DELETE CASCADE,
        name TEXT NOT NULL COLLATE NOCASE,
        document TEXT NOT NULL,
        PRIMARY KEY (role_name, name)
    );
    CREATE TABLE iam_policies (
        arn TEXT PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        policy_id TEXT NOT NULL UNIQUE,         -- ANPA...
        path TEXT NOT NULL,
        created REAL NOT NULL,
        updated REAL NOT NULL,
        default_version TEXT NOT NULL,
        doc TEXT NOT NULL DEFAULT '{}'          -- Description, Tags
    );
    CREATE TABLE iam_policy_versions (
        policy_arn TEXT NOT NULL REFERENCES iam_policies(arn) ON DELETE CASCADE,
        version_id TEXT NOT NULL,
        document TEXT NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (policy_arn, version_id)
    );
    CREATE TABLE iam_role_attachments (
        role_name TEXT NOT NULL COLLATE NOCASE REFERENCES iam_roles(name) ON DELETE CASCADE,
        policy_arn TEXT NOT NULL,
        PRIMARY KEY (role_name, policy_arn)
    );
    CREATE TABLE iam_oidc_providers (
        arn TEXT PRIMARY KEY,
        url TEXT NOT NULL,                      -- without its scheme, as ARNs and Logins keys name it
        created REAL NOT NULL,
        doc TEXT NOT NULL DEFAULT '{}'          -- ClientIDList, ThumbprintList, Tags
    );
    CREATE TABLE iam_saml_providers (
        arn TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created REAL NOT NULL,
        valid_until REAL NOT NULL,
        metadata TEXT NOT NULL,
        doc TEXT NOT NULL DEFAULT '{}'          -- Tags, SAMLProviderUUID
    );
    """,
    },
}
