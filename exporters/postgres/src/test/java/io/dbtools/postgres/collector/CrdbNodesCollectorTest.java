package io.dbtools.postgres.collector;

import static io.dbtools.postgres.RecordedRows.Column.absent;
import static io.dbtools.postgres.RecordedRows.Column.of;
import static io.dbtools.postgres.RecordedRows.Column.renamed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.SampleBuffer;
import io.dbtools.postgres.Cockroach;
import io.dbtools.postgres.RecordedRows;
import io.dbtools.postgres.RecordedSource;
import io.dbtools.exporter.testing.Samples;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Node liveness from the recorded {@code cockroach node status} outputs: the command reads the same gossip
 * liveness the collector does; it shows id, build and is_live, not draining or decommissioning (SQL NULL here).
 */
class CrdbNodesCollectorTest {

    private static final String FIXTURE = "node-status-doc-examples.json";
    private final CrdbNodesCollector collector = new CrdbNodesCollector();

    private SampleBuffer collect(List<Map<String, String>> rows) throws Exception {
        var rs = RecordedRows.resultSet(rows, renamed("node_id", Types.BIGINT, "id"), of("build", Types.VARCHAR),
                of("is_live", Types.BOOLEAN), absent("draining", Types.BOOLEAN), absent("decommissioning", Types.BOOLEAN),
                absent("membership", Types.VARCHAR));
        var sink = new SampleBuffer();
        collector.collect(new RecordedSource().answer("crdb_internal.gossip_liveness", rs), Cockroach.context(Cockroach.server("23.1.11")), sink);
        return sink;
    }

    @Test
    void a_healthy_three_node_cluster_has_three_live_nodes_and_their_build() throws Exception {
        var sink = collect(RecordedRows.example(FIXTURE, 1, "node status"));
        assertEquals(3, Samples.value(sink, CrdbNodesCollector.NODES, "liveness", "live"));
        assertEquals(0, Samples.value(sink, CrdbNodesCollector.NODES, "liveness", "dead"));
        for (String node : List.of("1", "2", "3")) {
            assertEquals(1, Samples.value(sink, CrdbNodesCollector.NODE_LIVE, "node_id", node));
            assertEquals(1, Samples.value(sink, CrdbNodesCollector.BUILD, "node_id", node, "build", "v19.2.0-alpha.20190606-2479-gd98e0839dc"));
        }
        assertEquals(SampleBuffer.Type.INFO, Samples.type(sink, CrdbNodesCollector.BUILD));
    }

    @Test
    void a_node_that_went_down_is_dead_and_counted_as_such() throws Exception {
        var sink = collect(RecordedRows.example(FIXTURE, 2, "node status"));
        assertEquals(0, Samples.value(sink, CrdbNodesCollector.NODE_LIVE, "node_id", "2"));
        assertEquals(1, Samples.value(sink, CrdbNodesCollector.NODE_LIVE, "node_id", "1"));
        assertEquals(2, Samples.value(sink, CrdbNodesCollector.NODES, "liveness", "live"));
        assertEquals(1, Samples.value(sink, CrdbNodesCollector.NODES, "liveness", "dead"));

        // The recording with two of three nodes down: the cluster has lost quorum for ranges on them.
        var twoDown = collect(RecordedRows.example(FIXTURE, 3, "node status"));
        assertEquals(1, Samples.value(twoDown, CrdbNodesCollector.NODES, "liveness", "live"));
        assertEquals(2, Samples.value(twoDown, CrdbNodesCollector.NODES, "liveness", "dead"));
    }

    @Test
    void draining_and_decommissioning_are_left_out_when_the_server_did_not_say() throws Exception {
        var sink = collect(RecordedRows.example(FIXTURE, 1, "node status"));
        assertTrue(Samples.of(sink, CrdbNodesCollector.NODE_DRAINING).isEmpty());
        assertTrue(Samples.of(sink, CrdbNodesCollector.NODE_DECOMMISSIONING).isEmpty());
    }

    @Test
    void decommissioned_nodes_are_not_dead_nodes_and_draining_is_shown() throws Exception {
        // Constructed rows (no recording shows gossip_liveness with these columns): node 4 was decommissioned for good.
        String[] header = {"node_id", "build", "is_live", "draining", "decommissioning", "membership"};
        var rows = RecordedRows.constructed(header,
                new String[] {"1", "v23.1.11", "true", "false", "false", "active"},
                new String[] {"2", "v23.1.11", "true", "true", "false", "active"},
                new String[] {"3", "v23.1.11", "true", "false", "true", "decommissioning"},
                new String[] {"4", "v23.1.11", "false", "false", "true", "decommissioned"});
        var rs = RecordedRows.resultSet(rows, of("node_id", Types.BIGINT), of("build", Types.VARCHAR), of("is_live", Types.BOOLEAN),
                of("draining", Types.BOOLEAN), of("decommissioning", Types.BOOLEAN), of("membership", Types.VARCHAR));
        var sink = new SampleBuffer();
        collector.collect(new RecordedSource().answer("crdb_internal.gossip_liveness", rs), Cockroach.context(Cockroach.server("23.1.11")), sink);
        assertEquals(3, Samples.value(sink, CrdbNodesCollector.NODES, "liveness", "live"));
        assertEquals(0, Samples.value(sink, CrdbNodesCollector.NODES, "liveness", "dead"));
        assertEquals(1, Samples.value(sink, CrdbNodesCollector.NODE_DRAINING, "node_id", "2"));
        assertEquals(0, Samples.value(sink, CrdbNodesCollector.NODE_DRAINING, "node_id", "1"));
        assertEquals(1, Samples.value(sink, CrdbNodesCollector.NODE_DECOMMISSIONING, "node_id", "3"));
        assertEquals(3, Samples.of(sink, CrdbNodesCollector.NODE_LIVE).size(), "node 4 left out");
    }
}
