-- Settings a DBA checks first, in base units (bytes, seconds) where they have one.
SELECT name, setting, unit, vartype
FROM pg_settings
WHERE name IN ('max_connections', 'superuser_reserved_connections', 'shared_buffers', 'effective_cache_size',
               'work_mem', 'maintenance_work_mem', 'max_wal_size', 'min_wal_size', 'checkpoint_timeout',
               'autovacuum', 'autovacuum_max_workers', 'autovacuum_naptime', 'autovacuum_vacuum_scale_factor',
               'autovacuum_freeze_max_age', 'max_worker_processes', 'max_parallel_workers',
               'max_wal_senders', 'max_replication_slots', 'wal_level', 'track_io_timing',
               'statement_timeout', 'idle_in_transaction_session_timeout', 'random_page_cost', 'fsync',
               'synchronous_commit', 'full_page_writes', 'max_locks_per_transaction', 'block_size', 'wal_segment_size')
