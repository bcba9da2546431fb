package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.postgres.PgQueries;
import java.time.Duration;

/**
 * CockroachDB lock waits ({@code crdb_internal.cluster_locks}): transactions blocked on another's lock (the
 * normalized blocked sessions), lock waits and the longest. The table reads every range's lock table, so it
 * is read every 30 seconds, not on every scrape.
 */
public final class CrdbLocksCollector extends CrdbCollector {

    private static final String SQL = Sql.load("crdb_locks.sql");
    static final String WAITS = "dbtools_cockroachdb_lock_waits";
    static final String LONGEST = "dbtools_cockroachdb_lock_wait_longest_seconds";

    public CrdbLocksCollector() {
        super(new CollectorInfo("crdb_locks", "CockroachDB transactions waiting on locks and the longest wait (refreshed every 30 seconds)",
                true, Duration.ofSeconds(30)));
    }

    @Override
    public void collect(PgQueries crdb, ScrapeContext ctx, MetricSink sink) throws Exception {
        crdb.query(ctx, SQL, rs -> {
            sink.gauge(CoreMetrics.BLOCKED_SESSIONS, "Sessions waiting on a lock held by another session (normalized; CockroachDB: transactions).",
                    rs.getDouble("blocked"));
            sink.gauge(WAITS, "Lock waits: one per waiting transaction and lock it waits for.", rs.getDouble("waits"));
            sink.gauge(LONGEST, "Longest current wait for a lock.", rs.getDouble("longest_wait_seconds"));
        });
    }
}
