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
 * {@code msdb.dbo.backupset}: when each database last finished a full, differential and log backup. A database
 * never backed up in full (even one with log backups) reports 0 for {@code full}, so "older than a day" alerts
 * fire for it too. Azure SQL
 * Database has no msdb (backups are the service's). Read every 5 minutes.
 */
public final class BackupsetCollector extends MsCollector {

    private static final String SQL = Sql.load("backupset.sql");

    public BackupsetCollector() {
        super(new CollectorInfo("backupset", "last backup finish time per database and type (full, differential, log)",
                true, Duration.ofMinutes(5)));
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
            String type = type(rs.getString("type"));
            if (type == null) return;
            sink.gauge(CoreMetrics.LAST_BACKUP_TIMESTAMP, "When the last backup finished, Unix seconds (normalized; 0 = never).",
                    rs.getDouble("finished_epoch_seconds"), "database", rs.getString("database_name"), "type", type);
        });
    }

    /** backupset.type; file/filegroup and partial backups (F, G, P, Q) are rare and left out. */
    static String type(String code) {
        if (code == null) return null;
        return switch (code.strip()) {
            case "D" -> "full";
            case "I" -> "differential";
            case "L" -> "log";
            default -> null;
        };
    }
}
