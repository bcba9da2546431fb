-- DbTools integrity check policy: DBCC CHECKDB (physical_only)
DBCC CHECKDB (N'Sales') WITH NO_INFOMSGS, ALL_ERRORMSGS, PHYSICAL_ONLY;
