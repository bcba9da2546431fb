package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.postgres.PgQueries;
import java.time.Duration;

/**
 * CockroachDB ranges and stores ({@code crdb_internal.kv_store_status}): cluster totals of ranges and of those
 * unavailable, under- and over-replicated, and each store's disk. The table fans out to every node, so it is
 * read every 30 seconds, not on every scrape.
 */
public final class CrdbRangesCollector extends CrdbCollector {

    private static final String SQL = Sql.load("crdb_ranges.sql");
    static final String RANGES = "dbtools_cockroachdb_ranges";
    static final String UNAVAILABLE = "dbtools_cockroachdb_ranges_unavailable";
    static final String UNDER_REPLICATED = "dbtools_cockroachdb_ranges_under_replicated";
    static final String OVER_REPLICATED = "dbtools_cockroachdb_ranges_over_replicated";

    public CrdbRangesCollector() {
        super(new CollectorInfo("crdb_ranges",
                "CockroachDB ranges (total, unavailable, under- and over-replicated) and store disk (refreshed every 30 seconds)",
                true, Duration.ofSeconds(30)));
    }

    @Override
    public void collect(PgQueries crdb, ScrapeContext ctx, MetricSink sink) throws Exception {
        double[] totals = new double[4];
        boolean[] known = new boolean[4];
        String[] columns = {"ranges", "unavailable", "under_replicated", "over_replicated"};
        crdb.query(ctx, SQL, rs -> {
            for (int i = 0; i < columns.length; i++) {
                Double v = nullable(rs, columns[i]);
                if (v != null) {
                    totals[i] += v;
                    known[i] = true;
                }
            }
            String[] store = {"node_id", rs.getString("node_id"), "store_id", rs.getString("store_id")};
            sink.gauge("dbtools_cockroachdb_store_capacity_bytes", "Disk capacity of the store.", rs.getDouble("capacity"), store);
            sink.gauge("dbtools_cockroachdb_store_available_bytes", "Disk space left for the store.", rs.getDouble("available"), store);
            sink.gauge("dbtools_cockroachdb_store_used_bytes", "Disk space the store's data uses.", rs.getDouble("used"), store);
        });
        // A metric no store reported is left out rather than shown as 0 ranges in trouble.
        if (known[0]) sink.gauge(RANGES, "Ranges in the cluster (sum over stores).", totals[0]);
        if (known[1]) sink.gauge(UNAVAILABLE, "Ranges without a quorum of live replicas: they serve no reads or writes.", totals[1]);
        if (known[2]) sink.gauge(UNDER_REPLICATED, "Ranges with fewer live replicas than their zone configuration asks for.", totals[2]);
        if (known[3]) sink.gauge(OVER_REPLICATED, "Ranges with more replicas than their zone configuration asks for.", totals[3]);
    }
}
