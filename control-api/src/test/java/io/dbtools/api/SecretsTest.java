package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other class in this JVM and scans everything they produced: no server
 * password may appear in any response except the exporter's target lookup, and none, nor any
 * API token, in any log line.
 */
@Order(Integer.MAX_VALUE)
class SecretsTest {

    private static final String OWN_SECRET = "Own-Secret-Value-5521";

    @Test
    void no_server_password_in_any_response_but_the_exporter_lookup_and_none_in_any_log_line() throws Exception {
        Http http = TestApi.http();
        String slug = TestApi.newTenant("sec");
        String admin = TestApi.token(slug, "tenant-admin");
        // every path a password can travel: create, update, failed validation, test-connection
        String json = "{\"name\":\"s\",\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":" + TestApi.pgPort()
                + ",\"username\":\"" + TestApi.MONITOR_USER + "\",\"password\":\"" + OWN_SECRET + "\"";
        long id = http.post("/api/servers", admin, null, json + "}").json().get("server").get("id").asLong();
        http.put("/api/servers/" + id, admin, null, json + ",\"validate\":true}");
        http.post("/api/servers/test-connection", admin, null, json + "}");
        http.post("/api/servers", admin, null, json.replace("\"name\":\"s\"", "\"name\":\"t\"") + ",\"validate\":true}");
        http.post("/api/servers", admin, null, json + ",\"bogus\":1}");
        http.get("/api/activity/export.csv", admin, null);

        List<String> leaks = new ArrayList<>();
        synchronized (Http.SEEN) {
            for (String body : Http.SEEN) {
                boolean lookup = body.contains("\"targetId\"") && body.contains("\"password\":\"");
                if (!lookup && (body.contains(TestApi.MONITOR_PASSWORD) || body.contains(OWN_SECRET))) {
                    leaks.add(body.length() > 300 ? body.substring(0, 300) : body);
                }
            }
            assertTrue(Http.SEEN.size() > 50, "the scan saw " + Http.SEEN.size() + " responses");
        }
        assertTrue(leaks.isEmpty(), "responses with a password: " + leaks);

        Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/test-api.log"));
        assertTrue(Files.exists(log), "test log at " + log);
        String text = Files.readString(log);
        assertTrue(text.contains("io.dbtools.api.requests"), "request lines are logged");
        assertTrue(text.contains("tenant=" + slug), "request lines name the tenant");
        assertFalse(text.contains(TestApi.MONITOR_PASSWORD), "monitor password in the log");
        assertFalse(text.contains(OWN_SECRET), "server password in the log");
        assertFalse(text.contains(TestApi.superToken()), "API token in the log");
        assertFalse(text.contains(TestApi.superToken().substring(4)), "API token in the log");
    }
}
