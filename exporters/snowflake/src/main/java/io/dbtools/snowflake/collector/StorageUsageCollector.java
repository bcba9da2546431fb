package io.dbtools.snowflake.collector;

import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.snowflake.SfOptions;
import io.dbtools.snowflake.SfSource;
import java.time.Clock;

/** {@code ACCOUNT_USAGE.STORAGE_USAGE}: the account's table, stage and Fail-safe bytes from the newest daily row. */
public final class StorageUsageCollector extends SfCollector {

    public static final String NAME = "storage_usage";
    static final String SQL_RESOURCE = "storage_usage.sql";
    private final String sql;

    public StorageUsageCollector(SfOptions options, Clock clock) {
        super(NAME, "account storage, stage and Fail-safe bytes (STORAGE_USAGE, daily)", options, clock);
        this.sql = Sql.load(SQL_RESOURCE, options.sqlParameters());
    }

    @Override
    void read(SfSource sf, ScrapeContext ctx, MetricSink sink) throws Exception {
        sf.query(ctx, sql, rs -> {
            gauge(sink, "dbtools_snowflake_storage_bytes", "Table storage of the account (daily average of the newest day).",
                    number(rs, "STORAGE_BYTES"), 1);
            gauge(sink, "dbtools_snowflake_stage_bytes", "Internal stage storage of the account (daily average of the newest day).",
                    number(rs, "STAGE_BYTES"), 1);
            gauge(sink, "dbtools_snowflake_failsafe_bytes", "Fail-safe storage of the account (daily average of the newest day).",
                    number(rs, "FAILSAFE_BYTES"), 1);
            gauge(sink, "dbtools_snowflake_storage_latest_timestamp_seconds", "USAGE_DATE (midnight UTC) of the newest STORAGE_USAGE row.",
                    number(rs, "USAGE_DATE_EPOCH"), 1);
        });
    }
}
