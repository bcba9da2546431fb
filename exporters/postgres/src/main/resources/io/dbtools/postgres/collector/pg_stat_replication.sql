-- Standbys (and other WAL receivers) streaming from this server. Lag in bytes is measured against this
-- server's WAL position (its received position when it is itself a cascading standby). Standbys that
-- share application_name and address are folded into one series, keeping the worst lag.
WITH pos AS (
  SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END AS lsn
)
SELECT COALESCE(application_name, '') AS application_name,
       COALESCE(host(client_addr), '') AS client_addr,
       max(CASE WHEN state = 'streaming' THEN 1 ELSE 0 END) AS streaming,
       max(CASE WHEN sync_state IN ('sync', 'quorum') THEN 1 ELSE 0 END) AS synchronous,
       max(pg_wal_lsn_diff(pos.lsn, sent_lsn)) AS sent_lag_bytes,
       max(pg_wal_lsn_diff(pos.lsn, replay_lsn)) AS replay_lag_bytes,
       max(EXTRACT(EPOCH FROM write_lag)) AS write_lag_seconds,
       max(EXTRACT(EPOCH FROM flush_lag)) AS flush_lag_seconds,
       max(EXTRACT(EPOCH FROM replay_lag)) AS replay_lag_seconds
FROM pg_stat_replication, pos
GROUP BY 1, 2
