-- Statement statistics of the current hour (the default sql.stats.aggregation.interval; the view combines
-- the rows flushed to system.statement_statistics, found by their aggregated_ts key, with the in-memory
-- ones), summed per statement fingerprint over applications, plans, transactions and nodes: the N
-- fingerprints with the most service time by ID, the rest summed into fingerprint 'other'. Statistics hold
-- a count and means, so totals are count * mean. The query text (metadata->>'query') is not read.
-- Needs VIEWACTIVITY or VIEWACTIVITYREDACTED. Parameter: N.
WITH s AS (
  SELECT encode(fingerprint_id, 'hex') AS fingerprint_id,
         sum((statistics->'statistics'->>'cnt')::FLOAT8) AS executions,
         sum((statistics->'statistics'->>'cnt')::FLOAT8 * (statistics->'statistics'->'svcLat'->>'mean')::FLOAT8) AS service_seconds,
         sum((statistics->'statistics'->>'cnt')::FLOAT8 * (statistics->'statistics'->'numRows'->>'mean')::FLOAT8) AS rows,
         sum((statistics->'statistics'->>'cnt')::FLOAT8 * (statistics->'statistics'->'rowsRead'->>'mean')::FLOAT8) AS rows_read
  FROM crdb_internal.statement_statistics
  WHERE aggregated_ts >= date_trunc('hour', now())
  GROUP BY 1
), ranked AS (
  SELECT s.*, row_number() OVER (ORDER BY service_seconds DESC, fingerprint_id) AS rank FROM s
)
SELECT CASE WHEN rank <= ? THEN fingerprint_id ELSE 'other' END AS fingerprint_id,
       sum(executions) AS executions,
       sum(service_seconds) AS service_seconds,
       sum(rows) AS rows,
       sum(rows_read) AS rows_read
FROM ranked
GROUP BY 1
