-- DbTools custom script policy (timeout 60 s)
USE [Sales];
SET XACT_ABORT ON;
BEGIN TRANSACTION;
UPDATE dbo.settings SET value = 1 WHERE name = 'x';
DELETE FROM dbo.audit WHERE at < DATEADD(day, -90, GETDATE());
COMMIT TRANSACTION;
