package io.dbtools.api.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.web.ApiError;
import java.io.IOException;
import java.net.URI;
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

    private final AlertingConfig config;
    private final ObjectMapper mapper;

    public Silences(AlertingConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    public boolean configured() {
        return config.alertmanager() != null;
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
            r = config.http().send(HttpRequest.newBuilder(endpoint("/api/v2/silences")).timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(e);
        }
        if (r.statusCode() != 200) {
            throw new ApiError(502, null, "Alertmanager refused the silence (HTTP " + r.statusCode() + "): " + shorten(r.body()));
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

    /** Expires a silence this API just created but could not record, so no silence is left that nobody knows about. */
    public void expireQuietly(String silenceId) {
        try {
            config.http().send(HttpRequest.newBuilder(endpoint("/api/v2/silence/" + silenceId)).timeout(config.timeout()).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException | RuntimeException e) {
            log.warn("could not expire silence {} after a failed acknowledgement: {}", silenceId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI endpoint(String path) {
        return URI.create(config.alertmanager() + path);
    }

    private ApiError unreachable(Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ApiError(502, null, "Alertmanager at " + AlertingConfig.display(config.alertmanager()) + " is unreachable: " + shorten(why));
    }

    static String shorten(String s) {
        String one = s == null ? "" : s.strip().replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
