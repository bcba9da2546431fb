package io.dbtools.mssql.collector;

import io.dbtools.mssql.MsServer;
import io.dbtools.mssql.MsSource;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sys.dm_os_ring_buffers} (RING_BUFFER_SCHEDULER_MONITOR): the scheduler's once-a-minute CPU sample,
 * split into the SQL Server process, everything else on the host, and idle. The record XML is parsed here,
 * not with XQuery on the server, so the recorded records test the same code.
 */
public final class DmOsRingBuffersCollector extends MsCollector {

    private static final String SQL = Sql.load("dm_os_ring_buffers.sql");
    static final String BY_SOURCE = "dbtools_mssql_cpu_utilization_ratio";
    private static final Pattern PROCESS = Pattern.compile("<ProcessUtilization>(\\d+)</ProcessUtilization>");
    private static final Pattern IDLE = Pattern.compile("<SystemIdle>(\\d+)</SystemIdle>");

    public DmOsRingBuffersCollector() {
        super(CollectorInfo.everyScrape("dm_os_ring_buffers", "CPU of the SQL Server process, other processes and idle"));
    }

    /** Azure SQL Database does not expose the ring buffers; {@code dm_db_resource_stats} covers it there. */
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
            Cpu cpu = Cpu.parse(rs.getString("record"));
            if (cpu == null) return;
            sink.gauge(CoreMetrics.CPU_UTILIZATION, "Host CPU used by the database engine, 0..1 (normalized across engines).",
                    cpu.sqlServer());
            String help = "Host CPU by consumer over the last scheduler-monitor minute, 0..1.";
            sink.gauge(BY_SOURCE, help, cpu.sqlServer(), "source", "sqlserver");
            sink.gauge(BY_SOURCE, help, cpu.other(), "source", "other");
            sink.gauge(BY_SOURCE, help, cpu.idle(), "source", "idle");
        });
    }

    /** One scheduler-monitor sample as ratios; {@code other} is what is neither SQL Server nor idle. */
    record Cpu(double sqlServer, double other, double idle) {

        static Cpu parse(String record) {
            if (record == null) return null;
            Matcher p = PROCESS.matcher(record);
            Matcher i = IDLE.matcher(record);
            if (!p.find() || !i.find()) return null;
            int process = Integer.parseInt(p.group(1));
            int idle = Integer.parseInt(i.group(1));
            // Percentages are sampled separately and can add up to a little over 100.
            int other = Math.max(0, 100 - idle - process);
            return new Cpu(process / 100.0, other / 100.0, idle / 100.0);
        }
    }
}
