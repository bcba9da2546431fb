package io.dbtools.api.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.db.Db;
import io.dbtools.api.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tenant's jobs, their dependencies and executions (tenant database). */
public final class JobRepository {

    private static final String COLUMNS = "j.id, j.name, j.type, j.configuration::text, j.schedule_type, j.cron, j.interval_seconds, "
            + "j.run_at, j.enabled, j.next_run_at, j.priority, j.timeout_seconds, j.max_retries, j.retry_backoff_seconds, "
            + "j.misfire_policy, j.allow_concurrent, j.server_id, j.deployment_id, j.created_at, j.updated_at, "
            + "(SELECT array_agg(d.depends_on ORDER BY d.depends_on) FROM job_dependencies d WHERE d.job_id = j.id) AS after";
    private static final String EXEC_COLUMNS = "id, job_id, server_id, status, attempt, trigger, scheduled_for, started_at, "
            + "finished_at, duration_ms, result::text, error, node";

    /** Filters of the job list; every one optional. */
    public record Query(String type, Long serverId, Boolean enabled) {}

    private final ObjectMapper mapper;

    public JobRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public long insert(Db tx, Job j, Instant now) {
        long id = tx.one("INSERT INTO jobs (name, type, configuration, schedule_type, cron, interval_seconds, run_at, enabled, "
                        + "next_run_at, priority, timeout_seconds, max_retries, retry_backoff_seconds, misfire_policy, allow_concurrent, "
                        + "server_id, deployment_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "RETURNING id", rs -> rs.getLong(1),
                j.name(), j.type(), json(j.configuration()), j.schedule().type(), j.schedule().cron(), j.schedule().intervalSeconds(),
                j.schedule().runAt(), j.enabled(), j.nextRunAt(), j.priority(), j.timeoutSeconds(), j.maxRetries(),
                j.retryBackoffSeconds(), j.misfirePolicy(), j.allowConcurrent(), j.serverId(), j.deploymentId(), now, now).orElseThrow();
        setDependencies(tx, id, j.schedule().afterOrEmpty());
        return id;
    }

    public void update(Db tx, long id, Job j, Instant now) {
        tx.update("UPDATE jobs SET name = ?, type = ?, configuration = ?, schedule_type = ?, cron = ?, interval_seconds = ?, run_at = ?, "
                        + "enabled = ?, next_run_at = ?, priority = ?, timeout_seconds = ?, max_retries = ?, retry_backoff_seconds = ?, "
                        + "misfire_policy = ?, allow_concurrent = ?, server_id = ?, updated_at = ? WHERE id = ?",
                j.name(), j.type(), json(j.configuration()), j.schedule().type(), j.schedule().cron(), j.schedule().intervalSeconds(),
                j.schedule().runAt(), j.enabled(), j.nextRunAt(), j.priority(), j.timeoutSeconds(), j.maxRetries(),
                j.retryBackoffSeconds(), j.misfirePolicy(), j.allowConcurrent(), j.serverId(), now, id);
        setDependencies(tx, id, j.schedule().afterOrEmpty());
    }

    private static void setDependencies(Db tx, long id, List<Long> after) {
        tx.update("DELETE FROM job_dependencies WHERE job_id = ?", id);
        if (!after.isEmpty()) {
            tx.update("INSERT INTO job_dependencies (job_id, depends_on) SELECT ?, x FROM unnest(?::bigint[]) x ON CONFLICT DO NOTHING",
                    id, after.toArray(Long[]::new));
        }
    }

    public void setNextRun(Db db, long id, Instant next) {
        db.update("UPDATE jobs SET next_run_at = ? WHERE id = ?", next, id);
    }

    public void setEnabled(Db db, long id, boolean enabled, Instant next, Instant now) {
        db.update("UPDATE jobs SET enabled = ?, next_run_at = ?, updated_at = ? WHERE id = ?", enabled, next, now, id);
    }

    public int delete(Db db, long id) {
        return db.update("DELETE FROM jobs WHERE id = ?", id);
    }

    public Optional<Job> find(Db db, long id) {
        return db.one("SELECT " + COLUMNS + " FROM jobs j WHERE j.id = ?", this::read, id);
    }

    public Paging.Page<Job> search(Db db, Query q, Paging paging) {
        List<Object> params = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (q.type() != null) {
            where.add("j.type = ?");
            params.add(q.type());
        }
        if (q.serverId() != null) {
            where.add("j.server_id = ?");
            params.add(q.serverId());
        }
        if (q.enabled() != null) {
            where.add("j.enabled = ?");
            params.add(q.enabled());
        }
        String w = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        long total = db.count("SELECT count(*) FROM jobs j" + w, params.toArray());
        params.add(paging.size());
        params.add(paging.offset());
        return paging.page(db.list("SELECT " + COLUMNS + " FROM jobs j" + w + " ORDER BY j.id LIMIT ? OFFSET ?", this::read,
                params.toArray()), total);
    }

    /** Every enabled job with a time-based schedule: what the scheduler must have a due time for. */
    public List<Job> timed(Db db) {
        return db.list("SELECT " + COLUMNS + " FROM jobs j WHERE j.enabled AND j.schedule_type <> 'event'", this::read);
    }

    /** Every enabled job, for the metrics seeded at start. */
    public List<Job> enabled(Db db) {
        return db.list("SELECT " + COLUMNS + " FROM jobs j WHERE j.enabled", this::read);
    }

    /** What a job's metrics say besides the job itself: its server's name, its policy's type, its last success and failure. */
    public record MetricFacts(String server, String policyType, Instant lastSuccess, Instant lastFailure) {}

    /** {@link MetricFacts} of every enabled job, by job id; one pass over the execution history. */
    public Map<Long, MetricFacts> metricFacts(Db db) {
        Map<Long, MetricFacts> out = new java.util.HashMap<>();
        db.list("SELECT j.id, s.name, p.type, "
                        + "(SELECT max(e.finished_at) FROM job_executions e WHERE e.job_id = j.id AND e.status = 'success') AS last_success, "
                        + "(SELECT max(e.finished_at) FROM job_executions e WHERE e.job_id = j.id AND e.status IN ('failed', 'timed_out')) "
                        + "AS last_failure FROM jobs j LEFT JOIN servers s ON s.id = j.server_id "
                        + "LEFT JOIN policies p ON j.type = 'policy_execution' AND p.id = (j.configuration->>'policyId')::bigint WHERE j.enabled",
                rs -> Map.entry(rs.getLong(1), new MetricFacts(rs.getString(2), rs.getString(3), Db.instant(rs, "last_success"),
                        Db.instant(rs, "last_failure")))).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The type of the policy a policy_execution job runs; empty for other jobs and for a deleted policy. */
    public Optional<String> policyType(Db db, Job job) {
        if (!JobType.POLICY_EXECUTION.label().equals(job.type()) || !job.configuration().path("policyId").canConvertToLong()) {
            return Optional.empty();
        }
        return db.one("SELECT type FROM policies WHERE id = ?", rs -> rs.getString(1), job.configuration().path("policyId").asLong());
    }

    /** The ids among {@code ids} that are not jobs of this tenant. */
    public List<Long> unknown(Db db, List<Long> ids) {
        return db.list("SELECT x FROM unnest(?::bigint[]) x WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = x)",
                rs -> rs.getLong(1), (Object) ids.toArray(Long[]::new));
    }

    /** True when {@code upstream} (transitively) depends on {@code job}: adding job→upstream would close a cycle. */
    public boolean reaches(Db db, long upstream, long job) {
        return db.count("WITH RECURSIVE up(id) AS (SELECT depends_on FROM job_dependencies WHERE job_id = ? "
                + "UNION SELECT d.depends_on FROM job_dependencies d JOIN up ON d.job_id = up.id) SELECT count(*) FROM up WHERE id = ?",
                upstream, job) > 0 || upstream == job;
    }

    /** Event jobs waiting on {@code upstream} whose every dependency has succeeded since their own last run. */
    public List<Job> readyDependents(Db db, long upstream) {
        return db.list("SELECT " + COLUMNS + " FROM jobs j JOIN job_dependencies dep ON dep.job_id = j.id AND dep.depends_on = ? "
                + "WHERE j.enabled AND j.schedule_type = 'event' AND NOT EXISTS ("
                + "  SELECT 1 FROM job_dependencies d WHERE d.job_id = j.id AND NOT EXISTS ("
                + "    SELECT 1 FROM job_executions e WHERE e.job_id = d.depends_on AND e.status = 'success' AND e.finished_at > "
                + "      coalesce((SELECT max(started_at) FROM job_executions own WHERE own.job_id = j.id), '-infinity'::timestamptz)))",
                this::read, upstream);
    }

    // --- executions

    /** Marks 'running' rows of this job as failed: only one run of a job is ever live, so any other is from a dead node. */
    public int abandon(Db db, long jobId, Instant now) {
        return db.update("UPDATE job_executions SET status = 'failed', finished_at = ?, "
                + "duration_ms = (extract(epoch FROM (?::timestamptz - started_at)) * 1000)::bigint, "
                + "error = 'abandoned: scheduler node ' || node || ' stopped before the run finished' WHERE job_id = ? AND status = 'running'",
                now, now, jobId);
    }

    public long start(Db db, long jobId, Long serverId, int attempt, String trigger, Instant scheduledFor, Instant now, String node) {
        return db.one("INSERT INTO job_executions (job_id, server_id, status, attempt, trigger, scheduled_for, started_at, node) "
                + "VALUES (?, ?, 'running', ?, ?, ?, ?, ?) RETURNING id", rs -> rs.getLong(1),
                jobId, serverId, attempt, trigger, scheduledFor, now, node).orElseThrow();
    }

    public void finish(Db db, long executionId, Execution.Status status, JsonNode result, String error, Instant now) {
        db.update("UPDATE job_executions SET status = ?, finished_at = ?, "
                        + "duration_ms = (extract(epoch FROM (?::timestamptz - started_at)) * 1000)::bigint, result = ?, error = ? WHERE id = ?",
                status.label(), now, now, result == null ? null : json(result), error, executionId);
    }

    /** A run that never started (missed and skipped by policy): recorded so the history shows it. */
    public long skipped(Db db, long jobId, Long serverId, String trigger, Instant scheduledFor, Instant now, String node, String why) {
        return db.one("INSERT INTO job_executions (job_id, server_id, status, attempt, trigger, scheduled_for, started_at, finished_at, "
                + "duration_ms, error, node) VALUES (?, ?, 'skipped', 1, ?, ?, ?, ?, 0, ?, ?) RETURNING id", rs -> rs.getLong(1),
                jobId, serverId, trigger, scheduledFor, now, now, why, node).orElseThrow();
    }

    public Paging.Page<Execution> executions(Db db, long jobId, String status, Long serverId, Paging paging) {
        List<Object> params = new ArrayList<>(List.of(jobId));
        String w = " WHERE job_id = ?";
        if (status != null) {
            w += " AND status = ?";
            params.add(status);
        }
        if (serverId != null) {
            w += " AND server_id = ?";
            params.add(serverId);
        }
        long total = db.count("SELECT count(*) FROM job_executions" + w, params.toArray());
        params.add(paging.size());
        params.add(paging.offset());
        return paging.page(db.list("SELECT " + EXEC_COLUMNS + " FROM job_executions" + w + " ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?",
                this::readExecution, params.toArray()), total);
    }

    public Optional<Execution> execution(Db db, long jobId, long executionId) {
        return db.one("SELECT " + EXEC_COLUMNS + " FROM job_executions WHERE job_id = ? AND id = ?", this::readExecution, jobId, executionId);
    }

    public Optional<Execution> lastExecution(Db db, long jobId) {
        return db.one("SELECT " + EXEC_COLUMNS + " FROM job_executions WHERE job_id = ? ORDER BY started_at DESC, id DESC LIMIT 1",
                this::readExecution, jobId);
    }

    public Map<Long, String> serverNames(Db db) {
        Map<Long, String> out = new java.util.HashMap<>();
        db.list("SELECT id, name FROM servers", rs -> Map.entry(rs.getLong(1), rs.getString(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private Db.Json json(JsonNode node) {
        try {
            return new Db.Json(mapper.writeValueAsString(node == null ? mapper.createObjectNode() : node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode tree(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored JSON is unreadable", e);
        }
    }

    private Job read(ResultSet rs) throws SQLException {
        java.sql.Array after = rs.getArray("after");
        List<Long> deps = after == null ? null : List.of((Long[]) after.getArray());
        Schedule schedule = new Schedule(rs.getString(5), rs.getString(6), (Integer) rs.getObject(7), Db.instant(rs, "run_at"), deps);
        return new Job(rs.getLong(1), rs.getString(2), rs.getString(3), tree(rs.getString(4)), schedule, rs.getBoolean(9),
                Db.instant(rs, "next_run_at"), rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getInt(14), rs.getString(15),
                rs.getBoolean(16), (Long) rs.getObject(17), (Long) rs.getObject(18), Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"));
    }

    private Execution readExecution(ResultSet rs) throws SQLException {
        return new Execution(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                Db.instant(rs, "scheduled_for"), Db.instant(rs, "started_at"), Db.instant(rs, "finished_at"), (Long) rs.getObject(10),
                tree(rs.getString(11)), rs.getString(12), rs.getString(13));
    }
}
