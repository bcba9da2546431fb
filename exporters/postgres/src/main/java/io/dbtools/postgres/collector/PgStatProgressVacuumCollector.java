package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;

/** {@code pg_stat_progress_vacuum}: vacuums running now by database and phase, and the least advanced one's heap scan. */
public final class PgStatProgressVacuumCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_stat_progress_vacuum.sql");

    public PgStatProgressVacuumCollector() {
        super(CollectorInfo.everyScrape("pg_stat_progress_vacuum", "vacuums running by database and phase; heap scan progress"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        double[] total = {0};
        pg.query(ctx, SQL, rs -> {
            String[] labels = {"datname", rs.getString("datname"), "phase", rs.getString("phase")};
            total[0] += rs.getDouble("vacuums");
            sink.gauge("dbtools_postgres_vacuums_running_by_phase", "Vacuums (manual and autovacuum) running, by database and phase.",
                    rs.getDouble("vacuums"), labels);
            sink.gauge("dbtools_postgres_vacuum_heap_scanned_min_ratio",
                    "Share of the heap scanned by the least advanced vacuum in this database and phase.",
                    rs.getDouble("min_scanned_ratio"), labels);
        });
        // Always present, so "no vacuum running" is 0 rather than an absent series.
        sink.gauge("dbtools_postgres_vacuums_running", "Vacuums (manual and autovacuum) running on the server.", total[0]);
    }
}
