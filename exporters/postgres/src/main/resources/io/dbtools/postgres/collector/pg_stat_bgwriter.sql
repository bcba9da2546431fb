-- Background writer activity (PostgreSQL 17+: checkpoint columns moved to pg_stat_checkpointer,
-- backend writes to pg_stat_io).
SELECT buffers_clean, maxwritten_clean, buffers_alloc, EXTRACT(EPOCH FROM stats_reset) AS stats_reset
FROM pg_stat_bgwriter
