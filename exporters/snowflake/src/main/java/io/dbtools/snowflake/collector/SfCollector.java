package io.dbtools.snowflake.collector;

import io.dbtools.plugin.Collector;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.snowflake.SfOptions;
import io.dbtools.snowflake.SfSource;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Base of the Snowflake collectors. Every one reads a lagging ACCOUNT_USAGE view, so every one is a cached
 * collector refreshed at the target's {@link SfOptions#refresh()}.
 */
abstract class SfCollector implements Collector<SfSource> {

    private final CollectorInfo info;

    SfCollector(String name, String help, SfOptions options) {
        this.info = new CollectorInfo(name, help, true, options.refresh());
    }

    @Override
    public final CollectorInfo info() {
        return info;
    }

    /** A nullable numeric column: aggregates over no rows, or columns a view left empty, are skipped, not zero. */
    static Double number(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /** Writes a gauge when the column has a value; {@code scale} converts to base units (ms → s). */
    static void gauge(io.dbtools.plugin.MetricSink sink, String name, String help, Double value, double scale,
            String... labels) {
        if (value != null) sink.gauge(name, help, value * scale, labels);
    }

    static String label(ResultSet rs, String column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? "none" : v;
    }

    /** Keeps the newest of a column's values across rows, for the data's own timestamp. */
    static final class Latest {
        private Double max;

        void offer(Double epochSeconds) {
            if (epochSeconds != null && (max == null || epochSeconds > max)) max = epochSeconds;
        }

        void emit(io.dbtools.plugin.MetricSink sink, String name, String help) {
            if (max != null) sink.gauge(name, help, max);
        }
    }
}
