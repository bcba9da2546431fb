-- Per store, from the store's own metrics: its ranges, those of them that are unavailable (no quorum),
-- under- or over-replicated (each counted by one store, the leaseholder's, so the sums over stores are the
-- cluster's), and its disk. Not crdb_internal.ranges, which reads every range's descriptor on every call;
-- kv_store_status asks every node's status server once, hence the collector's refresh interval.
-- Needs VIEWCLUSTERMETADATA.
SELECT node_id,
       store_id,
       (metrics->>'ranges')::FLOAT8 AS ranges,
       (metrics->>'ranges.unavailable')::FLOAT8 AS unavailable,
       (metrics->>'ranges.underreplicated')::FLOAT8 AS under_replicated,
       (metrics->>'ranges.overreplicated')::FLOAT8 AS over_replicated,
       capacity,
       available,
       used
FROM crdb_internal.kv_store_status
ORDER BY node_id, store_id
