-- User requests running or waiting now, without this exporter's own. Times are milliseconds.
SELECT r.session_id, r.blocking_session_id, r.wait_time, r.total_elapsed_time, r.command,
       DB_NAME(r.database_id) AS database_name
FROM sys.dm_exec_requests AS r
JOIN sys.dm_exec_sessions AS s ON s.session_id = r.session_id
WHERE s.is_user_process = 1
  AND r.session_id <> @@SPID
