package io.dbtools.api.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.alert.AlertingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A test API configured with a real Alertmanager that delivers its webhook to it, with the
 * alertmanager token from a credentials file as alertmanager.yml does. Alerts are posted to
 * Alertmanager as Prometheus posts them; Alertmanager notifies on its own schedule, so filing is awaited.
 *
 * <p>Alerts on a server named {@code lost-*} go to a receiver with {@code send_resolved: false}:
 * their resolution never reaches the API, as when the API was down for as long as Alertmanager retried.
 */
public final class AlertLoop implements AutoCloseable {

    /** Servers whose resolved notifications Alertmanager never sends. */
    public static final String LOST_PREFIX = "lost-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertingConfig alerting;
    private final TestApi.Running api;
    private final TestAlertmanager alertmanager;

    private AlertLoop(AlertingConfig alerting, TestApi.Running api, TestAlertmanager alertmanager) {
        this.alerting = alerting;
        this.api = api;
        this.alertmanager = alertmanager;
    }

    /**
     * @param repeatInterval the route's repeat_interval: an occurrence of a fingerprint Alertmanager already
     *        notified is sent again only on repeat
     */
    public static AlertLoop start(String repeatInterval) {
        int amPort = ExternalProcess.freePort();
        AlertingConfig alerting = alertmanagerAt(URI.create("http://127.0.0.1:" + amPort), Duration.ofSeconds(5));
        TestApi.Running api = TestApi.withAlerting(alerting);
        try {
            Path tokenFile = Files.createTempFile("control-api-token", "");
            Files.writeString(tokenFile, Webhooks.alertmanagerToken() + "\n");
            String receiver = """
                      - name: %s
                        webhook_configs:
                          - url: http://127.0.0.1:%d/api/alertmanager/webhook
                            send_resolved: %s
                            http_config:
                              authorization:
                                type: Bearer
                                credentials_file: %s
                    """;
            TestAlertmanager alertmanager = TestAlertmanager.start("""
                    route:
                      receiver: control-api
                      group_by: [tenant, alertname, server]
                      group_wait: 100ms
                      group_interval: 1s
                      repeat_interval: %s
                      routes:
                        - receiver: control-api-no-resolved
                          matchers: ['server=~"%s.*"']
                    receivers:
                    """.formatted(repeatInterval, LOST_PREFIX)
                    + receiver.formatted("control-api", api.app().port(), "true", tokenFile)
                    + receiver.formatted("control-api-no-resolved", api.app().port(), "false", tokenFile), amPort);
            return new AlertLoop(alerting, api, alertmanager);
        } catch (IOException e) {
            api.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    /** Settings naming an Alertmanager at {@code url}, nothing else. */
    public static AlertingConfig alertmanagerAt(URI url, Duration timeout) {
        return new AlertingConfig(url, null, null, "promtool", timeout, AlertingConfig.client(timeout));
    }

    /** Settings naming an Alertmanager on a port where nothing listens. */
    public static AlertingConfig unreachable() {
        return alertmanagerAt(URI.create("http://127.0.0.1:" + ExternalProcess.freePort()), Duration.ofSeconds(2));
    }

    public AlertingConfig alerting() {
        return alerting;
    }

    /** The API Alertmanager delivers to (same databases, tokens and tenants as {@link TestApi#http()}). */
    public Http http() {
        return api.http();
    }

    public TestAlertmanager alertmanager() {
        return alertmanager;
    }

    /** Posts one alert to Alertmanager as Prometheus does; an {@code endsAt} in the past resolves it. */
    public void post(Map<String, String> labels, Instant startsAt, Instant endsAt) {
        Map<String, Object> alert = Map.of("labels", labels, "annotations", Map.of("summary", labels.get("alertname") + " on " + labels.get("server")),
                "startsAt", startsAt.toString(), "endsAt", endsAt.toString());
        try {
            alertmanager.postAlerts(JSON.writeValueAsString(List.of(alert)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Alertmanager's copy of the alert on {@code server}, or null when it holds none (resolved alerts are not listed). */
    public JsonNode held(String server) {
        for (JsonNode a : alertmanager.get("/api/v2/alerts")) {
            if (server.equals(a.get("labels").path("server").asText())) {
                return a;
            }
        }
        return null;
    }

    /** How many silences (in any state) have a matcher on {@code server}. */
    public int silencesOn(String server) {
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

    /** Polls {@code path} of the API until {@code ready} holds (30 s at most): Alertmanager notifies on its own schedule. */
    public JsonNode await(String path, String token, Predicate<JsonNode> ready) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = http().get(path, token, null).json();
            if (ready.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(path + " never matched; last " + last + "\n" + alertmanager.log());
    }

    /** Posts the alert to Alertmanager and awaits the one firing occurrence filed for its server at {@code listPath}; returns its id. */
    public long fireAndFile(String listPath, String token, Map<String, String> labels, Instant startsAt) {
        post(labels, startsAt, Instant.now().plusSeconds(3600));
        String server = labels.get("server");
        return await(listPath + "?server=" + server, token, list -> list.get("total").asInt() == 1).get("items").get(0).get("id").asLong();
    }

    @Override
    public void close() {
        alertmanager.close();
        api.close();
    }
}
