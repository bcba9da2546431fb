-- Checkpoints (PostgreSQL 17+). Times are milliseconds in the view.
SELECT num_timed, num_requested, write_time, sync_time, buffers_written,
       restartpoints_timed, restartpoints_req, restartpoints_done
FROM pg_stat_checkpointer
