package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.postgres.PgQueries;

/**
 * CockroachDB sessions and running queries, cluster-wide ({@code crdb_internal.cluster_sessions},
 * {@code cluster_queries}): sessions by status, queries by phase, and the normalized connections in use and
 * oldest query age. Both tables ask every node for its sessions, which is cheap: they are held in memory.
 */
public final class CrdbSessionsCollector extends CrdbCollector {

    private static final String SESSIONS_SQL = Sql.load("crdb_sessions.sql");
    private static final String QUERIES_SQL = Sql.load("crdb_queries.sql");
    static final String SESSIONS = "dbtools_cockroachdb_sessions";
    static final String QUERIES = "dbtools_cockroachdb_queries";

    public CrdbSessionsCollector() {
        super(CollectorInfo.everyScrape("crdb_sessions", "CockroachDB client sessions by status, running queries by phase, oldest query"));
    }

    @Override
    public void collect(PgQueries crdb, ScrapeContext ctx, MetricSink sink) throws Exception {
        double[] total = {0};
        crdb.query(ctx, SESSIONS_SQL, rs -> {
            double n = rs.getDouble("sessions");
            total[0] += n;
            sink.gauge(SESSIONS, "Open client sessions across the cluster by status (ACTIVE: in a transaction; IDLE).", n,
                    "status", rs.getString("status"));
        });
        sink.gauge(CoreMetrics.CONNECTIONS_USED, "Client connections in use (normalized across engines).", total[0]);
        double[] oldest = {0};
        crdb.query(ctx, QUERIES_SQL, rs -> {
            sink.gauge(QUERIES, "Running queries across the cluster by phase.", rs.getDouble("queries"), "phase", rs.getString("phase"));
            oldest[0] = Math.max(oldest[0], rs.getDouble("oldest_seconds"));
        });
        sink.gauge(CoreMetrics.OLDEST_QUERY_SECONDS, "Age of the longest-running query (normalized across engines).", oldest[0]);
    }
}
