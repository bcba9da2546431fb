package io.dbtools.e2e;

import static io.dbtools.e2e.support.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.e2e.support.Fleet;
import io.dbtools.e2e.support.JsonHttp;
import io.dbtools.e2e.support.LoopConfig;
import io.dbtools.e2e.support.Loop;
import io.dbtools.e2e.support.PanelQueries;
import io.dbtools.e2e.support.Prometheus;
import io.dbtools.e2e.support.RowLock;
import io.dbtools.postgres.TestPostgres;
import io.dbtools.rules.testing.Repo;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The live loop of DbTools with real processes, in the order an incident happens: servers onboarded
 * through the control API are discovered by Prometheus and probed through the exporter; a session
 * blocked on a row lock fires DbToolsBlockedSessions; Alertmanager posts it to the control API;
 * releasing the lock resolves it there. The lock is taken again, an operator acknowledges the new
 * occurrence in the control API, which silences it in Alertmanager, and releasing the lock must
 * resolve the acknowledged alert too. On the way, every dashboard panel is queried against the
 * live Prometheus.
 *
 * <p>The steps share one running loop ({@link Loop}) and run in order; each names what it proves.
 * Timings are shortened (see {@link LoopConfig}); everything else is the production configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class LiveLoopTest {

    private static final String BLOCKED = "DbToolsBlockedSessions";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LOCK_TABLE = "e2e_stock";
    private static final String SLOT = "e2e_archiver";

    /**
     * Dashboards and panels that cannot return data here, with the engine they need: every other panel
     * of every dashboard must return data, and each listed one must not (so the list stays true). The
     * same list is in docs/dashboards.md ("What the live loop proves").
     */
    static final Map<String, String> WHOLE_DASHBOARD_NEEDS = Map.of(
            "DbTools / MongoDB", "MongoDB",
            "DbTools / SQL Server", "SQL Server",
            "DbTools / Snowflake", "Snowflake");
    static final Map<String, String> PANEL_NEEDS = Map.ofEntries(
            // dbtools_cpu_utilization_ratio / dbtools_memory_utilization_ratio: only SQL Server exposes them.
            Map.entry("DbTools / Fleet overview / CPU, top 10 / A", "SQL Server"),
            Map.entry("DbTools / Fleet overview / Memory, top 10 / A", "SQL Server"),
            Map.entry("DbTools / Fleet overview / Worst servers / B", "SQL Server"),
            Map.entry("DbTools / Fleet overview / Worst servers / C", "SQL Server"),
            Map.entry("DbTools / Server detail / CPU utilization / A", "SQL Server"),
            Map.entry("DbTools / Server detail / Memory utilization / A", "SQL Server"),
            // dbtools_last_backup_timestamp_seconds: SQL Server's msdb backup history.
            Map.entry("DbTools / Fleet overview / Oldest backup age, top 10 / A", "SQL Server"),
            Map.entry("DbTools / Server detail / Backup age / A", "SQL Server"),
            Map.entry("DbTools / Server detail / Backup age / B", "SQL Server"),
            Map.entry("DbTools / Server detail / Last backup per database / A", "SQL Server"),
            Map.entry("DbTools / Server detail / SQL Server file latency / A", "SQL Server"),
            Map.entry("DbTools / Server detail / SQL Server file latency / B", "SQL Server"),
            Map.entry("DbTools / Server detail / SQL Server log used / A", "SQL Server"),
            Map.entry("DbTools / Server detail / SQL Server waits (top 10 types) / A", "SQL Server"),
            Map.entry("DbTools / Server detail / MongoDB connections / A", "MongoDB"),
            Map.entry("DbTools / Server detail / MongoDB global lock queue / A", "MongoDB"),
            Map.entry("DbTools / Server detail / MongoDB members: lag / A", "MongoDB"),
            Map.entry("DbTools / Server detail / MongoDB network / A", "MongoDB"),
            Map.entry("DbTools / Server detail / MongoDB network / B", "MongoDB"),
            // Not an engine: these read an exporter started with a targets file; this loop's takes targets from the API.
            Map.entry("DbTools / Exporter / Targets file last read / A", "an exporter reading a targets file (--config)"),
            Map.entry("DbTools / Exporter / Targets file reload ok / A", "an exporter reading a targets file (--config)"));

    /** What a panel needs that cannot run here, if anything. */
    static Optional<String> needs(PanelQueries.Query q) {
        return Optional.ofNullable(WHOLE_DASHBOARD_NEEDS.get(q.dashboard())).or(() -> Optional.ofNullable(PANEL_NEEDS.get(q.where())));
    }

    private Loop loop;
    private Prometheus prometheus;
    private JsonHttp operator;
    private Instant started;
    private RowLock lock;
    private String alertId;
    private String silenceId;

    @BeforeAll
    void start() throws Exception {
        started = Instant.now();
        try (Connection c = TestPostgres.superuser("app"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + LOCK_TABLE + " (id int PRIMARY KEY, qty int NOT NULL)");
            st.execute("INSERT INTO " + LOCK_TABLE + " VALUES (1, 10) ON CONFLICT DO NOTHING");
            // A slot for a consumer that is not connected: it retains WAL (the PostgreSQL dashboard's slot panel).
            st.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)"
                    + " WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + SLOT + "')");
        }
        loop = Loop.start();
        prometheus = new Prometheus(loop.prometheus);
        operator = loop.admin.as(loop.fleet.operatorToken(), null);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (lock != null) lock.close();
        } finally {
            if (loop != null) loop.close();
            try (Connection c = TestPostgres.superuser("app"); Statement st = c.createStatement()) {
                st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'");
            }
        }
        assertFalse(loop != null && (loop.prometheusProcess.alive() || loop.alertmanagerProcess.alive()),
                "prometheus or alertmanager still running after the loop stopped");
    }

    @Test
    @Order(1)
    void prometheus_discovers_every_server_through_the_control_api_and_probes_it_through_the_exporter() {
        JsonNode targets = await("3 scraped targets of job dbtools", WAIT, () -> {
            List<JsonNode> scraped = activeTargets("dbtools").stream()
                    .filter(t -> !t.path("lastScrape").asText().startsWith("0001")).toList();
            return scraped.size() == 3 ? Optional.of(JsonHttp.JSON.valueToTree(scraped)) : Optional.empty();
        }, () -> activeTargets("dbtools").toString());
        Set<String> servers = new TreeSet<>();
        for (JsonNode t : targets) {
            JsonNode labels = t.path("labels");
            String server = labels.path("server").asText();
            servers.add(server);
            assertEquals(Fleet.TENANT, labels.path("tenant").asText(), t.toString());
            assertEquals("postgres", labels.path("engine").asText(), t.toString());
            long id = loop.fleet.serverIds().get(server);
            assertTrue(t.path("scrapeUrl").asText().endsWith("/probe?target=" + Fleet.TENANT + "." + id), t.toString());
        }
        assertEquals(new TreeSet<>(Fleet.servers()), servers);

        Map<String, String> up = await("dbtools_up of every server", WAIT, () -> {
            Map<String, String> v = byServer(prometheus.instant("dbtools_up{job=\"dbtools\", tenant=\"acme\", engine=\"postgres\"}"));
            return v.size() == 3 ? Optional.of(v) : Optional.empty();
        }, () -> prometheus.instant("dbtools_up").toString());
        assertEquals(Map.of(Fleet.PRIMARY, "1", Fleet.STANDBY, "1", Fleet.OFFLINE, "0"), up,
                "the primary and standby are collected, the server on a closed port is not");
        assertEquals(Map.of(Fleet.PRIMARY, "1", Fleet.STANDBY, "1"),
                byServer(prometheus.instant("dbtools_server_group_info{group=\"" + Fleet.GROUP + "\"}")),
                "group membership comes from the control API's inventory");
        List<String> ruleFiles = StreamSupport.stream(prometheus.api("/api/v1/rules").path("groups").spliterator(), false)
                .map(g -> g.path("file").asText()).toList();
        assertTrue(ruleFiles.stream().anyMatch(f -> f.endsWith("/tenant-" + Fleet.TENANT + ".rules.yml")),
                "Prometheus loads the tenant's rules file the control API wrote: " + ruleFiles);
    }

    @Test
    @Order(2)
    void a_session_blocked_on_a_row_lock_fires_the_blocked_sessions_alert_in_prometheus_and_alertmanager() throws Exception {
        lock = RowLock.hold(() -> TestPostgres.superuser("app"), LOCK_TABLE, 1);
        String series = "{tenant=\"acme\", server=\"" + Fleet.PRIMARY + "\"}";
        await("dbtools_blocked_sessions >= 1 on the primary", WAIT,
                () -> Prometheus.hasData(prometheus.instant("dbtools_blocked_sessions" + series + " >= 1")) ? Optional.of(true)
                        : Optional.empty(),
                () -> prometheus.instant("dbtools_blocked_sessions").toString());
        assertTrue(lock.blocking(), "the second session waits for the lock");

        JsonNode firing = await(BLOCKED + " firing in Prometheus", WAIT, () -> first(prometheus.instant(
                "ALERTS{alertname=\"" + BLOCKED + "\", alertstate=\"firing\", tenant=\"acme\", server=\"" + Fleet.PRIMARY + "\"}")),
                () -> prometheus.instant("ALERTS").toString());
        assertEquals("warning", firing.path("metric").path("severity").asText(), "one blocked session is a warning");

        JsonNode inAlertmanager = await(BLOCKED + " active in Alertmanager", WAIT, () -> alertmanagerAlert(BLOCKED),
                () -> loop.alertmanager.get("/api/v2/alerts").toString());
        assertEquals("active", inAlertmanager.path("status").path("state").asText());
        assertEquals(List.of("control-api-warning"),
                StreamSupport.stream(inAlertmanager.path("receivers").spliterator(), false).map(r -> r.path("name").asText()).toList(),
                "routed by severity to the control API");
    }

    @Test
    @Order(3)
    void every_dashboard_panel_returns_data_unless_it_needs_an_engine_that_cannot_run_here() {
        int scrape = LoopConfig.SCRAPE_SECONDS;
        // Enough history for rate() and the range panels: every target scraped a few times.
        await("4 scrapes of every target", WAIT, () -> {
            String window = "[" + Duration.between(started, Instant.now()).toSeconds() + "s]";
            JsonNode fewest = prometheus.instant("min(count_over_time(up" + window + "))");
            return !fewest.isEmpty() && fewest.get(0).path("value").get(1).asDouble() >= 4 ? Optional.of(true) : Optional.empty();
        }, () -> scrapeHealth(Instant.now()));
        assertTrue(lock.blocking(), "the blocking chain still holds while the panels are read");
        Instant end = Instant.now();
        Map<String, Boolean> hasData = new TreeMap<>();
        for (PanelQueries.Query q : PanelQueries.all()) {
            List<String> servers = PanelQueries.oneServerAtATime(q.dashboard()) ? Fleet.servers() : List.of(".*");
            boolean any = false;
            for (String server : servers) {
                String expr = PanelQueries.substitute(q.expr(), Map.of("tenant", Fleet.TENANT, "engine", ".*", "group", ".*",
                        "server", server, "__interval", (2 * scrape) + "s", "__rate_interval", (4 * scrape) + "s", "__range", "1h"));
                if (q.instant()) {
                    // At the end and the two scrapes before (the next dashboard refresh): one probe that
                    // overran its timeout on a busy machine leaves its series stale for a moment.
                    for (int back = 0; back <= 2 && !any; back++) {
                        any = Prometheus.hasData(prometheus.instant(expr, end.minusSeconds((long) back * scrape)));
                    }
                } else {
                    any |= Prometheus.hasData(prometheus.range(expr, started, end, scrape));
                }
            }
            hasData.merge(q.where(), any, Boolean::logicalOr);
        }
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (PanelQueries.Query q : PanelQueries.all()) {
            boolean data = hasData.get(q.where());
            Optional<String> needs = needs(q);
            if (!data && needs.isEmpty()) missing.add(q.where());
            if (data && needs.isPresent()) stale.add(q.where() + " (listed as needing " + needs.get() + ")");
        }
        assertTrue(missing.isEmpty() && stale.isEmpty(), "panels without data:\n  " + String.join("\n  ", missing)
                + "\nlisted as needing what cannot run here, yet with data:\n  " + String.join("\n  ", stale)
                + "\nscrapes so far (up / scrape_duration_seconds per target):\n  " + scrapeHealth(end));
        Set<String> unknown = new TreeSet<>(PANEL_NEEDS.keySet());
        unknown.removeAll(hasData.keySet());
        assertEquals(Set.of(), unknown, "listed panels that no dashboard has");
        String docs = Repo.read(Repo.root().resolve("docs/dashboards.md"));
        for (String where : PANEL_NEEDS.keySet()) {
            String[] parts = where.split(" / ");
            assertTrue(docs.contains(parts[2]), "docs/dashboards.md does not list the panel " + where + " as needing " + PANEL_NEEDS.get(where));
        }
    }

    @Test
    @Order(4)
    void alertmanager_posts_the_alert_to_the_control_api_which_files_it_under_the_tenant() {
        requireAlertsApi();
        JsonNode alert = await(BLOCKED + " firing in GET /api/alerts", WAIT, () -> controlApiAlert("active", "firing", null),
                () -> operator.get("/api/alerts?state=all").toString());
        alertId = alert.path("id").asText();
        assertEquals(Fleet.PRIMARY, alert.path("server").asText(), alert.toString());
        assertEquals("warning", alert.path("severity").asText(), alert.toString());
        assertEquals(Fleet.TENANT, alert.path("labels").path("tenant").asText(), alert.toString());
        assertTrue(alert.path("acknowledgement").isNull(), alert.toString());
        assertEquals(0.0, alertmanagerMetric("alertmanager_notifications_failed_total{integration=\"webhook\"}"),
                "no webhook post was refused");
    }

    @Test
    @Order(5)
    void releasing_the_lock_resolves_the_alert_in_the_control_api() throws Exception {
        requireAlertsApi();
        assertTrue(alertId != null, "step 4 found the alert");
        assertEquals(1, lock.release(), "the waiting UPDATE goes through once the holder rolls back");
        JsonNode resolved = await(BLOCKED + " resolved in GET /api/alerts", WAIT, () -> controlApiAlert("resolved", "resolved", alertId),
                () -> operator.get("/api/alerts?state=all&alertname=" + BLOCKED).toString());
        assertFalse(resolved.path("endsAt").isNull(), resolved.toString());
        assertTrue(controlApiAlert("active", null, alertId).isEmpty(), "a resolved alert is no longer listed as active");
    }

    @Test
    @Order(6)
    void acknowledging_a_new_occurrence_in_the_control_api_silences_it_in_alertmanager() throws Exception {
        requireAlertsApi();
        lock.close(); // the first blocking chain, released in step 5
        lock = RowLock.hold(() -> TestPostgres.superuser("app"), LOCK_TABLE, 1);
        JsonNode again = await("a new occurrence of " + BLOCKED + " firing in GET /api/alerts", WAIT,
                () -> controlApiAlert("active", "firing", null).filter(a -> !a.path("id").asText().equals(alertId)),
                () -> operator.get("/api/alerts?state=all").toString());
        alertId = again.path("id").asText();

        JsonHttp.Response r = operator.post("/api/alerts/" + alertId + "/acknowledge",
                Map.of("comment", "looking at the lock on " + LOCK_TABLE, "duration", "1h"));
        assertEquals(200, r.status(), r.toString());
        JsonNode ack = r.json().path("acknowledgement");
        assertEquals(Fleet.OPERATOR_TOKEN_NAME, ack.path("by").asText(), r.toString());
        silenceId = ack.path("silenceId").asText();
        assertFalse(silenceId.isBlank(), r.toString());

        JsonHttp.Response silence = loop.alertmanager.get("/api/v2/silence/" + silenceId);
        assertEquals(200, silence.status(), silence.toString());
        JsonNode s = silence.json();
        assertEquals("active", s.path("status").path("state").asText(), s.toString());
        assertEquals(Fleet.OPERATOR_TOKEN_NAME, s.path("createdBy").asText(), s.toString());
        Map<String, String> matchers = new HashMap<>();
        for (JsonNode m : s.path("matchers")) {
            assertTrue(m.path("isEqual").asBoolean(true) && !m.path("isRegex").asBoolean(), "equality matchers: " + s);
            matchers.put(m.path("name").asText(), m.path("value").asText());
        }
        assertEquals(BLOCKED, matchers.get("alertname"), s.toString());
        assertEquals(Fleet.TENANT, matchers.get("tenant"), s.toString());
        assertEquals(Fleet.PRIMARY, matchers.get("server"), s.toString());

        JsonNode muted = await("the alert suppressed by the silence in Alertmanager", WAIT,
                () -> alertmanagerAlert(BLOCKED).filter(a -> a.path("status").path("state").asText().equals("suppressed")),
                () -> loop.alertmanager.get("/api/v2/alerts").toString());
        assertEquals(List.of(silenceId), StreamSupport.stream(muted.path("status").path("silencedBy").spliterator(), false)
                .map(JsonNode::asText).toList());
        JsonNode listed = controlApiAlert("active", "firing", alertId).orElseThrow();
        assertEquals(silenceId, listed.path("acknowledgement").path("silenceId").asText(), "GET /api/alerts shows the acknowledgement");
    }

    @Test
    @Order(7)
    void releasing_the_lock_resolves_the_acknowledged_alert_in_the_control_api() throws Exception {
        requireAlertsApi();
        assertTrue(silenceId != null, "step 6 acknowledged the alert");
        assertEquals(1, lock.release(), "the waiting UPDATE goes through once the holder rolls back");
        await(BLOCKED + " resolved in Prometheus and gone from Alertmanager", WAIT,
                () -> prometheus.instant("ALERTS{alertname=\"" + BLOCKED + "\"}").isEmpty() && alertmanagerAlert(BLOCKED).isEmpty()
                        ? Optional.of(true) : Optional.empty(),
                () -> prometheus.instant("ALERTS").toString());
        // Alertmanager sends no notification, firing or resolved, for an alert a silence mutes (checked with
        // 0.25): the acknowledgement's own silence hides the resolution, so the control API learns it by
        // reconciling its acknowledged alerts with Alertmanager's /api/v2/alerts (every 2 s here).
        JsonNode resolved = await("the acknowledged " + BLOCKED + " resolved in GET /api/alerts", WAIT,
                () -> controlApiAlert("resolved", "resolved", alertId),
                () -> operator.get("/api/alerts?state=all&alertname=" + BLOCKED).toString()
                        + "\nAlertmanager muted the resolved notification with the acknowledgement's silence " + silenceId
                        + "; the control API never heard that the alert ended");
        assertFalse(resolved.path("endsAt").isNull(), resolved.toString());
        JsonNode detail = operator.get("/api/alerts/" + alertId).json();
        assertTrue(detail.toString().contains("reconciler"), "resolved by the reconciliation: " + detail);
        // The acknowledgement belonged to this episode: its silence is expired so the next one notifies again.
        await("the acknowledgement's silence " + silenceId + " expired", WAIT,
                () -> "expired".equals(alertmanagerSilenceState(silenceId)) ? Optional.of(true) : Optional.empty(),
                () -> "silence state " + alertmanagerSilenceState(silenceId));
    }

    // --- helpers -----------------------------------------------------------------------------------

    /** Fails loudly, naming the contract, when the control API has no alerts API (branch alerts not merged). */
    private void requireAlertsApi() {
        if (loop.fleet.alertmanagerToken().isEmpty()) {
            fail("ASSUMPTION alerts-api-present failed: the control API lacks the alerts contract (role alertmanager,"
                    + " POST /api/alertmanager/webhook, GET /api/alerts, POST /api/alerts/{id}/acknowledge): "
                    + loop.fleet.alertmanagerTokenError().orElse(""));
        }
        JsonHttp.Response r = operator.get("/api/alerts");
        if (r.status() == 404) {
            fail("ASSUMPTION alerts-api-present failed: GET /api/alerts answered 404");
        }
    }

    /** The DbToolsBlockedSessions alert of the primary in GET /api/alerts?state=..., optionally by status and id. */
    private Optional<JsonNode> controlApiAlert(String state, String status, String id) {
        JsonHttp.Response r = operator.get("/api/alerts", Map.of("state", state, "alertname", BLOCKED, "server", Fleet.PRIMARY));
        assertEquals(200, r.status(), r.toString());
        for (JsonNode a : r.json().path("items")) {
            if (a.path("alertname").asText().equals(BLOCKED) && (status == null || a.path("status").asText().equals(status))
                    && (id == null || a.path("id").asText().equals(id))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Per target: successful scrapes of all, and the longest scrape (for failure messages). */
    private String scrapeHealth(Instant end) {
        List<String> out = new ArrayList<>();
        String window = "[" + Duration.between(started, end).toSeconds() + "s]";
        for (JsonNode s : prometheus.instant("count_over_time(up" + window + ")", end)) {
            JsonNode m = s.path("metric");
            String sel = "{job=\"" + m.path("job").asText() + "\", instance=\"" + m.path("instance").asText() + "\""
                    + (m.has("server") ? ", server=\"" + m.path("server").asText() + "\"" : "") + "}";
            JsonNode ok = prometheus.instant("sum_over_time(up" + sel + window + ")", end);
            JsonNode longest = prometheus.instant("max_over_time(scrape_duration_seconds" + sel + window + ")", end);
            out.add(sel + " " + (ok.isEmpty() ? "?" : ok.get(0).path("value").get(1).asText()) + "/" + s.path("value").get(1).asText()
                    + " ok, longest " + (longest.isEmpty() ? "?" : longest.get(0).path("value").get(1).asText()) + " s");
        }
        return String.join("\n  ", out);
    }

    private List<JsonNode> activeTargets(String job) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode t : prometheus.api("/api/v1/targets?state=active").path("activeTargets")) {
            if (t.path("labels").path("job").asText().equals(job)) out.add(t);
        }
        return out;
    }

    private Optional<JsonNode> alertmanagerAlert(String alertname) {
        JsonHttp.Response r = loop.alertmanager.get("/api/v2/alerts");
        for (JsonNode a : r.json()) {
            JsonNode l = a.path("labels");
            if (l.path("alertname").asText().equals(alertname) && l.path("server").asText().equals(Fleet.PRIMARY)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private String alertmanagerSilenceState(String id) {
        return loop.alertmanager.get("/api/v2/silence/" + id).json().path("status").path("state").asText();
    }

    private double alertmanagerMetric(String series) {
        for (String line : loop.alertmanager.get("/metrics").body().split("\n")) {
            if (line.startsWith(series + " ")) return Double.parseDouble(line.substring(series.length() + 1).strip());
        }
        return fail("Alertmanager has no " + series);
    }

    private static Optional<JsonNode> first(JsonNode result) {
        return result.isEmpty() ? Optional.empty() : Optional.of(result.get(0));
    }

    private static Map<String, String> byServer(JsonNode vector) {
        Map<String, String> out = new TreeMap<>();
        vector.forEach(s -> out.put(s.path("metric").path("server").asText(), s.path("value").get(1).asText()));
        return out;
    }
}
