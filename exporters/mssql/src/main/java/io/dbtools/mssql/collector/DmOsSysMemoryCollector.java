package io.dbtools.mssql.collector;

import io.dbtools.mssql.MsServer;
import io.dbtools.mssql.MsSource;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code sys.dm_os_sys_memory} with {@code sys.dm_os_process_memory} and {@code sys.dm_os_sys_info}: host memory,
 * what the SQL Server process holds and what it aims for. SQL Server takes memory up to its target by design, so
 * the normalized utilization is the host's (used / total), which is what runs out.
 */
public final class DmOsSysMemoryCollector extends MsCollector {

    private static final String SQL = Sql.load("dm_os_sys_memory.sql");

    public DmOsSysMemoryCollector() {
        super(CollectorInfo.everyScrape("dm_os_sys_memory", "host memory, SQL Server process memory and target"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return MsServer.hasServerScope(server);
    }

    @Override
    public String sql(ServerInfo server) {
        return SQL;
    }

    @Override
    public void collect(MsSource source, ScrapeContext ctx, MetricSink sink) throws Exception {
        source.query(ctx, sql(ctx.server()), rs -> {
            Double total = kb(rs, "total_physical_memory_kb");
            Double available = kb(rs, "available_physical_memory_kb");
            if (total != null && available != null && total > 0) {
                sink.gauge("dbtools_mssql_os_memory_bytes", "Host physical memory.", total, "state", "total");
                sink.gauge("dbtools_mssql_os_memory_bytes", "Host physical memory.", available, "state", "available");
                sink.gauge(CoreMetrics.MEMORY_UTILIZATION, "Host memory in use, 0..1 (normalized across engines).",
                        1 - available / total);
            }
            Double inUse = kb(rs, "physical_memory_in_use_kb");
            if (inUse != null) {
                sink.gauge("dbtools_mssql_process_memory_bytes", "Physical memory the SQL Server process uses.", inUse);
            }
            Double target = kb(rs, "committed_target_kb");
            if (target != null) {
                sink.gauge("dbtools_mssql_memory_target_bytes", "Memory SQL Server aims to commit (max server memory, bounded by the host).",
                        target);
            }
            int low = rs.getInt("process_physical_memory_low");
            if (!rs.wasNull()) {
                sink.gauge("dbtools_mssql_process_memory_low", "1 when the process is told physical memory is low.", low);
            }
        });
    }

    private static Double kb(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v * 1024;
    }
}
