-- Replication slots (PostgreSQL 12: no wal_status or safe_wal_size yet).
WITH pos AS (
  SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END AS lsn
)
SELECT slot_name, slot_type, COALESCE(database, '') AS database, active,
       pg_wal_lsn_diff(pos.lsn, restart_lsn) AS retained_bytes,
       pg_wal_lsn_diff(pos.lsn, confirmed_flush_lsn) AS confirmed_flush_lag_bytes,
       NULL::text AS wal_status, NULL::bigint AS safe_wal_size
FROM pg_replication_slots, pos
