-- Running queries across the cluster by phase (preparing, executing) and the age of the oldest, by the
-- server's clock (start is a TIMESTAMP in UTC). The exporter's own session is left out.
SELECT phase,
       count(*) AS queries,
       COALESCE(max(EXTRACT(EPOCH FROM now()::TIMESTAMP - start)), 0) AS oldest_seconds
FROM crdb_internal.cluster_queries
WHERE session_id <> current_setting('session_id')
GROUP BY phase
