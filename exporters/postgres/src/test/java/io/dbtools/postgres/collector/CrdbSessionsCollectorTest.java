package io.dbtools.postgres.collector;

import static io.dbtools.postgres.RecordedRows.Column.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbtools.exporter.SampleBuffer;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.postgres.Cockroach;
import io.dbtools.postgres.RecordedRows;
import io.dbtools.postgres.RecordedSource;
import io.dbtools.exporter.testing.Samples;
import java.sql.Types;
import org.junit.jupiter.api.Test;

/**
 * Sessions and running queries. The recordings hold single raw rows of cluster_sessions and cluster_queries, not
 * the counts per status and phase the collector's SQL returns, so these rows are constructed.
 */
class CrdbSessionsCollectorTest {

    private final CrdbSessionsCollector collector = new CrdbSessionsCollector();

    private SampleBuffer collect(String[][] sessions, String[][] queries) throws Exception {
        var s = RecordedRows.resultSet(RecordedRows.constructed(new String[] {"status", "sessions"}, sessions),
                of("status", Types.VARCHAR), of("sessions", Types.BIGINT));
        var q = RecordedRows.resultSet(RecordedRows.constructed(new String[] {"phase", "queries", "oldest_seconds"}, queries),
                of("phase", Types.VARCHAR), of("queries", Types.BIGINT), of("oldest_seconds", Types.DOUBLE));
        var sink = new SampleBuffer();
        collector.collect(new RecordedSource().answer("crdb_internal.cluster_sessions", s).answer("crdb_internal.cluster_queries", q),
                Cockroach.context(Cockroach.server("24.1.5")), sink);
        return sink;
    }

    @Test
    void connections_used_is_every_open_session_and_the_oldest_query_is_the_oldest_of_any_phase() throws Exception {
        var sink = collect(new String[][] {{"ACTIVE", "7"}, {"IDLE", "35"}},
                new String[][] {{"executing", "5", "12.5"}, {"preparing", "1", "0.25"}});
        assertEquals(42, Samples.value(sink, CoreMetrics.CONNECTIONS_USED));
        assertEquals(7, Samples.value(sink, CrdbSessionsCollector.SESSIONS, "status", "ACTIVE"));
        assertEquals(35, Samples.value(sink, CrdbSessionsCollector.SESSIONS, "status", "IDLE"));
        assertEquals(5, Samples.value(sink, CrdbSessionsCollector.QUERIES, "phase", "executing"));
        assertEquals(12.5, Samples.value(sink, CoreMetrics.OLDEST_QUERY_SECONDS));
    }

    @Test
    void an_idle_cluster_reports_zero_rather_than_nothing() throws Exception {
        var sink = collect(new String[0][], new String[0][]);
        assertEquals(0, Samples.value(sink, CoreMetrics.CONNECTIONS_USED));
        assertEquals(0, Samples.value(sink, CoreMetrics.OLDEST_QUERY_SECONDS));
    }
}
