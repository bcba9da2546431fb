// Queries over the normalized core set (CoreMetrics): the same on every engine.
local m = import 'matchers.libsonnet';
// s: label matchers put on every raw series (without braces); w: range for rate()/avg_over_time().
function(s, w='5m') {
  up: 'dbtools_up{%s}' % s,
  cpu: 'dbtools_cpu_utilization_ratio{%s}' % s,
  memory: 'dbtools_memory_utilization_ratio{%s}' % s,
  connectionsUsed: 'dbtools_connections_used{%s}' % s,
  connectionsMax: 'dbtools_connections_max{%s}' % s,
  connectionsRatio: 'dbtools_connections_used{%s} / on (tenant, server, engine) (dbtools_connections_max{%s} > 0)' % [s, s],
  blockedSessions: 'dbtools_blocked_sessions{%s}' % s,
  oldestQuery: 'dbtools_oldest_query_seconds{%s}' % s,
  replicationLag: 'dbtools_replication_lag_seconds{%s}' % s,
  databaseSize: 'dbtools_database_size_bytes{%s}' % s,
  serverSize: 'sum by (tenant, server, engine) (dbtools_database_size_bytes{%s})' % s,
  // Newest successful backup per database, of any type but transaction log.
  backupAge: 'time() - max by (tenant, server, engine, database) (dbtools_last_backup_timestamp_seconds{%s})' %
             m.join([s, 'type!="log"']),
  logBackupAge: 'time() - max by (tenant, server, engine, database) (dbtools_last_backup_timestamp_seconds{%s})' %
                m.join([s, 'type="log"']),
  connectError: 'dbtools_target_connect_error{%s} == 1' % s,
  serverInfo: 'dbtools_server_info{%s}' % s,
  lastBackup: 'dbtools_last_backup_timestamp_seconds{%s}' % s,
}
