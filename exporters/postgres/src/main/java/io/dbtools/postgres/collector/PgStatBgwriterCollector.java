package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;

/**
 * {@code pg_stat_bgwriter}: buffers written by the background writer and allocated. Up to PostgreSQL 16
 * it also holds backends' own writes and fsyncs (17 moved those to {@code pg_stat_io}); its checkpoint
 * columns are read by {@link PgStatCheckpointerCollector} so checkpoint metrics keep one name on every version.
 */
public final class PgStatBgwriterCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_stat_bgwriter.sql");
    private static final String SQL_PRE17 = Sql.load("pg_stat_bgwriter_pre17.sql");

    public PgStatBgwriterCollector() {
        super(CollectorInfo.everyScrape("pg_stat_bgwriter", "background writer: buffers cleaned, allocated; backend writes up to PostgreSQL 16"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        boolean pre17 = !ctx.server().atLeast(17);
        pg.query(ctx, pre17 ? SQL_PRE17 : SQL, rs -> {
            sink.counter("dbtools_postgres_bgwriter_buffers_clean_total", "Buffers written by the background writer.",
                    rs.getDouble("buffers_clean"));
            sink.counter("dbtools_postgres_bgwriter_maxwritten_clean_total",
                    "Times the background writer stopped a round for writing too many buffers (bgwriter_lru_maxpages).",
                    rs.getDouble("maxwritten_clean"));
            sink.counter("dbtools_postgres_buffers_allocated_total", "Shared buffers allocated.", rs.getDouble("buffers_alloc"));
            Double reset = nullable(rs, "stats_reset");
            if (reset != null) {
                sink.gauge("dbtools_postgres_bgwriter_stats_reset_timestamp_seconds",
                        "When the background writer (and, up to 16, checkpoint) statistics were last reset.", reset);
            }
            if (pre17) {
                sink.counter("dbtools_postgres_buffers_backend_written_total",
                        "Buffers written directly by backends, not by the background writer or checkpointer (PostgreSQL 12-16).",
                        rs.getDouble("buffers_backend"));
                sink.counter("dbtools_postgres_buffers_backend_fsync_total",
                        "Times a backend had to fsync itself (PostgreSQL 12-16; should stay 0).",
                        rs.getDouble("buffers_backend_fsync"));
            }
        });
    }
}
