-- Newest finished backup per database and type. backup_finish_date is server local time; it is shifted by
-- the server's current UTC offset to Unix seconds. Every database gets a full-backup row (0 when it never had
-- one); differential and log rows only where such a backup exists.
SELECT d.name AS database_name,
       t.type,
       COALESCE(DATEDIFF_BIG(second, '19700101',
                DATEADD(minute, DATEDIFF(minute, GETDATE(), GETUTCDATE()), b.finished)), 0) AS finished_epoch_seconds
FROM sys.databases AS d
CROSS JOIN (VALUES ('D'), ('I'), ('L')) AS t(type)
LEFT JOIN (SELECT database_name, type, MAX(backup_finish_date) AS finished
           FROM msdb.dbo.backupset
           WHERE type IN ('D', 'I', 'L')
           GROUP BY database_name, type) AS b ON b.database_name = d.name AND b.type = t.type
WHERE d.name <> N'tempdb'
  AND d.source_database_id IS NULL
  AND (t.type = 'D' OR b.finished IS NOT NULL)
