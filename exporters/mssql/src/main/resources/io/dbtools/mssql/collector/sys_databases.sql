-- State and allocated file size per database. sys.master_files.size is in 8 KB pages.
SELECT d.name AS database_name, d.state_desc,
       SUM(CASE WHEN mf.type = 0 THEN CAST(mf.size AS bigint) ELSE 0 END) * 8192 AS data_bytes,
       SUM(CASE WHEN mf.type = 1 THEN CAST(mf.size AS bigint) ELSE 0 END) * 8192 AS log_bytes
FROM sys.databases AS d
LEFT JOIN sys.master_files AS mf ON mf.database_id = d.database_id
GROUP BY d.name, d.state_desc
