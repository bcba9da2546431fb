-- The system database: which tenants exist, where their databases live, who may call the API.

CREATE TABLE tenants (
    id              BIGSERIAL PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$'),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- 'provisioning' only while POST /api/tenants runs; a failed provisioning deletes the row.
    status          TEXT NOT NULL CHECK (status IN ('provisioning', 'active', 'suspended', 'deleted')),
    db_url          TEXT,
    db_user         TEXT,
    -- The tenant role's password, AES-256-GCM encrypted with the API's secret key.
    db_password_enc BYTEA,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE api_tokens (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('super-admin', 'tenant-admin', 'operator', 'viewer', 'exporter')),
    -- NULL only for super-admin and all-tenant exporter tokens.
    tenant_id    BIGINT REFERENCES tenants(id),
    -- SHA-256 of the token, hex; the token itself is shown once and never stored.
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    CHECK (role IN ('super-admin', 'exporter') OR tenant_id IS NOT NULL),
    CHECK (role <> 'super-admin' OR tenant_id IS NULL)
);

-- System-level actions (tenants, tokens); tenant-level actions live in each tenant database.
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

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('activity_retention_days', '90');
