package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.alert.AlertingConfig;
import io.dbtools.api.testing.ExternalProcess;
import io.dbtools.api.testing.FakeExporter;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.api.testing.TestPrometheus;
import io.dbtools.tenants.testing.TestDb;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Custom alert rules against a real Prometheus and promtool: the tenant's rules file is checked,
 * replaced and reloaded; Prometheus evaluates it (alerts fire for this tenant only); preview runs
 * the expression through Prometheus' query API.
 */
class AlertRulesTest {

    private static FakeExporter exporter;
    private static TestPrometheus prometheus;
    private static TestApi.Running api;
    private static Http http;
    private static String tenant;
    private static String operator;
    private static String viewer;
    private static Path rulesDir;

    @BeforeAll
    static void start() throws Exception {
        exporter = new FakeExporter();
        rulesDir = Files.createTempDirectory("dbtools-rules");
        prometheus = TestPrometheus.start(exporter.address(), rulesDir);
        api = TestApi.withAlerting(config(prometheus.url(), rulesDir));
        http = api.http();
        tenant = newTenant(http, "rules");
        operator = TestApi.token(tenant, "operator");
        viewer = TestApi.token(tenant, "viewer");
        exporter.serve("""
                dbtools_cpu_utilization_ratio{tenant="%1$s",server="db-hot",engine="postgres"} 0.97
                dbtools_cpu_utilization_ratio{tenant="%1$s",server="db-cool",engine="postgres"} 0.2
                dbtools_cpu_utilization_ratio{tenant="other-tenant",server="db-hot",engine="postgres"} 0.99
                dbtools_connections_used{tenant="%1$s",server="db-hot",engine="postgres"} 180
                """.formatted(tenant));
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

    static AlertingConfig config(URI prometheusUrl, Path rules) {
        return new AlertingConfig(null, prometheusUrl, rules, ExternalProcess.tool("promtool", "prometheus").toString(),
                Duration.ofSeconds(5), AlertingConfig.client(Duration.ofSeconds(5)));
    }

    /** Through the given API, so its tenant hook deploys the new tenant's default rules. */
    static String newTenant(Http via, String prefix) {
        String slug = TestDb.uniqueSlug(prefix);
        var r = via.post("/api/tenants", TestApi.superToken(), null, "{\"slug\":\"" + slug + "\",\"name\":\"T " + slug + "\"}");
        assertEquals(201, r.status(), r.body());
        return slug;
    }

    private static String file() throws Exception {
        return Files.readString(rulesDir.resolve("tenant-" + tenant + ".rules.yml"));
    }

    private static List<String> loadedRules() {
        List<String> names = new ArrayList<>();
        for (JsonNode g : prometheus.ruleGroups()) {
            if (g.get("name").asText().equals("dbtools-tenant-" + tenant)) {
                g.get("rules").forEach(r -> names.add(r.get("name").asText()));
            }
        }
        return names;
    }

    private static String rule(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"metric\":\"dbtools_connections_used\",\"operator\":\"gte\",\"threshold\":100,"
                + "\"for\":\"5m\",\"severity\":\"critical\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    @Test
    void a_new_tenant_starts_with_cpu_and_memory_above_90_percent_deployed_to_prometheus() throws Exception {
        JsonNode items = http.get("/api/alert-rules", viewer, null).json().get("items");
        assertEquals(2, items.size(), items.toString());
        assertEquals("CpuAbove90Percent", items.get(0).get("rule").get("name").asText());
        assertEquals("dbtools_cpu_utilization_ratio{tenant=\"" + tenant + "\"} > 0.9", items.get(0).get("expr").asText());
        assertEquals("10m", items.get(0).get("rule").get("for").asText());
        assertEquals("MemoryAbove90Percent", items.get(1).get("rule").get("name").asText());
        assertEquals("dbtools_memory_utilization_ratio{tenant=\"" + tenant + "\"} > 0.9", items.get(1).get("expr").asText());
        assertTrue(file().contains("CpuAbove90Percent"));
        assertTrue(loadedRules().containsAll(List.of("CpuAbove90Percent", "MemoryAbove90Percent")), loadedRules().toString());
    }

    @Test
    void create_update_and_delete_rewrite_the_file_and_reload_prometheus() throws Exception {
        var created = http.post("/api/alert-rules", operator, null,
                rule("ConnectionsHigh", "\"matchers\":[{\"label\":\"server\",\"op\":\"=~\",\"value\":\"db-.*\"}]"));
        assertEquals(201, created.status(), created.body());
        long id = created.json().get("rule").get("id").asLong();
        assertEquals("dbtools_connections_used{tenant=\"" + tenant + "\", server=~\"db-.*\"} >= 100", created.json().get("expr").asText());
        assertEquals("reloaded", created.json().get("deployment").get("reload").asText(), created.body());
        assertEquals("tenant-" + tenant + ".rules.yml", created.json().get("deployment").get("file").asText());
        assertTrue(loadedRules().contains("ConnectionsHigh"), "loaded at once: " + loadedRules());

        var disabled = http.put("/api/alert-rules/" + id, operator, null, rule("ConnectionsHigh", "\"enabled\":false"));
        assertEquals(200, disabled.status(), disabled.body());
        assertFalse(disabled.json().get("rule").get("enabled").asBoolean());
        assertFalse(loadedRules().contains("ConnectionsHigh"), "a disabled rule is not deployed");
        assertTrue(http.get("/api/alert-rules/" + id, viewer, null).json().get("rule").get("matchers").isEmpty(), "PUT replaces the rule");

        assertEquals(200, http.put("/api/alert-rules/" + id, operator, null, rule("ConnectionsVeryHigh", "")).status());
        assertTrue(loadedRules().contains("ConnectionsVeryHigh"));
        var deleted = http.delete("/api/alert-rules/" + id, operator, null);
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("reloaded", deleted.json().get("deployment").get("reload").asText());
        assertFalse(loadedRules().contains("ConnectionsVeryHigh"));
        assertFalse(file().contains("ConnectionsVeryHigh"));
        assertEquals(404, http.get("/api/alert-rules/" + id, viewer, null).status());
        assertEquals(404, http.delete("/api/alert-rules/" + id, operator, null).status());
        JsonNode log = http.get("/api/activity?entityType=alert_rule&entityId=" + id, viewer, null).json();
        assertEquals(4, log.get("total").asInt(), log.toString());
        assertEquals(403, http.post("/api/alert-rules", viewer, null, rule("ViewerRule", "")).status());
    }

    @Test
    void a_rule_promtool_rejects_is_400_with_its_message_and_changes_nothing() throws Exception {
        String before = file();
        int count = http.get("/api/alert-rules", viewer, null).json().get("items").size();
        var r = http.post("/api/alert-rules", operator, null,
                rule("BadRegex", "\"matchers\":[{\"label\":\"server\",\"op\":\"=~\",\"value\":\"db-(\"}]"));
        assertEquals(400, r.status(), r.body());
        String message = r.json().get("error").get("message").asText();
        assertTrue(message.contains("promtool") && message.contains("missing closing )"), message);
        assertFalse(message.contains(rulesDir.toString()), "no server paths in messages: " + message);
        assertEquals(before, file(), "the old file stays");
        assertEquals(count, http.get("/api/alert-rules", viewer, null).json().get("items").size(), "nothing saved");
        try (var dir = Files.list(rulesDir)) {
            assertEquals(List.of(), dir.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "no temporary file left");
        }
    }

    @Test
    void a_tenants_rules_leave_prometheus_while_it_is_suspended_and_start_up_rewrites_missing_files() throws Exception {
        String other = newTenant(http, "rules-susp");
        Path file = rulesDir.resolve("tenant-" + other + ".rules.yml");
        assertTrue(Files.exists(file));
        assertEquals(200, http.post("/api/tenants/" + other + "/suspend", TestApi.superToken(), null, null).status());
        assertFalse(Files.exists(file), "suspended: no rules in Prometheus");
        assertEquals(200, http.post("/api/tenants/" + other + "/activate", TestApi.superToken(), null, null).status());
        assertTrue(Files.exists(file), "active again: rules back");

        Files.delete(file);
        var tenants = TestDb.platform().registry().list(false).stream()
                .filter(t -> t.slug().equals(other) || t.slug().equals(tenant)).toList();
        try (var pools = new io.dbtools.api.db.TenantPools(TestDb.platform().secrets(), null, 1)) {
            api.app().alertRules().deployAll(tenants, pools::db);
        }
        assertTrue(Files.readString(file).contains("CpuAbove90Percent"), "written again at start-up");
        prometheus.await("the rewritten group loaded", prometheus::ruleGroups,
                groups -> groups.toString().contains("dbtools-tenant-" + other));
    }

    @Test
    void invalid_rules_name_the_field() {
        String[][] cases = {
                {"{\"name\":\"has space\",\"metric\":\"dbtools_up\",\"operator\":\"gt\",\"threshold\":1,\"for\":\"1m\",\"severity\":\"info\"}", "name"},
                {"{\"name\":\"X\",\"metric\":\"node_cpu_seconds_total\",\"operator\":\"gt\",\"threshold\":1,\"for\":\"1m\",\"severity\":\"info\"}", "metric"},
                {"{\"name\":\"X\",\"metric\":\"dbtools_up{a=\\\"b\\\"}\",\"operator\":\"gt\",\"threshold\":1,\"for\":\"1m\",\"severity\":\"info\"}", "metric"},
                {"{\"name\":\"X\",\"metric\":\"dbtools_up\",\"operator\":\">\",\"threshold\":1,\"for\":\"1m\",\"severity\":\"info\"}", "operator"},
                {"{\"name\":\"X\",\"metric\":\"dbtools_up\",\"operator\":\"gt\",\"threshold\":\"1\",\"for\":\"1m\",\"severity\":\"info\"}", "threshold"},
                {"{\"name\":\"X\",\"metric\":\"dbtools_up\",\"operator\":\"gt\",\"for\":\"1m\",\"severity\":\"info\"}", "threshold"},
                {"{\"name\":\"X\",\"metric\":\"dbtools_up\",\"operator\":\"gt\",\"threshold\":1,\"for\":\"5 minutes\",\"severity\":\"info\"}", "for"},
                {"{\"name\":\"X\",\"metric\":\"dbtools_up\",\"operator\":\"gt\",\"threshold\":1,\"for\":\"1m\",\"severity\":\"page\"}", "severity"},
                {"{\"name\":\"X\",\"metric\":\"dbtools_up\",\"operator\":\"gt\",\"threshold\":1,\"for\":\"1m\",\"severity\":\"info\","
                        + "\"matchers\":[{\"label\":\"tenant\",\"op\":\"=\",\"value\":\"other-tenant\"}]}", "matchers[0].label"},
                {"{\"name\":\"X\",\"metric\":\"dbtools_up\",\"operator\":\"gt\",\"threshold\":1,\"for\":\"1m\",\"severity\":\"info\","
                        + "\"matchers\":[{\"label\":\"server\",\"op\":\"==\",\"value\":\"a\"}]}", "matchers[0].op"},
                {"{\"name\":\"X\",\"metric\":\"dbtools_up\",\"operator\":\"gt\",\"threshold\":1,\"for\":\"1m\",\"severity\":\"info\",\"extra\":1}", "extra"},
        };
        for (String[] c : cases) {
            var r = http.post("/api/alert-rules", operator, null, c[0]);
            assertEquals(400, r.status(), c[0] + " → " + r.body());
            assertEquals(c[1], r.errorField(), c[0] + " → " + r.body());
        }
        assertEquals(409, http.post("/api/alert-rules", operator, null,
                "{\"name\":\"CpuAbove90Percent\",\"metric\":\"dbtools_up\",\"operator\":\"lt\",\"threshold\":1,\"for\":\"1m\",\"severity\":\"info\"}").status());
    }

    @Test
    void preview_lists_this_tenants_servers_over_the_threshold_and_prometheus_fires_the_rule() {
        prometheus.await("the exporter's series", () -> prometheus.query("dbtools_cpu_utilization_ratio{tenant=\"" + tenant + "\"}"),
                result -> result.size() == 2);
        long cpuRule = http.get("/api/alert-rules", viewer, null).json().get("items").get(0).get("rule").get("id").asLong();
        var preview = http.post("/api/alert-rules/" + cpuRule + "/preview", viewer, null, null);
        assertEquals(200, preview.status(), preview.body());
        JsonNode firing = preview.json().get("firing");
        assertEquals(1, firing.size(), preview.body());
        assertEquals("db-hot", firing.get(0).get("server").asText());
        assertEquals(0.97, firing.get(0).get("value").asDouble(), 1e-9);
        assertEquals(tenant, firing.get(0).get("labels").get("tenant").asText());

        // a rule with for: 0s fires in Prometheus itself, for this tenant's server only
        var now = http.post("/api/alert-rules", operator, null,
                "{\"name\":\"CpuAbove50Now\",\"metric\":\"dbtools_cpu_utilization_ratio\",\"operator\":\"gt\",\"threshold\":0.5,\"for\":\"0s\",\"severity\":\"info\"}");
        assertEquals(201, now.status(), now.body());
        JsonNode alerts = prometheus.await("ALERTS of the new rule", () -> prometheus.query("ALERTS{alertname=\"CpuAbove50Now\"}"),
                result -> result.size() >= 1);
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals("db-hot", alerts.get(0).get("metric").get("server").asText());
        assertEquals(tenant, alerts.get(0).get("metric").get("tenant").asText());
        assertEquals("info", alerts.get(0).get("metric").get("severity").asText());
    }

    @Test
    void a_failed_reload_keeps_the_saved_rule_and_says_so_and_preview_without_prometheus_is_503() throws Exception {
        Path otherDir = Files.createTempDirectory("dbtools-rules-noreload");
        try (var noPrometheus = TestApi.withAlerting(config(URI.create("http://127.0.0.1:" + ExternalProcess.freePort()), otherDir))) {
            var r = noPrometheus.http().post("/api/alert-rules", operator, null, rule("SavedDespiteReload", ""));
            assertEquals(201, r.status(), r.body());
            assertEquals("failed", r.json().get("deployment").get("reload").asText());
            assertTrue(r.json().get("deployment").get("message").asText().contains("unreachable"), r.body());
            assertTrue(Files.readString(otherDir.resolve("tenant-" + tenant + ".rules.yml")).contains("SavedDespiteReload"));
            long id = r.json().get("rule").get("id").asLong();
            var preview = noPrometheus.http().post("/api/alert-rules/" + id + "/preview", viewer, null, null);
            assertEquals(503, preview.status(), preview.body());
            assertEquals(200, http.delete("/api/alert-rules/" + id, operator, null).status());
        }
    }
}
