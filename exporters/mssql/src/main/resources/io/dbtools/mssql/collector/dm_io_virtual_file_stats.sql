-- I/O per database file since the database came online.
SELECT DB_NAME(vfs.database_id) AS database_name, mf.name AS logical_filename, mf.type_desc AS file_type,
       vfs.num_of_reads AS reads, vfs.num_of_bytes_read AS read_bytes, vfs.io_stall_read_ms AS read_stall_ms,
       vfs.num_of_writes AS writes, vfs.num_of_bytes_written AS write_bytes, vfs.io_stall_write_ms AS write_stall_ms
FROM sys.dm_io_virtual_file_stats(NULL, NULL) AS vfs
JOIN sys.master_files AS mf ON mf.database_id = vfs.database_id AND mf.file_id = vfs.file_id
