package io.dbtools.postgres.collector;

import static io.dbtools.postgres.RecordedRows.Column.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.SampleBuffer;
import io.dbtools.postgres.Cockroach;
import io.dbtools.postgres.RecordedRows;
import io.dbtools.postgres.RecordedSource;
import io.dbtools.exporter.testing.Samples;
import java.sql.Types;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Statement statistics. The recordings of statement_statistics select other expressions (means per row, query
 * text, no fingerprint), not the per-fingerprint sums the collector's SQL returns, so these rows are constructed.
 */
class CrdbStatementStatisticsCollectorTest {

    private final CrdbStatementStatisticsCollector collector = new CrdbStatementStatisticsCollector();

    @Test
    void top_fingerprints_and_other_become_counters_and_n_is_bound() throws Exception {
        String[] header = {"fingerprint_id", "executions", "service_seconds", "rows", "rows_read"};
        var rs = RecordedRows.resultSet(RecordedRows.constructed(header,
                        new String[] {"15489d7704332101", "12199", "53.56", "12199", "0"},
                        new String[] {"1165541b8979eb40", "129", "0.31", "129", "256"},
                        new String[] {"other", "900", "2.5", "1500", "30000"}),
                of("fingerprint_id", Types.VARCHAR), of("executions", Types.DOUBLE), of("service_seconds", Types.DOUBLE),
                of("rows", Types.DOUBLE), of("rows_read", Types.DOUBLE));
        var source = new RecordedSource().answer("crdb_internal.statement_statistics", rs);
        var sink = new SampleBuffer();
        collector.collect(source, Cockroach.context(Cockroach.server("24.1.5"), Map.of("statements_top_n", "2")), sink);
        assertArrayEquals(new long[] {2}, source.asked().get(0).parameters());
        assertEquals(12199, Samples.value(sink, "dbtools_cockroachdb_statement_executions_total", "fingerprint_id", "15489d7704332101"));
        assertEquals(53.56, Samples.value(sink, "dbtools_cockroachdb_statement_service_seconds_total", "fingerprint_id", "15489d7704332101"));
        assertEquals(30000, Samples.value(sink, "dbtools_cockroachdb_statement_rows_read_total", "fingerprint_id", "other"));
        assertEquals(3, Samples.of(sink, "dbtools_cockroachdb_statement_rows_total").size());
        assertEquals(SampleBuffer.Type.COUNTER, Samples.type(sink, "dbtools_cockroachdb_statement_executions_total"));
    }

    @Test
    void it_is_opt_in_reads_only_the_current_hour_and_never_the_query_text() {
        assertFalse(collector.info().enabledByDefault());
        String sql = Sql.load("crdb_statement_statistics.sql").replaceAll("--[^\n]*", "");
        assertTrue(sql.contains("WHERE aggregated_ts >= date_trunc('hour', now())"), sql);
        assertFalse(sql.contains("'query'"), sql);
        assertTrue(sql.contains("CASE WHEN rank <= ? THEN fingerprint_id ELSE 'other' END AS fingerprint_id"), sql);
    }
}
