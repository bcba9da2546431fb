package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code pg_stat_user_indexes}: non-unique indexes (of the connected database and those option
 * {@code databases} lists) that no scan has used since
 * statistics were reset — space and write cost for nothing. The {@code tables_top_n} largest are named
 * (default 20), the rest summed into {@code indexrelname="other"}. Index sizes stat files, so this
 * refreshes every 5 minutes.
 */
public final class PgStatUserIndexesCollector extends PgCollector {

    private static final String SQL = Sql.load("pg_stat_user_indexes.sql");

    public PgStatUserIndexesCollector() {
        super(new CollectorInfo("pg_stat_user_indexes",
                "unused non-unique indexes, top-N by size (option tables_top_n) plus 'other' (refreshed every 5 minutes)",
                true, Duration.ofMinutes(5)));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    @Override
    public void collect(PgSource pg, ScrapeContext ctx, MetricSink sink) throws Exception {
        int n = topN(ctx, PgStatUserTablesCollector.TOP_N, PgStatUserTablesCollector.DEFAULT_TOP_N);
        Map<String, Double> counts = new LinkedHashMap<>();
        for (PgSource db : pg.perDatabase()) counts.put(db.database(), 0.0);
        eachDatabase(pg, ctx, SQL, (datname, rs) -> {
            counts.merge(datname, rs.getDouble("indexes"), Double::sum);
            sink.gauge("dbtools_postgres_unused_index_size_bytes",
                    "Size of a non-unique index no scan has used since statistics were reset (top N, rest in 'other').",
                    rs.getDouble("bytes"), "datname", datname, "schemaname", rs.getString("schemaname"),
                    "relname", rs.getString("relname"), "indexrelname", rs.getString("indexrelname"));
        }, n, n, n);
        counts.forEach((datname, count) -> sink.gauge("dbtools_postgres_unused_indexes",
                "Non-unique indexes no scan has used since statistics were reset.", count, "datname", datname));
    }
}
