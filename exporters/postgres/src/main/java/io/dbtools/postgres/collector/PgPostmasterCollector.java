package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;

/** {@code pg_postmaster_start_time()} and {@code pg_conf_load_time()}: restarts and configuration reloads. */
public final class PgPostmasterCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_postmaster.sql");

    public PgPostmasterCollector() {
        super(CollectorInfo.everyScrape("pg_postmaster", "server start time, uptime and last configuration reload"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        pg.query(ctx, SQL, rs -> {
            sink.gauge("dbtools_postgres_start_time_seconds", "When the server (postmaster) started, Unix time.", rs.getDouble("start_time"));
            sink.gauge("dbtools_postgres_uptime_seconds", "Time since the server started.", rs.getDouble("uptime"));
            sink.gauge("dbtools_postgres_config_load_time_seconds", "When the configuration files were last loaded, Unix time.",
                    rs.getDouble("conf_load_time"));
        });
    }
}
