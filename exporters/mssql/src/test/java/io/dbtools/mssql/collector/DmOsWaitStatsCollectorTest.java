package io.dbtools.mssql.collector;

import static io.dbtools.mssql.RecordedRows.Column.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.SampleBuffer;
import io.dbtools.mssql.RecordedRows;
import io.dbtools.mssql.RecordedSource;
import io.dbtools.exporter.testing.Samples;
import io.dbtools.mssql.Servers;
import java.sql.Types;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DmOsWaitStatsCollectorTest {

    private static final String FIXTURE = "dm_os_wait_stats-2022.telegraf-query.json";
    private final DmOsWaitStatsCollector collector = new DmOsWaitStatsCollector();

    private SampleBuffer collect(Map<String, String> options) throws Exception {
        var rs = RecordedRows.resultSet(RecordedRows.json(FIXTURE), of("wait_type", Types.NVARCHAR),
                of("waiting_tasks_count", Types.BIGINT), of("wait_time_ms", Types.BIGINT), of("max_wait_time_ms", Types.BIGINT),
                of("signal_wait_time_ms", Types.BIGINT));
        var sink = new SampleBuffer();
        collector.collect(new RecordedSource(rs), Servers.context(Servers.SQL2022, options), sink);
        return sink;
    }

    private static List<Map<String, String>> workloadWaitsByTime() {
        return RecordedRows.json(FIXTURE).stream()
                .filter(r -> !DmOsWaitStatsCollector.BENIGN.contains(r.get("wait_type")))
                .sorted(Comparator.comparingLong((Map<String, String> r) -> Long.parseLong(r.get("wait_time_ms"))).reversed())
                .toList();
    }

    @Test
    void idle_background_waits_of_the_recording_are_left_out() throws Exception {
        var sink = collect(Map.of("wait_types_top_n", "100"));
        var types = Samples.of(sink, DmOsWaitStatsCollector.WAIT_SECONDS).stream().map(s -> s.labelPairs()[1]).toList();
        // The two largest recorded waits are an extensibility cleanup timer and an Azure metadata poll: idle, not workload.
        assertTrue(!types.contains("PWAIT_EXTENSIBILITY_CLEANUP_TASK") && !types.contains("AZURE_IMDS_VERSIONS"), types.toString());
        assertEquals(workloadWaitsByTime().size(), types.size());
    }

    @Test
    void the_top_n_waits_keep_their_recorded_times_and_the_rest_is_summed_as_other() throws Exception {
        var sink = collect(Map.of("wait_types_top_n", "3"));
        var expected = workloadWaitsByTime();
        for (var r : expected.subList(0, 3)) {
            String type = r.get("wait_type");
            assertEquals(Long.parseLong(r.get("wait_time_ms")) / 1000.0, Samples.value(sink, DmOsWaitStatsCollector.WAIT_SECONDS, "wait_type", type));
            assertEquals(Long.parseLong(r.get("signal_wait_time_ms")) / 1000.0,
                    Samples.value(sink, DmOsWaitStatsCollector.SIGNAL_SECONDS, "wait_type", type));
            assertEquals(Long.parseLong(r.get("waiting_tasks_count")), Samples.value(sink, DmOsWaitStatsCollector.WAITING_TASKS, "wait_type", type));
        }
        double restMs = expected.subList(3, expected.size()).stream().mapToLong(r -> Long.parseLong(r.get("wait_time_ms"))).sum();
        assertEquals(restMs / 1000, Samples.value(sink, DmOsWaitStatsCollector.WAIT_SECONDS, "wait_type", "other"), 1e-9);
        assertEquals(4, Samples.of(sink, DmOsWaitStatsCollector.WAIT_SECONDS).size());
        // SOS_SCHEDULER_YIELD (31124 ms, 29184 of it signal wait) is the top CPU-pressure wait of this recording.
        assertEquals(29.184, Samples.value(sink, DmOsWaitStatsCollector.SIGNAL_SECONDS, "wait_type", "SOS_SCHEDULER_YIELD"), 1e-9);
    }
}
