package io.dbtools.e2e.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/** Prometheus' HTTP query API, the way Grafana calls it. */
public final class Prometheus {

    private final JsonHttp http;

    public Prometheus(JsonHttp http) {
        this.http = http;
    }

    /** The result array of an instant query at {@code time}; fails on a PromQL error. */
    public JsonNode instant(String expr, Instant time) {
        return result(expr, http.postForm("/api/v1/query", Map.of("query", expr, "time", seconds(time))));
    }

    public JsonNode instant(String expr) {
        return instant(expr, Instant.now());
    }

    /** The result matrix of a range query. */
    public JsonNode range(String expr, Instant start, Instant end, int stepSeconds) {
        return result(expr, http.postForm("/api/v1/query_range", Map.of("query", expr, "start", seconds(start), "end", seconds(end),
                "step", String.valueOf(stepSeconds))));
    }

    /** True when a vector has a sample or a matrix a series with at least one point. */
    public static boolean hasData(JsonNode result) {
        for (JsonNode series : result) {
            if (series.has("value") || series.path("values").size() > 0) {
                return true;
            }
        }
        return false;
    }

    public JsonNode api(String path) {
        JsonHttp.Response r = http.get(path);
        assertEquals(200, r.status(), path + ": " + r);
        return r.json().path("data");
    }

    private static JsonNode result(String expr, JsonHttp.Response r) {
        assertEquals(200, r.status(), "Prometheus rejected " + expr + ": " + r);
        return r.json().path("data").path("result");
    }

    private static String seconds(Instant t) {
        return String.format(java.util.Locale.ROOT, "%.3f", t.toEpochMilli() / 1000.0);
    }
}
