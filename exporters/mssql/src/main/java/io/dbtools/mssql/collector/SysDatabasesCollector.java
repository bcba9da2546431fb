package io.dbtools.mssql.collector;

import io.dbtools.mssql.MsServer;
import io.dbtools.mssql.MsSource;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import java.time.Duration;

/**
 * {@code sys.databases} with file sizes from {@code sys.master_files} ({@code sys.database_files} on Azure SQL
 * Database, which sees only its own database): state, allocated data size and total size per database. Read once
 * a minute; log size and log space in use come from the performance counters.
 */
public final class SysDatabasesCollector extends MsCollector {

    private static final String SERVER_SQL = Sql.load("sys_databases.sql");
    private static final String AZURE_SQL = Sql.load("sys_databases.azure.sql");

    public SysDatabasesCollector() {
        super(new CollectorInfo("sys_databases", "database state and allocated data and log size", true, Duration.ofMinutes(1)));
    }

    @Override
    public String sql(ServerInfo server) {
        return MsServer.hasServerScope(server) ? SERVER_SQL : AZURE_SQL;
    }

    @Override
    public void collect(MsSource source, ScrapeContext ctx, MetricSink sink) throws Exception {
        source.query(ctx, sql(ctx.server()), rs -> {
            String db = rs.getString("database_name");
            double data = rs.getDouble("data_bytes");
            double log = rs.getDouble("log_bytes");
            sink.gauge("dbtools_mssql_database_state", "1 for the database's current state (ONLINE, RESTORING, RECOVERING, "
                    + "RECOVERY_PENDING, SUSPECT, EMERGENCY, OFFLINE).", 1, "database", db, "state", rs.getString("state_desc"));
            sink.gauge("dbtools_mssql_database_data_bytes", "Allocated size of the database's data files.", data, "database", db);
            sink.gauge(CoreMetrics.DATABASE_SIZE_BYTES, "Database size on disk (normalized across engines).", data + log,
                    "database", db);
        });
    }
}
