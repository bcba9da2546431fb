-- Lock waits across the cluster: transactions waiting for a lock another transaction holds, the waits,
-- and the longest. cluster_locks reads the lock table of every range, hence the collector's refresh
-- interval. Needs VIEWACTIVITY or VIEWACTIVITYREDACTED (keys are redacted with the latter; not read here).
SELECT count(DISTINCT txn_id) AS blocked,
       count(*) AS waits,
       COALESCE(EXTRACT(EPOCH FROM max(duration)), 0) AS longest_wait_seconds
FROM crdb_internal.cluster_locks
WHERE NOT granted
