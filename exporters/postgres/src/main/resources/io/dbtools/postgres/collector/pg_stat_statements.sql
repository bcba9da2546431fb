-- Statements by total execution time (pg_stat_statements 1.8+, PostgreSQL 13+), summed over users; the N
-- most expensive named by queryid and database, the rest summed into queryid 'other'. showtext => false:
-- the query texts are neither read nor exposed. Parameters: N, N.
WITH s AS (
  SELECT queryid, dbid, sum(calls) AS calls, sum(total_exec_time) AS exec_ms, sum(total_plan_time) AS plan_ms,
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
