-- Azure SQL Database: the current database's files only; sys.master_files is not available there.
SELECT DB_NAME() AS database_name, df.name AS logical_filename, df.type_desc AS file_type,
       vfs.num_of_reads AS reads, vfs.num_of_bytes_read AS read_bytes, vfs.io_stall_read_ms AS read_stall_ms,
       vfs.num_of_writes AS writes, vfs.num_of_bytes_written AS write_bytes, vfs.io_stall_write_ms AS write_stall_ms
FROM sys.dm_io_virtual_file_stats(DB_ID(), NULL) AS vfs
JOIN sys.database_files AS df ON df.file_id = vfs.file_id
