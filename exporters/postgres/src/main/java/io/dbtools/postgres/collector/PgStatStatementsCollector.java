package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;
import java.time.Duration;

/**
 * {@code pg_stat_statements} (opt-in; the extension must be created in the database the target connects
 * to): the {@code statements_top_n} statements (default 50) with the most total execution time, by
 * {@code queryid} and database, summed over users; everything else in {@code queryid="other"}, so sums
 * over the family are the server's totals.
 *
 * <p>No query text label: utility statements are stored verbatim (an {@code ALTER ROLE ... PASSWORD}
 * would put a password in Prometheus), texts make every series large, and reading them makes
 * PostgreSQL load its query-text file on every scrape. {@code queryid} is the key to look the text up
 * in {@code pg_stat_statements}. Series churn is bounded by N: statements entering the top N leave
 * the {@code other} bucket, so per-series counters may step down while the family total does not.
 */
public final class PgStatStatementsCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_stat_statements.sql");
    private static final String SQL_12 = Sql.load("pg_stat_statements_12.sql");
    static final String TOP_N = "statements_top_n";
    static final int DEFAULT_TOP_N = 50;

    public PgStatStatementsCollector() {
        super(new CollectorInfo("pg_stat_statements",
                "top-N statements by total execution time (option statements_top_n, default 50) plus 'other'; needs the extension",
                false, Duration.ZERO));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        int n = topN(ctx, TOP_N, DEFAULT_TOP_N);
        boolean v13 = ctx.server().atLeast(13);
        pg.query(ctx, v13 ? SQL : SQL_12, rs -> {
            String[] stmt = {"queryid", rs.getString("queryid"), "datname", rs.getString("datname")};
            sink.counter("dbtools_postgres_statement_calls_total", "Times the statement was executed.", rs.getDouble("calls"), stmt);
            sink.counter("dbtools_postgres_statement_exec_seconds_total", "Time spent executing the statement.",
                    rs.getDouble("exec_ms") / 1000, stmt);
            if (v13) {
                sink.counter("dbtools_postgres_statement_plan_seconds_total",
                        "Time spent planning the statement (needs pg_stat_statements.track_planning; 13+).",
                        rs.getDouble("plan_ms") / 1000, stmt);
            }
            sink.counter("dbtools_postgres_statement_rows_total", "Rows returned or affected by the statement.", rs.getDouble("rows"), stmt);
            sink.counter("dbtools_postgres_statement_shared_blocks_hit_total", "Shared buffer hits by the statement.",
                    rs.getDouble("shared_blks_hit"), stmt);
            sink.counter("dbtools_postgres_statement_shared_blocks_read_total", "Blocks the statement read from disk or the OS cache.",
                    rs.getDouble("shared_blks_read"), stmt);
            sink.counter("dbtools_postgres_statement_temp_blocks_written_total", "Temporary blocks the statement wrote (work_mem spills).",
                    rs.getDouble("temp_blks_written"), stmt);
        }, n, n);
    }
}
