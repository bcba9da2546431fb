package io.dbtools.postgres.collector;

import static io.dbtools.postgres.RecordedRows.Column.intervalSeconds;
import static io.dbtools.postgres.RecordedRows.Column.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.SampleBuffer;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.Cockroach;
import io.dbtools.postgres.RecordedRows;
import io.dbtools.postgres.RecordedSource;
import io.dbtools.exporter.testing.Samples;
import java.sql.Types;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Contention from the recorded grouping of {@code crdb_internal.transaction_contention_events} by database,
 * table, index and contention_type (CockroachDB docs, v25.1+): the same grouping the collector's SQL does.
 */
class CrdbContentionCollectorTest {

    private static final String FIXTURE = "crdb_internal-doc-examples.json";
    private final CrdbContentionCollector collector = new CrdbContentionCollector();

    private RecordedSource recorded() throws Exception {
        var rows = RecordedRows.example(FIXTURE, 27, "transaction_contention_events");
        var rs = RecordedRows.resultSet(rows, of("database_name", Types.VARCHAR), of("table_name", Types.VARCHAR),
                of("index_name", Types.VARCHAR), of("contention_type", Types.VARCHAR), of("cnt", Types.BIGINT),
                intervalSeconds("duration_seconds", "duration"));
        return new RecordedSource().answer("crdb_internal.transaction_contention_events", rs);
    }

    private SampleBuffer collect(RecordedSource source, ServerInfo server, Map<String, String> options) throws Exception {
        var sink = new SampleBuffer();
        collector.collect(source, Cockroach.context(server, options), sink);
        return sink;
    }

    @Test
    void events_and_contention_time_per_table_index_and_kind_are_the_recorded_ones() throws Exception {
        var sink = collect(recorded(), Cockroach.server("25.1.0"), Map.of());
        String[] table0 = {"database", "insights", "table", "insights_workload_table_0", "index", "insights_workload_table_0_pkey",
                "contention_type", "LOCK_WAIT"};
        String[] table1 = {"database", "insights", "table", "insights_workload_table_1", "index", "insights_workload_table_1_pkey",
                "contention_type", "LOCK_WAIT"};
        assertEquals(1281, Samples.value(sink, CrdbContentionCollector.EVENTS, table0));
        assertEquals(11 * 60 + 37.329786, Samples.value(sink, CrdbContentionCollector.SECONDS, table0), 1e-9);
        assertEquals(157, Samples.value(sink, CrdbContentionCollector.EVENTS, table1));
        assertEquals(4 * 60 + 32.919447, Samples.value(sink, CrdbContentionCollector.SECONDS, table1), 1e-9);
        assertEquals(SampleBuffer.Type.GAUGE, Samples.type(sink, CrdbContentionCollector.EVENTS), "a window, not a running total");
    }

    @Test
    void the_window_and_the_top_n_are_bound_as_parameters_from_the_options() throws Exception {
        var source = recorded();
        collect(source, Cockroach.server("24.1.5"), Map.of());
        assertArrayEquals(new long[] {300, 20, 20, 20}, source.asked().get(0).parameters());
        var tuned = recorded();
        collect(tuned, Cockroach.server("24.1.5"), Map.of("contention_window_seconds", "60", "contention_top_n", "5"));
        assertArrayEquals(new long[] {60, 5, 5, 5}, tuned.asked().get(0).parameters());
        assertThrows(IllegalArgumentException.class, () -> collect(recorded(), Cockroach.server("24.1.5"), Map.of("contention_window_seconds", "0")));
    }

    @Test
    void from_23_2_the_kind_of_contention_is_read_from_the_table_and_23_1_reports_lock_waits() throws Exception {
        for (String version : new String[] {"23.2.0", "24.1.5", "25.1.0"}) {
            String sql = CrdbContentionCollector.sql(Cockroach.server(version)).replaceAll("--[^\n]*", "");
            assertTrue(sql.contains("database_name, table_name, COALESCE(index_name, '') AS index_name, contention_type,"), version);
            assertFalse(sql.contains("'LOCK_WAIT' AS contention_type"), version);
        }
        String sql231 = CrdbContentionCollector.sql(Cockroach.server("23.1.11")).replaceAll("--[^\n]*", "");
        // 23.1's transaction_contention_events has no contention_type column: reading it would fail the query.
        assertFalse(sql231.contains(", contention_type,"), sql231);
        assertTrue(sql231.contains("'LOCK_WAIT' AS contention_type"), sql231);
        // Both read the same window and rank the same way.
        for (String sql : new String[] {sql231, CrdbContentionCollector.sql(Cockroach.server("23.2.0"))}) {
            assertTrue(sql.contains("WHERE collection_ts > now() - ?::INT8 * INTERVAL '1 second'"), sql);
            assertTrue(sql.contains("CASE WHEN rank <= ? THEN table_name ELSE 'other' END AS table_name"), sql);
            assertTrue(sql.contains("EXTRACT(EPOCH FROM sum(duration)) AS duration_seconds"), sql);
        }
    }

    @Test
    void the_23_1_query_is_what_a_23_1_server_is_asked() throws Exception {
        var source = recorded();
        collect(source, Cockroach.server("23.1.11"), Map.of());
        assertEquals(CrdbContentionCollector.sql(Cockroach.server("23.1.11")), source.asked().get(0).sql());
        var newer = recorded();
        collect(newer, Cockroach.server("23.2.3"), Map.of());
        assertEquals(CrdbContentionCollector.sql(Cockroach.server("23.2.3")), newer.asked().get(0).sql());
    }
}
