package io.dbtools.snowflake.collector;

import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.snowflake.SfOptions;
import io.dbtools.snowflake.SfSource;
import java.time.Clock;

/**
 * {@code ACCOUNT_USAGE.QUERY_HISTORY}: completed queries, failures and durations by warehouse and query type over
 * the usage window. The grouping into top-N plus {@code other} happens in SQL, so the view's rows (which can be
 * millions a day) never leave Snowflake. Times in the view are milliseconds; exposed in seconds.
 */
public final class QueryHistoryCollector extends SfCollector {

    public static final String NAME = "query_history";
    static final String SQL_RESOURCE = "query_history.sql";
    private static final double MS = 0.001;
    private final String sql;

    public QueryHistoryCollector(SfOptions options, Clock clock) {
        super(NAME, "query counts, failures and durations by warehouse and query type (QUERY_HISTORY, top-N + other)", options, clock);
        this.sql = Sql.load(SQL_RESOURCE, options.sqlParameters());
    }

    @Override
    void read(SfSource sf, ScrapeContext ctx, MetricSink sink) throws Exception {
        Latest latest = new Latest();
        sf.query(ctx, sql, rs -> {
            String[] labels = {"warehouse", label(rs, "WAREHOUSE_LABEL"), "query_type", label(rs, "QUERY_TYPE_LABEL")};
            gauge(sink, "dbtools_snowflake_queries", "Queries that completed in the usage window.",
                    number(rs, "QUERIES"), 1, labels);
            gauge(sink, "dbtools_snowflake_queries_failed", "Queries in the usage window whose status was not SUCCESS.",
                    number(rs, "FAILED"), 1, labels);
            gauge(sink, "dbtools_snowflake_query_execution_seconds_avg", "Average execution time of the window's queries.",
                    number(rs, "AVG_EXECUTION_MS"), MS, labels);
            gauge(sink, "dbtools_snowflake_query_compilation_seconds_avg", "Average compilation time of the window's queries.",
                    number(rs, "AVG_COMPILATION_MS"), MS, labels);
            gauge(sink, "dbtools_snowflake_query_queued_overload_seconds_avg",
                    "Average time the window's queries waited in the queue of an overloaded warehouse.",
                    number(rs, "AVG_QUEUED_OVERLOAD_MS"), MS, labels);
            gauge(sink, "dbtools_snowflake_query_elapsed_seconds_max", "Longest total elapsed time of a query in the window.",
                    number(rs, "MAX_ELAPSED_MS"), MS, labels);
            gauge(sink, "dbtools_snowflake_query_scanned_bytes_avg", "Average bytes scanned by the window's queries.",
                    number(rs, "AVG_BYTES_SCANNED"), 1, labels);
            latest.offer(number(rs, "LATEST_END_EPOCH"));
        });
        latest.emit(sink, "dbtools_snowflake_query_history_latest_timestamp_seconds",
                "END_TIME of the newest QUERY_HISTORY row in the window.");
    }
}
