package io.dbtools.api.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the API finds Alertmanager and Prometheus, where it writes tenants' rule files and how it
 * checks them. Each part is optional: a route that needs a missing part answers 503 saying which
 * setting is unset.
 *
 * @param alertmanager DBTOOLS_ALERTMANAGER_URL, e.g. http://alertmanager:9093
 * @param prometheus DBTOOLS_PROMETHEUS_URL, e.g. http://prometheus:9090
 * @param rulesDir DBTOOLS_RULES_DIR: one {@code tenant-<slug>.rules.yml} per tenant
 * @param promtool DBTOOLS_PROMTOOL (default {@code promtool} on PATH)
 * @param timeout budget of each call to Alertmanager or Prometheus (DBTOOLS_ALERTING_TIMEOUT_SECONDS, default 5)
 */
public record AlertingConfig(URI alertmanager, URI prometheus, Path rulesDir, String promtool, Duration timeout, HttpClient http) {

    public static AlertingConfig none() {
        return new AlertingConfig(null, null, null, "promtool", Duration.ofSeconds(5), client(Duration.ofSeconds(5)));
    }

    public static AlertingConfig fromEnvironment(Map<String, String> env) {
        Duration timeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault("DBTOOLS_ALERTING_TIMEOUT_SECONDS", "5")));
        String rules = blankToNull(env.get("DBTOOLS_RULES_DIR"));
        return new AlertingConfig(uri(env, "DBTOOLS_ALERTMANAGER_URL"), uri(env, "DBTOOLS_PROMETHEUS_URL"),
                rules == null ? null : Path.of(rules), env.getOrDefault("DBTOOLS_PROMTOOL", "promtool"), timeout, client(timeout));
    }

    public static HttpClient client(Duration timeout) {
        return HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** An address for messages: scheme, host and port only, so credentials in a URL never reach a response or log. */
    public static String display(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    private static URI uri(Map<String, String> env, String key) {
        String v = blankToNull(env.get(key));
        if (v == null) {
            return null;
        }
        URI u = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
            throw new IllegalArgumentException(key + " must be an http(s) URL");
        }
        return u;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
