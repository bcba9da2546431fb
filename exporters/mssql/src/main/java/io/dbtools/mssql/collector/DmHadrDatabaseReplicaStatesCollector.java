package io.dbtools.mssql.collector;

import io.dbtools.mssql.MsServer;
import io.dbtools.mssql.MsSource;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;

/**
 * {@code sys.dm_hadr_database_replica_states} with the availability group and replica names: per database and
 * replica, synchronization health, send and redo queues, and lag. Runs only where Always On is enabled. A primary
 * sees every replica's row; a secondary only its own.
 */
public final class DmHadrDatabaseReplicaStatesCollector extends MsCollector {

    private static final String SQL = Sql.load("dm_hadr_database_replica_states.sql");

    public DmHadrDatabaseReplicaStatesCollector() {
        super(CollectorInfo.everyScrape("dm_hadr_database_replica_states",
                "Availability Group database replicas: health, log send and redo queues, secondary lag"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return MsServer.hasServerScope(server) && MsServer.hadrEnabled(server);
    }

    @Override
    public String sql(ServerInfo server) {
        return SQL;
    }

    @Override
    public void collect(MsSource source, ScrapeContext ctx, MetricSink sink) throws Exception {
        double[] worstLag = {-1};
        source.query(ctx, sql(ctx.server()), rs -> {
            String[] labels = {"availability_group", rs.getString("ag_name"), "replica", rs.getString("replica_server_name"),
                    "database", rs.getString("database_name")};
            sink.gauge("dbtools_mssql_ag_synchronization_health", "0 not healthy, 1 partially healthy, 2 healthy.",
                    rs.getDouble("synchronization_health"), labels);
            sink.gauge("dbtools_mssql_ag_is_primary", "1 when this row describes the primary replica.",
                    rs.getBoolean("is_primary_replica") ? 1 : 0, labels);
            double sendQueue = rs.getDouble("log_send_queue_kb");
            if (!rs.wasNull()) {
                sink.gauge("dbtools_mssql_ag_log_send_queue_bytes", "Log not yet sent to the secondary.", sendQueue * 1024, labels);
            }
            double redoQueue = rs.getDouble("redo_queue_kb");
            if (!rs.wasNull()) {
                sink.gauge("dbtools_mssql_ag_redo_queue_bytes", "Log received by the secondary and not yet redone.",
                        redoQueue * 1024, labels);
            }
            double lag = rs.getDouble("secondary_lag_seconds");
            if (!rs.wasNull()) {
                sink.gauge("dbtools_mssql_ag_secondary_lag_seconds", "How far the secondary replica's database is behind the primary.",
                        lag, labels);
                worstLag[0] = Math.max(worstLag[0], lag);
            }
        });
        if (worstLag[0] >= 0) {
            sink.gauge(CoreMetrics.REPLICATION_LAG_SECONDS,
                    "Replication lag (normalized; on a primary the worst secondary database).", worstLag[0]);
        }
    }
}
