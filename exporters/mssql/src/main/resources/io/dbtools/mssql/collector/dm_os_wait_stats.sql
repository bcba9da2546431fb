-- Cumulative waits since start (or since DBCC SQLPERF('sys.dm_os_wait_stats', CLEAR)). Idle waits are
-- dropped and the top N chosen by the collector, so one list of idle waits serves every version.
SELECT wait_type, waiting_tasks_count, wait_time_ms, max_wait_time_ms, signal_wait_time_ms
FROM sys.dm_os_wait_stats
WHERE wait_time_ms > 0
