-- Newest finished backup per database and type. backup_finish_date is server local time; it is shifted by
-- the server's current UTC offset to Unix seconds. Databases without any backup come back with type D and 0.
SELECT d.name AS database_name,
       COALESCE(b.type, 'D') AS type,
       COALESCE(DATEDIFF_BIG(second, '19700101',
                DATEADD(minute, DATEDIFF(minute, GETDATE(), GETUTCDATE()), b.finished)), 0) AS finished_epoch_seconds
FROM sys.databases AS d
LEFT JOIN (SELECT database_name, type, MAX(backup_finish_date) AS finished
           FROM msdb.dbo.backupset
           WHERE type IN ('D', 'I', 'L')
           GROUP BY database_name, type) AS b ON b.database_name = d.name
WHERE d.name <> N'tempdb'
  AND d.source_database_id IS NULL
