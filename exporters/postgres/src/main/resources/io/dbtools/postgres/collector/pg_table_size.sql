-- On-disk size of the monitoring connection's database's user tables: table (heap, TOAST, free space
-- and visibility maps) and indexes. The N largest are named, the rest summed into 'other'. Parameters:
-- N, N. pg_table_size() and pg_indexes_size() stat every file, hence the slow refresh.
WITH sized AS (
  SELECT n.nspname AS schemaname, c.relname, pg_table_size(c.oid) AS table_bytes, pg_indexes_size(c.oid) AS index_bytes
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname !~ '^pg_toast'
), ranked AS (
  SELECT s.*, row_number() OVER (ORDER BY table_bytes + index_bytes DESC, schemaname, relname) AS rank FROM sized s
)
SELECT CASE WHEN rank <= ? THEN schemaname ELSE '' END AS schemaname,
       CASE WHEN rank <= ? THEN relname ELSE 'other' END AS relname,
       sum(table_bytes) AS table_bytes, sum(index_bytes) AS index_bytes
FROM ranked
GROUP BY 1, 2
