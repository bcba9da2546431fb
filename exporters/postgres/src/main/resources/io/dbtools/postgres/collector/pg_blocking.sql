-- Sessions waiting on another session's lock, the sessions blocking them that wait on nothing
-- themselves (head blockers), and the longest such wait.
WITH blocked AS (
  SELECT pid, pg_blocking_pids(pid) AS blockers, state_change
  FROM pg_stat_activity
  WHERE wait_event_type = 'Lock'
)
SELECT count(*) FILTER (WHERE cardinality(blockers) > 0) AS blocked,
       COALESCE(max(EXTRACT(EPOCH FROM now() - state_change)) FILTER (WHERE cardinality(blockers) > 0), 0) AS longest_wait_seconds,
       (SELECT count(DISTINCT b)
          FROM blocked, unnest(blockers) AS b
         WHERE b NOT IN (SELECT pid FROM blocked)) AS head_blockers
FROM blocked
