-- The WAL receiver of a standby (no row on a primary): is it streaming, and how fresh is its last
-- message from the upstream server.
SELECT status,
       EXTRACT(EPOCH FROM now() - last_msg_receipt_time) AS last_message_age_seconds,
       EXTRACT(EPOCH FROM now() - latest_end_time) AS latest_end_age_seconds
FROM pg_stat_wal_receiver
