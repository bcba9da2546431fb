package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.testing.Await;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.tenants.testing.TestDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production handlers of custom_script and data_collection jobs, run by the real scheduler
 * against the embedded PostgreSQL, and what each job type refuses when it is saved.
 */
class JobTypesTest {

    private static final Http http = TestApi.http();
    private static String slug;
    private static String op;
    private static long serverId;
    /** A table of this test run in the server's database, writable by the monitoring role the server connects as. */
    private static String table;

    @BeforeAll
    static void tenant() throws Exception {
        slug = TestApi.newTenant("jobtypes");
        op = TestApi.token(slug, "operator");
        serverId = http.post("/api/servers", op, null, TestApi.pgServer("types-target", null)).json().at("/server/id").asLong();
        table = "job_script_" + slug.replaceAll("[^a-z0-9]", "_");
        try (Connection c = TestDb.superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (n integer)");
            st.execute("GRANT SELECT, INSERT ON " + table + " TO " + TestApi.MONITOR_USER);
        }
    }

    static JsonNode runOnce(String body) {
        var created = http.post("/api/jobs", op, null, body);
        assertEquals(201, created.status(), created.body());
        long id = created.json().get("id").asLong();
        assertEquals(202, http.post("/api/jobs/" + id + "/run", op, null, null).status());
        return Await.until("job " + id + " to finish", Duration.ofSeconds(30), () -> {
            JsonNode items = http.get("/api/jobs/" + id + "/executions", op, null).json().get("items");
            return items.size() == 1 && !items.get(0).get("status").asText().equals("running") ? items.get(0) : null;
        });
    }

    static String scriptJob(String name, long server, String sql) {
        return "{\"name\":\"" + name + "\",\"type\":\"custom_script\",\"serverId\":" + server + ",\"configuration\":{\"postgres\":{\"script\":\""
                + sql + "\"}},\"schedule\":{\"type\":\"interval\",\"intervalSeconds\":3600}}";
    }

    static String collectJob(String name, long server) {
        return "{\"name\":\"" + name + "\",\"type\":\"data_collection\",\"serverId\":" + server
                + ",\"schedule\":{\"type\":\"cron\",\"cron\":\"0 3 * * *\"}}";
    }

    static long rows() throws Exception {
        try (Connection c = TestDb.superuser("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void a_custom_script_job_runs_its_sql_on_the_server_and_a_failing_one_leaves_nothing_behind() throws Exception {
        var created = http.post("/api/jobs", op, null, scriptJob("insert-two", serverId,
                "INSERT INTO " + table + " VALUES (1), (2); SELECT n FROM " + table));
        assertEquals(201, created.status(), created.body());
        // what is stored is what runs: the schema's defaults are filled in
        assertEquals(300, created.json().at("/configuration/postgres/timeout_seconds").asInt());
        assertTrue(created.json().at("/configuration/postgres/transaction").asBoolean());

        JsonNode ok = runOnce(scriptJob("insert-two-run", serverId, "INSERT INTO " + table + " VALUES (1), (2); SELECT n FROM " + table));
        assertEquals("success", ok.get("status").asText(), ok.toString());
        assertEquals("custom_script", ok.at("/result/type").asText());
        assertEquals("postgres", ok.at("/result/engine").asText());
        assertEquals(2, ok.at("/result/statements/0/rows_affected").asInt(), ok.toString());
        assertEquals(2, ok.at("/result/statements/1/rows_returned").asInt(), ok.toString());
        assertEquals(2, rows());

        JsonNode failed = runOnce(scriptJob("insert-then-fail", serverId, "INSERT INTO " + table + " VALUES (3); SELECT 1/0"));
        assertEquals("failed", failed.get("status").asText(), failed.toString());
        assertTrue(failed.get("error").asText().contains("division by zero"), failed.toString());
        assertTrue(failed.get("error").asText().contains("rolled back"), failed.toString());
        assertEquals(2, rows(), "the failed script's insert was rolled back");
        assertFalse(failed.toString().contains(TestApi.MONITOR_PASSWORD), "no secret in the history");

        String metrics = http.get("/metrics", null, null).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("dbtools_job_failures_total{") && l.contains("job_name=\"insert-then-fail\"")
                && l.contains("job_type=\"custom_script\"") && l.contains("server=\"types-target\"") && l.endsWith(" 1.0")), metrics);
    }

    @Test
    void a_data_collection_job_records_the_servers_facts_and_updates_the_stored_version() throws Exception {
        long fresh = http.post("/api/servers", op, null, TestApi.pgServer("collected", null)).json().at("/server/id").asLong();
        JsonNode before = http.get("/api/servers/" + fresh, op, null).json();
        assertTrue(before.get("version").isNull(), "saved without a connection check: " + before);

        JsonNode run = runOnce(collectJob("facts", fresh));
        assertEquals("success", run.get("status").asText(), run.toString());
        JsonNode facts = run.get("result");
        assertTrue(facts.get("ok").asBoolean());
        String serverVersion;
        try (Connection c = TestDb.superuser("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            serverVersion = rs.getString(1).split(" ")[0];
        }
        assertTrue(facts.get("version").asText().contains(serverVersion), facts + " vs " + serverVersion);
        assertTrue(facts.get("missingPermissions").isArray());
        assertTrue(facts.get("latencyMs").asLong() >= 0);
        assertTrue(facts.get("previousVersion").isNull());

        JsonNode after = http.get("/api/servers/" + fresh, op, null).json();
        assertEquals(facts.get("version").asText(), after.get("version").asText());
        assertEquals("ok", after.get("status").asText(), after.toString());
    }

    @Test
    void a_data_collection_job_that_cannot_log_in_fails_and_marks_the_server() {
        String wrong = TestApi.pgServer("locked-out", null).replace(TestApi.MONITOR_PASSWORD, "not-the-password");
        long locked = http.post("/api/servers", op, null, wrong).json().at("/server/id").asLong();
        JsonNode run = runOnce(collectJob("facts-denied", locked));
        assertEquals("failed", run.get("status").asText(), run.toString());
        assertFalse(run.at("/result/ok").asBoolean());
        String kind = run.at("/result/kind").asText();
        assertFalse(kind.isEmpty(), run.toString());
        assertTrue(run.get("error").asText().startsWith(kind + ":"), run.toString());
        assertFalse(run.toString().contains("not-the-password"));
        assertEquals(kind, http.get("/api/servers/" + locked, op, null).json().get("status").asText());
    }

    @Test
    void what_a_job_type_cannot_run_is_refused_when_saved_naming_the_field() {
        long mongo = http.post("/api/servers", op, null, "{\"name\":\"docs-db\",\"engine\":\"mongodb\",\"host\":\"127.0.0.1\",\"port\":27017,"
                + "\"authType\":\"none\"}").json().at("/server/id").asLong();
        String every = ",\"schedule\":{\"type\":\"interval\",\"intervalSeconds\":60}";
        record Case(String body, String field) {}
        List<Case> cases = List.of(
                new Case("{\"name\":\"x\",\"type\":\"custom_script\",\"configuration\":{\"postgres\":{\"script\":\"SELECT 1\"}}" + every + "}",
                        "serverId"),
                new Case("{\"name\":\"x\",\"type\":\"custom_script\",\"serverId\":" + serverId + every + "}", "configuration"),
                new Case("{\"name\":\"x\",\"type\":\"custom_script\",\"serverId\":" + serverId + ",\"configuration\":{\"postgres\":{}}" + every + "}",
                        "configuration.postgres.script"),
                new Case("{\"name\":\"x\",\"type\":\"custom_script\",\"serverId\":" + serverId
                        + ",\"configuration\":{\"postgres\":{\"script\":\"SELECT 1\",\"timeout_seconds\":0}}" + every + "}",
                        "configuration.postgres.timeout_seconds"),
                new Case("{\"name\":\"x\",\"type\":\"custom_script\",\"serverId\":" + serverId
                        + ",\"configuration\":{\"mssql\":{\"script\":\"SELECT 1\"}}" + every + "}", "configuration.postgres"),
                new Case("{\"name\":\"x\",\"type\":\"custom_script\",\"serverId\":" + mongo
                        + ",\"configuration\":{\"postgres\":{\"script\":\"SELECT 1\"}}" + every + "}", "serverId"),
                new Case("{\"name\":\"x\",\"type\":\"data_collection\"" + every + "}", "serverId"),
                new Case("{\"name\":\"x\",\"type\":\"data_collection\",\"serverId\":" + serverId + ",\"configuration\":{\"deep\":true}" + every + "}",
                        "configuration"),
                new Case("{\"name\":\"x\",\"type\":\"alert_check\",\"serverId\":" + serverId + every + "}", "type"));
        for (Case c : cases) {
            var r = http.post("/api/jobs", op, null, c.body());
            assertEquals(400, r.status(), c.body() + " → " + r.body());
            assertEquals(c.field(), r.errorField(), c.body() + " → " + r.body());
        }
        // a valid job changed into an invalid one is refused the same way, and stays as it was
        long id = http.post("/api/jobs", op, null, scriptJob("kept", serverId, "SELECT 1")).json().get("id").asLong();
        var bad = http.put("/api/jobs/" + id, op, null, "{\"name\":\"kept\",\"type\":\"custom_script\",\"serverId\":" + serverId
                + ",\"configuration\":{\"postgres\":{\"script\":\"\"}}" + every + "}");
        assertEquals(400, bad.status(), bad.body());
        assertEquals("configuration.postgres.script", bad.errorField());
        assertEquals("SELECT 1", http.get("/api/jobs/" + id, op, null).json().at("/configuration/postgres/script").asText());
    }
}
