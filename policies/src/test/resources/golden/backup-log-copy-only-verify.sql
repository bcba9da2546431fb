-- DbTools backup policy: log backup of [O'Brien]]Shop: 2024?]
SET NOCOUNT ON;
DECLARE @folder nvarchar(4000) = N'E:\Logs\O''Brien]Shop_ 2024_';
DECLARE @file nvarchar(4000) = @folder + N'\' + N'O''Brien]Shop_ 2024__LOG_' + FORMAT(SYSUTCDATETIME(), 'yyyyMMdd_HHmmss') + N'.trn';
EXECUTE master.dbo.xp_create_subdir @folder;
BACKUP LOG [O'Brien]]Shop: 2024?] TO DISK = @file
    WITH COMPRESSION, CHECKSUM, COPY_ONLY, INIT, STATS = 10;
RESTORE VERIFYONLY FROM DISK = @file WITH CHECKSUM;
-- retention: log backups of this database older than 2 days
DECLARE @cutoff datetime = DATEADD(day, -2, GETDATE());
EXECUTE master.dbo.xp_delete_file 0, @folder, N'trn', @cutoff, 0;
