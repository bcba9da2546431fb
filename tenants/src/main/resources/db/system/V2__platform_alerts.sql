-- The alertmanager token role, and alerts that name no known tenant (filed at platform level).

DO $$
DECLARE c record;
BEGIN
    -- V1's role checks were created unnamed; drop them by what they check, then add named ones.
    FOR c IN SELECT conname FROM pg_constraint
             WHERE conrelid = 'api_tokens'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%role%'
    LOOP
        EXECUTE format('ALTER TABLE api_tokens DROP CONSTRAINT %I', c.conname);
    END LOOP;
END $$;
ALTER TABLE api_tokens
    ADD CONSTRAINT api_tokens_role_known
        CHECK (role IN ('super-admin', 'tenant-admin', 'operator', 'viewer', 'exporter', 'alertmanager')),
    ADD CONSTRAINT api_tokens_tenant_bound
        CHECK (role IN ('super-admin', 'exporter', 'alertmanager') OR tenant_id IS NOT NULL),
    ADD CONSTRAINT api_tokens_unbound_roles
        CHECK (role NOT IN ('super-admin', 'alertmanager') OR tenant_id IS NULL);

-- Same shape as a tenant's alerts table, plus the tenant label as received (null when absent).
CREATE TABLE platform_alerts (
    id             BIGSERIAL PRIMARY KEY,
    tenant         TEXT,
    fingerprint    TEXT NOT NULL,
    starts_at      TIMESTAMPTZ NOT NULL,
    ends_at        TIMESTAMPTZ,
    status         TEXT NOT NULL CHECK (status IN ('firing', 'resolved')),
    alertname      TEXT NOT NULL,
    severity       TEXT,
    server         TEXT,
    labels         JSONB NOT NULL,
    annotations    JSONB NOT NULL DEFAULT '{}',
    generator_url  TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    ack_by         TEXT,
    ack_comment    TEXT,
    ack_at         TIMESTAMPTZ,
    ack_silence_id TEXT,
    ack_until      TIMESTAMPTZ,
    UNIQUE (fingerprint, starts_at)
);
CREATE INDEX platform_alerts_status_starts ON platform_alerts (status, starts_at DESC);

CREATE TABLE platform_alert_events (
    id       BIGSERIAL PRIMARY KEY,
    alert_id BIGINT NOT NULL REFERENCES platform_alerts(id) ON DELETE CASCADE,
    at       TIMESTAMPTZ NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('firing', 'resolved', 'acknowledged')),
    actor    TEXT,
    details  JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX platform_alert_events_alert ON platform_alert_events (alert_id, at);
