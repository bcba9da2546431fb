package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.alert.AlertingConfig;
import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.api.health.PrometheusClient;
import io.dbtools.api.job.DataRetention;
import io.dbtools.api.job.JobMetrics;
import io.dbtools.api.job.JobRepository;
import io.dbtools.api.job.JobScheduler;
import io.dbtools.api.policy.StandardHandlers;
import io.dbtools.api.server.ConnectionTester;
import io.dbtools.api.server.Engines;
import io.dbtools.api.testing.Await;
import io.dbtools.api.testing.ExternalProcess;
import io.dbtools.api.testing.FakeExporter;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestApi;
import io.dbtools.api.testing.TestJobs;
import io.dbtools.api.testing.TestPrometheus;
import io.dbtools.api.web.Json;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.tenants.Databases;
import io.dbtools.tenants.testing.TestDb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * alert_check jobs against a real Prometheus: a tenant alert rule's expression evaluated by a
 * scheduler node whose handlers know that Prometheus (the test API's own node, which has none,
 * is paused meanwhile), and the save-time checks.
 */
class JobAlertCheckTest {

    private static FakeExporter exporter;
    private static TestPrometheus prometheus;
    private static TestApi.Running api;
    private static Http http;
    private static String tenant;
    private static String op;
    private static long ruleId;

    @BeforeAll
    static void start() throws Exception {
        exporter = new FakeExporter();
        Path rules = Files.createTempDirectory("dbtools-alert-check-rules");
        prometheus = TestPrometheus.start(exporter.address(), rules);
        api = TestApi.withAlerting(config(rules));
        http = api.http();
        tenant = TestDb.uniqueSlug("alertcheck");
        assertEquals(201, http.post("/api/tenants", TestApi.superToken(), null, "{\"slug\":\"" + tenant + "\",\"name\":\"T " + tenant + "\"}")
                .status());
        op = TestApi.token(tenant, "operator");
        exporter.serve("""
                dbtools_up{tenant="%1$s",server="db-down",engine="postgres"} 0
                dbtools_up{tenant="%1$s",server="db-up",engine="postgres"} 1
                dbtools_up{tenant="someone-else",server="db-theirs",engine="postgres"} 0
                """.formatted(tenant));
        prometheus.await("the tenant's series scraped", () -> prometheus.query("count(dbtools_up{tenant=\"" + tenant + "\"})"),
                r -> r.size() == 1 && r.get(0).at("/value/1").asText().equals("2"));
        var rule = http.post("/api/alert-rules", op, null, "{\"name\":\"NotCollected\",\"metric\":\"dbtools_up\",\"operator\":\"lt\","
                + "\"threshold\":1,\"for\":\"5m\",\"severity\":\"warning\"}");
        assertEquals(201, rule.status(), rule.body());
        ruleId = rule.json().at("/rule/id").asLong();
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

    static AlertingConfig config(Path rules) {
        return new AlertingConfig(null, prometheus.url(), rules, ExternalProcess.tool("promtool", "prometheus").toString(),
                Duration.ofSeconds(5), AlertingConfig.client(Duration.ofSeconds(5)));
    }

    static String checkJob(String name, String configuration) {
        return "{\"name\":\"" + name + "\",\"type\":\"alert_check\",\"configuration\":" + configuration
                + ",\"schedule\":{\"type\":\"interval\",\"intervalSeconds\":3600}}";
    }

    @Test
    void an_alert_check_job_records_the_series_and_servers_its_rule_matches_now() throws Exception {
        long recordOnly = http.post("/api/jobs", op, null, checkJob("who-is-down", "{\"ruleId\":" + ruleId + "}")).json().get("id").asLong();
        long failing = http.post("/api/jobs", op, null, checkJob("nobody-may-be-down", "{\"ruleId\":" + ruleId + ",\"failWhenMatching\":true}"))
                .json().get("id").asLong();

        // a node whose alert_check handler knows this Prometheus; the test API's node has none and stays out of the way
        TestApi.scheduler().pause();
        var platform = TestDb.platform();
        var server = TestDb.server();
        var mapper = Json.mapper();
        try (var pool = Databases.pool("alert-check-node", server.url(Databases.SYSTEM_DATABASE), server.adminUser(), server.adminPassword(), 6);
             var pools = new TenantPools(platform.secrets(), null, 2)) {
            var retention = new DataRetention(platform.registry(), pools, new Db(platform.system()), Clock.systemUTC());
            var handlers = StandardHandlers.of(mapper, platform.secrets(), TestJobs.EXECUTOR, retention,
                    new ConnectionTester(new Engines(PluginRegistry.discover()), Executors.newVirtualThreadPerTaskExecutor()),
                    new PrometheusClient(config(prometheus.rulesDir()), mapper), Clock.systemUTC());
            var settings = new JobScheduler.Settings("alert-check-node", 2, Duration.ofMillis(100), Duration.ofSeconds(1), 4, Duration.ofMillis(200));
            try (var node = new JobScheduler(pool, platform.registry(), pools, new JobRepository(mapper), handlers,
                    new JobMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), settings, List.of())) {
                node.start();
                JsonNode recorded = run(recordOnly);
                assertEquals("success", recorded.get("status").asText(), recorded.toString());
                assertEquals("alert-check-node", recorded.get("node").asText());
                assertEquals(1, recorded.at("/result/matching").asInt(), recorded.toString());
                assertEquals("db-down", recorded.at("/result/servers/0").asText());
                assertEquals(1, recorded.at("/result/servers").size(), "only this tenant's servers: " + recorded);
                assertEquals("dbtools_up{tenant=\"" + tenant + "\"} < 1", recorded.at("/result/expr").asText());
                assertEquals("0", recorded.at("/result/series/0/value").asText());

                JsonNode failed = run(failing);
                assertEquals("failed", failed.get("status").asText(), failed.toString());
                assertEquals("alert rule NotCollected matches 1 series on db-down", failed.get("error").asText());
            }
        } finally {
            TestApi.scheduler().resume();
        }
    }

    static JsonNode run(long job) {
        assertEquals(202, http.post("/api/jobs/" + job + "/run", op, null, null).status());
        return Await.until("job " + job + " to finish", Duration.ofSeconds(30), () -> {
            JsonNode items = http.get("/api/jobs/" + job + "/executions", op, null).json().get("items");
            return items.size() == 1 && !items.get(0).get("status").asText().equals("running") ? items.get(0) : null;
        });
    }

    @Test
    void an_alert_check_job_needs_prometheus_and_a_rule_of_the_tenant() {
        record Case(Http via, String body, String field) {}
        long server = http.post("/api/servers", op, null, TestApi.pgServer("check-db", null)).json().at("/server/id").asLong();
        List<Case> cases = List.of(
                // the test API has no Prometheus configured
                new Case(TestApi.http(), checkJob("x", "{\"ruleId\":" + ruleId + "}"), "type"),
                new Case(http, checkJob("x", "{}"), "configuration.ruleId"),
                new Case(http, checkJob("x", "{\"ruleId\":\"one\"}"), "configuration.ruleId"),
                new Case(http, checkJob("x", "{\"ruleId\":987654}"), "configuration.ruleId"),
                new Case(http, checkJob("x", "{\"ruleId\":" + ruleId + ",\"failWhenMatching\":\"yes\"}"), "configuration.failWhenMatching"),
                new Case(http, checkJob("x", "{\"ruleId\":" + ruleId + ",\"expr\":\"up\"}"), "configuration.expr"),
                new Case(http, checkJob("x", "{\"ruleId\":" + ruleId + "}").replace("\"type\":\"alert_check\"",
                        "\"type\":\"alert_check\",\"serverId\":" + server), "serverId"));
        for (Case c : cases) {
            var r = c.via().post("/api/jobs", op, null, c.body());
            assertEquals(400, r.status(), c.body() + " → " + r.body());
            assertEquals(c.field(), r.errorField(), c.body() + " → " + r.body());
        }
        assertTrue(http.post("/api/jobs", op, null, checkJob("ok", "{\"ruleId\":" + ruleId + "}")).status() == 201);
    }
}
