package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.postgres.PgSource;
import java.time.Duration;

/**
 * {@code pg_settings}: settings of interest as one family with a {@code name} label, in base units.
 * Settings change rarely, so they are read once a minute.
 */
public final class PgSettingsCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_settings.sql");

    public PgSettingsCollector() {
        super(new CollectorInfo("pg_settings", "settings of interest (max_connections, memory, WAL, autovacuum) in base units",
                true, Duration.ofMinutes(1)));
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        pg.query(ctx, SQL, rs -> {
            String name = rs.getString("name");
            Double value = toBaseUnit(rs.getString("setting"), rs.getString("unit"), rs.getString("vartype"));
            if (value == null) return;
            sink.gauge("dbtools_postgres_setting", "Server setting in base units (bytes, seconds; booleans as 0/1; enums omitted).",
                    value, "name", name);
            if (name.equals("max_connections")) {
                sink.gauge(CoreMetrics.CONNECTIONS_MAX, "Maximum client connections (normalized across engines).", value);
            }
        });
    }

    /** pg_settings units: 8kB, kB, MB, B, ms, s, min; enums and strings have no numeric value. */
    static Double toBaseUnit(String setting, String unit, String vartype) {
        if ("bool".equals(vartype)) return "on".equals(setting) ? 1.0 : 0.0;
        if (!"integer".equals(vartype) && !"real".equals(vartype)) return null;
        double v = Double.parseDouble(setting);
        if (unit == null) return v;
        return switch (unit) {
            case "B" -> v;
            case "kB" -> v * 1024;
            case "8kB" -> v * 8192;
            case "16kB" -> v * 16384;
            case "MB" -> v * 1024 * 1024;
            case "ms" -> v / 1000;
            case "s" -> v;
            case "min" -> v * 60;
            default -> v;
        };
    }
}
