package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.alert.AlertingConfig;
import io.dbtools.api.testing.ExternalProcess;
import io.dbtools.api.testing.FakeExporter;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.api.testing.TestPrometheus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/servers/health on a real Prometheus evaluating the committed recording rules of
 * alert-rules/rendered, with the tenant's own thresholds applied on top.
 */
class ServerHealthTest {

    private static FakeExporter exporter;
    private static TestPrometheus prometheus;
    private static TestApi.Running api;
    private static Http http;
    private static String tenant;
    private static String viewer;
    private static String admin;
    private static final Map<String, Long> ids = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        exporter = new FakeExporter();
        Path rules = Files.createTempDirectory("dbtools-health-rules");
        Files.copy(Path.of("../alert-rules/rendered/dbtools-recording.rules.yml"), rules.resolve("dbtools-recording.rules.yml"));
        prometheus = TestPrometheus.start(exporter.address(), rules);
        api = TestApi.withAlerting(new AlertingConfig(null, prometheus.url(), null, "promtool", Duration.ofSeconds(5),
                AlertingConfig.client(Duration.ofSeconds(5))));
        http = api.http();
        tenant = TestApi.newTenant("health");
        viewer = TestApi.token(tenant, "viewer");
        admin = TestApi.token(tenant, "tenant-admin");
        for (String name : new String[] {"db-hot", "db-warm", "db-ok", "db-never", "db-absent"}) {
            ids.put(name, http.post("/api/servers", admin, null, TestApi.pgServer(name, null)).json().get("server").get("id").asLong());
        }
        exporter.serve("""
                dbtools_up{tenant="%1$s",server="db-hot",engine="postgres"} 1
                dbtools_cpu_utilization_ratio{tenant="%1$s",server="db-hot",engine="postgres"} 0.97
                dbtools_memory_utilization_ratio{tenant="%1$s",server="db-hot",engine="postgres"} 0.5
                dbtools_up{tenant="%1$s",server="db-warm",engine="postgres"} 1
                dbtools_cpu_utilization_ratio{tenant="%1$s",server="db-warm",engine="postgres"} 0.85
                dbtools_up{tenant="%1$s",server="db-ok",engine="postgres"} 1
                dbtools_cpu_utilization_ratio{tenant="%1$s",server="db-ok",engine="postgres"} 0.2
                dbtools_memory_utilization_ratio{tenant="%1$s",server="db-ok",engine="postgres"} 0.3
                dbtools_up{tenant="%1$s",server="db-never",engine="postgres"} 0
                dbtools_up{tenant="other-health",server="db-ok",engine="postgres"} 1
                dbtools_cpu_utilization_ratio{tenant="other-health",server="db-ok",engine="postgres"} 0.99
                """.formatted(tenant));
        prometheus.await("health status of the tenant's servers",
                () -> prometheus.query("dbtools:server_health:status{tenant=\"" + tenant + "\"}"), r -> r.size() == 4);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {api, prometheus, exporter}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private static Map<String, JsonNode> byName(JsonNode items) {
        Map<String, JsonNode> out = new HashMap<>();
        items.forEach(i -> out.put(i.get("name").asText(), i));
        return out;
    }

    @Test
    void every_server_of_the_tenant_gets_a_status_from_the_recording_rules_and_the_tenants_thresholds() {
        var r = http.get("/api/servers/health", viewer, null);
        assertEquals(200, r.status(), r.body());
        Map<String, JsonNode> health = byName(r.json().get("items"));
        assertEquals(5, health.size(), r.body());
        assertEquals("critical", health.get("db-hot").get("status").asText());
        assertEquals("warning", health.get("db-warm").get("status").asText());
        assertEquals("healthy", health.get("db-ok").get("status").asText(), "the other tenant's db-ok at 99% does not count");
        assertEquals("unknown", health.get("db-never").get("status").asText(), "known target, never collected");
        assertEquals("unknown", health.get("db-absent").get("status").asText(), "Prometheus knows nothing of it");
        assertEquals(0.97, health.get("db-hot").get("cpu").asDouble(), 1e-9);
        assertEquals(0.5, health.get("db-hot").get("memory").asDouble(), 1e-9);
        assertTrue(health.get("db-warm").get("memory").isNull());
        Instant last = Instant.parse(health.get("db-ok").get("lastCollectedAt").asText());
        assertTrue(last.isAfter(Instant.now().minusSeconds(60)) && !last.isAfter(Instant.now()), last.toString());
        assertTrue(health.get("db-never").get("lastCollectedAt").isNull());
        assertEquals(ids.get("db-hot"), health.get("db-hot").get("id").asLong());
        JsonNode counts = r.json().get("counts");
        assertEquals(1, counts.get("critical").asInt());
        assertEquals(1, counts.get("warning").asInt());
        assertEquals(1, counts.get("healthy").asInt());
        assertEquals(2, counts.get("unknown").asInt());
        assertEquals(0, counts.get("offline").asInt());
        assertEquals(80, r.json().get("thresholds").get("cpuWarningPercent").asInt());

        JsonNode unknown = http.get("/api/servers/health?status=unknown&size=1", viewer, null).json();
        assertEquals(2, unknown.get("total").asInt());
        assertEquals(1, unknown.get("items").size());
        assertEquals("status", http.get("/api/servers/health?status=sick", viewer, null).errorField());

        var one = http.get("/api/servers/" + ids.get("db-hot") + "/health", viewer, null);
        assertEquals(200, one.status(), one.body());
        assertEquals("critical", one.json().get("server").get("status").asText());
        assertEquals("db-hot", one.json().get("server").get("name").asText());
        assertEquals(404, http.get("/api/servers/987654/health", viewer, null).status());
    }

    @Test
    void thresholds_are_the_tenants_settings() {
        String tenant2 = TestApi.newTenant("health-th");
        String admin2 = TestApi.token(tenant2, "tenant-admin");
        // same server names in another tenant: its series are not in Prometheus, so it sees only unknown
        http.post("/api/servers", admin2, null, TestApi.pgServer("db-hot", null));
        assertEquals("unknown", http.get("/api/servers/health", admin2, null).json().get("items").get(0).get("status").asText());

        var put = http.put("/api/settings", admin, null, "{\"health_cpu_critical_percent\":80,\"health_cpu_warning_percent\":50}");
        assertEquals(200, put.status(), put.body());
        try {
            Map<String, JsonNode> health = byName(http.get("/api/servers/health", viewer, null).json().get("items"));
            assertEquals("critical", health.get("db-warm").get("status").asText(), "85% is above this tenant's 80% critical");
            assertEquals("healthy", health.get("db-ok").get("status").asText());
            assertEquals(400, http.put("/api/settings", admin, null, "{\"health_cpu_critical_percent\":101}").status());
            var inverted = http.put("/api/settings", admin, null, "{\"health_memory_warning_percent\":99}");
            assertEquals(400, inverted.status(), inverted.body());
            assertEquals("health_memory_warning_percent", inverted.errorField());
        } finally {
            http.put("/api/settings", admin, null, "{\"health_cpu_critical_percent\":95,\"health_cpu_warning_percent\":80}");
        }
    }

    @Test
    void prometheus_down_is_503_with_a_json_error() {
        try (var down = TestApi.withAlerting(new AlertingConfig(null, URI.create("http://127.0.0.1:" + ExternalProcess.freePort()), null,
                "promtool", Duration.ofSeconds(2), AlertingConfig.client(Duration.ofSeconds(2))))) {
            var r = down.http().get("/api/servers/health", viewer, null);
            assertEquals(503, r.status(), r.body());
            assertTrue(r.json().get("error").get("message").asText().contains("Prometheus"), r.body());
            assertEquals(503, down.http().get("/api/servers/" + ids.get("db-ok") + "/health", viewer, null).status());
        }
        assertEquals(503, TestApi.http().get("/api/servers/health", viewer, null).status(), "DBTOOLS_PROMETHEUS_URL unset");
    }
}
