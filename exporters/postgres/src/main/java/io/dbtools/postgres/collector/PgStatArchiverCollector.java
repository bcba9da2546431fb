package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;

/** {@code pg_stat_archiver}: WAL files archived and failed; how long ago the last archive succeeded and failed. */
public final class PgStatArchiverCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_stat_archiver.sql");

    public PgStatArchiverCollector() {
        super(CollectorInfo.everyScrape("pg_stat_archiver", "WAL archiving: files archived and failed, age of the last success and failure"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        pg.query(ctx, SQL, rs -> {
            sink.counter("dbtools_postgres_wal_archived_total", "WAL files archived successfully.", rs.getDouble("archived_count"));
            sink.counter("dbtools_postgres_wal_archive_failures_total", "Failed attempts to archive a WAL file.",
                    rs.getDouble("failed_count"));
            // Absent until the first archive (or failure): an age of "never" has no honest number.
            Double age = nullable(rs, "last_archive_age_seconds");
            if (age != null) {
                sink.gauge("dbtools_postgres_wal_last_archive_age_seconds", "Time since the last WAL file was archived.", age);
            }
            Double failed = nullable(rs, "last_failure_age_seconds");
            if (failed != null) {
                sink.gauge("dbtools_postgres_wal_last_archive_failure_age_seconds", "Time since archiving last failed.", failed);
            }
        });
    }
}
