// SQL Server (exporters/mssql, docs/metrics/mssql.md).
local m = import 'matchers.libsonnet';
local by = 'tenant, server, engine';
function(s, w='5m') {
  local sel = m.join([s, 'engine="mssql"']),
  batchRequests: 'sum by (%s) (rate(dbtools_mssql_batch_requests_total{%s}[%s]))' % [by, sel, w],
  transactions: 'sum by (%s) (rate(dbtools_mssql_transactions_total{%s}[%s]))' % [by, sel, w],
  compilations: 'sum by (%s) (rate(dbtools_mssql_sql_compilations_total{%s}[%s]))' % [by, sel, w],
  waitsByType: 'topk(10, sum by (%s, wait_type) (rate(dbtools_mssql_wait_seconds_total{%s}[%s])))' % [by, sel, w],
  pageLifeExpectancy: 'dbtools_mssql_page_life_expectancy_seconds{%s}' % sel,
  memoryGrantsPending: 'dbtools_mssql_memory_grants_pending{%s}' % sel,
  deadlocks: 'sum by (%s) (increase(dbtools_mssql_deadlocks_total{%s}[%s]))' % [by, sel, w],
  lockWaits: 'sum by (%s) (rate(dbtools_mssql_lock_waits_total{%s}[%s]))' % [by, sel, w],
  headBlockers: 'dbtools_mssql_head_blockers{%s}' % sel,
  blockedWaitLongest: 'dbtools_mssql_blocked_wait_longest_seconds{%s}' % sel,
  // Average I/O latency per database file type: stall seconds per operation.
  readLatency: 'sum by (%(by)s, database) (rate(dbtools_mssql_file_read_stall_seconds_total{%(s)s}[%(w)s])) / (sum by (%(by)s, database) (rate(dbtools_mssql_file_reads_total{%(s)s}[%(w)s])) > 0)' % { by: by, s: sel, w: w },
  writeLatency: 'sum by (%(by)s, database) (rate(dbtools_mssql_file_write_stall_seconds_total{%(s)s}[%(w)s])) / (sum by (%(by)s, database) (rate(dbtools_mssql_file_writes_total{%(s)s}[%(w)s])) > 0)' % { by: by, s: sel, w: w },
  logUsed: 'max by (%s, database) (dbtools_mssql_database_log_used_ratio{%s})' % [by, sel],
  // Databases in a state that needs a DBA (1 for the current state_desc).
  databaseBadState: 'dbtools_mssql_database_state{%s, state=~"SUSPECT|RECOVERY_PENDING|EMERGENCY"} == 1' % sel,
  agUnhealthy: 'dbtools_mssql_ag_synchronization_health{%s} == 0' % sel,
  agSyncHealth: 'dbtools_mssql_ag_synchronization_health{%s}' % sel,
  agentJobFailures: 'dbtools_mssql_agent_job_failures_24h{%s}' % sel,
}
