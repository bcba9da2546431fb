package io.dbtools.mssql.collector;

import static io.dbtools.mssql.RecordedRows.Column.of;
import static io.dbtools.mssql.RecordedRows.Column.renamed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbtools.exporter.SampleBuffer;
import io.dbtools.mssql.RecordedRows;
import io.dbtools.mssql.RecordedSource;
import io.dbtools.exporter.testing.Samples;
import io.dbtools.mssql.Servers;
import java.sql.Types;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DmIoVirtualFileStatsCollectorTest {

    private static final String FIXTURE = "dm_io_virtual_file_stats-linux-2019plus.telegraf-query.json";
    private final DmIoVirtualFileStatsCollector collector = new DmIoVirtualFileStatsCollector();

    /** The recording's read_latency_ms / write_latency_ms are io_stall_read_ms / io_stall_write_ms (per SOURCES.md). */
    private SampleBuffer collect(Map<String, String> options) throws Exception {
        var rs = RecordedRows.resultSet(RecordedRows.json(FIXTURE), of("database_name", Types.NVARCHAR),
                of("logical_filename", Types.NVARCHAR), of("file_type", Types.NVARCHAR), of("reads", Types.BIGINT),
                of("read_bytes", Types.BIGINT), renamed("read_stall_ms", Types.BIGINT, "read_latency_ms"), of("writes", Types.BIGINT),
                of("write_bytes", Types.BIGINT), renamed("write_stall_ms", Types.BIGINT, "write_latency_ms"));
        var sink = new SampleBuffer();
        collector.collect(new RecordedSource(rs), Servers.context(Servers.SQL2019, options), sink);
        return sink;
    }

    @Test
    void each_recorded_file_gives_its_bytes_counts_and_stall_in_seconds() throws Exception {
        var sink = collect(Map.of());
        String[] masterLog = {"database", "master", "file", "mastlog", "file_type", "LOG"};
        assertEquals(916480, Samples.value(sink, "dbtools_mssql_file_read_bytes_total", masterLog));
        assertEquals(8061952, Samples.value(sink, "dbtools_mssql_file_written_bytes_total", masterLog));
        assertEquals(17, Samples.value(sink, "dbtools_mssql_file_reads_total", masterLog));
        assertEquals(608, Samples.value(sink, "dbtools_mssql_file_writes_total", masterLog));
        assertEquals(3.302, Samples.value(sink, "dbtools_mssql_file_write_stall_seconds_total", masterLog), 1e-9);
        assertEquals(0.008, Samples.value(sink, "dbtools_mssql_file_read_stall_seconds_total", masterLog), 1e-9);
        assertEquals(RecordedRows.json(FIXTURE).size(), Samples.of(sink, "dbtools_mssql_file_reads_total").size());
    }

    @Test
    void beyond_the_file_limit_the_least_stalled_files_are_summed_as_other() throws Exception {
        var rows = RecordedRows.json(FIXTURE);
        var sink = collect(Map.of("file_stats_top_n", "4"));
        assertEquals(5, Samples.of(sink, "dbtools_mssql_file_read_bytes_total").size());
        double allBytes = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("read_bytes"))).sum();
        double emitted = Samples.of(sink, "dbtools_mssql_file_read_bytes_total").stream().mapToDouble(SampleBuffer.Sample::value).sum();
        assertEquals(allBytes, emitted, 1e-6, "nothing is lost by folding files into other");
        // The file with the most stall in the recording (master's log, 8 + 3302 ms) stays a series of its own.
        assertEquals(3.302, Samples.value(sink, "dbtools_mssql_file_write_stall_seconds_total",
                "database", "master", "file", "mastlog", "file_type", "LOG"), 1e-9);
    }
}
