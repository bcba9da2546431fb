package io.dbtools.api.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.db.TenantPools;
import io.dbtools.api.testing.Await;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.api.web.Json;
import io.dbtools.tenants.Databases;
import io.dbtools.tenants.testing.TestDb;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The job series on the control API's /metrics, which the job alerts (alert-rules, dbtools-jobs group) are written against. */
class JobMetricsTest {

    private static final Http http = TestApi.http();
    private static String slug;
    private static String op;
    private static long serverId;

    @BeforeAll
    static void tenant() {
        slug = TestApi.newTenant("jobmetrics");
        op = TestApi.token(slug, "operator");
        serverId = http.post("/api/servers", op, null, TestApi.pgServer("metrics-target", null)).json().at("/server/id").asLong();
    }

    static long job(String name, String sql, String schedule) {
        var r = http.post("/api/jobs", op, null, "{\"name\":\"" + name + "\",\"type\":\"custom_script\",\"serverId\":" + serverId
                + ",\"configuration\":{\"postgres\":{\"script\":\"" + sql + "\"}},\"schedule\":" + schedule + "}");
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asLong();
    }

    static void runAndWait(long id, int executions) {
        assertEquals(202, http.post("/api/jobs/" + id + "/run", op, null, null).status());
        Await.until(executions + " executions of job " + id, Duration.ofSeconds(30), () -> {
            JsonNode items = http.get("/api/jobs/" + id + "/executions", op, null).json().get("items");
            return items.size() == executions && !items.get(0).get("status").asText().equals("running") ? items : null;
        });
    }

    /** The value of the one sample of {@code metric} for this tenant's job {@code id}, if any. */
    static Optional<Double> sample(String metrics, String metric, long id) {
        List<String> lines = metrics.lines().filter(l -> l.startsWith(metric + "{") && l.contains("tenant=\"" + slug + "\"")
                && l.contains("job_id=\"" + id + "\"")).toList();
        assertTrue(lines.size() <= 1, "one series per job: " + lines);
        return lines.stream().findFirst().map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
    }

    static String metrics() {
        return http.get("/metrics", null, null).body();
    }

    @Test
    void a_job_shows_its_last_failure_then_its_last_success_its_interval_and_its_failures() {
        long id = job("toggle-outcome", "SELECT 1/0", "{\"type\":\"interval\",\"intervalSeconds\":3600}");
        runAndWait(id, 1);
        String failed = metrics();
        double failedAt = sample(failed, "dbtools_job_last_failure_timestamp_seconds", id).orElseThrow();
        assertTrue(Math.abs(failedAt - Instant.now().getEpochSecond()) < 60, "a Unix time in seconds: " + failedAt);
        assertEquals(Optional.empty(), sample(failed, "dbtools_job_last_success_timestamp_seconds", id), "never succeeded: no series");
        assertEquals(1.0, sample(failed, "dbtools_job_failures_total", id).orElseThrow());
        assertEquals(3600.0, sample(failed, "dbtools_job_interval_seconds", id).orElseThrow());
        assertTrue(failed.lines().anyMatch(l -> l.startsWith("dbtools_job_interval_seconds{") && l.contains("job_id=\"" + id + "\"")
                && l.contains("job_type=\"custom_script\"") && l.contains("policy_type=\"\"") && l.contains("server=\"metrics-target\"")), failed);

        var fixed = http.put("/api/jobs/" + id, op, null, "{\"name\":\"toggle-outcome\",\"type\":\"custom_script\",\"serverId\":" + serverId
                + ",\"configuration\":{\"postgres\":{\"script\":\"SELECT 1\"}},\"schedule\":{\"type\":\"cron\",\"cron\":\"0 */6 * * *\"}}");
        assertEquals(200, fixed.status(), fixed.body());
        runAndWait(id, 2);
        String ok = metrics();
        assertTrue(sample(ok, "dbtools_job_last_success_timestamp_seconds", id).orElseThrow() >= failedAt);
        assertEquals(1.0, sample(ok, "dbtools_job_failures_total", id).orElseThrow(), "a success does not reset the counter");
        assertEquals(6 * 3600.0, sample(ok, "dbtools_job_interval_seconds", id).orElseThrow(), "a cron job's gap between runs");
    }

    @Test
    void a_disabled_or_deleted_job_has_no_series_left() {
        long id = job("goes-away", "SELECT 1", "{\"type\":\"interval\",\"intervalSeconds\":600}");
        runAndWait(id, 1);
        assertTrue(sample(metrics(), "dbtools_job_last_success_timestamp_seconds", id).isPresent());
        http.post("/api/jobs/" + id + "/disable", op, null, null);
        String after = metrics();
        for (String metric : List.of("dbtools_job_last_success_timestamp_seconds", "dbtools_job_interval_seconds",
                "dbtools_job_failures_total", "dbtools_job_duration_seconds_count")) {
            assertEquals(Optional.empty(), sample(after, metric, id), metric + " of a disabled job");
        }

        long other = job("deleted", "SELECT 1", "{\"type\":\"interval\",\"intervalSeconds\":600}");
        runAndWait(other, 1);
        assertTrue(sample(metrics(), "dbtools_job_interval_seconds", other).isPresent());
        assertEquals(204, http.delete("/api/jobs/" + other, op, null).status());
        assertEquals(Optional.empty(), sample(metrics(), "dbtools_job_interval_seconds", other));
    }

    @Test
    void a_backup_policy_job_is_labelled_with_its_policy_type() {
        long group = http.post("/api/groups", op, null, "{\"name\":\"backed-up\"}").json().get("id").asLong();
        http.post("/api/groups/" + group + "/servers", op, null, "{\"serverIds\":[" + serverId + "]}");
        long policy = http.post("/api/policies", op, null, "{\"name\":\"nightly backup\",\"type\":\"backup\",\"spec\":{},"
                + "\"schedule\":{\"type\":\"cron\",\"cron\":\"0 2 * * *\"}}").json().get("id").asLong();
        long job = http.post("/api/policies/" + policy + "/deploy", op, null, "{\"groupIds\":[" + group + "]}").json()
                .at("/items/0/jobIds/0").asLong();
        runAndWait(job, 1);
        String m = metrics();
        assertTrue(m.lines().anyMatch(l -> l.startsWith("dbtools_job_last_success_timestamp_seconds{") && l.contains("job_id=\"" + job + "\"")
                && l.contains("job_type=\"policy_execution\"") && l.contains("policy_type=\"backup\"")), m);
        assertEquals(86400.0, sample(m, "dbtools_job_interval_seconds", job).orElseThrow());
    }

    @Test
    void a_starting_node_seeds_every_enabled_jobs_series_from_the_history() throws Exception {
        long ok = job("seeded-ok", "SELECT 1", "{\"type\":\"interval\",\"intervalSeconds\":900}");
        long bad = job("seeded-bad", "SELECT 1/0", "{\"type\":\"interval\",\"intervalSeconds\":900}");
        runAndWait(ok, 1);
        runAndWait(bad, 1);
        JsonNode okRun = http.get("/api/jobs/" + ok + "/executions", op, null).json().at("/items/0");

        // a second node, not started: what would it export before its first run?
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var platform = TestDb.platform();
        var server = TestDb.server();
        try (var pool = Databases.pool("seed-test", server.url(Databases.SYSTEM_DATABASE), server.adminUser(), server.adminPassword(), 2);
             var pools = new TenantPools(platform.secrets(), null, 1)) {
            var node = new JobScheduler(pool, platform.registry(), pools, new JobRepository(Json.mapper()), Map.of(),
                    new JobMetrics(registry), Clock.systemUTC(), TestApi.SCHEDULER, List.of());
            node.seedMetrics();
        }
        String seeded = registry.scrape();
        assertEquals((double) Instant.parse(okRun.get("finishedAt").asText()).getEpochSecond(),
                sample(seeded, "dbtools_job_last_success_timestamp_seconds", ok).orElseThrow());
        assertTrue(sample(seeded, "dbtools_job_last_failure_timestamp_seconds", bad).isPresent());
        assertEquals(Optional.empty(), sample(seeded, "dbtools_job_last_success_timestamp_seconds", bad));
        assertEquals(0.0, sample(seeded, "dbtools_job_failures_total", bad).orElseThrow(), "the counter starts at zero, so the next failure is an increase");
        assertEquals(900.0, sample(seeded, "dbtools_job_interval_seconds", ok).orElseThrow());
    }
}
