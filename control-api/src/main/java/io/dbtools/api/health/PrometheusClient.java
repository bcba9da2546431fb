package io.dbtools.api.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.alert.AlertingConfig;
import io.dbtools.api.web.ApiError;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Prometheus' HTTP API, as far as the control API reads it: instant queries and the lifecycle reload. */
public final class PrometheusClient {

    /** One series of an instant vector; {@code value} is Prometheus' text ("0.93", "NaN", "+Inf"). */
    public record Sample(Map<String, String> labels, String value) {

        public double number() {
            return switch (value) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(value);
            };
        }

        /** The value as JSON can carry it: a number when finite, else Prometheus' text. */
        public Object json() {
            double d = number();
            return Double.isFinite(d) ? (Object) d : value;
        }
    }

    private final AlertingConfig config;
    private final ObjectMapper mapper;

    public PrometheusClient(AlertingConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    public boolean configured() {
        return config.prometheus() != null;
    }

    /**
     * An instant query.
     *
     * @throws ApiError 503 when Prometheus is not configured or cannot be reached; 502 when it refuses the query
     */
    public List<Sample> query(String promql) {
        if (config.prometheus() == null) {
            throw new ApiError(503, null, "this needs Prometheus: DBTOOLS_PROMETHEUS_URL is not set");
        }
        URI uri = URI.create(config.prometheus() + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> r;
        try {
            r = config.http().send(HttpRequest.newBuilder(uri).timeout(config.timeout()).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
        JsonNode body;
        try {
            body = mapper.readTree(r.body());
        } catch (IOException e) {
            throw unavailable("HTTP " + r.statusCode() + " without a JSON body");
        }
        if (!"success".equals(body.path("status").asText())) {
            if (r.statusCode() >= 500 && !body.has("errorType")) {
                throw unavailable("HTTP " + r.statusCode());
            }
            throw new ApiError(502, null, "Prometheus refused the query: " + body.path("error").asText("HTTP " + r.statusCode()));
        }
        List<Sample> out = new ArrayList<>();
        for (JsonNode s : body.path("data").path("result")) {
            Map<String, String> labels = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("metric").fields(); it.hasNext(); ) {
                var e = it.next();
                labels.put(e.getKey(), e.getValue().asText());
            }
            out.add(new Sample(labels, s.path("value").path(1).asText()));
        }
        return out;
    }

    /** POST /-/reload (Prometheus started with --web.enable-lifecycle); the reason when it failed. */
    public Optional<String> reload() {
        if (config.prometheus() == null) {
            return Optional.of("DBTOOLS_PROMETHEUS_URL is not set");
        }
        try {
            HttpResponse<String> r = config.http().send(HttpRequest.newBuilder(URI.create(config.prometheus() + "/-/reload"))
                    .timeout(config.timeout()).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return Optional.empty();
            }
            String text = r.body() == null ? "" : r.body().strip();
            return Optional.of("Prometheus answered HTTP " + r.statusCode() + (text.isEmpty() ? "" : ": " + shorten(text)));
        } catch (IOException e) {
            return Optional.of("Prometheus at " + AlertingConfig.display(config.prometheus()) + " is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private ApiError unavailable(String why) {
        return new ApiError(503, null, "Prometheus at " + AlertingConfig.display(config.prometheus()) + " is unavailable: " + shorten(why));
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }

    /** A PromQL string literal: double-quoted, with backslash, quote and newline escaped. */
    public static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }
}
