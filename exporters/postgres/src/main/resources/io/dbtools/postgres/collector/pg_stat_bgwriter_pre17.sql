-- Background writer activity, PostgreSQL 12-16: backends' own writes and fsyncs are still here.
SELECT buffers_clean, maxwritten_clean, buffers_alloc, EXTRACT(EPOCH FROM stats_reset) AS stats_reset,
       buffers_backend, buffers_backend_fsync
FROM pg_stat_bgwriter
