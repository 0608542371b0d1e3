"""The SQLite schema of the hosted UI: its sessions, authorization codes and page-signing key.

An area's name and its versions are recorded in each database (``schema_migrations``): a shipped migration
is never edited, a change is a new version.
"""

from __future__ import annotations

from console.emulator.core.store import Migrations

MIGRATIONS: Migrations = {
    # sessions.py, flow.py (codes), pages.py (key)
    "hosted_ui": {
        1: """
    CREATE TABLE hosted_ui_sessions (
        id TEXT PRIMARY KEY,                -- SHA-256 of the session cookie's value
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        username_key TEXT NOT NULL,
        sub TEXT NOT NULL,
        auth_time REAL NOT NULL,
        method TEXT NOT NULL,               -- password | mfa | passkey | the external provider's name
        created REAL NOT NULL,
        expires REAL NOT NULL
    );
    CREATE INDEX hosted_ui_sessions_by_user ON hosted_ui_sessions(pool_id, sub);
    CREATE TABLE authorization_codes (
        id TEXT PRIMARY KEY,                -- SHA-256 of the code
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        redirect_uri TEXT NOT NULL,
        code_challenge TEXT,
        code_challenge_method TEXT,
        tokens TEXT NOT NULL,               -- the tokens the code is exchanged for, sealed
        created REAL NOT NULL,
        expires REAL NOT NULL,
        used REAL
    );
    CREATE TABLE hosted_ui_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        key TEXT NOT NULL                   -- hex; seals pending authorizations and codes' tokens, signs forms
    );
    """,
        2: """
    -- The sign-in a code's tokens belong to: a code used twice revokes them (RFC 6749 section 10.5).
    ALTER TABLE authorization_codes ADD COLUMN origin_jti TEXT;
    """,
        3: """
    -- A session as ListUserSessions describes it (SessionType SSO): its ID, the app client it began with,
    -- and its latest activity (a sign-in or a token grant from it), where and on what.
    ALTER TABLE hosted_ui_sessions ADD COLUMN session_id TEXT;
    ALTER TABLE hosted_ui_sessions ADD COLUMN client_id TEXT;
    ALTER TABLE hosted_ui_sessions ADD COLUMN last_active REAL;
    ALTER TABLE hosted_ui_sessions ADD COLUMN device_type TEXT;
    ALTER TABLE hosted_ui_sessions ADD COLUMN last_ip TEXT;
    CREATE UNIQUE INDEX hosted_ui_sessions_by_id ON hosted_ui_sessions(session_id);
    """,
        4: """
    -- The methods the session's sign-in completed (the amr claim, JSON), for step-up (user_pools/acr.py).
    ALTER TABLE hosted_ui_sessions ADD COLUMN amr TEXT;
    """,
    },
}
