package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.postgres.PgSource;

/** {@code pg_locks} and {@code pg_blocking_pids()}: locks by mode, blocked sessions, head blockers, longest wait. */
public final class PgLocksCollector extends PgCollector {

    private static final String LOCKS = Sql.load("pg_locks.sql");
    private static final String BLOCKING = Sql.load("pg_blocking.sql");

    public PgLocksCollector() {
        super(CollectorInfo.everyScrape("pg_locks", "locks by database and mode; blocked sessions, head blockers, longest lock wait"));
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        pg.query(ctx, LOCKS, rs -> sink.gauge("dbtools_postgres_locks", "Locks by database, mode and whether granted.",
                rs.getDouble("locks"), "datname", rs.getString("datname"), "mode", rs.getString("mode"),
                "granted", String.valueOf(rs.getBoolean("granted"))));
        pg.query(ctx, BLOCKING, rs -> {
            sink.gauge(CoreMetrics.BLOCKED_SESSIONS, "Sessions waiting on a lock held by another session (normalized).",
                    rs.getDouble("blocked"));
            sink.gauge("dbtools_postgres_head_blockers", "Sessions that block others while waiting on nothing themselves.",
                    rs.getDouble("head_blockers"));
            sink.gauge("dbtools_postgres_lock_wait_longest_seconds", "Longest current wait of a blocked session.",
                    rs.getDouble("longest_wait_seconds"));
        });
    }
}
