package io.dbtools.api.health;

import io.dbtools.api.db.Db;
import io.dbtools.api.tenant.SettingsController;
import io.dbtools.tenants.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Server health from Prometheus, on the recording rules of alert-rules/mixin (docs/alerts.md,
 * "Health model"): offline and unknown come from {@code dbtools:server_health:status}; healthy,
 * warning and critical are decided here from the averaged CPU and memory ratios against the
 * tenant's own thresholds (settings {@code health_*_percent}), which may differ from the mixin's.
 * A server Prometheus knows nothing about is unknown.
 */
public final class HealthService {

    public record Thresholds(int cpuWarningPercent, int cpuCriticalPercent, int memoryWarningPercent, int memoryCriticalPercent) {

        static Thresholds of(Map<String, String> settings) {
            return new Thresholds(percent(settings, "health_cpu_warning_percent", 80), percent(settings, "health_cpu_critical_percent", 95),
                    percent(settings, "health_memory_warning_percent", 85), percent(settings, "health_memory_critical_percent", 95));
        }

        private static int percent(Map<String, String> settings, String key, int fallback) {
            String v = settings.get(key);
            return v == null ? fallback : Integer.parseInt(v);
        }
    }

    /** {@code cpu} and {@code memory} are the 5-minute averaged ratios (0-1), null when the engine exposes none. */
    public record ServerHealth(long id, String name, String engine, String status, Instant lastCollectedAt, Double cpu, Double memory) {}

    static final String STATUS = "dbtools:server_health:status";
    static final String LAST = "dbtools:server_last_success:timestamp_seconds";
    static final String CPU = "dbtools:server_cpu_utilization:avg";
    static final String MEMORY = "dbtools:server_memory_utilization:avg";
    private static final String[] CODES = {"healthy", "warning", "critical", "offline", "unknown"};

    private final PrometheusClient prometheus;

    public HealthService(PrometheusClient prometheus) {
        this.prometheus = prometheus;
    }

    public record Server(long id, String name, String engine) {}

    public List<Server> servers(Db db) {
        return db.list("SELECT id, name, engine FROM servers ORDER BY name", rs -> new Server(rs.getLong(1), rs.getString(2), rs.getString(3)));
    }

    public java.util.Optional<Server> server(Db db, long id) {
        return db.one("SELECT id, name, engine FROM servers WHERE id = ?", rs -> new Server(rs.getLong(1), rs.getString(2), rs.getString(3)), id);
    }

    public Thresholds thresholds(Db db) {
        return Thresholds.of(SettingsController.read(db));
    }

    /** One query for the four series of every server of the tenant (or of one server). */
    public List<ServerHealth> health(Tenant tenant, List<Server> servers, Thresholds limits, String onlyServer) {
        String selector = "{__name__=~" + PrometheusClient.quote(String.join("|", STATUS, LAST, CPU, MEMORY))
                + ", tenant=" + PrometheusClient.quote(tenant.slug())
                + (onlyServer == null ? "" : ", server=" + PrometheusClient.quote(onlyServer)) + "}";
        Map<String, Map<String, Double>> byServer = new HashMap<>();
        for (PrometheusClient.Sample s : prometheus.query(selector)) {
            String server = s.labels().get("server");
            if (server != null) {
                byServer.computeIfAbsent(server, k -> new HashMap<>()).merge(s.labels().get("__name__"), s.number(), Math::max);
            }
        }
        List<ServerHealth> out = new ArrayList<>();
        for (Server srv : servers) {
            Map<String, Double> v = byServer.getOrDefault(srv.name(), Map.of());
            Double last = v.get(LAST);
            out.add(new ServerHealth(srv.id(), srv.name(), srv.engine(), status(v, limits),
                    last == null ? null : Instant.ofEpochMilli(Math.round(last * 1000)), finite(v.get(CPU)), finite(v.get(MEMORY))));
        }
        return out;
    }

    static String status(Map<String, Double> v, Thresholds t) {
        Double code = v.get(STATUS);
        if (code == null || code.isNaN() || code >= 3) {
            return code == null || code.isNaN() || code >= 4 ? "unknown" : CODES[3];
        }
        Double cpu = finite(v.get(CPU));
        Double memory = finite(v.get(MEMORY));
        if (above(cpu, t.cpuCriticalPercent()) || above(memory, t.memoryCriticalPercent())) {
            return "critical";
        }
        if (above(cpu, t.cpuWarningPercent()) || above(memory, t.memoryWarningPercent())) {
            return "warning";
        }
        return "healthy";
    }

    private static boolean above(Double ratio, int percent) {
        return ratio != null && ratio > percent / 100.0;
    }

    private static Double finite(Double d) {
        return d == null || !Double.isFinite(d) ? null : d;
    }
}
