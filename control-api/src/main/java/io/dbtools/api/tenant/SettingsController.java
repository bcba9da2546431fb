package io.dbtools.api.tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.db.Db;
import io.dbtools.api.web.ApiError;
import io.dbtools.api.web.Json;
import io.dbtools.api.web.RequestContext;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** GET/PUT /api/settings: the tenant's settings, each with its allowed range. */
public final class SettingsController {

    /** Known settings and their bounds; unknown keys are refused so typos do not silently do nothing. */
    static final Map<String, int[]> BOUNDS = Map.of(
            "activity_retention_days", new int[] {1, 3650},
            "connection_test_timeout_seconds", new int[] {1, 10},
            // server health status thresholds (GET /api/servers/health), percent of CPU / memory
            "health_cpu_warning_percent", new int[] {1, 100},
            "health_cpu_critical_percent", new int[] {1, 100},
            "health_memory_warning_percent", new int[] {1, 100},
            "health_memory_critical_percent", new int[] {1, 100});

    private final ObjectMapper mapper;
    private final ActivityLog activity;

    public SettingsController(ObjectMapper mapper, ActivityLog activity) {
        this.mapper = mapper;
        this.activity = activity;
    }

    public static Map<String, String> read(Db db) {
        Map<String, String> out = new TreeMap<>();
        db.list("SELECT key, value FROM settings", rs -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    public void get(Context ctx) {
        ctx.json(read(RequestContext.scope(ctx).db()));
    }

    @SuppressWarnings("unchecked")
    public void put(Context ctx) {
        Map<String, Object> body = Json.body(ctx, mapper, Map.class);
        Map<String, String> changes = new LinkedHashMap<>();
        for (var e : body.entrySet()) {
            int[] bounds = BOUNDS.get(e.getKey());
            if (bounds == null) {
                throw ApiError.badRequest(e.getKey(), "unknown setting; known: " + new TreeMap<>(BOUNDS).keySet());
            }
            if (!(e.getValue() instanceof Integer v) || v < bounds[0] || v > bounds[1]) {
                throw ApiError.badRequest(e.getKey(), "expected an integer from " + bounds[0] + " to " + bounds[1]);
            }
            changes.put(e.getKey(), v.toString());
        }
        Db db = RequestContext.scope(ctx).db();
        Map<String, String> after = new TreeMap<>(read(db));
        after.putAll(changes);
        for (String signal : new String[] {"cpu", "memory"}) {
            String warning = "health_" + signal + "_warning_percent";
            String critical = "health_" + signal + "_critical_percent";
            if (after.containsKey(warning) && after.containsKey(critical)
                    && Integer.parseInt(after.get(warning)) > Integer.parseInt(after.get(critical))) {
                throw ApiError.badRequest(changes.containsKey(warning) ? warning : critical, warning + " must not be above " + critical);
            }
        }
        db.inTransaction(tx -> {
            changes.forEach((k, v) -> tx.update(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", k, v));
            activity.record(tx, RequestContext.principal(ctx), "settings.update", "settings", null, null, changes);
            return null;
        });
        ctx.json(read(db));
    }
}
