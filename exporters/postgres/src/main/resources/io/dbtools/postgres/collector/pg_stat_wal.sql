-- WAL generation (PostgreSQL 14-17). Times are milliseconds in the view.
SELECT wal_records, wal_fpi, wal_bytes, wal_buffers_full, wal_write, wal_sync, wal_write_time, wal_sync_time
FROM pg_stat_wal
