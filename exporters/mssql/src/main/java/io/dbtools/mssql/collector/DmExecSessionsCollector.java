package io.dbtools.mssql.collector;

import io.dbtools.mssql.MsSource;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;

/** {@code sys.dm_exec_sessions}: user sessions by status (running, sleeping, dormant, preconnect) and the connection limit. */
public final class DmExecSessionsCollector extends MsCollector {

    private static final String SQL = Sql.load("dm_exec_sessions.sql");
    /** What @@MAX_CONNECTIONS reports when 'user connections' is 0 (no limit below the engine's own). */
    static final int ENGINE_MAX_CONNECTIONS = 32767;

    public DmExecSessionsCollector() {
        super(CollectorInfo.everyScrape("dm_exec_sessions", "user sessions by status; connections used and maximum"));
    }

    @Override
    public String sql(ServerInfo server) {
        return SQL;
    }

    @Override
    public void collect(MsSource source, ScrapeContext ctx, MetricSink sink) throws Exception {
        double[] total = {0};
        int[] max = {ENGINE_MAX_CONNECTIONS};
        source.query(ctx, sql(ctx.server()), rs -> {
            double n = rs.getDouble("sessions");
            total[0] += n;
            sink.gauge("dbtools_mssql_sessions", "User sessions by status.", n, "status", rs.getString("status"));
            int configured = rs.getInt("max_connections");
            if (configured > 0) max[0] = configured;
        });
        sink.gauge(CoreMetrics.CONNECTIONS_USED, "Client connections in use (normalized across engines).", total[0]);
        sink.gauge(CoreMetrics.CONNECTIONS_MAX, "Maximum client connections (normalized across engines).", max[0]);
    }
}
