package io.dbtools.api.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.web.ApiError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's webhook body, version 4 (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config).
 * Only what DbTools stores is read; fields Alertmanager may add later are ignored. The whole body is
 * checked before anything is stored, and the first bad field is named.
 */
public final class WebhookPayload {

    /** One alert of the notification, with the labels DbTools files it by. */
    public record Incoming(String status, String fingerprint, Instant startsAt, Instant endsAt, Map<String, String> labels,
                           Map<String, String> annotations, String generatorUrl) {

        public boolean firing() {
            return "firing".equals(status);
        }

        public String alertname() {
            return labels.get("alertname");
        }

        public String tenant() {
            return labels.get("tenant");
        }

        public String server() {
            return labels.get("server");
        }

        public String severity() {
            return labels.get("severity");
        }
    }

    private WebhookPayload() {}

    public static List<Incoming> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("body", "expected Alertmanager's webhook JSON object");
        }
        JsonNode version = body.get("version");
        if (version == null || !version.isTextual() || !"4".equals(version.asText())) {
            throw ApiError.badRequest("version", "expected webhook payload version \"4\"");
        }
        JsonNode alerts = body.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw ApiError.badRequest("alerts", "expected an array of alerts");
        }
        List<Incoming> out = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            out.add(alert(alerts.get(i), "alerts[" + i + "]"));
        }
        return out;
    }

    private static Incoming alert(JsonNode a, String at) {
        if (!a.isObject()) {
            throw ApiError.badRequest(at, "expected an alert object");
        }
        String status = text(a, "status", at);
        if (!"firing".equals(status) && !"resolved".equals(status)) {
            throw ApiError.badRequest(at + ".status", "expected firing or resolved");
        }
        Map<String, String> labels = strings(a.get("labels"), at + ".labels", true);
        String alertname = labels.get("alertname");
        if (alertname == null || alertname.isBlank()) {
            throw ApiError.badRequest(at + ".labels.alertname", "every alert needs an alertname label");
        }
        String fingerprint = text(a, "fingerprint", at);
        if (fingerprint.isBlank() || fingerprint.length() > 64) {
            throw ApiError.badRequest(at + ".fingerprint", "expected Alertmanager's fingerprint (1-64 characters)");
        }
        Instant startsAt = time(a.get("startsAt"), at + ".startsAt");
        if (startsAt == null) {
            throw ApiError.badRequest(at + ".startsAt", "expected an RFC 3339 time");
        }
        Instant endsAt = a.hasNonNull("endsAt") ? time(a.get("endsAt"), at + ".endsAt") : null;
        if ("firing".equals(status)) {
            // a firing alert's endsAt is only Alertmanager's expiry, pushed forward by every evaluation: not an end
            endsAt = null;
        }
        JsonNode generator = a.get("generatorURL");
        if (generator != null && !generator.isNull() && !generator.isTextual()) {
            throw ApiError.badRequest(at + ".generatorURL", "expected a string");
        }
        return new Incoming(status, fingerprint, startsAt, endsAt, labels, strings(a.get("annotations"), at + ".annotations", false),
                generator == null || generator.isNull() || generator.asText().isEmpty() ? null : generator.asText());
    }

    private static String text(JsonNode a, String name, String at) {
        JsonNode v = a.get(name);
        if (v == null || !v.isTextual()) {
            throw ApiError.badRequest(at + "." + name, "expected a string");
        }
        return v.asText();
    }

    private static Map<String, String> strings(JsonNode node, String at, boolean required) {
        Map<String, String> out = new TreeMap<>();
        if (node == null || node.isNull()) {
            if (required) {
                throw ApiError.badRequest(at, "expected an object of strings");
            }
            return out;
        }
        if (!node.isObject()) {
            throw ApiError.badRequest(at, "expected an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) {
                throw ApiError.badRequest(at + "." + e.getKey(), "expected a string");
            }
            if (e.getKey().indexOf('\0') >= 0 || e.getValue().asText().indexOf('\0') >= 0) {
                // PostgreSQL's jsonb cannot hold NUL; refused here rather than failing (and being retried) forever
                throw ApiError.badRequest(at + "." + e.getKey(), "NUL characters are not accepted");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /**
     * RFC 3339 as Alertmanager writes it (nanoseconds, any offset), kept to the microseconds
     * PostgreSQL stores so the same time always finds the same row; Go's zero time means "none".
     */
    private static Instant time(JsonNode v, String at) {
        if (!v.isTextual()) {
            throw ApiError.badRequest(at, "expected an RFC 3339 time");
        }
        try {
            Instant t = OffsetDateTime.parse(v.asText()).toInstant().truncatedTo(ChronoUnit.MICROS);
            return t.isBefore(Instant.EPOCH) ? null : t;
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(at, "expected an RFC 3339 time");
        }
    }
}
