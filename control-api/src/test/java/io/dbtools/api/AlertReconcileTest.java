package io.dbtools.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.alert.ActiveAlerts;
import io.dbtools.api.alert.AlertReconciler;
import io.dbtools.api.alert.AlertReconciler.Outcome;
import io.dbtools.api.alert.AlertStore;
import io.dbtools.api.alert.AlertingConfig;
import io.dbtools.api.alert.Silences;
import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.api.testing.ExternalProcess;
import io.dbtools.api.testing.Http;
import io.dbtools.api.testing.TestAlertmanager;
import io.dbtools.api.testing.TestApi;
import io.dbtools.api.testing.Webhooks;
import io.dbtools.api.testing.Webhooks.TestAlert;
import io.dbtools.api.web.Json;
import io.dbtools.tenants.Platform;
import io.dbtools.tenants.testing.TestDb;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Alertmanager that delivers to the API: an acknowledged alert's silence holds back the
 * resolved notification, and the reconciliation finds the alert gone from Alertmanager and
 * resolves it. Runs are called directly with a fixed clock; only Alertmanager's own deliveries
 * are awaited.
 */
class AlertReconcileTest {

    private static final ObjectMapper MAPPER = Json.mapper();
    private static TestApi.Running api;
    private static TestAlertmanager alertmanager;
    private static AlertingConfig alerting;
    private static Http http;
    private static TenantPools pools;
    private static String tenant;
    private static String operator;
    private static String viewer;

    @BeforeAll
    static void start() throws Exception {
        int amPort = ExternalProcess.freePort();
        alerting = new AlertingConfig(URI.create("http://127.0.0.1:" + amPort), null, null, "promtool", Duration.ofSeconds(5),
                AlertingConfig.client(Duration.ofSeconds(5)));
        api = TestApi.withAlerting(alerting);
        http = api.http();
        Path tokenFile = Files.createTempFile("control-api-token", "");
        Files.writeString(tokenFile, Webhooks.alertmanagerToken() + "\n");
        // a short repeat_interval: an occurrence of a fingerprint Alertmanager already notified is sent again only on repeat
        alertmanager = TestAlertmanager.start("""
                route:
                  receiver: control-api
                  group_by: [tenant, alertname, server]
                  group_wait: 100ms
                  group_interval: 1s
                  repeat_interval: 2s
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
        Platform platform = TestDb.platform();
        pools = new TenantPools(platform.secrets(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), 2);
        tenant = TestApi.newTenant("recon");
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
        if (pools != null) {
            pools.close();
        }
    }

    private static AlertReconciler reconciler(AlertingConfig config, Clock clock, Duration restartGrace) {
        Platform platform = TestDb.platform();
        return new AlertReconciler(platform.registry(), pools, new Db(platform.system()), new AlertStore(MAPPER),
                new ActivityLog(clock, MAPPER), new ActiveAlerts(config, MAPPER), new Silences(config, MAPPER), clock,
                new AlertReconciler.Settings(Duration.ofSeconds(60), restartGrace));
    }

    /** Runs against the test's Alertmanager at {@code now}, trusting it however recently it started. */
    private static AlertReconciler.Summary reconcileAt(Instant now) {
        return reconciler(alerting, Clock.fixed(now, ZoneOffset.UTC), Duration.ZERO).reconcileAll();
    }

    @Test
    void an_acknowledged_alert_resolved_while_silenced_is_resolved_once_and_its_silence_expired() throws Exception {
        Instant started = Instant.now().minusSeconds(60);
        long id = fireAndFile("db-rec-gone", started);
        String silenceId = acknowledge(id);
        long stillFiring = fireAndFile("db-rec-still", started);
        String stillSilence = acknowledge(stillFiring);
        // never in Alertmanager, never acknowledged: no silence hides its resolution, so it is not the reconciliation's business
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
        assertTrue(first.resolved() >= 1 && first.checked() >= 2, first.toString());

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
    void a_newer_occurrence_in_alertmanager_ends_the_acknowledged_one_and_is_delivered_once_unmuted() throws Exception {
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
    void alertmanager_unavailable_or_just_restarted_changes_nothing() {
        Instant started = Instant.now().minusSeconds(60);
        long id = fireAndFile("db-rec-down", started);
        String silenceId = acknowledge(id);
        postToAlertmanager("db-rec-down", started, Instant.now().minusSeconds(1));
        Clock now = Clock.fixed(Instant.now(), ZoneOffset.UTC);

        AlertingConfig down = new AlertingConfig(URI.create("http://127.0.0.1:" + ExternalProcess.freePort()), null, null, "promtool",
                Duration.ofSeconds(2), AlertingConfig.client(Duration.ofSeconds(2)));
        AlertReconciler unreachable = reconciler(down, now, Duration.ZERO);
        long logged = outageLines();
        assertEquals(Outcome.ALERTMANAGER_UNAVAILABLE, unreachable.reconcileAll().outcome());
        assertEquals(Outcome.ALERTMANAGER_UNAVAILABLE, unreachable.reconcileAll().outcome(), "an outage is a quiet outcome, run after run");
        assertEquals(logged + 1, outageLines(), "one warning per outage, not per run");
        assertFiringAndAcknowledged("db-rec-down", id);

        // this Alertmanager started seconds ago: it may not have learnt every alert again yet
        assertEquals(Outcome.ALERTMANAGER_RESTARTED, reconciler(alerting, now, Duration.ofHours(1)).reconcileAll().outcome());
        assertFiringAndAcknowledged("db-rec-down", id);
        assertEquals(2, http.get("/api/alerts/" + id, viewer, null).json().get("events").size());
        assertEquals("active", alertmanager.silence(silenceId).get("status").get("state").asText());

        // the same alert with a trusted Alertmanager: resolved, so the runs above held back for the right reason
        assertTrue(reconciler(alerting, now, Duration.ZERO).reconcileAll().resolved() >= 1);
        assertEquals("resolved", http.get("/api/alerts/" + id, viewer, null).json().get("status").asText());
    }

    @Test
    void without_alertmanager_nothing_runs_and_settings_are_checked() {
        assertEquals(Outcome.NOT_CONFIGURED, reconciler(AlertingConfig.none(), Clock.systemUTC(), Duration.ZERO).reconcileAll().outcome());
        assertEquals(new AlertReconciler.Settings(Duration.ofSeconds(60), Duration.ofMinutes(5)), AlertReconciler.Settings.fromEnvironment(Map.of()));
        assertEquals(Duration.ofSeconds(15), AlertReconciler.Settings.fromEnvironment(Map.of("DBTOOLS_ALERT_RECONCILE_SECONDS", "15")).interval());
        assertThrows(IllegalArgumentException.class, () -> AlertReconciler.Settings.fromEnvironment(Map.of("DBTOOLS_ALERT_RECONCILE_SECONDS", "0")));
        assertEquals("dbtools-alert-reconcile", reconciler(alerting, Clock.systemUTC(), Duration.ZERO).task().getName());
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

    /** Alertmanager's copy of the alert on {@code server}, or null when it holds none (resolved alerts are not listed). */
    private static JsonNode held(String server) {
        for (JsonNode a : alertmanager.get("/api/v2/alerts")) {
            if (server.equals(a.get("labels").path("server").asText())) {
                return a;
            }
        }
        return null;
    }

    /** Posts the alert to Alertmanager, which delivers it to the API; returns the filed occurrence's id. */
    private static long fireAndFile(String server, Instant startsAt) {
        postToAlertmanager(server, startsAt, Instant.now().plusSeconds(3600));
        try {
            return await("/api/alerts?server=" + server, list -> list.get("total").asInt() == 1).get("items").get(0).get("id").asLong();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    private static void postToAlertmanager(String server, Instant startsAt, Instant endsAt) {
        Map<String, Object> alert = Map.of("labels", Webhooks.labels(tenant, "DbToolsCpuHigh", server, "warning"),
                "annotations", Map.of("summary", "cpu on " + server), "startsAt", startsAt.toString(), "endsAt", endsAt.toString());
        try {
            alertmanager.postAlerts(MAPPER.writeValueAsString(java.util.List.of(alert)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Alertmanager notifies on its own schedule (group_wait, group_interval, repeat_interval): poll until the API has filed it. */
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
