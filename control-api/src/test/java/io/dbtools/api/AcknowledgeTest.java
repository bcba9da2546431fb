package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.testing.AlertLoop;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestAlertmanager;
import io.dbtools.api.testing.TestApi;
import io.dbtools.api.testing.Webhooks;
import io.dbtools.api.testing.Webhooks.TestAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Alertmanager both ways: it delivers its own webhook to the API (with the alertmanager
 * token from a credentials file, as alertmanager.yml does), and acknowledging creates a silence
 * that its API then shows. Tenant alerts (operator+) and platform-level ones (super-admins) alike.
 */
class AcknowledgeTest {

    private static AlertLoop loop;
    private static TestAlertmanager alertmanager;
    private static Http http;
    private static String tenant;
    private static String operator;
    private static String viewer;
    private static String am;

    @BeforeAll
    static void start() {
        loop = AlertLoop.start("1h");
        alertmanager = loop.alertmanager();
        http = loop.http();
        am = Webhooks.alertmanagerToken();
        tenant = TestApi.newTenant("ack");
        operator = TestApi.token(tenant, "operator");
        viewer = TestApi.token(tenant, "viewer");
    }

    @AfterAll
    static void stop() {
        if (loop != null) {
            loop.close();
        }
    }

    private static long fire(String fingerprint, String server) {
        var r = http.post("/api/alertmanager/webhook", am, null, Webhooks.body(
                TestAlert.firing(fingerprint, "2026-12-03T06:00:00Z", Webhooks.labels(tenant, "DbToolsCpuHigh", server, "warning"))));
        assertEquals(200, r.status(), r.body());
        return http.get("/api/alerts?server=" + server, viewer, null).json().get("items").get(0).get("id").asLong();
    }

    /** Filed at platform level: no tenant label. */
    private static long firePlatform(String fingerprint, String server) {
        var r = http.post("/api/alertmanager/webhook", am, null, Webhooks.body(
                TestAlert.firing(fingerprint, "2026-12-03T06:00:00Z", Webhooks.labels(null, "DbToolsExporterDown", server, "critical"))));
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().get("platform").asInt(), r.body());
        return http.get("/api/system/alerts?server=" + server, TestApi.superToken(), null).json().get("items").get(0).get("id").asLong();
    }

    private static Http.Response acknowledge(String token, long id, String body) {
        return http.post("/api/alerts/" + id + "/acknowledge", token, null, body);
    }

    private static Http.Response acknowledgePlatform(String token, long id, String body) {
        return http.post("/api/system/alerts/" + id + "/acknowledge", token, null, body);
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
        assertEquals(1, loop.silencesOn("db-ack"), "the second acknowledgement created no silence");
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
        assertEquals(0, loop.silencesOn("db-ack-bad"));
        // resolved alerts cannot be acknowledged
        http.post("/api/alertmanager/webhook", am, null, Webhooks.body(TestAlert.firing("ac0000000000aa02", "2026-12-03T06:00:00Z",
                Webhooks.labels(tenant, "DbToolsCpuHigh", "db-ack-bad", "warning")).resolved("2026-12-03T06:30:00Z")));
        assertEquals(409, acknowledge(operator, id, "{\"comment\":\"x\",\"duration\":\"2h\"}").status());
    }

    @Test
    void alertmanager_unreachable_is_502_and_nothing_is_recorded() {
        long id = fire("ac0000000000aa03", "db-ack-down");
        long platformId = firePlatform("ac0000000000bb03", "db-ack-platform-down");
        String body = "{\"comment\":\"x\",\"duration\":\"2h\"}";
        try (var down = TestApi.withAlerting(AlertLoop.unreachable())) {
            for (var r : List.of(down.http().post("/api/alerts/" + id + "/acknowledge", operator, null, body),
                    down.http().post("/api/system/alerts/" + platformId + "/acknowledge", TestApi.superToken(), null, body))) {
                assertEquals(502, r.status(), r.body());
                assertTrue(r.json().get("error").get("message").asText().contains("Alertmanager"), r.body());
            }
        }
        JsonNode detail = http.get("/api/alerts/" + id, viewer, null).json();
        assertTrue(detail.get("acknowledgement").isNull());
        assertEquals(1, detail.get("events").size());
        JsonNode platform = http.get("/api/system/alerts/" + platformId, TestApi.superToken(), null).json();
        assertTrue(platform.get("acknowledgement").isNull(), platform.toString());
        assertEquals(1, platform.get("events").size(), platform.toString());
        assertEquals(0, http.get("/api/system/activity?action=alert.acknowledge&entityType=alert&entityId=" + platformId,
                TestApi.superToken(), null).json().get("total").asInt());
        // without DBTOOLS_ALERTMANAGER_URL at all: 503
        var unset = TestApi.http().post("/api/alerts/" + id + "/acknowledge", operator, null, body);
        assertEquals(503, unset.status(), unset.body());
        var unsetPlatform = TestApi.http().post("/api/system/alerts/" + platformId + "/acknowledge", TestApi.superToken(), null, body);
        assertEquals(503, unsetPlatform.status(), unsetPlatform.body());
    }

    @Test
    void super_admins_acknowledge_platform_alerts_the_same_way_recorded_in_the_system_activity_log() {
        long id = firePlatform("ac0000000000bb01", "db-ack-platform");
        String body = "{\"comment\":\"exporter host rebooting\",\"duration\":\"30m\"}";
        for (String role : List.of("operator", "tenant-admin")) {
            assertEquals(403, acknowledgePlatform(TestApi.token(tenant, role), id, body).status(), role);
        }
        assertEquals("duration", acknowledgePlatform(TestApi.superToken(), id, "{\"comment\":\"x\",\"duration\":\"0m\"}").errorField());
        assertEquals("comment", acknowledgePlatform(TestApi.superToken(), id, "{\"duration\":\"30m\"}").errorField());
        assertEquals(404, acknowledgePlatform(TestApi.superToken(), 987654, body).status());
        assertEquals(0, loop.silencesOn("db-ack-platform"), "nothing refused created a silence");

        Instant before = Instant.now();
        var r = acknowledgePlatform(TestApi.superToken(), id, body);
        assertEquals(200, r.status(), r.body());
        JsonNode ack = r.json().get("acknowledgement");
        assertEquals("test super-admin", ack.get("by").asText());
        assertEquals("exporter host rebooting", ack.get("comment").asText());
        Instant until = Instant.parse(ack.get("until").asText());
        assertTrue(!until.isBefore(before.plus(Duration.ofMinutes(30))) && until.isBefore(Instant.now().plus(Duration.ofMinutes(30))), until.toString());
        JsonNode silence = alertmanager.silence(ack.get("silenceId").asText());
        assertEquals("active", silence.get("status").get("state").asText());
        assertEquals("test super-admin", silence.get("createdBy").asText());
        assertEquals(until, Instant.parse(silence.get("endsAt").asText()));
        Map<String, String> matched = new HashMap<>();
        for (JsonNode m : silence.get("matchers")) {
            assertTrue(m.get("isEqual").asBoolean() && !m.get("isRegex").asBoolean(), m.toString());
            matched.put(m.get("name").asText(), m.get("value").asText());
        }
        assertEquals(Map.of("alertname", "DbToolsExporterDown", "server", "db-ack-platform", "engine", "postgres", "severity", "critical"),
                matched, "exactly the platform alert's labels: no tenant label to match");

        JsonNode detail = http.get("/api/system/alerts/" + id, TestApi.superToken(), null).json();
        assertEquals(ack, detail.get("acknowledgement"));
        assertEquals("acknowledged", detail.get("events").get(1).get("kind").asText());
        JsonNode activity = http.get("/api/system/activity?action=alert.acknowledge&entityType=alert&entityId=" + id,
                TestApi.superToken(), null).json();
        assertEquals(1, activity.get("total").asInt(), activity.toString());
        assertEquals("db-ack-platform", activity.get("items").get(0).get("details").get("server").asText());
        assertEquals("DbToolsExporterDown", activity.get("items").get(0).get("entityName").asText());

        var twice = acknowledgePlatform(TestApi.superToken(), id, body);
        assertEquals(409, twice.status(), twice.body());
        assertEquals(1, loop.silencesOn("db-ack-platform"), "the second acknowledgement created no silence");
        // resolved platform alerts cannot be acknowledged either
        long other = firePlatform("ac0000000000bb02", "db-ack-platform-gone");
        http.post("/api/alertmanager/webhook", am, null, Webhooks.body(TestAlert.firing("ac0000000000bb02", "2026-12-03T06:00:00Z",
                Webhooks.labels(null, "DbToolsExporterDown", "db-ack-platform-gone", "critical")).resolved("2026-12-03T06:30:00Z")));
        assertEquals(409, acknowledgePlatform(TestApi.superToken(), other, body).status());
    }

    @Test
    void alertmanagers_own_webhook_is_filed_under_the_tenant_and_resolved() {
        String alert = """
                [{"labels":{"alertname":"DbToolsServerDown","tenant":"%s","server":"db-live","engine":"postgres","severity":"critical"},
                  "annotations":{"summary":"down"},"startsAt":"%s"%s}]""";
        String startsAt = Instant.now().minusSeconds(60).toString();
        alertmanager.postAlerts(alert.formatted(tenant, startsAt, ""));
        JsonNode firing = loop.await("/api/alerts?server=db-live", viewer, list -> list.get("total").asInt() == 1);
        JsonNode item = firing.get("items").get(0);
        assertEquals("firing", item.get("status").asText());
        assertEquals("critical", item.get("severity").asText());
        assertEquals("down", item.get("annotations").get("summary").asText());
        assertTrue(item.get("endsAt").isNull(), "Alertmanager's expiry of a firing alert is not an end: " + item);
        String fingerprint = alertmanager.get("/api/v2/alerts").get(0).get("fingerprint").asText();
        assertEquals(fingerprint, item.get("fingerprint").asText());

        alertmanager.postAlerts(alert.formatted(tenant, startsAt, ",\"endsAt\":\"" + Instant.now().toString() + "\""));
        JsonNode resolved = loop.await("/api/alerts?server=db-live&state=resolved", viewer, list -> list.get("total").asInt() == 1);
        assertEquals(item.get("id"), resolved.get("items").get(0).get("id"));
        assertEquals(0, http.get("/api/alerts?server=db-live", viewer, null).json().get("total").asInt());
        JsonNode detail = http.get("/api/alerts/" + item.get("id").asLong(), viewer, null).json();
        assertEquals(2, detail.get("events").size(), detail.toString());
    }
}
