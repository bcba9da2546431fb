package io.dbtools.snowflake.collector;

import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.snowflake.SfOptions;
import io.dbtools.snowflake.SfSource;
import java.time.Clock;

/**
 * {@code ACCOUNT_USAGE.WAREHOUSE_LOAD_HISTORY}: the average number of queries running, queued and blocked per
 * warehouse, averaged over the 5-minute intervals of the usage window.
 */
public final class WarehouseLoadHistoryCollector extends SfCollector {

    public static final String NAME = "warehouse_load_history";
    static final String SQL_RESOURCE = "warehouse_load_history.sql";
    private final String sql;

    public WarehouseLoadHistoryCollector(SfOptions options, Clock clock) {
        super(NAME, "average running, queued and blocked queries per warehouse (WAREHOUSE_LOAD_HISTORY)", options, clock);
        this.sql = Sql.load(SQL_RESOURCE, options.sqlParameters());
    }

    @Override
    void read(SfSource sf, ScrapeContext ctx, MetricSink sink) throws Exception {
        Latest latest = new Latest();
        sf.query(ctx, sql, rs -> {
            String wh = label(rs, "WAREHOUSE_NAME");
            gauge(sink, "dbtools_snowflake_warehouse_load_running",
                    "Average number of queries running on the warehouse over the usage window.",
                    number(rs, "AVG_RUNNING"), 1, "warehouse", wh);
            gauge(sink, "dbtools_snowflake_warehouse_load_queued",
                    "Average number of queries queued because the warehouse was overloaded, over the usage window.",
                    number(rs, "AVG_QUEUED_LOAD"), 1, "warehouse", wh);
            gauge(sink, "dbtools_snowflake_warehouse_load_queued_provisioning",
                    "Average number of queries queued while the warehouse was provisioned or resumed, over the usage window.",
                    number(rs, "AVG_QUEUED_PROVISIONING"), 1, "warehouse", wh);
            gauge(sink, "dbtools_snowflake_warehouse_load_blocked",
                    "Average number of queries blocked by a transaction lock, over the usage window.",
                    number(rs, "AVG_BLOCKED"), 1, "warehouse", wh);
            latest.offer(number(rs, "LATEST_END_EPOCH"));
        });
        latest.emit(sink, "dbtools_snowflake_warehouse_load_latest_timestamp_seconds",
                "END_TIME of the newest WAREHOUSE_LOAD_HISTORY interval in the window.");
    }
}
