-- Azure SQL Database: the database's own waits (the server-wide view is not readable there).
SELECT wait_type, waiting_tasks_count, wait_time_ms, max_wait_time_ms, signal_wait_time_ms
FROM sys.dm_db_wait_stats
WHERE wait_time_ms > 0
