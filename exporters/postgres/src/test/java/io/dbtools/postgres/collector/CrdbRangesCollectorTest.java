package io.dbtools.postgres.collector;

import static io.dbtools.postgres.RecordedRows.Column.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.SampleBuffer;
import io.dbtools.postgres.Cockroach;
import io.dbtools.postgres.RecordedRows;
import io.dbtools.postgres.RecordedSource;
import io.dbtools.exporter.testing.Samples;
import java.sql.Types;
import org.junit.jupiter.api.Test;

/** Ranges and stores. No recording of crdb_internal.kv_store_status exists; these rows are constructed. */
class CrdbRangesCollectorTest {

    private static final String[] HEADER = {"node_id", "store_id", "ranges", "unavailable", "under_replicated", "over_replicated",
            "capacity", "available", "used"};

    private SampleBuffer collect(String[]... rows) throws Exception {
        var rs = RecordedRows.resultSet(RecordedRows.constructed(HEADER, rows), of("node_id", Types.BIGINT), of("store_id", Types.BIGINT),
                of("ranges", Types.DOUBLE), of("unavailable", Types.DOUBLE), of("under_replicated", Types.DOUBLE),
                of("over_replicated", Types.DOUBLE), of("capacity", Types.BIGINT), of("available", Types.BIGINT), of("used", Types.BIGINT));
        var sink = new SampleBuffer();
        new CrdbRangesCollector().collect(new RecordedSource().answer("crdb_internal.kv_store_status", rs),
                Cockroach.context(Cockroach.server("24.1.5")), sink);
        return sink;
    }

    @Test
    void range_problems_are_summed_over_stores_and_disk_is_per_store() throws Exception {
        var sink = collect(new String[] {"1", "1", "120", "0", "3", "0", "107374182400", "80000000000", "20000000000"},
                new String[] {"2", "2", "118", "2", "4", "1", "107374182400", "90000000000", "10000000000"});
        assertEquals(238, Samples.value(sink, CrdbRangesCollector.RANGES));
        assertEquals(2, Samples.value(sink, CrdbRangesCollector.UNAVAILABLE));
        assertEquals(7, Samples.value(sink, CrdbRangesCollector.UNDER_REPLICATED));
        assertEquals(1, Samples.value(sink, CrdbRangesCollector.OVER_REPLICATED));
        assertEquals(1e10, Samples.value(sink, "dbtools_cockroachdb_store_used_bytes", "node_id", "2", "store_id", "2"));
        assertEquals(8e10, Samples.value(sink, "dbtools_cockroachdb_store_available_bytes", "node_id", "1", "store_id", "1"));
    }

    @Test
    void a_metric_no_store_reported_is_left_out_not_shown_as_zero() throws Exception {
        var sink = collect(new String[] {"1", "1", "120", null, null, null, "100", "50", "50"});
        assertEquals(120, Samples.value(sink, CrdbRangesCollector.RANGES));
        assertTrue(Samples.of(sink, CrdbRangesCollector.UNAVAILABLE).isEmpty());
        assertTrue(Samples.of(sink, CrdbRangesCollector.UNDER_REPLICATED).isEmpty());
    }

    @Test
    void the_ranges_come_from_store_metrics_not_a_scan_of_every_range() {
        String sql = Sql.load("crdb_ranges.sql");
        assertTrue(sql.contains("FROM crdb_internal.kv_store_status"), sql);
        assertFalse(sql.replaceAll("--[^\n]*", "").contains("crdb_internal.ranges"), sql);
        assertTrue(new CrdbRangesCollector().info().refreshInterval().toSeconds() >= 30);
    }

}
