-- One tenant's database: its servers, groups, labels, settings and activity log.

CREATE TABLE servers (
    id                  BIGSERIAL PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    engine              TEXT NOT NULL CHECK (engine IN ('postgres', 'mssql', 'mongodb', 'snowflake', 'cockroachdb')),
    host                TEXT NOT NULL,
    port                INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    database_name       TEXT,
    -- instance, account, warehouse and other engine-specific options.
    options             JSONB NOT NULL DEFAULT '{}',
    auth_type           TEXT NOT NULL CHECK (auth_type IN ('password', 'kerberos', 'key_pair', 'none')),
    username            TEXT,
    -- AES-256-GCM (nonce || ciphertext+tag); never the plain password.
    password_enc        BYTEA,
    -- env:VAR or file:/path, instead of a stored password.
    secret_ref          TEXT,
    tls_mode            TEXT NOT NULL DEFAULT 'prefer',
    tls_ca_file         TEXT,
    tls_cert_file       TEXT,
    tls_key_file        TEXT,
    tls_trust_server_certificate BOOLEAN NOT NULL DEFAULT FALSE,
    enabled             BOOLEAN NOT NULL DEFAULT TRUE,
    status              TEXT NOT NULL DEFAULT 'unknown',
    status_message      TEXT,
    version             TEXT,
    edition             TEXT,
    missing_permissions TEXT[] NOT NULL DEFAULT '{}',
    checked_at          TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CHECK (password_enc IS NULL OR secret_ref IS NULL)
);
CREATE INDEX servers_host ON servers (host);
CREATE INDEX servers_engine ON servers (engine);

CREATE TABLE server_groups (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE server_group_members (
    group_id  BIGINT NOT NULL REFERENCES server_groups(id) ON DELETE CASCADE,
    server_id BIGINT NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, server_id)
);
CREATE INDEX server_group_members_server ON server_group_members (server_id);

CREATE TABLE labels (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    color      TEXT NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE server_labels (
    label_id  BIGINT NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    server_id BIGINT NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
    PRIMARY KEY (label_id, server_id)
);
CREATE INDEX server_labels_server ON server_labels (server_id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE activity (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT,
    entity_name TEXT,
    details     JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX activity_at ON activity (at DESC);
CREATE INDEX activity_entity ON activity (entity_type, entity_id);
