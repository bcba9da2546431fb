package io.dbtools.postgres.collector;

import static io.dbtools.postgres.RecordedRows.Column.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.SampleBuffer;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.postgres.Cockroach;
import io.dbtools.postgres.RecordedRows;
import io.dbtools.postgres.RecordedSource;
import io.dbtools.exporter.testing.Samples;
import java.sql.Types;
import org.junit.jupiter.api.Test;

/**
 * Lock waits. The recordings show cluster_locks per lock key, not the cluster-wide count the collector's SQL
 * returns; the constructed row uses the figures of the documented 'bank' example: 205 waits on six keys,
 * the longest 00:01:49.082237.
 */
class CrdbLocksCollectorTest {

    @Test
    void blocked_transactions_are_the_normalized_blocked_sessions() throws Exception {
        var rs = RecordedRows.resultSet(RecordedRows.constructed(new String[] {"blocked", "waits", "longest_wait_seconds"},
                        new String[] {"180", "205", "109.082237"}),
                of("blocked", Types.BIGINT), of("waits", Types.BIGINT), of("longest_wait_seconds", Types.DOUBLE));
        var sink = new SampleBuffer();
        var source = new RecordedSource().answer("crdb_internal.cluster_locks", rs);
        new CrdbLocksCollector().collect(source, Cockroach.context(Cockroach.server("23.1.11")), sink);
        assertEquals(180, Samples.value(sink, CoreMetrics.BLOCKED_SESSIONS));
        assertEquals(205, Samples.value(sink, CrdbLocksCollector.WAITS));
        assertEquals(109.082237, Samples.value(sink, CrdbLocksCollector.LONGEST));
        assertTrue(source.asked().get(0).sql().contains("WHERE NOT granted"), "only waits, not held locks");
        assertTrue(new CrdbLocksCollector().info().refreshInterval().toSeconds() >= 30, "reads every range's lock table");
    }
}
