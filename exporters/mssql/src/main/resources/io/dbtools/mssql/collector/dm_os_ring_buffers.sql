-- The newest scheduler-monitor record (written about once a minute): CPU of the SQL Server process and
-- system idle, in percent. The collector reads ProcessUtilization and SystemIdle from the record's XML.
SELECT TOP (1) rb.[timestamp], CAST(rb.record AS nvarchar(3072)) AS record
FROM sys.dm_os_ring_buffers AS rb
WHERE rb.ring_buffer_type = N'RING_BUFFER_SCHEDULER_MONITOR'
  AND rb.record LIKE N'%<SystemHealth>%'
ORDER BY rb.[timestamp] DESC
