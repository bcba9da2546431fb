package io.dbtools.snowflake.collector;

import io.dbtools.plugin.Collector;
import io.dbtools.snowflake.SfOptions;
import io.dbtools.snowflake.SfSource;
import java.time.Clock;
import java.util.List;

/**
 * Every Snowflake collector for one target's options, cheapest view first. All share one refresh interval, so
 * after the first scrape they run together every {@code refresh_seconds} and wake the warehouse once.
 */
public final class SfCollectors {

    private SfCollectors() {}

    public static List<Collector<SfSource>> all(SfOptions options, Clock clock) {
        return List.of(
                new StorageUsageCollector(options, clock),
                new DatabaseStorageUsageHistoryCollector(options, clock),
                new WarehouseMeteringHistoryCollector(options, clock),
                new MeteringHistoryCollector(options, clock),
                new WarehouseLoadHistoryCollector(options, clock),
                new LoginHistoryCollector(options, clock),
                new DataTransferHistoryCollector(options, clock),
                new QueryHistoryCollector(options, clock));
    }
}
