package io.dbtools.mssql.collector;

import static io.dbtools.mssql.RecordedRows.Column.of;
import static io.dbtools.mssql.RecordedRows.Column.renamed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbtools.exporter.SampleBuffer;
import io.dbtools.mssql.RecordedRows;
import io.dbtools.mssql.RecordedSource;
import io.dbtools.exporter.testing.Samples;
import io.dbtools.mssql.Servers;
import io.dbtools.plugin.CoreMetrics;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmExecRequestsCollectorTest {

    private final DmExecRequestsCollector collector = new DmExecRequestsCollector();

    /** The recorded request (session 83, a SELECT 7 ms old, blocked by no one); DataDog names session_id "id". */
    @Test
    void the_recorded_request_is_the_oldest_query_and_blocks_nothing() throws Exception {
        var rs = RecordedRows.resultSet(RecordedRows.json("dm_exec_requests+sessions-2019plus.datadog-activity.json"),
                renamed("session_id", Types.SMALLINT, "id"), of("blocking_session_id", Types.SMALLINT), of("wait_time", Types.INTEGER),
                of("total_elapsed_time", Types.INTEGER), of("command", Types.NVARCHAR), of("database_name", Types.NVARCHAR));
        var sink = new SampleBuffer();
        collector.collect(new RecordedSource(rs), Servers.context(Servers.SQL2019), sink);
        assertEquals(1, Samples.value(sink, "dbtools_mssql_requests"));
        assertEquals(0.007, Samples.value(sink, CoreMetrics.OLDEST_QUERY_SECONDS), 1e-9);
        assertEquals(0, Samples.value(sink, CoreMetrics.BLOCKED_SESSIONS));
        assertEquals(0, Samples.value(sink, "dbtools_mssql_head_blockers"));
    }

    /** A constructed chain (no recording of a blocking chain exists): 55 blocks 60, 60 blocks 61; 70 waits on a latch (-4). */
    @Test
    void a_blocking_chain_counts_blocked_sessions_and_only_its_head_as_blocker() {
        var s = DmExecRequestsCollector.Summary.of(List.of(
                new DmExecRequestsCollector.Request(60, 55, 12_000, 13_000),
                new DmExecRequestsCollector.Request(61, 60, 4_000, 4_500),
                new DmExecRequestsCollector.Request(70, -4, 100, 200)));
        assertEquals(2, s.blocked());
        assertEquals(1, s.headBlockers(), "55 heads the chain; 60 is blocked itself");
        assertEquals(12.0, s.longestWaitSeconds());
        assertEquals(13.0, s.oldestSeconds());
    }
}
