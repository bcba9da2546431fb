// SQL Server. The plugin is being written in parallel; these names are the proposed ones and are
local m = import 'matchers.libsonnet';
// listed in alert-rules/metric-allowlist.txt until the plugin lands.
local by = 'tenant, server, engine';
function(s, w='5m') {
  local sel = m.join([s, 'engine="mssql"']),
  batchRequests: 'sum by (%s) (rate(dbtools_mssql_batch_requests_total{%s}[%s]))' % [by, sel, w],
  waitsByType: 'topk(10, sum by (%s, wait_type) (rate(dbtools_mssql_wait_seconds_total{%s}[%s])))' % [by, sel, w],
  pageLifeExpectancy: 'dbtools_mssql_page_life_expectancy_seconds{%s}' % sel,
  deadlocks: 'sum by (%s) (increase(dbtools_mssql_deadlocks_total{%s}[%s]))' % [by, sel, w],
  dataUsed: 'max by (%s, database) (dbtools_mssql_database_data_used_ratio{%s})' % [by, sel],
  logUsed: 'max by (%s, database) (dbtools_mssql_database_log_used_ratio{%s})' % [by, sel],
}
