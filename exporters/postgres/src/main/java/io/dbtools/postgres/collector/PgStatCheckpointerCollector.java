package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;

/**
 * {@code pg_stat_checkpointer} (PostgreSQL 17+), or the checkpoint columns of {@code pg_stat_bgwriter}
 * before 17: the same metric names either way, so dashboards survive an upgrade.
 */
public final class PgStatCheckpointerCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_stat_checkpointer.sql");
    private static final String SQL_PRE17 = Sql.load("pg_stat_checkpointer_pre17.sql");

    public PgStatCheckpointerCollector() {
        super(CollectorInfo.everyScrape("pg_stat_checkpointer", "checkpoints timed and requested, their write and sync time, buffers written"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        boolean v17 = ctx.server().atLeast(17);
        pg.query(ctx, v17 ? SQL : SQL_PRE17, rs -> {
            sink.counter("dbtools_postgres_checkpoints_timed_total", "Checkpoints started because checkpoint_timeout passed.",
                    rs.getDouble("num_timed"));
            sink.counter("dbtools_postgres_checkpoints_requested_total",
                    "Checkpoints requested (max_wal_size reached, CHECKPOINT, shutdown); many mean max_wal_size is too small.",
                    rs.getDouble("num_requested"));
            sink.counter("dbtools_postgres_checkpoint_write_seconds_total", "Time checkpoints spent writing files.",
                    rs.getDouble("write_time") / 1000);
            sink.counter("dbtools_postgres_checkpoint_sync_seconds_total", "Time checkpoints spent syncing files to disk.",
                    rs.getDouble("sync_time") / 1000);
            sink.counter("dbtools_postgres_checkpoint_buffers_written_total", "Buffers written by checkpoints.",
                    rs.getDouble("buffers_written"));
            if (v17) {
                sink.counter("dbtools_postgres_restartpoints_done_total", "Restartpoints completed on a standby (PostgreSQL 17+).",
                        rs.getDouble("restartpoints_done"));
            }
        });
    }
}
