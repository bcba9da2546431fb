package io.dbtools.mssql.collector;

import io.dbtools.mssql.MsSource;
import io.dbtools.plugin.Collector;
import java.util.List;

/** Every SQL Server collector, in the order a scrape runs them (cheap and most wanted first). */
public final class MsCollectors {

    private MsCollectors() {}

    public static List<Collector<MsSource>> all() {
        return List.of(
                new DmExecSessionsCollector(),
                new DmExecRequestsCollector(),
                new DmOsPerformanceCountersCollector(),
                new DmOsRingBuffersCollector(),
                new DmDbResourceStatsCollector(),
                new DmOsSysMemoryCollector(),
                new DmOsWaitStatsCollector(),
                new DmIoVirtualFileStatsCollector(),
                new DmHadrDatabaseReplicaStatesCollector(),
                new SysDatabasesCollector(),
                new BackupsetCollector(),
                new SysjobhistoryCollector());
    }
}
