-- Contention of the last W seconds (23.1: the table has no contention_type column; it records lock waits
-- only, serialization conflicts are recorded from 23.2) by database, table and index: the N with the most
-- contention time by name, the rest summed into table 'other'. Events are kept in memory on each node
-- (sql.contention.event_store.*) and the table asks every node, hence the collector's refresh interval.
-- Needs VIEWACTIVITY or VIEWACTIVITYREDACTED. Parameters: W, N, N, N.
WITH e AS (
  SELECT database_name, table_name, COALESCE(index_name, '') AS index_name,
         count(*) AS cnt, sum(contention_duration) AS duration
  FROM crdb_internal.transaction_contention_events
  WHERE collection_ts > now() - ?::INT8 * INTERVAL '1 second'
  GROUP BY 1, 2, 3
), ranked AS (
  SELECT e.*, row_number() OVER (ORDER BY duration DESC, database_name, table_name, index_name) AS rank
  FROM e
)
SELECT CASE WHEN rank <= ? THEN database_name ELSE '' END AS database_name,
       CASE WHEN rank <= ? THEN table_name ELSE 'other' END AS table_name,
       CASE WHEN rank <= ? THEN index_name ELSE '' END AS index_name,
       'LOCK_WAIT' AS contention_type,
       sum(cnt) AS cnt,
       EXTRACT(EPOCH FROM sum(duration)) AS duration_seconds
FROM ranked
GROUP BY 1, 2, 3, 4
