-- Locks held and awaited, by database and mode.
SELECT COALESCE(d.datname, '') AS datname, l.mode, l.granted, count(*) AS locks
FROM pg_locks l
LEFT JOIN pg_database d ON d.oid = l.database
GROUP BY 1, 2, 3
