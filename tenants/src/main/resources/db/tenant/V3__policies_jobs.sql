-- Policies (immutable versions, soft delete), their deployments to groups, and the tenant's jobs
-- with dependencies and execution history. When a job runs is db-scheduler's business (system
-- database); what a job is and what it did lives here, beside the servers it works on.

CREATE TABLE policies (
    id              BIGSERIAL PRIMARY KEY,
    name            TEXT NOT NULL,
    type            TEXT NOT NULL,
    current_version INTEGER NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    deleted_at      TIMESTAMPTZ
);
-- A deleted policy's name may be reused; a live one's may not.
CREATE UNIQUE INDEX policies_live_name ON policies (lower(name)) WHERE deleted_at IS NULL;

-- Rows are only ever inserted: a PUT makes version n+1, history stays as it was.
CREATE TABLE policy_versions (
    policy_id   BIGINT NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    description TEXT,
    -- The document with the catalogue's defaults filled, as validated on save.
    spec        JSONB NOT NULL,
    -- How deployed jobs run: {"type":"cron","expression":"0 2 * * *"} and the like.
    schedule    JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT NOT NULL,
    PRIMARY KEY (policy_id, version)
);

CREATE TABLE policy_deployments (
    id             BIGSERIAL PRIMARY KEY,
    policy_id      BIGINT NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
    -- Kept as history when the group goes; the name says which group it was.
    group_id       BIGINT REFERENCES server_groups(id) ON DELETE SET NULL,
    group_name     TEXT NOT NULL,
    version        INTEGER NOT NULL,
    deployed_at    TIMESTAMPTZ NOT NULL,
    deployed_by    TEXT NOT NULL,
    undeployed_at  TIMESTAMPTZ,
    undeployed_by  TEXT
);
CREATE UNIQUE INDEX policy_deployments_active ON policy_deployments (policy_id, group_id) WHERE undeployed_at IS NULL;
CREATE INDEX policy_deployments_group ON policy_deployments (group_id);

CREATE TABLE jobs (
    id                    BIGSERIAL PRIMARY KEY,
    name                  TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    type                  TEXT NOT NULL CHECK (type IN ('policy_execution', 'data_collection', 'custom_script', 'alert_check', 'maintenance')),
    configuration         JSONB NOT NULL DEFAULT '{}',
    schedule_type         TEXT NOT NULL CHECK (schedule_type IN ('once', 'interval', 'cron', 'event')),
    cron                  TEXT,
    interval_seconds      INTEGER CHECK (interval_seconds > 0),
    run_at                TIMESTAMPTZ,
    enabled               BOOLEAN NOT NULL DEFAULT TRUE,
    next_run_at           TIMESTAMPTZ,
    priority              INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN -100 AND 100),
    timeout_seconds       INTEGER NOT NULL DEFAULT 1800 CHECK (timeout_seconds > 0),
    max_retries           INTEGER NOT NULL DEFAULT 0 CHECK (max_retries BETWEEN 0 AND 10),
    retry_backoff_seconds INTEGER NOT NULL DEFAULT 60 CHECK (retry_backoff_seconds > 0),
    -- 'run_once': runs missed while no scheduler was up run once on start; 'skip': they are recorded as skipped.
    misfire_policy        TEXT NOT NULL DEFAULT 'run_once' CHECK (misfire_policy IN ('run_once', 'skip')),
    -- Two jobs never run on one server at once unless both allow it.
    allow_concurrent      BOOLEAN NOT NULL DEFAULT FALSE,
    server_id             BIGINT REFERENCES servers(id) ON DELETE CASCADE,
    -- Set for jobs a policy deployment made; undeploying removes them.
    deployment_id         BIGINT REFERENCES policy_deployments(id) ON DELETE CASCADE,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX jobs_server ON jobs (server_id);
CREATE INDEX jobs_deployment ON jobs (deployment_id);

-- "job_id runs after depends_on succeeds"; several rows for one job are a fan-in (all must succeed).
CREATE TABLE job_dependencies (
    job_id     BIGINT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    depends_on BIGINT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, depends_on),
    CHECK (job_id <> depends_on)
);
CREATE INDEX job_dependencies_upstream ON job_dependencies (depends_on);

CREATE TABLE job_executions (
    id            BIGSERIAL PRIMARY KEY,
    job_id        BIGINT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    server_id     BIGINT,
    status        TEXT NOT NULL CHECK (status IN ('running', 'success', 'failed', 'skipped', 'timed_out')),
    attempt       INTEGER NOT NULL DEFAULT 1,
    trigger       TEXT NOT NULL,
    scheduled_for TIMESTAMPTZ,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    duration_ms   BIGINT,
    result        JSONB,
    error         TEXT,
    -- The scheduler node that ran it: a 'running' row of a node that died is how recovery finds it.
    node          TEXT NOT NULL
);
CREATE INDEX job_executions_job ON job_executions (job_id, started_at DESC);
CREATE INDEX job_executions_server ON job_executions (server_id, started_at DESC);
CREATE INDEX job_executions_started ON job_executions (started_at);
CREATE INDEX job_executions_running ON job_executions (job_id) WHERE status = 'running';

INSERT INTO settings (key, value) VALUES ('job_execution_retention_days', '30') ON CONFLICT (key) DO NOTHING;
INSERT INTO settings (key, value) VALUES ('job_concurrency', '4') ON CONFLICT (key) DO NOTHING;
