// Snowflake (exporters/snowflake, docs/metrics/snowflake.md). Its figures are gauges over the target's usage window
// (option window_hours, default 24 complete hours) read from ACCOUNT_USAGE, which lags by up
// to a few hours; they are not counters.
local m = import 'matchers.libsonnet';
local by = 'tenant, server, engine';
function(s, w='5m') {
  local sel = m.join([s, 'engine="snowflake"']),
  warehouseCredits: 'sum by (%s, warehouse) (dbtools_snowflake_warehouse_credits_used{%s})' % [by, sel],
  accountCredits: 'sum by (%s, service_type) (dbtools_snowflake_account_credits_used{%s})' % [by, sel],
  queries: 'sum by (%s, warehouse) (dbtools_snowflake_queries{%s})' % [by, sel],
  queriesFailed: 'sum by (%s, warehouse) (dbtools_snowflake_queries_failed{%s})' % [by, sel],
  queued: 'max by (%s, warehouse) (dbtools_snowflake_warehouse_load_queued{%s})' % [by, sel],
  running: 'max by (%s, warehouse) (dbtools_snowflake_warehouse_load_running{%s})' % [by, sel],
  storage: 'dbtools_snowflake_storage_bytes{%s}' % sel,
  loginFailures: 'sum by (%s) (dbtools_snowflake_login_failures{%s})' % [by, sel],
  creditsFreshness: 'time() - max by (%s) (dbtools_snowflake_warehouse_credits_latest_timestamp_seconds{%s})' % [by, sel],
}
