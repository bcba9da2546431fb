package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;
import java.time.Duration;

/**
 * {@code pg_table_size()} / {@code pg_indexes_size()} over {@code pg_class}: on-disk size of the
 * {@code tables_top_n} largest user tables (default 20) per database (the connected one and those option
 * {@code databases} lists), the rest summed into
 * {@code relname="other"}. Every file of every table is stat'ed, so this refreshes every 5 minutes;
 * {@code dbtools_scrape_collector_age_seconds} shows the age.
 */
public final class PgTableSizeCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_table_size.sql");

    public PgTableSizeCollector() {
        super(new CollectorInfo("pg_table_size",
                "top-N user tables by size (option tables_top_n) plus 'other': table and index bytes (refreshed every 5 minutes)",
                true, Duration.ofMinutes(5)));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        int n = topN(ctx, PgStatUserTablesCollector.TOP_N, PgStatUserTablesCollector.DEFAULT_TOP_N);
        eachDatabase(pg, ctx, SQL, (datname, rs) -> {
            String[] table = {"datname", datname, "schemaname", rs.getString("schemaname"), "relname", rs.getString("relname")};
            sink.gauge("dbtools_postgres_table_size_bytes", "Table size on disk: heap, TOAST, free space and visibility maps.",
                    rs.getDouble("table_bytes"), table);
            sink.gauge("dbtools_postgres_table_index_size_bytes", "Size on disk of all the table's indexes.",
                    rs.getDouble("index_bytes"), table);
        }, n, n);
    }
}
