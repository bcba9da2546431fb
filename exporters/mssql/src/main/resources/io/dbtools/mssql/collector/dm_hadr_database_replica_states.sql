-- One row per availability database and replica. Queue sizes are KB; secondary_lag_seconds (SQL Server 2016+)
-- is filled on the primary for each secondary and is NULL where it does not apply.
SELECT ag.name AS ag_name, ar.replica_server_name, DB_NAME(drs.database_id) AS database_name,
       drs.is_primary_replica, drs.synchronization_health,
       drs.log_send_queue_size AS log_send_queue_kb, drs.redo_queue_size AS redo_queue_kb,
       drs.secondary_lag_seconds
FROM sys.dm_hadr_database_replica_states AS drs
JOIN sys.availability_replicas AS ar ON ar.replica_id = drs.replica_id
JOIN sys.availability_groups AS ag ON ag.group_id = drs.group_id
