package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.postgres.PgSource;
import java.util.List;

/** {@code pg_stat_database}: commits, rollbacks, block reads and hits, tuples, temp files, deadlocks, conflicts. */
public final class PgStatDatabaseCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_stat_database.sql");
    private static final String SQL_14 = Sql.load("pg_stat_database_14.sql");

    /** Column → metric name and help. Block times are milliseconds in the view; exposed in seconds. */
    private record Counter(String column, String metric, String help, double scale) {}

    private static final List<Counter> COUNTERS = List.of(
            new Counter("xact_commit", "dbtools_postgres_transactions_committed_total", "Transactions committed.", 1),
            new Counter("xact_rollback", "dbtools_postgres_transactions_rolled_back_total", "Transactions rolled back.", 1),
            new Counter("blks_read", "dbtools_postgres_blocks_read_total", "Blocks read from disk (or the OS cache).", 1),
            new Counter("blks_hit", "dbtools_postgres_blocks_hit_total", "Blocks found in shared buffers.", 1),
            new Counter("tup_returned", "dbtools_postgres_tuples_returned_total", "Rows returned by sequential and index scans.", 1),
            new Counter("tup_fetched", "dbtools_postgres_tuples_fetched_total", "Rows fetched by index scans.", 1),
            new Counter("tup_inserted", "dbtools_postgres_tuples_inserted_total", "Rows inserted.", 1),
            new Counter("tup_updated", "dbtools_postgres_tuples_updated_total", "Rows updated.", 1),
            new Counter("tup_deleted", "dbtools_postgres_tuples_deleted_total", "Rows deleted.", 1),
            new Counter("conflicts", "dbtools_postgres_recovery_conflicts_total", "Queries cancelled by recovery conflicts (standbys).", 1),
            new Counter("temp_files", "dbtools_postgres_temp_files_total", "Temporary files created by queries.", 1),
            new Counter("temp_bytes", "dbtools_postgres_temp_bytes_total", "Bytes written to temporary files.", 1),
            new Counter("deadlocks", "dbtools_postgres_deadlocks_total", "Deadlocks detected.", 1),
            new Counter("blk_read_time", "dbtools_postgres_block_read_seconds_total", "Time spent reading blocks (needs track_io_timing).", 0.001),
            new Counter("blk_write_time", "dbtools_postgres_block_write_seconds_total", "Time spent writing blocks (needs track_io_timing).", 0.001),
            new Counter("checksum_failures", "dbtools_postgres_checksum_failures_total", "Data page checksum failures (needs data checksums).", 1));

    /** Session statistics, PostgreSQL 14+. Times are milliseconds in the view. */
    private static final List<Counter> SESSION_COUNTERS = List.of(
            new Counter("sessions", "dbtools_postgres_sessions_established_total", "Sessions established (14+).", 1),
            new Counter("sessions_abandoned", "dbtools_postgres_sessions_abandoned_total", "Sessions ended by the client disconnecting without saying so (14+).", 1),
            new Counter("sessions_fatal", "dbtools_postgres_sessions_fatal_total", "Sessions ended by a fatal error (14+).", 1),
            new Counter("sessions_killed", "dbtools_postgres_sessions_killed_total", "Sessions terminated by an operator (14+).", 1),
            new Counter("session_time", "dbtools_postgres_session_seconds_total", "Time sessions were connected (14+).", 0.001),
            new Counter("active_time", "dbtools_postgres_session_active_seconds_total", "Time sessions spent executing statements (14+).", 0.001),
            new Counter("idle_in_transaction_time", "dbtools_postgres_session_idle_in_transaction_seconds_total",
                    "Time sessions spent idle inside a transaction (14+).", 0.001));

    public PgStatDatabaseCollector() {
        super(CollectorInfo.everyScrape("pg_stat_database", "per-database transactions, blocks, tuples, temp files, deadlocks, conflicts"));
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        boolean v14 = ctx.server().atLeast(14);
        pg.query(ctx, v14 ? SQL_14 : SQL, rs -> {
            String db = rs.getString("datname");
            for (Counter c : COUNTERS) {
                sink.counter(c.metric(), c.help(), rs.getDouble(c.column()) * c.scale(), "datname", db);
            }
            if (v14) {
                for (Counter c : SESSION_COUNTERS) {
                    sink.counter(c.metric(), c.help(), rs.getDouble(c.column()) * c.scale(), "datname", db);
                }
            }
            double reset = rs.getDouble("stats_reset");
            if (!rs.wasNull()) {
                sink.gauge("dbtools_postgres_stats_reset_timestamp_seconds", "When the database's statistics were last reset.",
                        reset, "datname", db);
            }
        });
    }
}
