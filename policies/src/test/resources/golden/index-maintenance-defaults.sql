-- DbTools index maintenance policy: reorganize from 5%, rebuild from 30% fragmentation, indexes of 1000+ pages
USE [Sales];
SET NOCOUNT ON;
DECLARE @schema sysname, @table sysname, @index sysname, @fragmentation float, @sql nvarchar(max);
DECLARE @reorganized TABLE (schema_name sysname, table_name sysname, PRIMARY KEY (schema_name, table_name));
DECLARE index_work CURSOR LOCAL FAST_FORWARD FOR
    SELECT s.name, t.name, i.name, MAX(ps.avg_fragmentation_in_percent)
    FROM sys.dm_db_index_physical_stats(DB_ID(), NULL, NULL, NULL, 'LIMITED') AS ps
    JOIN sys.indexes AS i ON i.object_id = ps.object_id AND i.index_id = ps.index_id
    JOIN sys.tables AS t ON t.object_id = ps.object_id
    JOIN sys.schemas AS s ON s.schema_id = t.schema_id
    WHERE i.type IN (1, 2) AND ps.alloc_unit_type_desc = N'IN_ROW_DATA' AND ps.index_level = 0
      AND i.is_disabled = 0 AND i.is_hypothetical = 0 AND t.is_ms_shipped = 0
    GROUP BY s.name, t.name, i.name
    HAVING SUM(ps.page_count) >= 1000
       AND MAX(ps.avg_fragmentation_in_percent) >= 5
    ORDER BY MAX(ps.avg_fragmentation_in_percent) DESC;
OPEN index_work;
FETCH NEXT FROM index_work INTO @schema, @table, @index, @fragmentation;
WHILE @@FETCH_STATUS = 0
BEGIN
    IF @fragmentation >= 30
        SET @sql = N'ALTER INDEX ' + QUOTENAME(@index) + N' ON ' + QUOTENAME(@schema) + N'.' + QUOTENAME(@table) + N' REBUILD;';
    ELSE
    BEGIN
        SET @sql = N'ALTER INDEX ' + QUOTENAME(@index) + N' ON ' + QUOTENAME(@schema) + N'.' + QUOTENAME(@table) + N' REORGANIZE;';
        IF NOT EXISTS (SELECT 1 FROM @reorganized WHERE schema_name = @schema AND table_name = @table)
            INSERT @reorganized VALUES (@schema, @table);
    END
    PRINT @sql;
    EXECUTE sys.sp_executesql @sql;
    FETCH NEXT FROM index_work INTO @schema, @table, @index, @fragmentation;
END
CLOSE index_work;
DEALLOCATE index_work;
DECLARE stats_work CURSOR LOCAL FAST_FORWARD FOR SELECT schema_name, table_name FROM @reorganized;
OPEN stats_work;
FETCH NEXT FROM stats_work INTO @schema, @table;
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @sql = N'UPDATE STATISTICS ' + QUOTENAME(@schema) + N'.' + QUOTENAME(@table) + N';';
    PRINT @sql;
    EXECUTE sys.sp_executesql @sql;
    FETCH NEXT FROM stats_work INTO @schema, @table;
END
CLOSE stats_work;
DEALLOCATE stats_work;
