-- Per-database activity counters. Template databases and the shared-objects row (datname NULL) are left out.
SELECT d.datname, xact_commit, xact_rollback, blks_read, blks_hit, tup_returned, tup_fetched,
       tup_inserted, tup_updated, tup_deleted, conflicts, temp_files, temp_bytes, deadlocks,
       blk_read_time, blk_write_time, EXTRACT(EPOCH FROM stats_reset) AS stats_reset,
       COALESCE(checksum_failures, 0) AS checksum_failures
FROM pg_stat_database d
JOIN pg_database db ON db.oid = d.datid
WHERE NOT db.datistemplate
