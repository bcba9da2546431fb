package io.dbtools.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.plugin.CollectorSelection;
import io.dbtools.plugin.SecretRef;
import io.dbtools.plugin.Target;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Targets from the control API: {@code /probe?target=<tenant>.<id>} is resolved through
 * {@code GET /api/sd/lookup/{id}} with the exporter's own token, and cached for a TTL so a scrape
 * costs the API nothing most of the time. While the API is unreachable, an expired entry keeps
 * being used (monitoring must not stop because the control plane restarts); an unknown id is
 * remembered briefly so a stale Prometheus target does not hammer the API.
 */
public final class ApiTargetSource implements TargetSource {

    private static final Logger log = LoggerFactory.getLogger(ApiTargetSource.class);
    private static final Duration NEGATIVE_TTL = Duration.ofSeconds(15);

    private final URI api;
    private final SecretRef token;
    private final HttpClient http;
    private final Clock clock;
    private final Duration ttl;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private volatile List<String> discovered;
    private volatile Instant discoveredAt = Instant.MIN;

    /** A cached answer: a target, or (target null) "no such target". */
    private record Entry(Target target, Instant fetchedAt) {}

    public ApiTargetSource(URI api, SecretRef token, HttpClient http, Clock clock, Duration ttl) {
        this.api = api;
        this.token = token;
        this.http = http;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * Every target the control API's service discovery lists for this token, for {@code /metrics}.
     * Fine for a small fleet; large fleets let Prometheus probe each target instead.
     */
    @Override
    public List<Target> all() {
        Instant now = clock.instant();
        List<String> ids = discovered;
        if (ids == null || discoveredAt.plus(ttl).isBefore(now)) {
            try {
                ids = discover();
                discovered = ids;
                discoveredAt = now;
            } catch (IOException e) {
                if (ids == null) throw new TargetSourceUnavailableException("control API unreachable: " + e.getMessage());
                log.warn("control API unreachable ({}); using the last discovered {} targets", e.getMessage(), ids.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetSourceUnavailableException("interrupted while asking the control API");
            }
        }
        List<Target> out = new ArrayList<>();
        for (String id : ids) find(id).ifPresent(out::add);
        return out;
    }

    private List<String> discover() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/api/sd/targets"))
                .header("Authorization", "Bearer " + token.resolve())
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IOException("service discovery answered HTTP " + response.statusCode());
        List<String> ids = new ArrayList<>();
        json.readTree(response.body()).forEach(group -> ids.add(group.path("labels").path("__param_target").asText()));
        return List.copyOf(ids);
    }

    @Override
    public Optional<Target> find(String name) {
        Instant now = clock.instant();
        Entry cached = cache.get(name);
        if (cached != null) {
            Duration keep = cached.target() == null ? NEGATIVE_TTL : ttl;
            if (cached.fetchedAt().plus(keep).isAfter(now)) return Optional.ofNullable(cached.target());
        }
        try {
            Optional<Target> fresh = fetch(name);
            cache.put(name, new Entry(fresh.orElse(null), now));
            return fresh;
        } catch (IOException e) {
            if (cached != null && cached.target() != null) {
                log.warn("control API unreachable ({}); using the cached definition of {}", e.getMessage(), name);
                return Optional.of(cached.target());
            }
            throw new TargetSourceUnavailableException("control API unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetSourceUnavailableException("interrupted while asking the control API");
        }
    }

    private Optional<Target> fetch(String name) throws IOException, InterruptedException {
        URI uri = api.resolve("/api/sd/lookup/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token.resolve())
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return switch (response.statusCode()) {
            case 200 -> Optional.of(toTarget(json.readTree(response.body())));
            case 404 -> Optional.empty();
            default -> throw new IOException("target lookup answered HTTP " + response.statusCode());
        };
    }

    /** Maps the lookup document (see docs/api.md) to a target. */
    static Target toTarget(JsonNode n) {
        String secretRef = text(n, "secretRef");
        String password = text(n, "password");
        SecretRef secret = password != null ? SecretRef.literal(password) : secretRef != null ? SecretRef.parse(secretRef) : null;
        JsonNode tls = n.path("tls");
        Target.Tls tlsSettings = tls.isObject()
                ? new Target.Tls(tls.path("mode").asText("prefer"), text(tls, "caFile"), text(tls, "certFile"),
                        text(tls, "keyFile"), tls.path("trustServerCertificate").asBoolean(false))
                : Target.Tls.PREFER;
        Map<String, String> options = new LinkedHashMap<>();
        n.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        // Control-API labels are names; each becomes label_<name>="true" on dbtools_server_info.
        Map<String, String> labels = new HashMap<>();
        n.path("labels").forEach(l -> labels.put(l.asText().toLowerCase().replaceAll("[^a-z0-9_]", "_"), "true"));
        return new Target(text(n, "targetId"), text(n, "tenant"), text(n, "server"), text(n, "engine"),
                text(n, "host"), n.path("port").asInt(), text(n, "database"),
                new Target.Credentials(n.path("authType").asText("password"), text(n, "username"), secret, null),
                tlsSettings, CollectorSelection.DEFAULTS, options, labels);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
