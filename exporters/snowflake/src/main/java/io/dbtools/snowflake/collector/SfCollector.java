package io.dbtools.snowflake.collector;

import io.dbtools.plugin.Collector;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.snowflake.SfOptions;
import io.dbtools.snowflake.SfSource;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Base of the Snowflake collectors. Every one reads a lagging ACCOUNT_USAGE view, so every one is a cached
 * collector refreshed at the target's {@link SfOptions#refresh()}. The runtime caches only successes; a
 * failure is remembered here for the same interval, because retrying a failing query on every scrape would
 * keep the warehouse awake and billing all day.
 */
abstract class SfCollector implements Collector<SfSource> {

    private final CollectorInfo info;
    private final Clock clock;
    private Instant failedAt;
    private String failure;

    SfCollector(String name, String help, SfOptions options, Clock clock) {
        this.info = new CollectorInfo(name, help, true, options.refresh());
        this.clock = clock;
    }

    @Override
    public final synchronized void collect(SfSource sf, ScrapeContext ctx, MetricSink sink) throws Exception {
        Instant now = clock.instant();
        if (failedAt != null && failedAt.plus(info.refreshInterval()).isAfter(now)) {
            throw new SQLException("not retried until " + failedAt.plus(info.refreshInterval()) + "; failed at " + failedAt
                    + ": " + failure);
        }
        try {
            read(sf, ctx, sink);
            failedAt = null;
        } catch (Exception e) {
            failedAt = now;
            failure = e.toString();
            throw e;
        }
    }

    /** Runs the collector's queries and writes its samples. */
    abstract void read(SfSource sf, ScrapeContext ctx, MetricSink sink) throws Exception;

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
    static void gauge(MetricSink sink, String name, String help, Double value, double scale,
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

        void emit(MetricSink sink, String name, String help) {
            if (max != null) sink.gauge(name, help, max);
        }
    }
}
