-- Azure SQL Database: the newest 15-second sample, in percent of the service tier's limits.
SELECT TOP (1) avg_cpu_percent, avg_data_io_percent, avg_log_write_percent, avg_memory_usage_percent
FROM sys.dm_db_resource_stats
ORDER BY end_time DESC
