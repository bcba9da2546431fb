package io.dbtools.api.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alertmanager webhook bodies (version 4) as Alertmanager 0.25 writes them. */
public final class Webhooks {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private Webhooks() {}

    public record TestAlert(String status, Map<String, String> labels, String startsAt, String endsAt, String fingerprint) {

        public static TestAlert firing(String fingerprint, String startsAt, Map<String, String> labels) {
            return new TestAlert("firing", labels, startsAt, ZERO_TIME, fingerprint);
        }

        public TestAlert resolved(String endsAt) {
            return new TestAlert("resolved", labels, startsAt, endsAt, fingerprint);
        }
    }

    public static Map<String, String> labels(String tenant, String alertname, String server, String severity) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("alertname", alertname);
        if (tenant != null) {
            l.put("tenant", tenant);
        }
        l.put("server", server);
        l.put("engine", "postgres");
        l.put("severity", severity);
        return l;
    }

    public static String body(TestAlert... alerts) {
        String status = List.of(alerts).stream().anyMatch(a -> a.status().equals("firing")) ? "firing" : "resolved";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("receiver", "control-api-warning");
        body.put("status", status);
        body.put("alerts", List.of(alerts).stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", a.status());
            m.put("labels", a.labels());
            m.put("annotations", Map.of("summary", a.labels().get("alertname") + " on " + a.labels().get("server")));
            m.put("startsAt", a.startsAt());
            m.put("endsAt", a.endsAt());
            m.put("generatorURL", "http://prometheus:9090/graph?g0.expr=up");
            m.put("fingerprint", a.fingerprint());
            return m;
        }).toList());
        body.put("groupLabels", Map.of("alertname", alerts[0].labels().get("alertname")));
        body.put("commonLabels", Map.of());
        body.put("commonAnnotations", Map.of());
        body.put("externalURL", "http://alertmanager:9093");
        body.put("version", "4");
        body.put("groupKey", "{}:{alertname=\"" + alerts[0].labels().get("alertname") + "\"}");
        body.put("truncatedAlerts", 0);
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A super-admin creates the Alertmanager token, as docs/alerts.md says; returns its value. */
    public static String alertmanagerToken() {
        var r = TestApi.http().post("/api/tokens", TestApi.superToken(), null, "{\"name\":\"alertmanager\",\"role\":\"alertmanager\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("alertmanager token: " + r.status() + " " + r.body());
        }
        return r.json().get("value").asText();
    }
}
