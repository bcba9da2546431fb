package io.dbtools.snowflake.collector;

import io.dbtools.plugin.Collector;
import io.dbtools.snowflake.SfOptions;
import io.dbtools.snowflake.SfSource;
import java.util.List;

/**
 * Every Snowflake collector for one target's options, cheapest view first. All share one refresh interval, so
 * after the first scrape they run together every {@code refresh_seconds} and wake the warehouse once.
 */
public final class SfCollectors {

    private SfCollectors() {}

    public static List<Collector<SfSource>> all(SfOptions options) {
        return List.of(
                new StorageUsageCollector(options),
                new DatabaseStorageUsageHistoryCollector(options),
                new WarehouseMeteringHistoryCollector(options),
                new MeteringHistoryCollector(options),
                new WarehouseLoadHistoryCollector(options),
                new LoginHistoryCollector(options),
                new DataTransferHistoryCollector(options),
                new QueryHistoryCollector(options));
    }
}
