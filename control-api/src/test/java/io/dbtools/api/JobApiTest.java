package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.dbtools.api.testing.Await;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.tenants.testing.TestDb;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /api/jobs against the real scheduler: jobs run through db-scheduler on the embedded PostgreSQL. */
class JobApiTest {

    private static final Http http = TestApi.http();
    private static String slug;
    private static String op;
    private static long serverId;

    @BeforeAll
    static void tenant() {
        slug = TestApi.newTenant("jobs");
        op = TestApi.token(slug, "operator");
        serverId = http.post("/api/servers", op, null, TestApi.pgServer("job-target", null)).json().get("server").get("id").asLong();
    }

    static JsonNode create(String body) {
        var r = http.post("/api/jobs", op, null, body);
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    /** A custom_script job's configuration: {@code sql} for PostgreSQL servers. */
    static String sql(String sql) {
        return "{\"postgres\":{\"script\":\"" + sql + "\"}}";
    }

    /** A custom_script job running {@code sql} on the tenant's embedded-PostgreSQL server every hour. */
    static String script(String name, String sql, String extra) {
        return "{\"name\":\"" + name + "\",\"type\":\"custom_script\",\"serverId\":" + serverId + ",\"configuration\":" + sql(sql)
                + ",\"schedule\":{\"type\":\"interval\",\"intervalSeconds\":3600}" + (extra == null ? "" : "," + extra) + "}";
    }

    static List<JsonNode> executions(long job) {
        List<JsonNode> out = new ArrayList<>();
        http.get("/api/jobs/" + job + "/executions?size=100", op, null).json().get("items").forEach(out::add);
        return out.reversed();
    }

    static List<JsonNode> awaitFinished(long job, int count) {
        return Await.until(count + " finished executions of job " + job, Duration.ofSeconds(30), () -> {
            List<JsonNode> e = executions(job);
            return e.size() >= count && e.stream().noneMatch(x -> x.get("status").asText().equals("running")) ? e : null;
        });
    }

    @Test
    void a_job_is_created_with_its_schedule_in_words_and_runs_for_real_when_asked() {
        JsonNode job = create("{\"name\":\"nightly\",\"type\":\"custom_script\",\"configuration\":" + sql("SELECT 1") + ",\"serverId\":" + serverId
                + ",\"schedule\":{\"type\":\"cron\",\"cron\":\"0 2 * * *\"}}");
        assertEquals("At 02:00 every day", job.at("/schedule/description").asText());
        assertEquals(5, job.at("/schedule/nextRuns").size());
        assertEquals(1800, job.get("timeoutSeconds").asInt(), "30 minutes by default");
        assertTrue(Instant.parse(job.get("nextRunAt").asText()).isAfter(Instant.now()));
        long id = job.get("id").asLong();

        assertEquals(202, http.post("/api/jobs/" + id + "/run", op, null, null).status());
        JsonNode exec = awaitFinished(id, 1).get(0);
        assertEquals("success", exec.get("status").asText(), exec.toString());
        assertEquals("manual", exec.get("trigger").asText());
        assertEquals(serverId, exec.get("serverId").asLong());
        assertEquals(1, exec.at("/result/statements/0/rows_returned").asInt(), "the script ran on the server: " + exec);
        assertNotNull(exec.get("durationMs"));
        var one = http.get("/api/jobs/" + id + "/executions/" + exec.get("id").asLong(), op, null);
        assertEquals(200, one.status());
        assertEquals(exec.get("id"), one.json().get("id"));
        // after the manual run the cron schedule goes on
        JsonNode after = http.get("/api/jobs/" + id, op, null).json();
        assertTrue(Instant.parse(after.get("nextRunAt").asText()).isAfter(Instant.now()));
        assertEquals("success", after.at("/lastExecution/status").asText());

        String metrics = http.get("/metrics", null, null).body();
        assertTrue(metrics.contains("dbtools_job_last_success_timestamp_seconds{") && metrics.contains("tenant=\"" + slug + "\""), metrics);
        assertTrue(metrics.contains("dbtools_job_duration_seconds_count{"));
    }

    @Test
    void a_failing_job_is_retried_with_backoff_then_counted_as_failed() {
        long id = create(script("flaky", "SELECT 1/0", "\"maxRetries\":2,\"retryBackoffSeconds\":1")).get("id").asLong();
        http.post("/api/jobs/" + id + "/run", op, null, null);
        List<JsonNode> runs = awaitFinished(id, 3);
        assertEquals(3, runs.size());
        for (int i = 0; i < 3; i++) {
            assertEquals("failed", runs.get(i).get("status").asText());
            assertEquals(i + 1, runs.get(i).get("attempt").asInt());
            assertTrue(runs.get(i).get("error").asText().contains("division by zero"), runs.get(i).toString());
        }
        assertEquals("retry", runs.get(2).get("trigger").asText());
        Instant second = Instant.parse(runs.get(1).get("startedAt").asText());
        Instant third = Instant.parse(runs.get(2).get("startedAt").asText());
        assertTrue(Duration.between(second, third).toMillis() >= 1900, "second retry waits 2 × backoff: " + second + " → " + third);
        String metrics = http.get("/metrics", null, null).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("dbtools_job_failures_total{") && l.contains("job_name=\"flaky\"")
                && l.endsWith(" 3.0")), metrics);
    }

    @Test
    void a_job_past_its_timeout_is_timed_out() {
        long id = create(script("slow", "SELECT pg_sleep(10)", "\"timeoutSeconds\":1")).get("id").asLong();
        http.post("/api/jobs/" + id + "/run", op, null, null);
        JsonNode run = awaitFinished(id, 1).get(0);
        assertEquals("timed_out", run.get("status").asText());
        assertTrue(run.get("durationMs").asLong() < 5000);
    }

    @Test
    void dependent_jobs_run_after_their_upstreams_succeed_and_fan_in_waits_for_all() {
        long a = create(script("extract", "SELECT 1", null)).get("id").asLong();
        long b = create(script("load", "SELECT 1", null)).get("id").asLong();
        String onServer = "\"type\":\"custom_script\",\"serverId\":" + serverId + ",\"configuration\":" + sql("SELECT 1");
        long afterA = create("{\"name\":\"report\"," + onServer + ",\"schedule\":{\"type\":\"event\",\"after\":[" + a + "]}}")
                .get("id").asLong();
        long afterBoth = create("{\"name\":\"publish\"," + onServer + ",\"schedule\":{\"type\":\"event\",\"after\":[" + a + ","
                + b + "]}}").get("id").asLong();
        http.post("/api/jobs/" + a + "/run", op, null, null);
        JsonNode report = awaitFinished(afterA, 1).get(0);
        assertEquals("dependency", report.get("trigger").asText());
        assertTrue(executions(afterBoth).isEmpty(), "publish waits for load too");
        http.post("/api/jobs/" + b + "/run", op, null, null);
        assertEquals("success", awaitFinished(afterBoth, 1).get(0).get("status").asText());
        // a cycle is refused
        var cycle = http.put("/api/jobs/" + a, op, null, "{\"name\":\"extract\",\"type\":\"custom_script\",\"schedule\":"
                + "{\"type\":\"event\",\"after\":[" + afterA + "]}}");
        assertEquals(400, cycle.status(), cycle.body());
        assertEquals("schedule.after[0]", cycle.errorField());
    }

    @Test
    void two_jobs_never_run_on_one_server_at_once() {
        String cfg = "SELECT pg_sleep(0.7)";
        long x = create(script("server-x", cfg, null)).get("id").asLong();
        long y = create(script("server-y", cfg, null)).get("id").asLong();
        http.post("/api/jobs/" + x + "/run", op, null, null);
        http.post("/api/jobs/" + y + "/run", op, null, null);
        JsonNode rx = awaitFinished(x, 1).get(0);
        JsonNode ry = awaitFinished(y, 1).get(0);
        Instant xs = Instant.parse(rx.get("startedAt").asText()), xe = Instant.parse(rx.get("finishedAt").asText());
        Instant ys = Instant.parse(ry.get("startedAt").asText()), ye = Instant.parse(ry.get("finishedAt").asText());
        assertTrue(!xs.isBefore(ye) || !ys.isBefore(xe), "overlapping runs: " + rx + " / " + ry);
    }

    @Test
    void a_tenant_runs_no_more_jobs_at_once_than_its_job_concurrency() {
        String other = TestApi.newTenant("jobs-limit");
        String admin = TestApi.token(other, "tenant-admin");
        assertEquals(200, http.put("/api/settings", admin, null, "{\"job_concurrency\":1}").status());
        long server = http.post("/api/servers", admin, null, TestApi.pgServer("limit-target", null)).json().at("/server/id").asLong();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // allowConcurrent: no per-server lock, so only the tenant's limit keeps the runs apart
            var r = http.post("/api/jobs", admin, null, "{\"name\":\"limited-" + i + "\",\"type\":\"custom_script\",\"serverId\":" + server
                    + ",\"allowConcurrent\":true,\"configuration\":" + sql("SELECT pg_sleep(0.4)")
                    + ",\"schedule\":{\"type\":\"interval\",\"intervalSeconds\":3600}}");
            assertEquals(201, r.status(), r.body());
            ids.add(r.json().get("id").asLong());
        }
        ids.forEach(id -> http.post("/api/jobs/" + id + "/run", admin, null, null));
        List<Instant[]> spans = new ArrayList<>();
        for (long id : ids) {
            JsonNode run = Await.until("limited job " + id, Duration.ofSeconds(30), () -> {
                JsonNode items = http.get("/api/jobs/" + id + "/executions", admin, null).json().get("items");
                return items.size() == 1 && !items.get(0).get("status").asText().equals("running") ? items.get(0) : null;
            });
            spans.add(new Instant[] {Instant.parse(run.get("startedAt").asText()), Instant.parse(run.get("finishedAt").asText())});
        }
        spans.sort(java.util.Comparator.comparing(x -> x[0]));
        for (int i = 1; i < spans.size(); i++) {
            assertFalse(spans.get(i)[0].isBefore(spans.get(i - 1)[1]), "runs overlap although job_concurrency is 1");
        }
    }

    @Test
    void the_job_priority_is_the_scheduler_rows_priority() throws Exception {
        long id = create(script("urgent", "SELECT 1", "\"priority\":50")).get("id").asLong();
        long tenantId = TestDb.platform().registry().bySlug(slug).orElseThrow().id();
        try (var c = TestDb.superuser("dbtools_system");
             var st = c.prepareStatement("SELECT priority FROM scheduled_tasks WHERE task_name = 'dbtools-job' AND task_instance = ?")) {
            st.setString(1, "t" + tenantId + "-j" + id);
            try (var rs = st.executeQuery()) {
                assertTrue(rs.next(), "the job has its row in the system database");
                assertEquals(50, rs.getInt(1));
            }
        }
    }

    @Test
    void disabled_jobs_have_no_next_run_and_cannot_be_run() {
        long id = create(script("toggled", "SELECT 1", null)).get("id").asLong();
        JsonNode off = http.post("/api/jobs/" + id + "/disable", op, null, null).json();
        assertFalse(off.get("enabled").asBoolean());
        assertTrue(off.get("nextRunAt").isNull());
        assertEquals(409, http.post("/api/jobs/" + id + "/run", op, null, null).status());
        JsonNode on = http.post("/api/jobs/" + id + "/enable", op, null, null).json();
        assertTrue(on.get("enabled").asBoolean());
        assertFalse(on.get("nextRunAt").isNull());
        assertEquals(204, http.delete("/api/jobs/" + id, op, null).status());
        assertEquals(404, http.get("/api/jobs/" + id, op, null).status());
    }

    @Test
    void missed_runs_are_skipped_or_run_once_as_the_job_says() throws Exception {
        long skip = create(script("misfire-skip", "SELECT 1", "\"misfirePolicy\":\"skip\"")).get("id").asLong();
        long once = create(script("misfire-once", "SELECT 1", null)).get("id").asLong();
        long tenantId = TestDb.platform().registry().bySlug(slug).orElseThrow().id();
        // as if the scheduler had been down since an hour ago
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        for (long id : List.of(skip, once)) {
            TestApi.scheduler().client().reschedule(TaskInstanceId.of("dbtools-job", "t" + tenantId + "-j" + id), longAgo);
        }
        JsonNode skipped = awaitFinished(skip, 1).get(0);
        assertEquals("skipped", skipped.get("status").asText());
        assertTrue(skipped.get("error").asText().contains("misfire policy is skip"));
        JsonNode ran = awaitFinished(once, 1).get(0);
        assertEquals("success", ran.get("status").asText());
        assertEquals(1, executions(once).size(), "missed runs collapse into one");
        for (long id : List.of(skip, once)) {
            assertTrue(Instant.parse(http.get("/api/jobs/" + id, op, null).json().get("nextRunAt").asText()).isAfter(Instant.now()));
        }
    }

    @Test
    void cron_preview_describes_and_lists_the_next_five_times() {
        JsonNode p = http.get("/api/jobs/cron-preview?expression=0%202%20*%20*%20*", op, null).json();
        assertEquals("At 02:00 every day", p.get("description").asText());
        assertEquals(5, p.get("nextRuns").size());
        p.get("nextRuns").forEach(t -> assertTrue(t.asText().endsWith("T02:00:00Z"), t.asText()));
        var bad = http.get("/api/jobs/cron-preview?expression=99%20*%20*%20*%20*", op, null);
        assertEquals(400, bad.status());
        assertEquals("expression", bad.errorField());
    }

    @Test
    void invalid_jobs_are_400s_naming_the_field() {
        String ok = "\"type\":\"custom_script\",\"schedule\":{\"type\":\"interval\",\"intervalSeconds\":60}";
        record Case(String body, String field) {}
        List<Case> cases = List.of(
                new Case("{" + ok + "}", "name"),
                new Case("{\"name\":\"x\",\"type\":\"rocket\",\"schedule\":{\"type\":\"interval\",\"intervalSeconds\":60}}", "type"),
                new Case("{\"name\":\"x\",\"type\":\"custom_script\"}", "schedule.type"),
                new Case("{\"name\":\"x\",\"type\":\"custom_script\",\"schedule\":{\"type\":\"cron\",\"cron\":\"0 25 * * *\"}}", "schedule.cron"),
                new Case("{\"name\":\"x\",\"type\":\"custom_script\",\"schedule\":{\"type\":\"interval\",\"intervalSeconds\":1}}",
                        "schedule.intervalSeconds"),
                new Case("{\"name\":\"x\",\"type\":\"custom_script\",\"schedule\":{\"type\":\"once\"}}", "schedule.runAt"),
                new Case("{\"name\":\"x\",\"type\":\"custom_script\",\"schedule\":{\"type\":\"event\",\"after\":[987654]}}", "schedule.after[0]"),
                new Case("{\"name\":\"x\",\"type\":\"custom_script\",\"schedule\":{\"type\":\"cron\",\"cron\":\"0 2 * * *\",\"intervalSeconds\":5}}",
                        "schedule"),
                new Case("{\"name\":\"x\"," + ok + ",\"timeoutSeconds\":0}", "timeoutSeconds"),
                new Case("{\"name\":\"x\"," + ok + ",\"maxRetries\":11}", "maxRetries"),
                new Case("{\"name\":\"x\"," + ok + ",\"priority\":\"high\"}", "priority"),
                new Case("{\"name\":\"x\"," + ok + ",\"misfirePolicy\":\"later\"}", "misfirePolicy"),
                new Case("{\"name\":\"x\"," + ok + ",\"serverId\":987654}", "serverId"),
                new Case("{\"name\":\"x\"," + ok + ",\"configuration\":[1]}", "configuration"),
                new Case("{\"name\":\"x\"," + ok + ",\"colour\":\"red\"}", "colour"),
                new Case("{\"name\":\"x\",\"type\":\"policy_execution\",\"schedule\":{\"type\":\"interval\",\"intervalSeconds\":60}}", "type"));
        for (Case c : cases) {
            var r = http.post("/api/jobs", op, null, c.body());
            assertEquals(400, r.status(), c.body() + " → " + r.body());
            assertEquals(c.field(), r.errorField(), c.body() + " → " + r.body());
        }
        long id = create(script("paged", "SELECT 1", null)).get("id").asLong();
        var badStatus = http.get("/api/jobs/" + id + "/executions?status=odd", op, null);
        assertEquals(400, badStatus.status());
        assertEquals("status", badStatus.errorField());
        assertEquals("size", http.get("/api/jobs/" + id + "/executions?size=0", op, null).errorField());
    }

    @Test
    void viewers_read_jobs_but_may_not_change_them() {
        String viewer = TestApi.token(slug, "viewer");
        assertEquals(200, http.get("/api/jobs", viewer, null).status());
        assertEquals(403, http.post("/api/jobs", viewer, null, script("v", "SELECT 1", null)).status());
    }
}
