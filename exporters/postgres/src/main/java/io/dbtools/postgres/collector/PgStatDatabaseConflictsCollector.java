package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;
import java.util.List;

/** {@code pg_stat_database_conflicts}: on a standby, queries cancelled by WAL replay, by database and reason. */
public final class PgStatDatabaseConflictsCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_stat_database_conflicts.sql");
    private static final List<String> REASONS = List.of("tablespace", "lock", "snapshot", "bufferpin", "deadlock");

    public PgStatDatabaseConflictsCollector() {
        super(CollectorInfo.everyScrape("pg_stat_database_conflicts", "standby queries cancelled by recovery, by database and reason"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        pg.query(ctx, SQL, rs -> {
            String db = rs.getString("datname");
            for (String reason : REASONS) {
                sink.counter("dbtools_postgres_recovery_conflicts_by_reason_total",
                        "Queries cancelled on a standby by WAL replay, by reason (always 0 on a primary).",
                        rs.getDouble("confl_" + reason), "datname", db, "reason", reason);
            }
        });
    }
}
