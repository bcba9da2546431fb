-- DbTools backup policy: full backup of [Sales]
SET NOCOUNT ON;
DECLARE @folder nvarchar(4000) = N'D:\Backups\Sales';
DECLARE @file nvarchar(4000) = @folder + N'\' + N'Sales_FULL_' + FORMAT(SYSUTCDATETIME(), 'yyyyMMdd_HHmmss') + N'.bak';
EXECUTE master.dbo.xp_create_subdir @folder;
BACKUP DATABASE [Sales] TO DISK = @file
    WITH COMPRESSION, CHECKSUM, INIT, STATS = 10;
-- retention: full backups of this database older than 14 days
DECLARE @cutoff datetime = DATEADD(day, -14, GETDATE());
EXECUTE master.dbo.xp_delete_file 0, @folder, N'bak', @cutoff, 0;
