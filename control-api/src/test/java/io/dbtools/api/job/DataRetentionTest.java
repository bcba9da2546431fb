package io.dbtools.api.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.api.testing.TestApi;
import io.dbtools.tenants.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The daily purge: per-tenant settings, batches, tables that may not exist yet, one log line per table. */
class DataRetentionTest {

    @Test
    void rows_past_each_setting_go_in_batches_and_running_executions_stay() throws Exception {
        String slug = TestApi.newTenant("retention");
        var tenant = TestDb.platform().registry().bySlug(slug).orElseThrow();
        try (TenantPools pools = new TenantPools(TestDb.platform().secrets(), null, 1)) {
            Db db = pools.db(tenant);
            Instant now = Instant.parse("2026-06-01T00:00:00Z");
            db.update("INSERT INTO settings (key, value) VALUES ('job_execution_retention_days', '10') "
                    + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value");
            long job = db.one("INSERT INTO jobs (name, type, schedule_type, interval_seconds, created_at, updated_at) "
                    + "VALUES ('old', 'custom_script', 'interval', 60, ?, ?) RETURNING id", rs -> rs.getLong(1), now, now).orElseThrow();
            // 12,000 executions 20 days old (more than two batches), 5 from yesterday, one old one still running
            db.update("INSERT INTO job_executions (job_id, status, trigger, started_at, node) SELECT ?, 'success', 'schedule', ?, 'n' "
                    + "FROM generate_series(1, 12000)", job, now.minus(Duration.ofDays(20)));
            db.update("INSERT INTO job_executions (job_id, status, trigger, started_at, node) SELECT ?, 'failed', 'schedule', ?, 'n' "
                    + "FROM generate_series(1, 5)", job, now.minus(Duration.ofDays(1)));
            db.update("INSERT INTO job_executions (job_id, status, trigger, started_at, node) VALUES (?, 'running', 'schedule', ?, 'n')",
                    job, now.minus(Duration.ofDays(20)));
            // activity keeps its 90-day default: 100 days old goes, 30 days old stays
            db.update("INSERT INTO activity (at, actor, action, entity_type) VALUES (?, 'a', 'x', 'y'), (?, 'a', 'x', 'y')",
                    now.minus(Duration.ofDays(100)), now.minus(Duration.ofDays(30)));
            long activityBefore = db.count("SELECT count(*) FROM activity");
            // alert history (90-day default): an old resolved alert goes with its events; an old one still firing stays
            for (String[] a : new String[][] {{"f-old-resolved", "resolved", "100"}, {"f-old-firing", "firing", "100"},
                    {"f-recent-resolved", "resolved", "10"}}) {
                Instant at = now.minus(Duration.ofDays(Long.parseLong(a[2])));
                long id = db.one("INSERT INTO alerts (fingerprint, starts_at, status, alertname, labels, created_at, updated_at) "
                        + "VALUES (?, ?, ?, 'DbToolsX', '{}'::jsonb, ?, ?) RETURNING id", rs -> rs.getLong(1), a[0], at, a[1], at, at).orElseThrow();
                db.update("INSERT INTO alert_events (alert_id, at, kind) VALUES (?, ?, 'firing')", id, at);
            }

            var retention = new DataRetention(TestDb.platform().registry(), pools, new Db(TestDb.platform().system()),
                    Clock.fixed(now, ZoneOffset.UTC));
            long removed = retention.purge(db, slug, DataRetention.TENANT_TABLES);

            assertEquals(12_002, removed);
            assertEquals(6, db.count("SELECT count(*) FROM job_executions"));
            assertEquals(1, db.count("SELECT count(*) FROM job_executions WHERE status = 'running'"));
            assertEquals(activityBefore - 1, db.count("SELECT count(*) FROM activity"));
            assertEquals(0, db.count("SELECT count(*) FROM activity WHERE at < ?", now.minus(Duration.ofDays(90))));
            assertEquals(List.of("f-old-firing", "f-recent-resolved"),
                    db.list("SELECT fingerprint FROM alerts ORDER BY fingerprint", rs -> rs.getString(1)));
            assertEquals(2, db.count("SELECT count(*) FROM alert_events"), "events of a purged alert go with it");
            String log = Files.readString(Path.of("target/test-api.log"));
            assertTrue(log.contains("retention: removed 12000 rows of job_executions older than 10 days from " + slug), "log line");
        }
    }

    @Test
    void the_retention_task_is_registered_with_the_scheduler() {
        List<String> tasks = TestApi.scheduler().client().getScheduledExecutions().stream()
                .map(e -> e.getTaskInstance().getTaskName()).toList();
        assertTrue(tasks.contains("dbtools-retention"), tasks.toString());
    }
}
