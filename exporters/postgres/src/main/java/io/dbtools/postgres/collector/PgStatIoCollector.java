package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;
import java.util.List;

/**
 * {@code pg_stat_io} (PostgreSQL 16+): block I/O operations by backend type, summed over objects and
 * contexts to keep the series count at one per backend type (about 15). On 17 this replaces
 * {@code pg_stat_bgwriter.buffers_backend}: client backends' writes are {@code backend_type="client backend"}.
 */
public final class PgStatIoCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_stat_io.sql");

    private record Op(String column, String metric, String help) {}

    private static final List<Op> OPS = List.of(
            new Op("reads", "dbtools_postgres_io_reads_total", "Block reads, by backend type (16+)."),
            new Op("writes", "dbtools_postgres_io_writes_total", "Block writes, by backend type (16+)."),
            new Op("extends", "dbtools_postgres_io_extends_total", "Relation extensions by one block, by backend type (16+)."),
            new Op("hits", "dbtools_postgres_io_hits_total", "Blocks found in shared buffers, by backend type (16+)."),
            new Op("evictions", "dbtools_postgres_io_evictions_total", "Buffers evicted to make room, by backend type (16+)."),
            new Op("fsyncs", "dbtools_postgres_io_fsyncs_total", "fsync calls, by backend type (16+)."));

    public PgStatIoCollector() {
        super(CollectorInfo.everyScrape("pg_stat_io", "block reads, writes, extends, hits, evictions, fsyncs by backend type (16+)"));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor()) && server.atLeast(16);
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        pg.query(ctx, SQL, rs -> {
            String type = rs.getString("backend_type");
            for (Op op : OPS) {
                sink.counter(op.metric(), op.help(), rs.getDouble(op.column()), "backend_type", type);
            }
        });
    }
}
