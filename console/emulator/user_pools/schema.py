"""The SQLite schema of the user pools: each area's migrations, in version order.

An area's name and its versions are recorded in each database (``schema_migrations``): a shipped migration
is never edited, a change is a new version.
"""

from __future__ import annotations

from console.emulator.core.store import Migrations

MIGRATIONS: Migrations = {
    # The tables every module of the package shares: pools and the things inside them. The area keeps the
    # name databases recorded it under when it also held the outbox (now core/schema.py's).
    "core": {
        1: """
    CREATE TABLE pools (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created REAL NOT NULL,
        modified REAL NOT NULL,
        doc TEXT NOT NULL                   -- UserPoolType as JSON, minus computed fields
    );
    CREATE TABLE clients (
        id TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        created REAL NOT NULL,
        modified REAL NOT NULL,
        doc TEXT NOT NULL                   -- UserPoolClientType as JSON, minus secrets
    );
    CREATE INDEX clients_by_pool ON clients(pool_id, id);
    CREATE TABLE client_secrets (
        id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        secret TEXT NOT NULL,
        created REAL NOT NULL
    );
    CREATE INDEX client_secrets_by_client ON client_secrets(client_id, created);
    CREATE TABLE users (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        username_key TEXT NOT NULL,         -- the username, case-folded unless the pool is case sensitive
        username TEXT NOT NULL,
        sub TEXT NOT NULL,
        status TEXT NOT NULL,               -- UserStatusType
        enabled INTEGER NOT NULL DEFAULT 1,
        created REAL NOT NULL,
        modified REAL NOT NULL,
        attrs TEXT NOT NULL,                -- {name: value}
        mfa TEXT NOT NULL DEFAULT '{}',     -- MFA settings and preferences
        secret TEXT NOT NULL DEFAULT '{}',  -- password verifier, history, temporary-password expiry
        PRIMARY KEY (pool_id, username_key)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX users_by_sub ON users(pool_id, sub);
    CREATE INDEX users_by_status ON users(pool_id, status, username_key);
    CREATE INDEX users_by_enabled ON users(pool_id, enabled, username_key);
    -- One row per searchable or alias attribute value, so filters and alias look-ups use an index.
    CREATE TABLE user_attrs (
        pool_id TEXT NOT NULL,
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        username_key TEXT NOT NULL,
        PRIMARY KEY (pool_id, name, value, username_key),
        FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX user_attrs_by_user ON user_attrs(pool_id, username_key);
    CREATE TABLE groups (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        created REAL NOT NULL,
        modified REAL NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (pool_id, name)
    ) WITHOUT ROWID;
    CREATE TABLE user_groups (
        pool_id TEXT NOT NULL,
        group_name TEXT NOT NULL,
        username_key TEXT NOT NULL,
        PRIMARY KEY (pool_id, group_name, username_key),
        FOREIGN KEY (pool_id, group_name) REFERENCES groups(pool_id, name) ON DELETE CASCADE,
        FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX user_groups_by_user ON user_groups(pool_id, username_key, group_name);
    CREATE TABLE identity_providers (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        created REAL NOT NULL,
        modified REAL NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (pool_id, name)
    ) WITHOUT ROWID;
    CREATE TABLE domains (
        domain TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        doc TEXT NOT NULL
    );
    CREATE INDEX domains_by_pool ON domains(pool_id);
    CREATE TABLE resource_servers (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        identifier TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (pool_id, identifier)
    ) WITHOUT ROWID;
    CREATE TABLE ui_customizations (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,            -- 'ALL' for the pool-wide setting
        doc TEXT NOT NULL,
        PRIMARY KEY (pool_id, client_id)
    ) WITHOUT ROWID;
    """,
    },
    # auth/sessions.py
    "auth": {
        1: """
    CREATE TABLE auth_sessions (
        id TEXT PRIMARY KEY,                -- SHA-256 of the Session string
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        username_key TEXT NOT NULL,
        challenge TEXT NOT NULL,            -- the challenge this session answers
        state TEXT NOT NULL,                -- JSON
        created REAL NOT NULL,
        expires REAL NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX auth_sessions_by_user ON auth_sessions(pool_id, username_key, challenge);
    CREATE INDEX auth_sessions_by_expiry ON auth_sessions(expires);
    """,
    },
    # auth_events.py
    "auth_events": {
        1: """
    CREATE TABLE auth_events (
        pool_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        username_key TEXT NOT NULL,
        created REAL NOT NULL,
        event_type TEXT NOT NULL,
        response TEXT NOT NULL,
        ip TEXT,
        device TEXT,
        doc TEXT NOT NULL,                  -- AuthEventType as JSON
        PRIMARY KEY (pool_id, event_id),
        FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX auth_events_by_user ON auth_events(pool_id, username_key, created DESC, event_id DESC);
    CREATE TABLE auth_event_keys (
        name TEXT PRIMARY KEY,
        secret TEXT NOT NULL
    );
    """,
    },
    # signup.py
    "codes": {
        1: """
    CREATE TABLE codes (
        pool_id TEXT NOT NULL,
        username_key TEXT NOT NULL,
        purpose TEXT NOT NULL,              -- signup | forgot | verify:<attribute> | mfa:<challenge>
        digest TEXT NOT NULL,               -- HMAC-SHA256 of the code under the server's code key
        created REAL NOT NULL,
        expires REAL NOT NULL,
        data TEXT NOT NULL DEFAULT '{}',    -- what the code is for (attribute, pending value, ...)
        PRIMARY KEY (pool_id, username_key, purpose),
        FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE TABLE code_attempts (
        pool_id TEXT NOT NULL,
        username_key TEXT NOT NULL,
        operation TEXT NOT NULL,
        at REAL NOT NULL,
        FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
    );
    CREATE INDEX code_attempts_by_user ON code_attempts(pool_id, username_key, operation, at);
    CREATE TABLE code_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        key TEXT NOT NULL
    );
    CREATE TABLE signup_sessions (
        digest TEXT PRIMARY KEY,            -- SHA-256 of the Session value
        pool_id TEXT NOT NULL,
        username_key TEXT NOT NULL,
        client_id TEXT NOT NULL,
        stage TEXT NOT NULL,                -- signed_up (from SignUp) | confirmed (from ConfirmSignUp)
        expires REAL NOT NULL,
        FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
    );
    """,
    },
    # devices.py
    "devices": {
        1: """
    CREATE TABLE devices (
        pool_id TEXT NOT NULL,
        username_key TEXT NOT NULL,
        device_key TEXT NOT NULL,
        group_key TEXT NOT NULL,
        confirmed INTEGER NOT NULL DEFAULT 0,   -- 1 once ConfirmDevice stored its verifier
        remembered INTEGER NOT NULL DEFAULT 0,
        salt TEXT,                              -- hex
        verifier TEXT,                          -- hex
        name TEXT,
        last_ip TEXT,
        created REAL NOT NULL,
        modified REAL NOT NULL,
        last_auth REAL,
        attrs TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (pool_id, device_key),
        FOREIGN KEY (pool_id) REFERENCES pools(id) ON DELETE CASCADE,
        FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX devices_by_user ON devices(pool_id, username_key, created, device_key);
    """,
    },
    # keys.py
    "keys": {
        1: """
    CREATE TABLE pool_keys (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        purpose TEXT NOT NULL,              -- id | access | secret
        kid TEXT NOT NULL,
        material TEXT NOT NULL,             -- PEM (PKCS#8) for RSA keys, base64 for the symmetric key
        certificate TEXT,                   -- base64 DER, for the id key (GetSigningCertificate)
        created REAL NOT NULL,
        PRIMARY KEY (pool_id, purpose)
    ) WITHOUT ROWID;
    """,
    },
    # risk.py
    "risk": {
        1: """
    CREATE TABLE risk_configurations (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,            -- 'ALL' for the pool-wide configuration
        modified REAL NOT NULL,
        doc TEXT NOT NULL,                  -- RiskConfigurationType minus UserPoolId/ClientId/LastModifiedDate
        PRIMARY KEY (pool_id, client_id)
    ) WITHOUT ROWID;
    """,
    },
    # auth/srp.py
    "srp": {
        1: """
    CREATE TABLE srp_used (
        block_id TEXT PRIMARY KEY,          -- one row per SECRET_BLOCK answered, right or wrong
        expires REAL NOT NULL
    );
    CREATE INDEX srp_used_by_expiry ON srp_used(expires);
    """,
    },
    # tokens.py
    "tokens": {
        1: """
    CREATE TABLE token_origins (
        origin_jti TEXT PRIMARY KEY,
        event_id TEXT NOT NULL,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        sub TEXT NOT NULL,
        auth_time INTEGER NOT NULL,
        device_key TEXT,
        scopes TEXT,                        -- JSON list, or NULL for SDK sign-in
        created REAL NOT NULL,
        expires REAL NOT NULL,              -- when nothing issued under it can be valid any more
        revoked REAL
    );
    CREATE INDEX token_origins_by_event ON token_origins(event_id);
    CREATE INDEX token_origins_by_user ON token_origins(pool_id, sub);
    CREATE INDEX token_origins_by_expiry ON token_origins(expires);
    CREATE TABLE refresh_tokens (
        token_id TEXT PRIMARY KEY,
        origin_jti TEXT NOT NULL REFERENCES token_origins(origin_jti) ON DELETE CASCADE,
        created REAL NOT NULL,
        expires REAL NOT NULL,
        superseded REAL                     -- rotated: when the successor was issued
    );
    CREATE INDEX refresh_tokens_by_origin ON refresh_tokens(origin_jti);
    """,
    },
    # session_tracking.py and sessions.py: user sessions (a token session is a sign-in's token origin)
    "user_sessions": {
        1: """
    CREATE TABLE session_configurations (
        pool_id TEXT PRIMARY KEY REFERENCES pools(id) ON DELETE CASCADE,
        tracking TEXT NOT NULL,             -- UserSessionTrackingType
        max_per_user INTEGER NOT NULL
    );
    CREATE TABLE client_session_configurations (
        client_id TEXT PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
        sso_max_validity_minutes INTEGER NOT NULL
    );
    CREATE TABLE token_sessions (
        session_id TEXT PRIMARY KEY,        -- tkn + 25 lowercase letters and digits
        origin_jti TEXT NOT NULL UNIQUE REFERENCES token_origins(origin_jti) ON DELETE CASCADE,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        sub TEXT NOT NULL,
        client_id TEXT NOT NULL,
        created REAL NOT NULL,
        last_active REAL NOT NULL,          -- the sign-in, then the latest refresh or rotation
        device_type TEXT NOT NULL,
        last_ip TEXT NOT NULL
    );
    CREATE INDEX token_sessions_by_user ON token_sessions(pool_id, sub, last_active);
    """,
    },
    # replicas.py: a user pool's secondary replicas in other Regions (the primary is the pool itself)
    "replicas": {
        1: """
    CREATE TABLE pool_replicas (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        region TEXT NOT NULL,
        status TEXT NOT NULL,               -- ACTIVE | INACTIVE
        created REAL NOT NULL,
        modified REAL NOT NULL,
        tags TEXT NOT NULL,                 -- the replica's own UserPoolTags, JSON
        PRIMARY KEY (pool_id, region)
    ) WITHOUT ROWID;
    """,
        2: """
    ALTER TABLE pool_replicas ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';  -- its regional settings, JSON
    """,
    },
    # recovery.py: point-in-time recoveries, over a journal of the user data's earlier states that
    # triggers keep: each change to a user, a group or a group membership records the row as it was.
    "recovery": {
        1: """
    CREATE TABLE pool_recoveries (
        restore_id TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        status TEXT NOT NULL,               -- RestoreStatusType
        restore_time REAL NOT NULL,         -- the recovery point
        trigger_time REAL NOT NULL,         -- when it was initiated
        created REAL NOT NULL,
        finished REAL,                      -- applied or cancelled
        preview TEXT NOT NULL               -- RestorePreviewListType as JSON
    );
    CREATE INDEX pool_recoveries_by_pool ON pool_recoveries(pool_id, created);
    CREATE TABLE pool_journal (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        pool_id TEXT NOT NULL,
        at REAL NOT NULL,                   -- the wall clock of the change, Unix seconds
        entity TEXT NOT NULL,               -- users | groups | user_groups
        key TEXT NOT NULL,                  -- the row's key in its pool
        before TEXT                         -- the row before the change as JSON; NULL: there was none
    );
    CREATE INDEX pool_journal_by_pool ON pool_journal(pool_id, at);
    CREATE INDEX pool_journal_by_age ON pool_journal(at);
    CREATE TRIGGER journal_users_insert AFTER INSERT ON users BEGIN
        INSERT INTO pool_journal (pool_id, at, entity, key, before)
        VALUES (NEW.pool_id, (julianday('now') - 2440587.5) * 86400.0, 'users', NEW.username_key, NULL);
    END;
    CREATE TRIGGER journal_users_update AFTER UPDATE ON users
    WHEN OLD.status IS NOT NEW.status OR OLD.enabled IS NOT NEW.enabled OR OLD.attrs IS NOT NEW.attrs
        OR OLD.mfa IS NOT NEW.mfa
    BEGIN
        INSERT INTO pool_journal (pool_id, at, entity, key, before)
        VALUES (OLD.pool_id, (julianday('now') - 2440587.5) * 86400.0, 'users', OLD.username_key, json_object(
            'pool_id', OLD.pool_id, 'username_key', OLD.username_key, 'username', OLD.username, 'sub', OLD.sub,
            'status', OLD.status, 'enabled', OLD.enabled, 'created', OLD.created, 'modified', OLD.modified,
            'attrs', OLD.attrs, 'mfa', OLD.mfa, 'secret', OLD.secret));
    END;
    CREATE TRIGGER journal_users_delete AFTER DELETE ON users
    WHEN EXISTS (SELECT 1 FROM pools WHERE id = OLD.pool_id)
    BEGIN
        INSERT INTO pool_journal (pool_id, at, entity, key, before)
        VALUES (OLD.pool_id, (julianday('now') - 2440587.5) * 86400.0, 'users', OLD.username_key, json_object(
            'pool_id', OLD.pool_id, 'username_key', OLD.username_key, 'username', OLD.username, 'sub', OLD.sub,
            'status', OLD.status, 'enabled', OLD.enabled, 'created', OLD.created, 'modified', OLD.modified,
            'attrs', OLD.attrs, 'mfa', OLD.mfa, 'secret', OLD.secret));
    END;
    CREATE TRIGGER journal_groups_insert AFTER INSERT ON groups BEGIN
        INSERT INTO pool_journal (pool_id, at, entity, key, before)
        VALUES (NEW.pool_id, (julianday('now') - 2440587.5) * 86400.0, 'groups', NEW.name, NULL);
    END;
    CREATE TRIGGER journal_groups_update AFTER UPDATE ON groups WHEN OLD.doc IS NOT NEW.doc BEGIN
        INSERT INTO pool_journal (pool_id, at, entity, key, before)
        VALUES (OLD.pool_id, (julianday('now') - 2440587.5) * 86400.0, 'groups', OLD.name, json_object(
            'pool_id', OLD.pool_id, 'name', OLD.name, 'created', OLD.created, 'modified', OLD.modified,
            'doc', OLD.doc));
    END;
    CREATE TRIGGER journal_groups_delete AFTER DELETE ON groups
    WHEN EXISTS (SELECT 1 FROM pools WHERE id = OLD.pool_id)
    BEGIN
        INSERT INTO pool_journal (pool_id, at, entity, key, before)
        VALUES (OLD.pool_id, (julianday('now') - 2440587.5) * 86400.0, 'groups', OLD.name, json_object(
            'pool_id', OLD.pool_id, 'name', OLD.name, 'created', OLD.created, 'modified', OLD.modified,
            'doc', OLD.doc));
    END;
    CREATE TRIGGER journal_memberships_insert AFTER INSERT ON user_groups BEGIN
        INSERT INTO pool_journal (pool_id, at, entity, key, before)
        VALUES (NEW.pool_id, (julianday('now') - 2440587.5) * 86400.0, 'user_groups',
            json_array(NEW.group_name, NEW.username_key), NULL);
    END;
    CREATE TRIGGER journal_memberships_delete AFTER DELETE ON user_groups
    WHEN EXISTS (SELECT 1 FROM pools WHERE id = OLD.pool_id)
    BEGIN
        INSERT INTO pool_journal (pool_id, at, entity, key, before)
        VALUES (OLD.pool_id, (julianday('now') - 2440587.5) * 86400.0, 'user_groups',
            json_array(OLD.group_name, OLD.username_key),
            json_object('group_name', OLD.group_name, 'username_key', OLD.username_key));
    END;
    """,
        # The journal keeps itself to the longest recovery period (14 days) and a day: every thousandth
        # entry drops what is older.
        2: """
    CREATE TRIGGER journal_forget_old AFTER INSERT ON pool_journal WHEN NEW.seq % 1000 = 0 BEGIN
        DELETE FROM pool_journal WHERE at < NEW.at - 15 * 86400.0;
    END;
    """,
    },
    # user_import.py
    "user_import": {
        1: """
    CREATE TABLE user_import_jobs (
        job_id TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        created REAL NOT NULL,
        doc TEXT NOT NULL                   -- UserImportJobType plus progress (_line, _expires)
    );
    CREATE INDEX user_import_jobs_by_pool ON user_import_jobs(pool_id, created, job_id);
    CREATE TABLE user_import_uploads (
        job_id TEXT PRIMARY KEY REFERENCES user_import_jobs(job_id) ON DELETE CASCADE,
        body BLOB NOT NULL
    );
    CREATE TABLE user_import_keys (
        name TEXT PRIMARY KEY,
        secret TEXT NOT NULL
    );
    """,
    },
    # auth/sessions.py: failures for usernames that match nobody (PreventUserExistenceErrors)
    "phantom_lockouts": {
        1: """
    CREATE TABLE phantom_lockouts (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        username_key TEXT NOT NULL,
        doc TEXT NOT NULL,                  -- the lockout state, as a user's secret keeps it
        last REAL NOT NULL,
        PRIMARY KEY (pool_id, username_key)
    );
    CREATE INDEX phantom_lockouts_by_last ON phantom_lockouts(last);
    """,
    },
    # managed_login.py: managed login branding styles, one per app client, and their image assets
    "managed_login": {
        1: """
    CREATE TABLE managed_login_brandings (
        id TEXT PRIMARY KEY,                -- ManagedLoginBrandingId
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL UNIQUE REFERENCES clients(id) ON DELETE CASCADE,
        created REAL NOT NULL,
        modified REAL NOT NULL,
        doc TEXT NOT NULL                   -- UseCognitoProvidedValues and the customized Settings
    );
    CREATE INDEX managed_login_brandings_by_pool ON managed_login_brandings(pool_id);
    CREATE TABLE managed_login_assets (
        branding_id TEXT NOT NULL REFERENCES managed_login_brandings(id) ON DELETE CASCADE,
        category TEXT NOT NULL,
        color_mode TEXT NOT NULL,
        resource_id TEXT NOT NULL,          -- '' when the asset has none
        extension TEXT NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (branding_id, category, color_mode, resource_id)
    ) WITHOUT ROWID;
    """,
    },
    # terms.py: terms of use and privacy policy links of app clients
    "terms": {
        1: """
    CREATE TABLE terms (
        id TEXT PRIMARY KEY,                -- TermsId
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        name TEXT NOT NULL,                 -- TermsName: terms-of-use | privacy-policy
        created REAL NOT NULL,
        modified REAL NOT NULL,
        doc TEXT NOT NULL,                  -- TermsSource, Enforcement, Links
        UNIQUE (client_id, name)
    );
    CREATE INDEX terms_by_pool ON terms(pool_id, created, id);
    """,
    },
    # limits.py: the account's provisioned API rate limits (UpdateProvisionedLimit), by category
    "provisioned_limits": {
        1: """
    CREATE TABLE provisioned_limits (
        limit_class TEXT NOT NULL,          -- API_CATEGORY
        category TEXT NOT NULL,
        value INTEGER NOT NULL,             -- requests per second
        modified REAL NOT NULL,
        PRIMARY KEY (limit_class, category)
    ) WITHOUT ROWID;
    """,
    },
    # linking.py: the identities of external identity providers and the user each signs in as
    "federation": {
        1: """
    CREATE TABLE federated_identities (
        pool_id TEXT NOT NULL,
        provider_name TEXT NOT NULL,
        attribute_name TEXT NOT NULL,       -- Cognito_Subject, or the user pool attribute a link names
        attribute_value TEXT NOT NULL,
        username_key TEXT NOT NULL,         -- the user this identity signs in as
        created REAL NOT NULL,
        PRIMARY KEY (pool_id, provider_name, attribute_name, attribute_value),
        FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX federated_identities_by_user ON federated_identities(pool_id, username_key);
    -- SAML assertion IDs already consumed, kept until the assertion would have expired (replay refusal).
    CREATE TABLE saml_assertions (
        pool_id TEXT NOT NULL,
        assertion_id TEXT NOT NULL,
        expires REAL NOT NULL,
        PRIMARY KEY (pool_id, assertion_id)
    ) WITHOUT ROWID;
    CREATE INDEX saml_assertions_by_expiry ON saml_assertions(expires);
    -- A hosted-UI sign-in sent to an identity provider, by the state (OIDC) or RelayState (SAML) it carries.
    CREATE TABLE federation_requests (
        state TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL,
        provider_name TEXT NOT NULL,
        expires REAL NOT NULL,
        doc TEXT NOT NULL                   -- the pending authorization, nonce, SAML request ID
    );
    CREATE INDEX federation_requests_by_expiry ON federation_requests(expires);
    """,
    },
    # webauthn.py: users' passkeys, and the registrations StartWebAuthnRegistration began
    "webauthn": {
        1: """
    CREATE TABLE webauthn_credentials (
        pool_id TEXT NOT NULL,
        username_key TEXT NOT NULL,
        credential_id TEXT NOT NULL,        -- base64url
        public_key BLOB NOT NULL,           -- COSE_Key
        sign_count INTEGER NOT NULL,
        relying_party_id TEXT NOT NULL,
        friendly_name TEXT NOT NULL,
        attachment TEXT,                    -- platform | cross-platform
        transports TEXT NOT NULL,           -- JSON list
        aaguid TEXT NOT NULL,
        attestation_format TEXT NOT NULL,
        user_verified INTEGER NOT NULL,
        created REAL NOT NULL,
        last_used REAL,
        PRIMARY KEY (pool_id, credential_id),
        FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX webauthn_credentials_by_user ON webauthn_credentials(pool_id, username_key, created, credential_id);
    CREATE TABLE webauthn_registrations (
        pool_id TEXT NOT NULL,
        username_key TEXT NOT NULL,
        challenge TEXT NOT NULL,            -- base64url
        client_id TEXT NOT NULL,
        relying_party_id TEXT NOT NULL,
        user_verification TEXT NOT NULL,
        created REAL NOT NULL,
        expires REAL NOT NULL,
        PRIMARY KEY (pool_id, username_key, challenge),
        FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX webauthn_registrations_by_expiry ON webauthn_registrations(expires);
    """,
    },
    # cimd.py: client ID metadata document policies, and the documents fetched for them
    "cimd": {
        1: """
    CREATE TABLE cimd_policies (
        id TEXT PRIMARY KEY,                -- CIMDPolicyId
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,            -- the app client; the policy outlives it
        name TEXT NOT NULL,
        created REAL NOT NULL,
        modified REAL NOT NULL,
        doc TEXT NOT NULL                   -- URLPatterns, CacheDuration
    );
    CREATE INDEX cimd_policies_by_pool ON cimd_policies(pool_id, created, id);
    CREATE TABLE cimd_documents (
        policy_id TEXT NOT NULL REFERENCES cimd_policies(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        doc TEXT NOT NULL,                  -- the client metadata document, as checked
        cached REAL NOT NULL,
        expires REAL NOT NULL,
        PRIMARY KEY (policy_id, url)
    ) WITHOUT ROWID;
    """,
    },
    # recovery.py: the passkeys users register and delete, in the recovery journal (after "webauthn",
    # whose table the triggers watch). A passkey's use changes nothing a recovery restores.
    "recovery_passkeys": {
        1: """
    CREATE TRIGGER journal_passkeys_insert AFTER INSERT ON webauthn_credentials BEGIN
        INSERT INTO pool_journal (pool_id, at, entity, key, before)
        VALUES (NEW.pool_id, (julianday('now') - 2440587.5) * 86400.0, 'passkeys', NEW.credential_id, NULL);
    END;
    CREATE TRIGGER journal_passkeys_delete AFTER DELETE ON webauthn_credentials
    WHEN EXISTS (SELECT 1 FROM pools WHERE id = OLD.pool_id)
    BEGIN
        INSERT INTO pool_journal (pool_id, at, entity, key, before)
        VALUES (OLD.pool_id, (julianday('now') - 2440587.5) * 86400.0, 'passkeys', OLD.credential_id, json_object(
            'pool_id', OLD.pool_id, 'username_key', OLD.username_key, 'credential_id', OLD.credential_id,
            'public_key', hex(OLD.public_key), 'sign_count', OLD.sign_count, 'relying_party_id', OLD.relying_party_id,
            'friendly_name', OLD.friendly_name, 'attachment', OLD.attachment, 'transports', OLD.transports,
            'aaguid', OLD.aaguid, 'attestation_format', OLD.attestation_format, 'user_verified', OLD.user_verified,
            'created', OLD.created, 'last_used', OLD.last_used));
    END;
    """,
    },
    # saml_keys.py and hosted_ui/federation/logout.py: the key pair Amazon Cognito gives each SAML provider
    # (encrypted assertions), and the SAML sign-ins single logout ends
    "saml": {
        1: """
    CREATE TABLE saml_encryption_keys (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        provider_name TEXT NOT NULL,
        material TEXT NOT NULL,             -- PEM (PKCS#8) of the RSA key
        certificate TEXT NOT NULL,          -- base64 DER, the provider's ActiveEncryptionCertificate
        created REAL NOT NULL,
        PRIMARY KEY (pool_id, provider_name)
    ) WITHOUT ROWID;
    CREATE TABLE saml_sessions (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        provider_name TEXT NOT NULL,
        name_id TEXT NOT NULL,              -- the assertion's NameID, which a LogoutRequest names
        username_key TEXT NOT NULL,
        name_id_format TEXT,
        session_index TEXT,                 -- the AuthnStatement's SessionIndex
        expires REAL NOT NULL,
        PRIMARY KEY (pool_id, provider_name, name_id)
    ) WITHOUT ROWID;
    CREATE INDEX saml_sessions_by_user ON saml_sessions(pool_id, username_key);
    """,
    },
    # session_tracking.py: the hosted UI (SSO) session a token session came through (OriginSessionId)
    "session_links": {
        1: """
    ALTER TABLE token_sessions ADD COLUMN origin_session TEXT;
    CREATE INDEX token_sessions_by_origin_session ON token_sessions(origin_session);
    """,
    },
}
