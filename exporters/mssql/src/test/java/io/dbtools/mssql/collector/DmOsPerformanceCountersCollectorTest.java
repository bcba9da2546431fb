package io.dbtools.mssql.collector;

import static io.dbtools.mssql.RecordedRows.Column.of;
import static io.dbtools.mssql.RecordedRows.Column.renamed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.SampleBuffer;
import io.dbtools.mssql.RecordedRows;
import io.dbtools.mssql.RecordedSource;
import io.dbtools.exporter.testing.Samples;
import io.dbtools.mssql.Servers;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DmOsPerformanceCountersCollectorTest {

    private final DmOsPerformanceCountersCollector collector = new DmOsPerformanceCountersCollector();

    /**
     * The 2022 recording came through the Telegraf/OTel query, which names the columns counter/counter_type/instance/
     * object/value and shows the roll-up instance as "Total" where the DMV itself says "_Total" (as the raw 2014
     * snapshot does); both are mapped back to the DMV's own names here, values untouched. Ratio and average rows
     * (cntr_type 537003264, 1073874176) were already divided by their base in that query, so they are not raw DMV
     * rows and are left out (the collector's query does not select them either). The last 24 rows, from
     * "SQL Cache Memory (KB)" on, were added by hand upstream (SOURCES.md) and are cut off.
     */
    private static List<Map<String, String>> rows2022() {
        var all = RecordedRows.json("dm_os_performance_counters-2022.telegraf-query.json");
        int handAdded = all.indexOf(all.stream().filter(r -> r.get("counter").equals("SQL Cache Memory (KB)")).findFirst().orElseThrow());
        return all.subList(0, handAdded).stream()
                .filter(r -> !r.get("counter_type").equals("537003264") && !r.get("counter_type").equals("1073874176")).map(r -> {
            Map<String, String> m = new LinkedHashMap<>(r);
            if ("Total".equals(m.get("instance"))) m.put("instance", "_Total");
            return m;
        }).toList();
    }

    private static String recorded(List<Map<String, String>> rows, String counter, String instance) {
        return rows.stream().filter(r -> r.get("counter").equals(counter) && r.get("instance").equals(instance))
                .map(r -> r.get("value")).findFirst().orElseThrow();
    }

    private SampleBuffer collect2022() throws Exception {
        var rs = RecordedRows.resultSet(rows2022(), renamed("object_name", Types.NCHAR, "object"),
                renamed("counter_name", Types.NCHAR, "counter"), renamed("instance_name", Types.NCHAR, "instance"),
                renamed("cntr_value", Types.BIGINT, "value"), renamed("cntr_type", Types.INTEGER, "counter_type"));
        var sink = new SampleBuffer();
        collector.collect(new RecordedSource(rs), Servers.context(Servers.SQL2022), sink);
        return sink;
    }

    @Test
    void cumulative_per_second_counters_of_2022_become_totals_with_the_recorded_values() throws Exception {
        var rows = rows2022();
        var sink = collect2022();
        assertEquals(SampleBuffer.Type.COUNTER, Samples.type(sink, "dbtools_mssql_batch_requests_total"));
        assertEquals(Double.parseDouble(recorded(rows, "Batch Requests/sec", "")), Samples.value(sink, "dbtools_mssql_batch_requests_total"));
        assertEquals(Double.parseDouble(recorded(rows, "SQL Compilations/sec", "")), Samples.value(sink, "dbtools_mssql_sql_compilations_total"));
        assertEquals(Double.parseDouble(recorded(rows, "SQL Re-Compilations/sec", "")),
                Samples.value(sink, "dbtools_mssql_sql_recompilations_total"));
        assertEquals(Double.parseDouble(recorded(rows, "Number of Deadlocks/sec", "_Total")), Samples.value(sink, "dbtools_mssql_deadlocks_total"));
        assertEquals(Double.parseDouble(recorded(rows, "Transactions/sec", "_Total")), Samples.value(sink, "dbtools_mssql_transactions_total"));
    }

    @Test
    void raw_counters_of_2022_are_gauges_and_buffer_node_copies_are_not_repeated() throws Exception {
        var sink = collect2022();
        assertEquals(SampleBuffer.Type.GAUGE, Samples.type(sink, "dbtools_mssql_page_life_expectancy_seconds"));
        assertEquals(16771, Samples.value(sink, "dbtools_mssql_page_life_expectancy_seconds"));
        assertEquals(1, Samples.of(sink, "dbtools_mssql_page_life_expectancy_seconds").size());
        assertEquals(0, Samples.value(sink, "dbtools_mssql_memory_grants_pending"));
        assertEquals(3, Samples.value(sink, "dbtools_mssql_user_connections"));
    }

    @Test
    void log_space_per_database_comes_from_the_database_counters_without_dbcc() throws Exception {
        var sink = collect2022();
        // master: Log File(s) Size 2040 KB, Used 1434 KB in the recording.
        assertEquals(2040 * 1024.0, Samples.value(sink, DmOsPerformanceCountersCollector.LOG_SIZE, "database", "master"));
        assertEquals(1434 * 1024.0, Samples.value(sink, DmOsPerformanceCountersCollector.LOG_USED, "database", "master"));
        assertEquals(1434.0 / 2040, Samples.value(sink, DmOsPerformanceCountersCollector.LOG_USED_RATIO, "database", "master"), 1e-12);
        var databases = Samples.of(sink, DmOsPerformanceCountersCollector.LOG_SIZE).stream().map(s -> s.labelPairs()[1]).toList();
        assertEquals(List.of("master", "model", "model_msdb", "model_replicatedmaster", "msdb", "tempdb"),
                databases.stream().sorted().toList(), "the roll-up and the resource database are left out");
    }

    @Test
    void a_row_whose_counter_type_disagrees_with_the_mapping_is_skipped() throws Exception {
        var rows = rows2022().stream().filter(r -> r.get("counter").equals("Batch Requests/sec")).map(r -> {
            Map<String, String> m = new LinkedHashMap<>(r);
            m.put("counter_type", String.valueOf(DmOsPerformanceCountersCollector.LARGE_RAWCOUNT));
            return m;
        }).toList();
        var rs = RecordedRows.resultSet(rows, renamed("object_name", Types.NCHAR, "object"),
                renamed("counter_name", Types.NCHAR, "counter"), renamed("instance_name", Types.NCHAR, "instance"),
                renamed("cntr_value", Types.BIGINT, "value"), renamed("cntr_type", Types.INTEGER, "counter_type"));
        var sink = new SampleBuffer();
        collector.collect(new RecordedSource(rs), Servers.context(Servers.SQL2022), sink);
        assertTrue(sink.isEmpty());
    }

    /**
     * The raw 2014 snapshot has no cntr_type column, so it checks names: every server-wide mapping finds its row there.
     * Its per-database log counters exist only for _Total and the resource database (no user database rows were
     * captured), so those mappings are checked for the counter name and shown to skip both roll-up rows.
     */
    @Test
    void every_mapped_counter_exists_under_the_same_names_in_the_raw_2014_snapshot() {
        var rows = RecordedRows.csv("dm_os_performance_counters-2014.csv");
        for (var m : DmOsPerformanceCountersCollector.MAPPINGS) {
            boolean found = rows.stream().anyMatch(r -> m.instance() == null
                    ? r.get("object_name").endsWith(":" + m.object()) && r.get("counter_name").equals(m.counter())
                    : DmOsPerformanceCountersCollector.find(r.get("object_name"), r.get("counter_name"), r.get("instance_name")) == m);
            assertTrue(found, "no 2014 row for " + m);
        }
        assertTrue(rows.stream().filter(r -> r.get("counter_name").startsWith("Log File(s)"))
                .allMatch(r -> DmOsPerformanceCountersCollector.find(r.get("object_name"), r.get("counter_name"), r.get("instance_name")) == null));
        assertNotNull(DmOsPerformanceCountersCollector.find("MSSQL$SALES:Locks", "Number of Deadlocks/sec", "_Total"),
                "named instances prefix the object with MSSQL$NAME");
        assertNull(DmOsPerformanceCountersCollector.find("SQLServer:Buffer Node", "Page life expectancy", "000"));
    }
}
