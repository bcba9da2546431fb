package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.postgres.PgSource;
import java.time.Duration;

/**
 * {@code pg_database}: sizes and transaction ID age per database. Sizes are the most expensive thing an
 * exporter asks PostgreSQL for and change slowly, so they refresh every 5 minutes by default
 * (option {@code database_size_refresh_seconds}); {@code dbtools_scrape_collector_age_seconds} shows the age.
 */
public final class PgDatabaseSizeCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_database_size.sql");
    /** autovacuum_freeze_max_age is at most 2^31 - 1; wraparound is hit at about 2^31 XIDs. */
    private static final double WRAPAROUND_XIDS = 2_147_483_647d;

    public PgDatabaseSizeCollector() {
        super(new CollectorInfo("pg_database_size", "database sizes and transaction ID age (refreshed every 5 minutes)",
                true, Duration.ofMinutes(5)));
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        pg.query(ctx, SQL, rs -> {
            String db = rs.getString("datname");
            sink.gauge(CoreMetrics.DATABASE_SIZE_BYTES, "Database size on disk (normalized across engines).",
                    rs.getDouble("bytes"), "database", db);
            double age = rs.getDouble("frozen_xid_age");
            sink.gauge("dbtools_postgres_database_frozen_xid_age", "Transactions since the database's oldest unfrozen XID.",
                    age, "datname", db);
            sink.gauge("dbtools_postgres_database_wraparound_headroom_ratio",
                    "Share of the 2^31 transaction ID space left before wraparound protection stops writes.",
                    Math.max(0, 1 - age / WRAPAROUND_XIDS), "datname", db);
            sink.gauge("dbtools_postgres_database_frozen_mxid_age", "Multixacts since the database's oldest unfrozen multixact ID.",
                    rs.getDouble("frozen_mxid_age"), "datname", db);
            sink.gauge("dbtools_postgres_database_connection_limit", "Per-database connection limit (-1: none).",
                    rs.getDouble("datconnlimit"), "datname", db);
        });
    }
}
