-- Recovery information functions: is this a standby, and how far behind is it. On a standby the lag is
-- the age of the last replayed transaction, but only while received WAL waits to be replayed (an idle
-- primary sends nothing, which is not lag). On a primary: the slowest standby's replay lag.
SELECT pg_is_in_recovery() AS in_recovery,
       CASE WHEN pg_is_in_recovery() THEN
         CASE WHEN pg_last_wal_receive_lsn() IS NOT NULL AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
              ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END
       END AS standby_lag_seconds,
       CASE WHEN pg_is_in_recovery() THEN
         COALESCE(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0)
       END AS standby_replay_pending_bytes,
       CASE WHEN NOT pg_is_in_recovery() THEN
         (SELECT COALESCE(max(EXTRACT(EPOCH FROM replay_lag)), 0) FROM pg_stat_replication)
       END AS primary_max_replay_lag_seconds,
       (SELECT count(*) FROM pg_stat_replication) AS standbys
