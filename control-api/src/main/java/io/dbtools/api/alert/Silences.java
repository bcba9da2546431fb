package io.dbtools.api.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.web.ApiError;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Alertmanager's v2 silences API: what acknowledging an alert creates. */
public final class Silences {

    private static final Logger log = LoggerFactory.getLogger(Silences.class);

    private final AlertmanagerHttp alertmanager;
    private final ObjectMapper mapper;

    public Silences(AlertingConfig config, ObjectMapper mapper) {
        this.alertmanager = new AlertmanagerHttp(config);
        this.mapper = mapper;
    }

    public boolean configured() {
        return alertmanager.configured();
    }

    /**
     * Silences exactly this label set (equality matchers on every label) and returns the silence id.
     *
     * @throws ApiError 502 when Alertmanager cannot be reached or refuses the silence
     */
    public String create(Map<String, String> labels, Instant startsAt, Instant endsAt, String createdBy, String comment) {
        List<Map<String, Object>> matchers = new ArrayList<>();
        labels.forEach((name, value) -> matchers.add(Map.of("name", name, "value", value, "isRegex", false, "isEqual", true)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("matchers", matchers);
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", endsAt.toString());
        body.put("createdBy", createdBy);
        body.put("comment", comment);
        HttpResponse<String> r;
        try {
            r = alertmanager.send(alertmanager.request("/api/v2/silences").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))).build());
        } catch (AlertmanagerHttp.Unreachable e) {
            throw new ApiError(502, null, e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("a silence request could not be written as JSON", e);
        }
        if (r.statusCode() != 200) {
            throw new ApiError(502, null, "Alertmanager refused the silence (HTTP " + r.statusCode() + "): " + AlertmanagerHttp.shorten(r.body()));
        }
        try {
            JsonNode id = mapper.readTree(r.body()).get("silenceID");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                throw new ApiError(502, null, "Alertmanager answered without a silence id");
            }
            return id.asText();
        } catch (IOException e) {
            throw new ApiError(502, null, "Alertmanager answered something other than JSON");
        }
    }

    /**
     * Expires a silence early (Alertmanager keeps it, as expired, for its retention). False, and a
     * warning logged, when Alertmanager cannot be reached or refuses (e.g. the silence already expired).
     */
    public boolean expire(String silenceId) {
        try {
            HttpResponse<String> r = alertmanager.send(alertmanager.request("/api/v2/silence/" + silenceId).DELETE().build());
            if (r.statusCode() == 200) {
                return true;
            }
            log.warn("Alertmanager did not expire silence {} (HTTP {}): {}", silenceId, r.statusCode(), AlertmanagerHttp.shorten(r.body()));
        } catch (AlertmanagerHttp.Unreachable | RuntimeException e) {
            log.warn("could not expire silence {}: {}", silenceId, e.getMessage());
        }
        return false;
    }

    /** Expires a silence this API just created but could not record, so no silence is left that nobody knows about. */
    public void expireQuietly(String silenceId) {
        expire(silenceId);
    }
}
