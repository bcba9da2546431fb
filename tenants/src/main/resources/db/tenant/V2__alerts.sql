-- Alerts received from Alertmanager, their state changes, and the tenant's custom alert rules.

-- One row per alert occurrence: Alertmanager's fingerprint identifies the label set, startsAt the
-- firing episode, so the pair stays the same across Alertmanager's retries and repeat notifications.
CREATE TABLE alerts (
    id             BIGSERIAL PRIMARY KEY,
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
    -- Acknowledgement: an Alertmanager silence created through the API.
    ack_by         TEXT,
    ack_comment    TEXT,
    ack_at         TIMESTAMPTZ,
    ack_silence_id TEXT,
    ack_until      TIMESTAMPTZ,
    UNIQUE (fingerprint, starts_at)
);
CREATE INDEX alerts_status_starts ON alerts (status, starts_at DESC);
CREATE INDEX alerts_server ON alerts (server);

CREATE TABLE alert_events (
    id       BIGSERIAL PRIMARY KEY,
    alert_id BIGINT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    at       TIMESTAMPTZ NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('firing', 'resolved', 'acknowledged')),
    actor    TEXT,
    details  JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX alert_events_alert ON alert_events (alert_id, at);

-- Custom threshold rules, rendered into the tenant's Prometheus rules file.
CREATE TABLE alert_rules (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    metric       TEXT NOT NULL,
    operator     TEXT NOT NULL CHECK (operator IN ('gt', 'gte', 'lt', 'lte', 'eq')),
    threshold    DOUBLE PRECISION NOT NULL,
    for_duration TEXT NOT NULL,
    severity     TEXT NOT NULL CHECK (severity IN ('critical', 'warning', 'info')),
    enabled      BOOLEAN NOT NULL DEFAULT TRUE,
    -- [{"label", "op", "value"}], op one of =, !=, =~, !~
    matchers     JSONB NOT NULL DEFAULT '[]',
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- Every tenant starts with CPU and memory above 90 % (the normalized ratios, docs/metrics.md).
INSERT INTO alert_rules (name, metric, operator, threshold, for_duration, severity, enabled, created_at, updated_at) VALUES
    ('CpuAbove90Percent', 'dbtools_cpu_utilization_ratio', 'gt', 0.9, '10m', 'warning', TRUE, now(), now()),
    ('MemoryAbove90Percent', 'dbtools_memory_utilization_ratio', 'gt', 0.9, '10m', 'warning', TRUE, now(), now());

-- Health thresholds of GET /api/servers/health, in percent (defaults as in the alert-rules mixin).
INSERT INTO settings (key, value) VALUES
    ('health_cpu_warning_percent', '80'),
    ('health_cpu_critical_percent', '95'),
    ('health_memory_warning_percent', '85'),
    ('health_memory_critical_percent', '95')
ON CONFLICT (key) DO NOTHING;
