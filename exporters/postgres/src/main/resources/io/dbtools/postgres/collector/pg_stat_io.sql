-- I/O by backend type (PostgreSQL 16+), summed over objects and contexts: where reads, writes and
-- fsyncs come from. Since 17 the only place that shows writes done by client backends themselves
-- (pg_stat_bgwriter.buffers_backend before). NULL means "never happens for this backend type".
SELECT backend_type,
       COALESCE(sum(reads), 0) AS reads, COALESCE(sum(writes), 0) AS writes, COALESCE(sum(extends), 0) AS extends,
       COALESCE(sum(hits), 0) AS hits, COALESCE(sum(evictions), 0) AS evictions, COALESCE(sum(fsyncs), 0) AS fsyncs
FROM pg_stat_io
GROUP BY backend_type
