-- DbTools backup policy: differential backup of [Sales]
SET NOCOUNT ON;
DECLARE @folder nvarchar(4000) = N'\\nas01\sql\Sales';
DECLARE @file nvarchar(4000) = @folder + N'\' + N'Sales_DIFFERENTIAL_' + FORMAT(SYSUTCDATETIME(), 'yyyyMMdd_HHmmss') + N'.dif';
EXECUTE master.dbo.xp_create_subdir @folder;
BACKUP DATABASE [Sales] TO DISK = @file
    WITH DIFFERENTIAL, NO_COMPRESSION, NO_CHECKSUM, INIT, STATS = 10;
