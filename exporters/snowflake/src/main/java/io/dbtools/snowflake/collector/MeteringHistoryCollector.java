package io.dbtools.snowflake.collector;

import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.snowflake.SfOptions;
import io.dbtools.snowflake.SfSource;
import java.time.Clock;

/**
 * {@code ACCOUNT_USAGE.METERING_HISTORY}: the whole account's credits by service type (warehouses, Snowpipe,
 * serverless tasks, automatic clustering, ...) over the usage window; what the bill is made of.
 */
public final class MeteringHistoryCollector extends SfCollector {

    public static final String NAME = "metering_history";
    static final String SQL_RESOURCE = "metering_history.sql";
    private final String sql;

    public MeteringHistoryCollector(SfOptions options, Clock clock) {
        super(NAME, "account credits by service type (METERING_HISTORY)", options, clock);
        this.sql = Sql.load(SQL_RESOURCE, options.sqlParameters());
    }

    @Override
    void read(SfSource sf, ScrapeContext ctx, MetricSink sink) throws Exception {
        Latest latest = new Latest();
        sf.query(ctx, sql, rs -> {
            String service = label(rs, "SERVICE_TYPE");
            gauge(sink, "dbtools_snowflake_account_credits_used", "Credits used by the account's service over the usage window.",
                    number(rs, "CREDITS_USED"), 1, "service_type", service);
            gauge(sink, "dbtools_snowflake_account_compute_credits_used", "Compute credits used by the service over the usage window.",
                    number(rs, "CREDITS_USED_COMPUTE"), 1, "service_type", service);
            gauge(sink, "dbtools_snowflake_account_cloud_services_credits_used",
                    "Cloud services credits used by the service over the usage window.",
                    number(rs, "CREDITS_USED_CLOUD_SERVICES"), 1, "service_type", service);
            latest.offer(number(rs, "LATEST_END_EPOCH"));
        });
        latest.emit(sink, "dbtools_snowflake_metering_latest_timestamp_seconds",
                "END_TIME of the newest METERING_HISTORY row in the window.");
    }
}
