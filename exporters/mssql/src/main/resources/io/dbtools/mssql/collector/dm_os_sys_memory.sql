-- Host memory, the SQL Server process's memory and its target, in KB.
SELECT sm.total_physical_memory_kb, sm.available_physical_memory_kb,
       pm.physical_memory_in_use_kb, CAST(pm.process_physical_memory_low AS int) AS process_physical_memory_low,
       si.committed_target_kb
FROM sys.dm_os_sys_memory AS sm
CROSS JOIN sys.dm_os_process_memory AS pm
CROSS JOIN sys.dm_os_sys_info AS si
