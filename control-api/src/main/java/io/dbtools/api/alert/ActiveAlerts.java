package io.dbtools.api.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What Alertmanager currently holds, from its v2 API. {@code GET /api/v2/alerts} lists every alert
 * that has not ended, whether active, suppressed (silenced or inhibited) or unprocessed; an alert
 * whose {@code endsAt} has passed (resolved) is left out. {@code GET /api/v2/status} tells when
 * Alertmanager started: it keeps alerts in memory only, so right after a restart it lacks alerts
 * that Prometheus has not re-sent yet.
 */
public final class ActiveAlerts {

    /** Alertmanager could not be asked (unreachable, or an answer that is not its API's). The message carries no credentials. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * @param startedAt when Alertmanager started (its status' {@code uptime}); null if it did not say
     * @param startsAt the {@code startsAt} of every alert it holds, by fingerprint, at PostgreSQL's microseconds
     */
    public record Snapshot(Instant startedAt, Map<String, Instant> startsAt) {
        public Optional<Instant> startsAt(String fingerprint) {
            return Optional.ofNullable(startsAt.get(fingerprint));
        }
    }

    private final AlertmanagerHttp alertmanager;
    private final ObjectMapper mapper;

    public ActiveAlerts(AlertingConfig config, ObjectMapper mapper) {
        this.alertmanager = new AlertmanagerHttp(config);
        this.mapper = mapper;
    }

    public boolean configured() {
        return alertmanager.configured();
    }

    public Snapshot fetch() throws Unavailable {
        JsonNode status = get("/api/v2/status");
        Instant startedAt = status.hasNonNull("uptime") ? time(status.get("uptime").asText()) : null;
        // every state explicitly (they default to true): a silenced alert is exactly what must be seen
        JsonNode alerts = get("/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true");
        if (!alerts.isArray()) {
            throw new Unavailable("Alertmanager's alert list is not a JSON array");
        }
        Map<String, Instant> startsAt = new HashMap<>();
        for (JsonNode a : alerts) {
            String fingerprint = a.path("fingerprint").asText("");
            Instant started = time(a.path("startsAt").asText(""));
            if (fingerprint.isEmpty() || started == null) {
                throw new Unavailable("Alertmanager listed an alert without fingerprint or startsAt");
            }
            startsAt.put(fingerprint, started);
        }
        return new Snapshot(startedAt, Map.copyOf(startsAt));
    }

    private JsonNode get(String path) throws Unavailable {
        HttpResponse<String> r;
        try {
            r = alertmanager.send(alertmanager.request(path).GET().build());
        } catch (AlertmanagerHttp.Unreachable e) {
            throw new Unavailable(e.getMessage());
        }
        if (r.statusCode() != 200) {
            throw new Unavailable(alertmanager.where() + " answered HTTP " + r.statusCode() + " to " + path.replaceFirst("\\?.*", ""));
        }
        try {
            return mapper.readTree(r.body());
        } catch (IOException e) {
            throw new Unavailable("Alertmanager answered something other than JSON to " + path.replaceFirst("\\?.*", ""));
        }
    }

    /** Alertmanager writes RFC 3339 with nanoseconds; kept to the microseconds the alerts tables store, as the webhook does. */
    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
