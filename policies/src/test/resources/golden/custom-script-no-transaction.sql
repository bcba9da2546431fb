-- DbTools custom script policy (timeout 300 s)
USE [Sales];
EXEC dbo.nightly_cleanup;
