-- Azure SQL Database: only the current database's files are visible. size is in 8 KB pages.
SELECT d.name AS database_name, d.state_desc,
       (SELECT SUM(CAST(size AS bigint)) FROM sys.database_files WHERE type = 0) * 8192 AS data_bytes,
       (SELECT SUM(CAST(size AS bigint)) FROM sys.database_files WHERE type = 1) * 8192 AS log_bytes
FROM sys.databases AS d
WHERE d.database_id = DB_ID()
