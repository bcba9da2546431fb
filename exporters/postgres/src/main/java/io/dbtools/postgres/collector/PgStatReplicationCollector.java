package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;

/**
 * {@code pg_stat_replication}: each standby streaming from this server, by {@code application_name} and
 * address; lag in bytes and, as the standby reports it, in seconds. The seconds are absent while a standby
 * is idle and caught up (PostgreSQL then reports NULL), which is why they are not zero-filled.
 */
public final class PgStatReplicationCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_stat_replication.sql");

    public PgStatReplicationCollector() {
        super(CollectorInfo.everyScrape("pg_stat_replication", "per standby: streaming, synchronous, lag bytes and write/flush/replay lag seconds"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        pg.query(ctx, SQL, rs -> {
            String[] who = {"application_name", rs.getString("application_name"), "client_addr", rs.getString("client_addr")};
            sink.gauge("dbtools_postgres_replication_streaming", "1 while the standby is streaming (not catching up or starting).",
                    rs.getDouble("streaming"), who);
            sink.gauge("dbtools_postgres_replication_synchronous", "1 if the standby is synchronous (sync or quorum).",
                    rs.getDouble("synchronous"), who);
            sink.gauge("dbtools_postgres_replication_sent_lag_bytes", "WAL not yet sent to the standby.",
                    rs.getDouble("sent_lag_bytes"), who);
            sink.gauge("dbtools_postgres_replication_replay_lag_bytes", "WAL not yet replayed by the standby.",
                    rs.getDouble("replay_lag_bytes"), who);
            lag(sink, "dbtools_postgres_replication_write_lag_seconds", "Time until recent WAL was written on the standby.",
                    nullable(rs, "write_lag_seconds"), who);
            lag(sink, "dbtools_postgres_replication_flush_lag_seconds", "Time until recent WAL was flushed on the standby.",
                    nullable(rs, "flush_lag_seconds"), who);
            lag(sink, "dbtools_postgres_replication_replay_lag_seconds", "Time until recent WAL was replayed on the standby.",
                    nullable(rs, "replay_lag_seconds"), who);
        });
    }

    private static void lag(MetricSink sink, String name, String help, Double value, String[] labels) {
        if (value != null) sink.gauge(name, help, value, labels);
    }
}
