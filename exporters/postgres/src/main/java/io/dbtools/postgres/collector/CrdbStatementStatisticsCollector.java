package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.postgres.PgQueries;
import java.time.Duration;

/**
 * CockroachDB statement statistics ({@code crdb_internal.statement_statistics}, opt-in): the
 * {@code statements_top_n} (default 50) statement fingerprints with the most service time in the current
 * hour, by {@code fingerprint_id}; everything else in {@code fingerprint_id="other"}, so sums over the family
 * are the cluster's totals. Refreshed every 60 seconds.
 *
 * <p>Counters that start again from 0 every hour, when CockroachDB opens a new aggregation interval:
 * {@code rate()} and {@code increase()} read the drop as a counter reset. No query text label, as for
 * PostgreSQL's statements: texts make every series large, and {@code fingerprint_id} (hex) finds the text in
 * the DB Console or in {@code crdb_internal.statement_statistics}.
 */
public final class CrdbStatementStatisticsCollector extends CrdbCollector {

    private static final String SQL = Sql.load("crdb_statement_statistics.sql");

    public CrdbStatementStatisticsCollector() {
        super(new CollectorInfo("crdb_statement_statistics",
                "CockroachDB top-N statement fingerprints by service time this hour (option statements_top_n, default 50) plus 'other'",
                false, Duration.ofSeconds(60)));
    }

    @Override
    public void collect(PgQueries crdb, ScrapeContext ctx, MetricSink sink) throws Exception {
        int n = topN(ctx, PgStatStatementsCollector.TOP_N, PgStatStatementsCollector.DEFAULT_TOP_N);
        crdb.query(ctx, SQL, rs -> {
            String[] stmt = {"fingerprint_id", rs.getString("fingerprint_id")};
            sink.counter("dbtools_cockroachdb_statement_executions_total", "Executions of the statement fingerprint this hour.",
                    rs.getDouble("executions"), stmt);
            sink.counter("dbtools_cockroachdb_statement_service_seconds_total",
                    "Service time (parse, plan, run, overhead) of the fingerprint's executions this hour.", rs.getDouble("service_seconds"), stmt);
            sink.counter("dbtools_cockroachdb_statement_rows_total", "Rows returned or affected by the fingerprint's executions this hour.",
                    rs.getDouble("rows"), stmt);
            sink.counter("dbtools_cockroachdb_statement_rows_read_total", "Rows read from storage by the fingerprint's executions this hour.",
                    rs.getDouble("rows_read"), stmt);
        }, n);
    }
}
