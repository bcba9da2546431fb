package io.dbtools.postgres.collector;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.postgres.PgQueries;

/**
 * CockroachDB nodes ({@code crdb_internal.gossip_liveness}, {@code gossip_nodes}): live or not, draining,
 * decommissioning and build per node, and how many nodes are live and dead. Decommissioned nodes stay in
 * the liveness table for good; they are left out, or every decommissioning would leave a "dead" node behind.
 */
public final class CrdbNodesCollector extends CrdbCollector {

    private static final String SQL = Sql.load("crdb_nodes.sql");
    static final String NODE_LIVE = "dbtools_cockroachdb_node_live";
    static final String NODE_DRAINING = "dbtools_cockroachdb_node_draining";
    static final String NODE_DECOMMISSIONING = "dbtools_cockroachdb_node_decommissioning";
    static final String NODES = "dbtools_cockroachdb_nodes";
    static final String BUILD = "dbtools_cockroachdb_node_build_info";

    public CrdbNodesCollector() {
        super(CollectorInfo.everyScrape("crdb_nodes", "CockroachDB node liveness, draining, decommissioning and build; live and dead node counts"));
    }

    @Override
    public void collect(PgQueries crdb, ScrapeContext ctx, MetricSink sink) throws Exception {
        double[] live = {0};
        double[] dead = {0};
        crdb.query(ctx, SQL, rs -> {
            if ("decommissioned".equals(rs.getString("membership"))) return;
            String node = rs.getString("node_id");
            boolean isLive = rs.getBoolean("is_live");
            if (isLive) live[0]++;
            else dead[0]++;
            sink.gauge(NODE_LIVE, "1 if the node is live (gossip), else 0.", isLive ? 1 : 0, "node_id", node);
            // Liveness columns the server did not fill are unknown, not "no": leave them out.
            boolean draining = rs.getBoolean("draining");
            if (!rs.wasNull()) {
                sink.gauge(NODE_DRAINING, "1 while the node is draining (shutting down or restarting).", draining ? 1 : 0, "node_id", node);
            }
            boolean decommissioning = rs.getBoolean("decommissioning");
            if (!rs.wasNull()) {
                sink.gauge(NODE_DECOMMISSIONING, "1 while the node is being decommissioned.", decommissioning ? 1 : 0, "node_id", node);
            }
            String build = rs.getString("build");
            if (build != null) {
                sink.info(BUILD, "The CockroachDB build each node runs; value 1.", "node_id", node, "build", build);
            }
        });
        sink.gauge(NODES, "Nodes by liveness (decommissioned nodes left out).", live[0], "liveness", "live");
        sink.gauge(NODES, "Nodes by liveness (decommissioned nodes left out).", dead[0], "liveness", "dead");
    }
}
