package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;

/**
 * {@code pg_stat_wal_receiver}: on a standby, whether WAL is streaming from upstream and how fresh the
 * last message is. A primary has no row and emits nothing.
 */
public final class PgStatWalReceiverCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_stat_wal_receiver.sql");

    public PgStatWalReceiverCollector() {
        super(CollectorInfo.everyScrape("pg_stat_wal_receiver", "standby WAL receiver: streaming, age of the last message from upstream"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        pg.query(ctx, SQL, rs -> {
            sink.gauge("dbtools_postgres_wal_receiver_streaming", "On a standby: 1 while the WAL receiver is streaming.",
                    "streaming".equals(rs.getString("status")) ? 1 : 0);
            Double age = nullable(rs, "last_message_age_seconds");
            if (age != null) {
                sink.gauge("dbtools_postgres_wal_receiver_last_message_age_seconds",
                        "On a standby: time since the last message from the upstream server.", age);
            }
            Double end = nullable(rs, "latest_end_age_seconds");
            if (end != null) {
                sink.gauge("dbtools_postgres_wal_receiver_latest_end_age_seconds",
                        "On a standby: time since the upstream last reported its WAL end position.", end);
            }
        });
    }
}
