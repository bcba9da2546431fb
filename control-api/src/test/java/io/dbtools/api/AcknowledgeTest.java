package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.alert.AlertingConfig;
import io.dbtools.api.testing.ExternalProcess;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestAlertmanager;
import io.dbtools.api.testing.TestApi;
import io.dbtools.api.testing.Webhooks;
import io.dbtools.api.testing.Webhooks.TestAlert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Alertmanager both ways: it delivers its own webhook to the API (with the alertmanager
 * token from a credentials file, as alertmanager.yml does), and acknowledging creates a silence
 * that its API then shows.
 */
class AcknowledgeTest {

    private static TestApi.Running api;
    private static TestAlertmanager alertmanager;
    private static Http http;
    private static String tenant;
    private static String operator;
    private static String viewer;
    private static String am;

    @BeforeAll
    static void start() throws Exception {
        int amPort = ExternalProcess.freePort();
        api = TestApi.withAlerting(new AlertingConfig(URI.create("http://127.0.0.1:" + amPort), null, null, "promtool",
                Duration.ofSeconds(5), AlertingConfig.client(Duration.ofSeconds(5))));
        http = api.http();
        am = Webhooks.alertmanagerToken();
        Path tokenFile = Files.createTempFile("control-api-token", "");
        Files.writeString(tokenFile, am + "\n");
        alertmanager = TestAlertmanager.start("""
                route:
                  receiver: control-api
                  group_by: [tenant, alertname, server]
                  group_wait: 100ms
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: control-api
                    webhook_configs:
                      - url: http://127.0.0.1:%d/api/alertmanager/webhook
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials_file: %s
                """.formatted(api.app().port(), tokenFile), amPort);
        tenant = TestApi.newTenant("ack");
        operator = TestApi.token(tenant, "operator");
        viewer = TestApi.token(tenant, "viewer");
    }

    @AfterAll
    static void stop() {
        if (alertmanager != null) {
            alertmanager.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private static long fire(String fingerprint, String server) {
        var r = http.post("/api/alertmanager/webhook", am, null, Webhooks.body(
                TestAlert.firing(fingerprint, "2026-12-03T06:00:00Z", Webhooks.labels(tenant, "DbToolsCpuHigh", server, "warning"))));
        assertEquals(200, r.status(), r.body());
        return http.get("/api/alerts?server=" + server, viewer, null).json().get("items").get(0).get("id").asLong();
    }

    private static Http.Response acknowledge(String token, long id, String body) {
        return http.post("/api/alerts/" + id + "/acknowledge", token, null, body);
    }

    @Test
    void acknowledging_creates_a_real_silence_on_the_alerts_labels_and_records_who_and_why() {
        long id = fire("ac0000000000aa01", "db-ack");
        Instant before = Instant.now();
        var r = acknowledge(operator, id, "{\"comment\":\"failover in progress\",\"duration\":\"2h\"}");
        assertEquals(200, r.status(), r.body());
        JsonNode ack = r.json().get("acknowledgement");
        String by = "operator of " + tenant;
        assertEquals(by, ack.get("by").asText());
        assertEquals("failover in progress", ack.get("comment").asText());
        String silenceId = ack.get("silenceId").asText();
        Instant until = Instant.parse(ack.get("until").asText());
        assertTrue(!until.isBefore(before.plus(Duration.ofHours(2))) && until.isBefore(Instant.now().plus(Duration.ofHours(2))), until.toString());

        JsonNode silence = alertmanager.silence(silenceId);
        assertEquals("active", silence.get("status").get("state").asText());
        assertEquals(by, silence.get("createdBy").asText());
        assertEquals("failover in progress", silence.get("comment").asText());
        assertEquals(until, Instant.parse(silence.get("endsAt").asText()));
        Map<String, String> matched = new HashMap<>();
        for (JsonNode m : silence.get("matchers")) {
            assertFalse(m.get("isRegex").asBoolean());
            assertTrue(m.get("isEqual").asBoolean());
            matched.put(m.get("name").asText(), m.get("value").asText());
        }
        assertEquals(Map.of("alertname", "DbToolsCpuHigh", "tenant", tenant, "server", "db-ack", "engine", "postgres",
                "severity", "warning"), matched);

        JsonNode detail = http.get("/api/alerts/" + id, viewer, null).json();
        assertEquals(silenceId, detail.get("acknowledgement").get("silenceId").asText());
        assertEquals("acknowledged", detail.get("events").get(1).get("kind").asText());
        assertEquals(1, http.get("/api/activity?action=alert.acknowledge&entityId=" + id, viewer, null).json().get("total").asInt());

        var twice = acknowledge(operator, id, "{\"comment\":\"again\",\"duration\":\"1h\"}");
        assertEquals(409, twice.status(), twice.body());
        assertEquals(1, silences("db-ack"), "the second acknowledgement created no silence");
    }

    @Test
    void bad_input_and_roles_are_refused_before_anything_is_created() {
        long id = fire("ac0000000000aa02", "db-ack-bad");
        assertEquals(403, acknowledge(viewer, id, "{\"comment\":\"x\",\"duration\":\"2h\"}").status());
        assertEquals("duration", acknowledge(operator, id, "{\"comment\":\"x\",\"duration\":\"2 hours\"}").errorField());
        assertEquals("duration", acknowledge(operator, id, "{\"comment\":\"x\",\"duration\":\"91d\"}").errorField());
        assertEquals("comment", acknowledge(operator, id, "{\"comment\":\" \",\"duration\":\"2h\"}").errorField());
        assertEquals("bogus", acknowledge(operator, id, "{\"comment\":\"x\",\"duration\":\"2h\",\"bogus\":1}").errorField());
        assertEquals(404, acknowledge(operator, 987654, "{\"comment\":\"x\",\"duration\":\"2h\"}").status());
        assertEquals(0, silences("db-ack-bad"));
        // resolved alerts cannot be acknowledged
        http.post("/api/alertmanager/webhook", am, null, Webhooks.body(TestAlert.firing("ac0000000000aa02", "2026-12-03T06:00:00Z",
                Webhooks.labels(tenant, "DbToolsCpuHigh", "db-ack-bad", "warning")).resolved("2026-12-03T06:30:00Z")));
        assertEquals(409, acknowledge(operator, id, "{\"comment\":\"x\",\"duration\":\"2h\"}").status());
    }

    @Test
    void alertmanager_unreachable_is_502_and_nothing_is_recorded() {
        long id = fire("ac0000000000aa03", "db-ack-down");
        try (var down = TestApi.withAlerting(new AlertingConfig(URI.create("http://127.0.0.1:" + ExternalProcess.freePort()), null, null,
                "promtool", Duration.ofSeconds(2), AlertingConfig.client(Duration.ofSeconds(2))))) {
            var r = down.http().post("/api/alerts/" + id + "/acknowledge", operator, null, "{\"comment\":\"x\",\"duration\":\"2h\"}");
            assertEquals(502, r.status(), r.body());
            assertTrue(r.json().get("error").get("message").asText().contains("Alertmanager"), r.body());
        }
        JsonNode detail = http.get("/api/alerts/" + id, viewer, null).json();
        assertTrue(detail.get("acknowledgement").isNull());
        assertEquals(1, detail.get("events").size());
        // without DBTOOLS_ALERTMANAGER_URL at all: 503
        var unset = TestApi.http().post("/api/alerts/" + id + "/acknowledge", operator, null, "{\"comment\":\"x\",\"duration\":\"2h\"}");
        assertEquals(503, unset.status(), unset.body());
    }

    @Test
    void alertmanagers_own_webhook_is_filed_under_the_tenant_and_resolved() throws Exception {
        String alert = """
                [{"labels":{"alertname":"DbToolsServerDown","tenant":"%s","server":"db-live","engine":"postgres","severity":"critical"},
                  "annotations":{"summary":"down"},"startsAt":"%s"%s}]""";
        String startsAt = Instant.now().minusSeconds(60).toString();
        postToAlertmanager(alert.formatted(tenant, startsAt, ""));
        JsonNode firing = await("/api/alerts?server=db-live", list -> list.get("total").asInt() == 1);
        JsonNode item = firing.get("items").get(0);
        assertEquals("firing", item.get("status").asText());
        assertEquals("critical", item.get("severity").asText());
        assertEquals("down", item.get("annotations").get("summary").asText());
        assertTrue(item.get("endsAt").isNull(), "Alertmanager's expiry of a firing alert is not an end: " + item);
        String fingerprint = alertmanager.get("/api/v2/alerts").get(0).get("fingerprint").asText();
        assertEquals(fingerprint, item.get("fingerprint").asText());

        postToAlertmanager(alert.formatted(tenant, startsAt, ",\"endsAt\":\"" + Instant.now().toString() + "\""));
        JsonNode resolved = await("/api/alerts?server=db-live&state=resolved", list -> list.get("total").asInt() == 1);
        assertEquals(item.get("id"), resolved.get("items").get(0).get("id"));
        assertEquals(0, http.get("/api/alerts?server=db-live", viewer, null).json().get("total").asInt());
        JsonNode detail = http.get("/api/alerts/" + item.get("id").asLong(), viewer, null).json();
        assertEquals(2, detail.get("events").size(), detail.toString());
    }

    private static int silences(String server) {
        int n = 0;
        for (JsonNode s : alertmanager.silences()) {
            for (JsonNode m : s.get("matchers")) {
                if (m.get("name").asText().equals("server") && m.get("value").asText().equals(server)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void postToAlertmanager(String alerts) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(alertmanager.url().resolve("/api/v2/alerts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alerts)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    /** Alertmanager notifies on its own schedule (group_wait, group_interval): poll the API until it has filed the notification. */
    private static JsonNode await(String path, Predicate<JsonNode> ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = http.get(path, viewer, null).json();
            if (ready.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never matched; last " + last + "\n" + alertmanager.log());
    }
}
