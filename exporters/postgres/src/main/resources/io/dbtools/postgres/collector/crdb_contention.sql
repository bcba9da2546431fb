-- Contention of the last W seconds (23.2+, which records the kind of contention: LOCK_WAIT,
-- SERIALIZATION_CONFLICT) by database, table, index and kind: the N with the most contention time by name,
-- the rest summed into table 'other' per kind. Events are kept in memory on each node
-- (sql.contention.event_store.*) and the table asks every node, hence the collector's refresh interval.
-- Needs VIEWACTIVITY or VIEWACTIVITYREDACTED. Parameters: W, N, N, N.
WITH e AS (
  SELECT database_name, table_name, COALESCE(index_name, '') AS index_name, contention_type,
         count(*) AS cnt, sum(contention_duration) AS duration
  FROM crdb_internal.transaction_contention_events
  WHERE collection_ts > now() - ?::INT8 * INTERVAL '1 second'
  GROUP BY 1, 2, 3, 4
), ranked AS (
  SELECT e.*, row_number() OVER (ORDER BY duration DESC, database_name, table_name, index_name, contention_type) AS rank
  FROM e
)
SELECT CASE WHEN rank <= ? THEN database_name ELSE '' END AS database_name,
       CASE WHEN rank <= ? THEN table_name ELSE 'other' END AS table_name,
       CASE WHEN rank <= ? THEN index_name ELSE '' END AS index_name,
       contention_type,
       sum(cnt) AS cnt,
       EXTRACT(EPOCH FROM sum(duration)) AS duration_seconds
FROM ranked
GROUP BY 1, 2, 3, 4
