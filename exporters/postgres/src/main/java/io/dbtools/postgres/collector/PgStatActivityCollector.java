package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.postgres.PgSource;

/** {@code pg_stat_activity}: client sessions by database and state, oldest query and transaction. */
public final class PgStatActivityCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_stat_activity.sql");
    static final String SESSIONS = "dbtools_postgres_sessions";
    static final String OLDEST_QUERY = "dbtools_postgres_oldest_query_seconds";
    static final String OLDEST_XACT = "dbtools_postgres_oldest_transaction_seconds";

    public PgStatActivityCollector() {
        super(CollectorInfo.everyScrape("pg_stat_activity", "client sessions by database and state; oldest query and transaction"));
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        double[] total = {0};
        double[] oldestQuery = {0};
        double[] oldestXact = {0};
        pg.query(ctx, SQL, rs -> {
            String db = rs.getString("datname");
            String state = rs.getString("state");
            double n = rs.getDouble("sessions");
            total[0] += n;
            sink.gauge(SESSIONS, "Client sessions by database and state (active, idle, idle in transaction, ...).", n,
                    "datname", db, "state", state);
            if ("active".equals(state)) {
                double q = rs.getDouble("oldest_query_seconds");
                oldestQuery[0] = Math.max(oldestQuery[0], q);
                sink.gauge(OLDEST_QUERY, "Age of the longest-running active query per database.", q, "datname", db);
            }
            oldestXact[0] = Math.max(oldestXact[0], rs.getDouble("oldest_xact_seconds"));
        });
        sink.gauge(OLDEST_XACT, "Age of the oldest open transaction on the server (holds back vacuum).", oldestXact[0]);
        sink.gauge(CoreMetrics.CONNECTIONS_USED, "Client connections in use (normalized across engines).", total[0]);
        sink.gauge(CoreMetrics.OLDEST_QUERY_SECONDS, "Age of the longest-running query (normalized across engines).", oldestQuery[0]);
    }
}
