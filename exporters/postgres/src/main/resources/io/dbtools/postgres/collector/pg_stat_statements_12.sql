-- Statements by total execution time, PostgreSQL 12 (pg_stat_statements 1.7: total_time, no planning time);
-- otherwise as pg_stat_statements.sql. Parameters: N, N.
WITH s AS (
  SELECT queryid, dbid, sum(calls) AS calls, sum(total_time) AS exec_ms, 0::float8 AS plan_ms,
         sum(rows) AS rows, sum(shared_blks_hit) AS shared_blks_hit, sum(shared_blks_read) AS shared_blks_read,
         sum(temp_blks_written) AS temp_blks_written
  FROM pg_stat_statements(false)
  GROUP BY queryid, dbid
), ranked AS (
  SELECT s.*, row_number() OVER (ORDER BY exec_ms DESC, queryid) AS rank FROM s
)
SELECT CASE WHEN rank <= ? AND queryid IS NOT NULL THEN queryid::text ELSE 'other' END AS queryid,
       CASE WHEN rank <= ? AND queryid IS NOT NULL THEN COALESCE(d.datname, '') ELSE '' END AS datname,
       sum(calls) AS calls, sum(exec_ms) AS exec_ms, sum(plan_ms) AS plan_ms, sum(rows) AS rows,
       sum(shared_blks_hit) AS shared_blks_hit, sum(shared_blks_read) AS shared_blks_read,
       sum(temp_blks_written) AS temp_blks_written
FROM ranked LEFT JOIN pg_database d ON d.oid = ranked.dbid
GROUP BY 1, 2
