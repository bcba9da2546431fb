-- Sessions per database and state, and the age of the oldest query, transaction and wait in each.
-- Background workers (no datname) are left out; they are not client connections.
SELECT datname,
       COALESCE(state, 'unknown') AS state,
       count(*) AS sessions,
       COALESCE(max(EXTRACT(EPOCH FROM now() - query_start)) FILTER (WHERE state = 'active'), 0) AS oldest_query_seconds,
       COALESCE(max(EXTRACT(EPOCH FROM now() - xact_start)), 0) AS oldest_xact_seconds,
       count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting_on_lock
FROM pg_stat_activity
WHERE backend_type = 'client backend' AND datname IS NOT NULL AND pid <> pg_backend_pid()
GROUP BY datname, state
