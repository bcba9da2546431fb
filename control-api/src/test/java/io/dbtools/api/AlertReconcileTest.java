package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.alert.ActiveAlerts;
import io.dbtools.api.alert.AlertIngest;
import io.dbtools.api.alert.AlertReconciler;
import io.dbtools.api.alert.AlertReconciler.Outcome;
import io.dbtools.api.alert.AlertStore;
import io.dbtools.api.alert.AlertingConfig;
import io.dbtools.api.alert.Silences;
import io.dbtools.api.alert.WebhookPayload;
import io.dbtools.api.auth.Principal;
import io.dbtools.api.auth.Role;
import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.api.testing.AlertLoop;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestAlertmanager;
import io.dbtools.api.testing.TestApi;
import io.dbtools.api.testing.Webhooks;
import io.dbtools.api.testing.Webhooks.TestAlert;
import io.dbtools.api.web.Json;
import io.dbtools.exporter.testing.SettableClock;
import io.dbtools.tenants.Databases;
import io.dbtools.tenants.Migrations;
import io.dbtools.tenants.Platform;
import io.dbtools.tenants.TenantRegistry;
import io.dbtools.tenants.testing.TestDb;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Alertmanager that delivers to the API. An acknowledged alert's silence holds back the
 * resolved notification; an unacknowledged alert's resolution is lost (its route never sends one,
 * as when the API was down while Alertmanager retried). The reconciliation finds such alerts gone
 * from Alertmanager and resolves them, and leaves alone the ones Alertmanager still holds, active
 * or suppressed. Runs are called directly with a fixed or hand-moved clock; only Alertmanager's
 * own deliveries are awaited.
 */
class AlertReconcileTest {

    private static final ObjectMapper MAPPER = Json.mapper();
    private static final Duration AN_HOUR = Duration.ofHours(1);
    private static final Duration LOST_AFTER = Duration.ofMinutes(10);
    private static AlertLoop loop;
    private static TestAlertmanager alertmanager;
    private static AlertingConfig alerting;
    private static Http http;
    private static TenantPools pools;
    private static String tenant;
    private static String operator;
    private static String viewer;

    @BeforeAll
    static void start() {
        // a short repeat_interval: an occurrence of a fingerprint Alertmanager already notified is sent again only on repeat
        loop = AlertLoop.start("2s");
        alertmanager = loop.alertmanager();
        alerting = loop.alerting();
        http = loop.http();
        Platform platform = TestDb.platform();
        pools = new TenantPools(platform.secrets(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), 2);
        tenant = TestApi.newTenant("recon");
        operator = TestApi.token(tenant, "operator");
        viewer = TestApi.token(tenant, "viewer");
    }

    @AfterAll
    static void stop() {
        if (loop != null) {
            loop.close();
        }
        if (pools != null) {
            pools.close();
        }
    }

    private static AlertReconciler reconciler(AlertingConfig config, Clock clock, Duration restartGrace, Duration lostAfter) {
        Platform platform = TestDb.platform();
        return reconciler(platform.registry(), new Db(platform.system()), config, clock, restartGrace, lostAfter);
    }

    private static AlertReconciler reconciler(TenantRegistry registry, Db system, AlertingConfig config, Clock clock, Duration restartGrace,
                                              Duration lostAfter) {
        return new AlertReconciler(registry, pools, system, new AlertStore(MAPPER), new ActivityLog(clock, MAPPER),
                new ActiveAlerts(config, MAPPER), new Silences(config, MAPPER), clock,
                new AlertReconciler.Settings(Duration.ofSeconds(60), restartGrace, lostAfter));
    }

    /**
     * Runs against the test's Alertmanager at {@code now}, trusting it however recently it started; a fresh
     * reconciler has seen nothing before, so unacknowledged alerts only start to be awaited (for an hour).
     */
    private static AlertReconciler.Summary reconcileAt(Instant now) {
        return reconciler(alerting, Clock.fixed(now, ZoneOffset.UTC), Duration.ZERO, AN_HOUR).reconcileAll();
    }

    @Test
    void an_acknowledged_alert_resolved_while_silenced_is_resolved_once_and_its_silence_expired() {
        Instant started = Instant.now().minusSeconds(60);
        long id = fireAndFile("db-rec-gone", started);
        String silenceId = acknowledge(id);
        long stillFiring = fireAndFile("db-rec-still", started);
        String stillSilence = acknowledge(stillFiring);
        // never in Alertmanager, never acknowledged: its resolved notification may still come, so it is only awaited (for an hour here)
        var direct = http.post("/api/alertmanager/webhook", TestApi.superToken(), null, Webhooks.body(TestAlert.firing(
                "ec0000000000aa01", started.toString(), Webhooks.labels(tenant, "DbToolsCpuHigh", "db-rec-unacked", "warning"))));
        assertEquals(200, direct.status(), direct.body());

        Instant ended = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        postToAlertmanager("db-rec-gone", started, ended);
        assertTrue(held("db-rec-gone") == null, "Alertmanager lists no resolved alert");
        assertTrue(held("db-rec-still") != null);
        assertEquals("suppressed", held("db-rec-still").get("status").get("state").asText());

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var first = reconcileAt(now);
        assertEquals(Outcome.RECONCILED, first.outcome());
        assertTrue(first.resolved() >= 1 && first.checked() >= 3 && first.waiting() >= 1, first.toString());

        JsonNode resolved = http.get("/api/alerts?state=resolved&server=db-rec-gone", viewer, null).json();
        assertEquals(1, resolved.get("total").asInt(), resolved.toString());
        assertEquals(id, resolved.get("items").get(0).get("id").asLong());
        assertEquals(silenceId, resolved.get("items").get(0).get("acknowledgement").get("silenceId").asText(),
                "the acknowledgement stays on record");
        JsonNode events = http.get("/api/alerts/" + id, viewer, null).json().get("events");
        assertEquals(3, events.size(), events.toString());
        JsonNode last = events.get(2);
        assertEquals("resolved", last.get("kind").asText());
        assertEquals("reconciler", last.get("actor").asText());
        assertEquals(now, Instant.parse(last.get("at").asText()));
        assertEquals(now.toString(), last.get("details").get("endsAt").asText(), "resolved when noticed: the real end is not known yet");
        assertTrue(last.get("details").get("reason").asText().startsWith("Alertmanager no longer holds the alert"), last.toString());
        assertEquals(silenceId, last.get("details").get("silenceId").asText());
        JsonNode activity = http.get("/api/activity?action=alert.resolved&entityId=" + id, viewer, null).json();
        assertEquals(1, activity.get("total").asInt(), activity.toString());
        assertTrue(activity.get("items").get(0).get("actor").asText().startsWith("reconciler"), activity.toString());
        assertEquals("expired", alertmanager.silence(silenceId).get("status").get("state").asText(),
                "a new occurrence of the alert must not be muted by the old acknowledgement");

        // unmuted, Alertmanager sends the resolved notification it held back: its endsAt replaces the noticed one, without an event
        await("/api/alerts?state=resolved&server=db-rec-gone",
                list -> ended.equals(Instant.parse(list.get("items").get(0).get("endsAt").asText())));
        assertEquals(3, http.get("/api/alerts/" + id, viewer, null).json().get("events").size());

        assertFiringAndAcknowledged("db-rec-still", stillFiring);
        assertEquals("active", alertmanager.silence(stillSilence).get("status").get("state").asText());
        JsonNode unacked = http.get("/api/alerts?server=db-rec-unacked", viewer, null).json();
        assertEquals(1, unacked.get("total").asInt(), unacked.toString());

        // idempotent: the second run finds nothing more to resolve and writes nothing
        var second = reconcileAt(now.plusSeconds(60));
        assertEquals(0, second.resolved(), second.toString());
        assertEquals(0, second.silencesExpired());
        assertEquals(3, http.get("/api/alerts/" + id, viewer, null).json().get("events").size());
        assertEquals(1, http.get("/api/activity?action=alert.resolved&entityId=" + id, viewer, null).json().get("total").asInt());
        assertFiringAndAcknowledged("db-rec-still", stillFiring);

        // only an end the reconciler guessed is corrected: a resolution Alertmanager sent stays as sent
        TestAlert unackedAlert = TestAlert.firing("ec0000000000aa01", started.toString(),
                Webhooks.labels(tenant, "DbToolsCpuHigh", "db-rec-unacked", "warning"));
        Instant sentEnd = started.plusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        for (Instant end : new Instant[] {sentEnd, sentEnd.minusSeconds(10)}) {
            var r = http.post("/api/alertmanager/webhook", TestApi.superToken(), null, Webhooks.body(unackedAlert.resolved(end.toString())));
            assertEquals(200, r.status(), r.body());
        }
        JsonNode sent = http.get("/api/alerts?state=resolved&server=db-rec-unacked", viewer, null).json().get("items").get(0);
        assertEquals(sentEnd, Instant.parse(sent.get("endsAt").asText()));
    }

    @Test
    void a_newer_occurrence_in_alertmanager_ends_the_acknowledged_one_and_is_delivered_once_unmuted() {
        Instant first = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        long id = fireAndFile("db-rec-again", first);
        String silenceId = acknowledge(id);
        postToAlertmanager("db-rec-again", first, Instant.now().minusSeconds(60));
        // Alertmanager keeps milliseconds
        Instant second = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        postToAlertmanager("db-rec-again", second, Instant.now().plusSeconds(3600));
        assertEquals(second, Instant.parse(held("db-rec-again").get("startsAt").asText()));
        assertEquals("suppressed", held("db-rec-again").get("status").get("state").asText(), "the old silence mutes the new occurrence");

        var run = reconcileAt(Instant.now());
        assertTrue(run.resolved() >= 1, run.toString());
        JsonNode old = http.get("/api/alerts/" + id, viewer, null).json();
        assertEquals("resolved", old.get("status").asText());
        assertEquals(second, Instant.parse(old.get("endsAt").asText()), "it ended by the time the newer one started");
        JsonNode last = old.get("events").get(old.get("events").size() - 1);
        assertEquals("reconciler", last.get("actor").asText());
        assertTrue(last.get("details").get("reason").asText().contains("newer occurrence"), last.toString());
        assertEquals("expired", alertmanager.silence(silenceId).get("status").get("state").asText());

        // unmuted, Alertmanager delivers the new occurrence (on its repeat, as it notified this fingerprint before)
        JsonNode firing = await("/api/alerts?server=db-rec-again", list -> list.get("total").asInt() == 1);
        JsonNode item = firing.get("items").get(0);
        assertEquals(second, Instant.parse(item.get("startsAt").asText()));
        assertTrue(item.get("acknowledgement").isNull(), item.toString());
    }

    @Test
    void an_unacknowledged_alert_whose_resolution_was_lost_is_resolved_once_alertmanager_has_long_been_without_it() {
        Instant started = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        long lost = fireAndFile("lost-gone", started);
        long firing = fireAndFile("lost-firing", started);
        long muted = fireAndFile("lost-muted", started);
        // silenced in Alertmanager itself (not acknowledged through the API): suppressed, but still held
        String silence = new Silences(alerting, MAPPER).create(Webhooks.labels(tenant, "DbToolsCpuHigh", "lost-muted", "warning"),
                Instant.now(), Instant.now().plus(AN_HOUR), "someone in Alertmanager's UI", "maintenance");
        assertEquals("suppressed", held("lost-muted").get("status").get("state").asText());
        assertEquals("active", held("lost-firing").get("status").get("state").asText());

        postToAlertmanager("lost-gone", started, Instant.now().minusSeconds(1));
        assertNull(held("lost-gone"), "Alertmanager lists no resolved alert");

        SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
        Instant noticed = clock.instant();
        AlertReconciler reconciler = reconciler(alerting, clock, Duration.ZERO, LOST_AFTER);
        var first = reconciler.reconcileAll();
        assertEquals(Outcome.RECONCILED, first.outcome());
        assertTrue(first.waiting() >= 1 && first.checked() >= 3, first.toString());
        clock.advance(LOST_AFTER.minusSeconds(1));
        assertTrue(reconciler.reconcileAll().waiting() >= 1, "a resolved notification may still come within the wait");
        for (long id : List.of(lost, firing, muted)) {
            assertFiringUnacknowledged(id);
        }

        clock.advance(Duration.ofSeconds(1));
        var run = reconciler.reconcileAll();
        assertTrue(run.resolved() >= 1, run.toString());
        JsonNode resolved = http.get("/api/alerts/" + lost, viewer, null).json();
        assertEquals("resolved", resolved.get("status").asText(), resolved.toString());
        assertEquals(noticed, Instant.parse(resolved.get("endsAt").asText()), "ended by the first check that found it gone");
        assertTrue(resolved.get("acknowledgement").isNull());
        JsonNode events = resolved.get("events");
        assertEquals(2, events.size(), events.toString());
        JsonNode last = events.get(1);
        assertEquals("resolved", last.get("kind").asText());
        assertEquals("reconciler", last.get("actor").asText());
        assertEquals(clock.instant(), Instant.parse(last.get("at").asText()));
        assertEquals(noticed.toString(), last.get("details").get("endsAt").asText());
        assertTrue(last.get("details").get("reason").asText().contains("resolved notification never arrived"), last.toString());
        assertFalse(last.get("details").has("silenceId"), "no silence to expire: " + last);
        JsonNode activity = http.get("/api/activity?action=alert.resolved&entityId=" + lost, viewer, null).json();
        assertEquals(1, activity.get("total").asInt(), activity.toString());
        assertTrue(activity.get("items").get(0).get("actor").asText().startsWith("reconciler"), activity.toString());

        // still held by Alertmanager, active or suppressed: firing, however long the wait
        assertFiringUnacknowledged(firing);
        assertFiringUnacknowledged(muted);
        assertEquals("active", alertmanager.silence(silence).get("status").get("state").asText(), "only acknowledgements' silences are expired");

        clock.advance(Duration.ofMinutes(1));
        var again = reconciler.reconcileAll();
        assertEquals(2, http.get("/api/alerts/" + lost, viewer, null).json().get("events").size(), again.toString());
        assertEquals(1, http.get("/api/activity?action=alert.resolved&entityId=" + lost, viewer, null).json().get("total").asInt());
        assertFiringUnacknowledged(firing);
        assertFiringUnacknowledged(muted);
    }

    @Test
    void an_alert_filed_after_alertmanager_was_asked_is_not_judged_on_that_answer() {
        // filed by webhook only, so Alertmanager never holds it: any check that includes it resolves it (no wait here)
        Instant beforeFiling = Instant.now().minusMillis(1);
        var r = http.post("/api/alertmanager/webhook", TestApi.superToken(), null, Webhooks.body(TestAlert.firing(
                "ec0000000000aa02", beforeFiling.minusSeconds(60).toString(), Webhooks.labels(tenant, "DbToolsCpuHigh", "db-rec-late", "warning"))));
        assertEquals(200, r.status(), r.body());
        long id = http.get("/api/alerts?server=db-rec-late", viewer, null).json().get("items").get(0).get("id").asLong();

        reconciler(alerting, Clock.fixed(beforeFiling, ZoneOffset.UTC), Duration.ZERO, Duration.ZERO).reconcileAll();
        assertFiringUnacknowledged(id);

        reconciler(alerting, Clock.fixed(Instant.now(), ZoneOffset.UTC), Duration.ZERO, Duration.ZERO).reconcileAll();
        assertEquals("resolved", http.get("/api/alerts/" + id, viewer, null).json().get("status").asText());
    }

    @Test
    void platform_alerts_are_reconciled_too_acknowledged_and_lost_alike() {
        Instant started = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        String admin = TestApi.superToken();
        long acked = loop.fireAndFile("/api/system/alerts", admin, Webhooks.labels(null, "DbToolsExporterDown", "db-rec-platform", "critical"),
                started);
        long lost = loop.fireAndFile("/api/system/alerts", admin, Webhooks.labels(null, "DbToolsExporterDown", "lost-platform", "critical"),
                started);
        var ack = http.post("/api/system/alerts/" + acked + "/acknowledge", admin, null, "{\"comment\":\"host rebuild\",\"duration\":\"2h\"}");
        assertEquals(200, ack.status(), ack.body());
        String silenceId = ack.json().get("acknowledgement").get("silenceId").asText();
        loop.post(Webhooks.labels(null, "DbToolsExporterDown", "db-rec-platform", "critical"), started, Instant.now().minusSeconds(1));
        loop.post(Webhooks.labels(null, "DbToolsExporterDown", "lost-platform", "critical"), started, Instant.now().minusSeconds(1));

        SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
        AlertReconciler reconciler = reconciler(alerting, clock, Duration.ZERO, LOST_AFTER);
        var first = reconciler.reconcileAll();
        assertTrue(first.resolved() >= 1 && first.silencesExpired() >= 1, first.toString());
        JsonNode a = http.get("/api/system/alerts/" + acked, admin, null).json();
        assertEquals("resolved", a.get("status").asText(), a.toString());
        JsonNode last = a.get("events").get(a.get("events").size() - 1);
        assertEquals("reconciler", last.get("actor").asText());
        assertEquals(silenceId, last.get("details").get("silenceId").asText());
        assertEquals("expired", alertmanager.silence(silenceId).get("status").get("state").asText());
        assertEquals("firing", http.get("/api/system/alerts/" + lost, admin, null).json().get("status").asText(), "awaited first");

        clock.advance(LOST_AFTER);
        reconciler.reconcileAll();
        JsonNode l = http.get("/api/system/alerts/" + lost, admin, null).json();
        assertEquals("resolved", l.get("status").asText(), l.toString());
        for (long id : List.of(acked, lost)) {
            JsonNode entries = http.get("/api/system/activity?action=alert.resolved&entityType=alert&entityId=" + id, admin, null).json();
            assertEquals(1, entries.get("total").asInt(), entries.toString());
            assertTrue(entries.get("items").get(0).get("actor").asText().startsWith("reconciler"), entries.toString());
        }
    }

    @Test
    void alertmanager_is_asked_only_when_something_is_firing() throws Exception {
        // a system database of its own, with no tenants: nothing else in this JVM's stores fires into it
        String name = "recon_" + TestDb.uniqueSlug("empty").replace('-', '_');
        try (Connection c = TestDb.superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        var server = TestDb.server();
        try (var pool = Databases.pool("recon-empty", server.url(name), server.adminUser(), server.adminPassword(), 2)) {
            Migrations.system(pool);
            TenantRegistry registry = new TenantRegistry(pool, Clock.systemUTC());
            Db system = new Db(pool);
            Clock now = Clock.fixed(Instant.now().plusSeconds(1), ZoneOffset.UTC);
            assertEquals(Outcome.NOTHING_FIRING,
                    reconciler(registry, system, AlertLoop.unreachable(), now, Duration.ZERO, Duration.ZERO).reconcileAll().outcome(),
                    "with nothing firing an unreachable Alertmanager is not even asked");

            List<WebhookPayload.Incoming> alerts = WebhookPayload.parse(MAPPER.readTree(Webhooks.body(TestAlert.firing("ec0000000000aa03",
                    Instant.now().minusSeconds(60).toString(), Webhooks.labels(null, "DbToolsExporterDown", "db-rec-alone", "critical")))));
            new AlertIngest(registry, pools, system, new AlertStore(MAPPER), new ActivityLog(Clock.systemUTC(), MAPPER), Clock.systemUTC())
                    .ingest(new Principal(0, "test", Role.SUPER_ADMIN, null), alerts);
            assertEquals(Outcome.ALERTMANAGER_UNAVAILABLE,
                    reconciler(registry, system, AlertLoop.unreachable(), now, Duration.ZERO, Duration.ZERO).reconcileAll().outcome());
            var run = reconciler(registry, system, alerting, now, Duration.ZERO, Duration.ZERO).reconcileAll();
            assertEquals(new AlertReconciler.Summary(Outcome.RECONCILED, 1, 1, 0, 0), run);
            assertEquals(Outcome.NOTHING_FIRING, reconciler(registry, system, alerting, now, Duration.ZERO, Duration.ZERO).reconcileAll().outcome());
        }
    }

    @Test
    void alertmanager_unavailable_or_just_restarted_changes_nothing() {
        Instant started = Instant.now().minusSeconds(60);
        long id = fireAndFile("db-rec-down", started);
        String silenceId = acknowledge(id);
        postToAlertmanager("db-rec-down", started, Instant.now().minusSeconds(1));
        Clock now = Clock.fixed(Instant.now(), ZoneOffset.UTC);

        AlertReconciler unreachable = reconciler(AlertLoop.unreachable(), now, Duration.ZERO, AN_HOUR);
        long logged = outageLines();
        assertEquals(Outcome.ALERTMANAGER_UNAVAILABLE, unreachable.reconcileAll().outcome());
        assertEquals(Outcome.ALERTMANAGER_UNAVAILABLE, unreachable.reconcileAll().outcome(), "an outage is a quiet outcome, run after run");
        assertEquals(logged + 1, outageLines(), "one warning per outage, not per run");
        assertFiringAndAcknowledged("db-rec-down", id);

        // this Alertmanager started seconds ago: it may not have learnt every alert again yet
        assertEquals(Outcome.ALERTMANAGER_RESTARTED, reconciler(alerting, now, Duration.ofHours(1), AN_HOUR).reconcileAll().outcome());
        assertFiringAndAcknowledged("db-rec-down", id);
        assertEquals(2, http.get("/api/alerts/" + id, viewer, null).json().get("events").size());
        assertEquals("active", alertmanager.silence(silenceId).get("status").get("state").asText());

        // the same alert with a trusted Alertmanager: resolved, so the runs above held back for the right reason
        assertTrue(reconciler(alerting, now, Duration.ZERO, AN_HOUR).reconcileAll().resolved() >= 1);
        assertEquals("resolved", http.get("/api/alerts/" + id, viewer, null).json().get("status").asText());
    }

    @Test
    void without_alertmanager_nothing_runs_and_settings_are_checked() {
        assertEquals(Outcome.NOT_CONFIGURED, reconciler(AlertingConfig.none(), Clock.systemUTC(), Duration.ZERO, AN_HOUR).reconcileAll().outcome());
        assertEquals(new AlertReconciler.Settings(Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofMinutes(10)),
                AlertReconciler.Settings.fromEnvironment(Map.of()));
        assertEquals(Duration.ofSeconds(15), AlertReconciler.Settings.fromEnvironment(Map.of("DBTOOLS_ALERT_RECONCILE_SECONDS", "15")).interval());
        assertEquals(Duration.ZERO, AlertReconciler.Settings.fromEnvironment(Map.of("DBTOOLS_ALERT_RECONCILE_LOST_AFTER_SECONDS", "0")).lostAfter());
        assertThrows(IllegalArgumentException.class, () -> AlertReconciler.Settings.fromEnvironment(Map.of("DBTOOLS_ALERT_RECONCILE_SECONDS", "0")));
        assertThrows(IllegalArgumentException.class,
                () -> AlertReconciler.Settings.fromEnvironment(Map.of("DBTOOLS_ALERT_RECONCILE_LOST_AFTER_SECONDS", "-1")));
        assertEquals("dbtools-alert-reconcile", reconciler(alerting, Clock.systemUTC(), Duration.ZERO, AN_HOUR).task().getName());
    }

    @Test
    void the_reconciliation_is_a_recurring_task_of_the_scheduler() {
        var tasks = TestApi.scheduler().client().getScheduledExecutions().stream().map(e -> e.getTaskInstance().getTaskName()).toList();
        assertTrue(tasks.contains("dbtools-alert-reconcile"), tasks.toString());
    }

    // --- helpers

    /** Warnings about Alertmanager outages in the test JVM's log (surefire sets org.slf4j.simpleLogger.logFile). */
    private static long outageLines() {
        try (var lines = Files.lines(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/test-api.log")))) {
            return lines.filter(l -> l.contains("alert reconciliation paused until Alertmanager answers")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode held(String server) {
        return loop.held(server);
    }

    /** Posts the alert to Alertmanager, which delivers it to the API; returns the filed occurrence's id. */
    private static long fireAndFile(String server, Instant startsAt) {
        return loop.fireAndFile("/api/alerts", viewer, Webhooks.labels(tenant, "DbToolsCpuHigh", server, "warning"), startsAt);
    }

    private static String acknowledge(long id) {
        var r = http.post("/api/alerts/" + id + "/acknowledge", operator, null, "{\"comment\":\"looking into it\",\"duration\":\"2h\"}");
        assertEquals(200, r.status(), r.body());
        return r.json().get("acknowledgement").get("silenceId").asText();
    }

    private static void assertFiringAndAcknowledged(String server, long id) {
        JsonNode a = http.get("/api/alerts/" + id, viewer, null).json();
        assertEquals("firing", a.get("status").asText(), a.toString());
        assertNull(a.get("endsAt").textValue(), a.toString());
        assertTrue(a.get("acknowledgement").isObject(), a.toString());
        assertEquals(server, a.get("server").asText());
    }

    /** Firing, unacknowledged and untouched since it was filed: one event. */
    private static void assertFiringUnacknowledged(long id) {
        JsonNode a = http.get("/api/alerts/" + id, viewer, null).json();
        assertEquals("firing", a.get("status").asText(), a.toString());
        assertNull(a.get("endsAt").textValue(), a.toString());
        assertTrue(a.get("acknowledgement").isNull(), a.toString());
        assertEquals(1, a.get("events").size(), a.toString());
    }

    private static void postToAlertmanager(String server, Instant startsAt, Instant endsAt) {
        loop.post(Webhooks.labels(tenant, "DbToolsCpuHigh", server, "warning"), startsAt, endsAt);
    }

    private static JsonNode await(String path, Predicate<JsonNode> ready) {
        return loop.await(path, viewer, ready);
    }
}
