-- Replication slots (PostgreSQL 13+): whether in use, and the WAL each keeps from being removed.
WITH pos AS (
  SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END AS lsn
)
SELECT slot_name, slot_type, COALESCE(database, '') AS database, active,
       pg_wal_lsn_diff(pos.lsn, restart_lsn) AS retained_bytes,
       pg_wal_lsn_diff(pos.lsn, confirmed_flush_lsn) AS confirmed_flush_lag_bytes,
       wal_status, safe_wal_size
FROM pg_replication_slots, pos
