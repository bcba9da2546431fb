-- Only the counters the collector maps; object names carry the instance prefix (SQLServer: or MSSQL$NAME:),
-- so they are matched on the part after the colon by the collector. Values are space-padded nchar.
SELECT RTRIM(object_name) AS object_name, RTRIM(counter_name) AS counter_name, RTRIM(instance_name) AS instance_name,
       cntr_value, cntr_type
FROM sys.dm_os_performance_counters
WHERE counter_name IN (N'Batch Requests/sec', N'SQL Compilations/sec', N'SQL Re-Compilations/sec',
                       N'Number of Deadlocks/sec', N'Lock Waits/sec', N'Page reads/sec', N'Page writes/sec',
                       N'Page life expectancy', N'Memory Grants Pending', N'User Connections', N'Transactions/sec',
                       N'Log File(s) Size (KB)', N'Log File(s) Used Size (KB)')
