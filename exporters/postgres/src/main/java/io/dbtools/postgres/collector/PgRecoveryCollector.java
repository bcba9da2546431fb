package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;

/**
 * Recovery information functions ({@code pg_is_in_recovery()}, {@code pg_last_xact_replay_timestamp()}):
 * whether the server is a standby, and the normalized replication lag. The one collector that emits
 * {@link CoreMetrics#REPLICATION_LAG_SECONDS}: a standby's own replay lag, or on a primary with standbys
 * the slowest standby's replay lag. A primary without standbys has no lag to report.
 */
public final class PgRecoveryCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_recovery.sql");

    public PgRecoveryCollector() {
        super(CollectorInfo.everyScrape("pg_recovery", "standby or primary; replication lag (normalized), replay pending on a standby"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        pg.query(ctx, SQL, rs -> {
            boolean standby = rs.getBoolean("in_recovery");
            sink.gauge("dbtools_postgres_in_recovery", "1 on a standby (in recovery), 0 on a primary.", standby ? 1 : 0);
            if (standby) {
                double lag = rs.getDouble("standby_lag_seconds");
                sink.gauge(CoreMetrics.REPLICATION_LAG_SECONDS, "Replication lag in seconds (normalized across engines).", lag);
                sink.gauge("dbtools_postgres_standby_replay_lag_seconds",
                        "On a standby: age of the last replayed transaction while received WAL waits to be replayed, else 0.", lag);
                sink.gauge("dbtools_postgres_standby_replay_pending_bytes", "On a standby: WAL received but not yet replayed.",
                        rs.getDouble("standby_replay_pending_bytes"));
            } else if (rs.getLong("standbys") > 0) {
                sink.gauge(CoreMetrics.REPLICATION_LAG_SECONDS, "Replication lag in seconds (normalized across engines).",
                        rs.getDouble("primary_max_replay_lag_seconds"));
            }
        });
    }
}
