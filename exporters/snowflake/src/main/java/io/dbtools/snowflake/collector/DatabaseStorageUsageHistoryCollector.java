package io.dbtools.snowflake.collector;

import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.snowflake.SfOptions;
import io.dbtools.snowflake.SfSource;
import java.time.Clock;

/**
 * {@code ACCOUNT_USAGE.DATABASE_STORAGE_USAGE_HISTORY}: each live database's size from its newest daily row, as the
 * normalized {@code dbtools_database_size_bytes}; the largest {@code databases_limit} databases are kept.
 */
public final class DatabaseStorageUsageHistoryCollector extends SfCollector {

    public static final String NAME = "database_storage_usage_history";
    static final String SQL_RESOURCE = "database_storage_usage_history.sql";
    private final String sql;

    public DatabaseStorageUsageHistoryCollector(SfOptions options, Clock clock) {
        super(NAME, "bytes per database (DATABASE_STORAGE_USAGE_HISTORY, daily)", options, clock);
        this.sql = Sql.load(SQL_RESOURCE, options.sqlParameters());
    }

    @Override
    void read(SfSource sf, ScrapeContext ctx, MetricSink sink) throws Exception {
        Latest latest = new Latest();
        sf.query(ctx, sql, rs -> {
            String db = label(rs, "DATABASE_NAME");
            gauge(sink, CoreMetrics.DATABASE_SIZE_BYTES, "Database size (normalized across engines); Snowflake: daily average bytes.",
                    number(rs, "AVERAGE_DATABASE_BYTES"), 1, "database", db);
            gauge(sink, "dbtools_snowflake_database_failsafe_bytes", "Fail-safe bytes of the database (daily average).",
                    number(rs, "AVERAGE_FAILSAFE_BYTES"), 1, "database", db);
            latest.offer(number(rs, "USAGE_DATE_EPOCH"));
        });
        latest.emit(sink, "dbtools_snowflake_database_storage_latest_timestamp_seconds",
                "USAGE_DATE (midnight UTC) of the newest DATABASE_STORAGE_USAGE_HISTORY row used.");
    }
}
