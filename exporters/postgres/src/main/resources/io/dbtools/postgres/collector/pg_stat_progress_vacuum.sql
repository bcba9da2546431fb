-- Vacuums running now (manual and autovacuum), by database and phase, and the least advanced one's progress.
SELECT COALESCE(datname, '') AS datname, phase, count(*) AS vacuums,
       min(CASE WHEN heap_blks_total > 0 THEN heap_blks_scanned::float8 / heap_blks_total ELSE 0 END) AS min_scanned_ratio
FROM pg_stat_progress_vacuum
GROUP BY 1, 2
