-- One row per node the cluster has known: liveness (draining, decommissioning, membership) from
-- gossip_liveness, the build and whether the node is live from gossip_nodes. Both are read from the
-- gateway node's gossip, without asking the other nodes. Needs VIEWCLUSTERMETADATA.
SELECT l.node_id,
       n.build_tag AS build,
       COALESCE(n.is_live, false) AS is_live,
       l.draining,
       l.decommissioning,
       l.membership
FROM crdb_internal.gossip_liveness AS l
LEFT JOIN crdb_internal.gossip_nodes AS n ON n.node_id = l.node_id
ORDER BY l.node_id
