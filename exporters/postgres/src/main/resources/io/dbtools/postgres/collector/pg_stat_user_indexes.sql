-- Indexes of the connected database never used by a scan since statistics were last reset, leaving out
-- unique ones (they enforce constraints even when never scanned). The N largest are named, the rest
-- summed into 'other'. Parameters: N, N, N. pg_relation_size() stats each index file: slow refresh.
WITH unused AS (
  SELECT i.schemaname, i.relname, i.indexrelname, pg_relation_size(i.indexrelid) AS bytes
  FROM pg_stat_user_indexes i
  JOIN pg_index x ON x.indexrelid = i.indexrelid
  WHERE i.idx_scan = 0 AND NOT x.indisunique
), ranked AS (
  SELECT u.*, row_number() OVER (ORDER BY bytes DESC, schemaname, indexrelname) AS rank FROM unused u
)
SELECT CASE WHEN rank <= ? THEN schemaname ELSE '' END AS schemaname,
       CASE WHEN rank <= ? THEN relname ELSE '' END AS relname,
       CASE WHEN rank <= ? THEN indexrelname ELSE 'other' END AS indexrelname,
       sum(bytes) AS bytes, count(*) AS indexes
FROM ranked
GROUP BY 1, 2, 3
