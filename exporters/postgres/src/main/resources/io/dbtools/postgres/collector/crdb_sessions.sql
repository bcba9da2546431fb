-- Open client sessions across the cluster by status (ACTIVE: in a transaction; IDLE). Closed sessions,
-- which the table keeps for a while for the DB Console, are left out. Without VIEWACTIVITY (or
-- VIEWACTIVITYREDACTED) the table shows only the monitoring user's own sessions.
SELECT status,
       count(*) AS sessions
FROM crdb_internal.cluster_sessions
WHERE status <> 'CLOSED'
GROUP BY status
