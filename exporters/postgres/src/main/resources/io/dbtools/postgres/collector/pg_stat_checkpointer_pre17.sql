-- Checkpoints, PostgreSQL 12-16: the same counters under their old names in pg_stat_bgwriter.
SELECT checkpoints_timed AS num_timed, checkpoints_req AS num_requested,
       checkpoint_write_time AS write_time, checkpoint_sync_time AS sync_time,
       buffers_checkpoint AS buffers_written
FROM pg_stat_bgwriter
