package io.dbtools.snowflake.collector;

import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.snowflake.SfOptions;
import io.dbtools.snowflake.SfSource;
import java.time.Clock;

/**
 * {@code ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY}: credits per warehouse, summed over the trailing window of
 * complete hours. Gauges, not counters: the sum drops when an expensive hour leaves the window, and the view
 * revises recent hours as it catches up, so there is no monotonic total to count.
 */
public final class WarehouseMeteringHistoryCollector extends SfCollector {

    public static final String NAME = "warehouse_metering_history";
    static final String SQL_RESOURCE = "warehouse_metering_history.sql";
    private final String sql;

    public WarehouseMeteringHistoryCollector(SfOptions options, Clock clock) {
        super(NAME, "credits used per warehouse over the usage window (WAREHOUSE_METERING_HISTORY)", options, clock);
        this.sql = Sql.load(SQL_RESOURCE, options.sqlParameters());
    }

    @Override
    void read(SfSource sf, ScrapeContext ctx, MetricSink sink) throws Exception {
        Latest latest = new Latest();
        sf.query(ctx, sql, rs -> {
            String wh = label(rs, "WAREHOUSE_NAME");
            gauge(sink, "dbtools_snowflake_warehouse_credits_used",
                    "Credits used by the warehouse (compute + cloud services) over the usage window.",
                    number(rs, "CREDITS_USED"), 1, "warehouse", wh);
            gauge(sink, "dbtools_snowflake_warehouse_compute_credits_used",
                    "Compute credits used by the warehouse over the usage window.",
                    number(rs, "CREDITS_USED_COMPUTE"), 1, "warehouse", wh);
            gauge(sink, "dbtools_snowflake_warehouse_cloud_services_credits_used",
                    "Cloud services credits used by the warehouse over the usage window (before the daily adjustment).",
                    number(rs, "CREDITS_USED_CLOUD_SERVICES"), 1, "warehouse", wh);
            latest.offer(number(rs, "LATEST_END_EPOCH"));
        });
        latest.emit(sink, "dbtools_snowflake_warehouse_credits_latest_timestamp_seconds",
                "END_TIME of the newest WAREHOUSE_METERING_HISTORY row in the window: how fresh the credit figures are.");
    }
}
