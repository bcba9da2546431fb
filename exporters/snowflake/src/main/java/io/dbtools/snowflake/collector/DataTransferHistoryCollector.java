package io.dbtools.snowflake.collector;

import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.snowflake.SfOptions;
import io.dbtools.snowflake.SfSource;
import java.time.Clock;

/**
 * {@code ACCOUNT_USAGE.DATA_TRANSFER_HISTORY}: bytes sent to another cloud or region (billed egress) by target
 * cloud, region and transfer type over the usage window. BYTES_TRANSFERRED is a VARIANT; the SQL casts it.
 */
public final class DataTransferHistoryCollector extends SfCollector {

    public static final String NAME = "data_transfer_history";
    static final String SQL_RESOURCE = "data_transfer_history.sql";
    private final String sql;

    public DataTransferHistoryCollector(SfOptions options, Clock clock) {
        super(NAME, "bytes transferred out by target cloud, region and type (DATA_TRANSFER_HISTORY)", options, clock);
        this.sql = Sql.load(SQL_RESOURCE, options.sqlParameters());
    }

    @Override
    void read(SfSource sf, ScrapeContext ctx, MetricSink sink) throws Exception {
        Latest latest = new Latest();
        sf.query(ctx, sql, rs -> {
            gauge(sink, "dbtools_snowflake_data_transfer_bytes",
                    "Bytes transferred to another cloud or region over the usage window.",
                    number(rs, "BYTES"), 1, "target_cloud", label(rs, "TARGET_CLOUD"),
                    "target_region", label(rs, "TARGET_REGION"), "transfer_type", label(rs, "TRANSFER_TYPE"));
            latest.offer(number(rs, "LATEST_END_EPOCH"));
        });
        latest.emit(sink, "dbtools_snowflake_data_transfer_latest_timestamp_seconds",
                "END_TIME of the newest DATA_TRANSFER_HISTORY row in the window.");
    }
}
