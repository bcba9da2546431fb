// Snowflake. The plugin is being written in parallel; these names are the proposed ones and are
local m = import 'matchers.libsonnet';
// listed in alert-rules/metric-allowlist.txt until the plugin lands. Credits come from
// ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY, which lags by up to a few hours.
local by = 'tenant, server, engine';
function(s, w='5m') {
  local sel = m.join([s, 'engine="snowflake"']),
  creditsPerHour: 'sum by (%s, warehouse) (increase(dbtools_snowflake_warehouse_credits_used_total{%s}[1h]))' % [by, sel],
  creditsPerDay: 'sum by (%s, warehouse) (increase(dbtools_snowflake_warehouse_credits_used_total{%s}[1d]))' % [by, sel],
  queries: 'sum by (%s, warehouse) (rate(dbtools_snowflake_warehouse_queries_total{%s}[%s]))' % [by, sel, w],
  queued: 'sum by (%s, warehouse) (dbtools_snowflake_warehouse_queued_queries{%s})' % [by, sel],
}
