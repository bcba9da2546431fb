-- User sessions by status, without this exporter's own; @@MAX_CONNECTIONS is the configured limit.
SELECT s.status, COUNT(*) AS sessions, @@MAX_CONNECTIONS AS max_connections
FROM sys.dm_exec_sessions AS s
WHERE s.is_user_process = 1
  AND s.session_id <> @@SPID
GROUP BY s.status
