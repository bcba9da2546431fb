package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgQueries;
import java.time.Duration;

/**
 * CockroachDB contention ({@code crdb_internal.transaction_contention_events}): events and contention time of
 * the last {@code contention_window_seconds} (default 300) by database, table, index and kind, the
 * {@code contention_top_n} (default 20) with the most time by name and the rest in table {@code other}.
 *
 * <p>Gauges over a sliding window, not counters: each node keeps its events in a bounded in-memory store
 * that drops the oldest, so a running total would fall for no reason. Refreshed every 60 seconds: the table
 * asks every node.
 */
public final class CrdbContentionCollector extends CrdbCollector {

    private static final String SQL = Sql.load("crdb_contention.sql");
    private static final String SQL_23_1 = Sql.load("crdb_contention_23_1.sql");
    static final String WINDOW = "contention_window_seconds";
    static final int DEFAULT_WINDOW = 300;
    static final String TOP_N = "contention_top_n";
    static final int DEFAULT_TOP_N = 20;
    static final String EVENTS = "dbtools_cockroachdb_contention_events";
    static final String SECONDS = "dbtools_cockroachdb_contention_seconds";

    public CrdbContentionCollector() {
        super(new CollectorInfo("crdb_contention",
                "CockroachDB contention events and time of the last 5 minutes by table, index and kind (refreshed every 60 seconds)",
                true, Duration.ofSeconds(60)));
    }

    /** The SQL for a server: 23.2 added the kind of contention. */
    static String sql(ServerInfo server) {
        return server.atLeast(23, 2) ? SQL : SQL_23_1;
    }

    @Override
    public void collect(PgQueries crdb, ScrapeContext ctx, MetricSink sink) throws Exception {
        int window = topN(ctx, WINDOW, DEFAULT_WINDOW);
        if (window == 0) throw new IllegalArgumentException("option " + WINDOW + " must be at least 1");
        int n = topN(ctx, TOP_N, DEFAULT_TOP_N);
        crdb.query(ctx, sql(ctx.server()), rs -> {
            String[] labels = {"database", rs.getString("database_name"), "table", rs.getString("table_name"),
                    "index", rs.getString("index_name"), "contention_type", rs.getString("contention_type")};
            sink.gauge(EVENTS, "Contention events of the last contention_window_seconds (default 300) by table, index and kind.",
                    rs.getDouble("cnt"), labels);
            sink.gauge(SECONDS, "Time transactions spent waiting in those contention events.", rs.getDouble("duration_seconds"), labels);
        }, window, n, n, n);
    }
}
