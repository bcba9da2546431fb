package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;

/** {@code pg_stat_wal} (PostgreSQL 14+): WAL records, full-page images and bytes generated; WAL buffer pressure. */
public final class PgStatWalCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_stat_wal.sql");
    private static final String SQL_18 = Sql.load("pg_stat_wal_18.sql");

    public PgStatWalCollector() {
        super(CollectorInfo.everyScrape("pg_stat_wal", "WAL generated: records, full-page images, bytes; buffers full, writes, syncs (14+)"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor()) && server.atLeast(14);
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        boolean v18 = ctx.server().atLeast(18);
        pg.query(ctx, v18 ? SQL_18 : SQL, rs -> {
            sink.counter("dbtools_postgres_wal_records_total", "WAL records generated.", rs.getDouble("wal_records"));
            sink.counter("dbtools_postgres_wal_full_page_images_total", "WAL full-page images generated.", rs.getDouble("wal_fpi"));
            sink.counter("dbtools_postgres_wal_bytes_total", "WAL bytes generated.", rs.getDouble("wal_bytes"));
            sink.counter("dbtools_postgres_wal_buffers_full_total", "Times WAL was written because the WAL buffers were full.",
                    rs.getDouble("wal_buffers_full"));
            if (!v18) {
                sink.counter("dbtools_postgres_wal_writes_total", "WAL buffer writes to disk (PostgreSQL 14-17).", rs.getDouble("wal_write"));
                sink.counter("dbtools_postgres_wal_syncs_total", "WAL file syncs to disk (PostgreSQL 14-17).", rs.getDouble("wal_sync"));
                sink.counter("dbtools_postgres_wal_write_seconds_total", "Time writing WAL (needs track_wal_io_timing).",
                        rs.getDouble("wal_write_time") / 1000);
                sink.counter("dbtools_postgres_wal_sync_seconds_total", "Time syncing WAL (needs track_wal_io_timing).",
                        rs.getDouble("wal_sync_time") / 1000);
            }
        });
    }
}
