-- Queries cancelled on a standby because of recovery, by reason. Template databases are left out.
SELECT c.datname, confl_tablespace, confl_lock, confl_snapshot, confl_bufferpin, confl_deadlock
FROM pg_stat_database_conflicts c
JOIN pg_database db ON db.oid = c.datid
WHERE NOT db.datistemplate
