-- Tables of the monitoring connection's database, the N with the most dead tuples named, the rest
-- summed into one 'other' row (schemaname ''). Ages are NULL for never-vacuumed/analyzed tables and
-- for the 'other' row. Parameters: N four times.
WITH ranked AS (
  SELECT t.*, row_number() OVER (ORDER BY n_dead_tup DESC, relid) AS rank
  FROM pg_stat_user_tables t
)
SELECT CASE WHEN rank <= ? THEN schemaname ELSE '' END AS schemaname,
       CASE WHEN rank <= ? THEN relname ELSE 'other' END AS relname,
       sum(n_live_tup) AS n_live_tup, sum(n_dead_tup) AS n_dead_tup,
       sum(seq_scan) AS seq_scan, sum(COALESCE(idx_scan, 0)) AS idx_scan,
       sum(n_tup_ins) AS n_tup_ins, sum(n_tup_upd) AS n_tup_upd, sum(n_tup_del) AS n_tup_del,
       sum(vacuum_count) AS vacuum_count, sum(autovacuum_count) AS autovacuum_count,
       sum(analyze_count) AS analyze_count, sum(autoanalyze_count) AS autoanalyze_count,
       min(EXTRACT(EPOCH FROM now() - GREATEST(last_vacuum, last_autovacuum))) FILTER (WHERE rank <= ?) AS last_vacuum_age,
       min(EXTRACT(EPOCH FROM now() - GREATEST(last_analyze, last_autoanalyze))) FILTER (WHERE rank <= ?) AS last_analyze_age,
       count(*) AS tables
FROM ranked
GROUP BY 1, 2
