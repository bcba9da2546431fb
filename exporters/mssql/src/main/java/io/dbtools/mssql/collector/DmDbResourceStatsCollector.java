package io.dbtools.mssql.collector;

import io.dbtools.mssql.MsServer;
import io.dbtools.mssql.MsSource;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;

/**
 * {@code sys.dm_db_resource_stats} (Azure SQL Database only): the last 15-second sample of CPU, memory, data I/O
 * and log write as a share of the service tier's limits; Azure SQL Database's stand-in for the ring buffer and
 * host memory views it does not have.
 */
public final class DmDbResourceStatsCollector extends MsCollector {

    private static final String SQL = Sql.load("dm_db_resource_stats.azure.sql");

    public DmDbResourceStatsCollector() {
        super(CollectorInfo.everyScrape("dm_db_resource_stats", "Azure SQL Database: CPU, memory, data I/O and log write vs tier limits"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return MsServer.isAzureSqlDatabase(server);
    }

    @Override
    public String sql(ServerInfo server) {
        return SQL;
    }

    @Override
    public void collect(MsSource source, ScrapeContext ctx, MetricSink sink) throws Exception {
        source.query(ctx, sql(ctx.server()), rs -> {
            double cpu = rs.getDouble("avg_cpu_percent") / 100;
            sink.gauge(CoreMetrics.CPU_UTILIZATION, "CPU used by the database engine, 0..1 (normalized across engines).", cpu);
            sink.gauge(CoreMetrics.MEMORY_UTILIZATION, "Memory in use, 0..1 (normalized across engines).",
                    rs.getDouble("avg_memory_usage_percent") / 100);
            String help = "Use of the service tier's limit, 0..1.";
            sink.gauge("dbtools_mssql_resource_utilization_ratio", help, cpu, "resource", "cpu");
            sink.gauge("dbtools_mssql_resource_utilization_ratio", help, rs.getDouble("avg_data_io_percent") / 100,
                    "resource", "data_io");
            sink.gauge("dbtools_mssql_resource_utilization_ratio", help, rs.getDouble("avg_log_write_percent") / 100,
                    "resource", "log_write");
        });
    }
}
