// MongoDB (exporters/mongodb, docs/metrics/mongodb.md).
local m = import 'matchers.libsonnet';
local by = 'tenant, server, engine';
function(s, w='5m') {
  local sel = m.join([s, 'engine="mongodb"']),
  operations: 'sum by (%s, op) (rate(dbtools_mongodb_operations_total{%s}[%s]))' % [by, sel, w],
  connections: 'dbtools_mongodb_connections{%s}' % sel,
  networkIn: 'sum by (%s) (rate(dbtools_mongodb_network_received_bytes_total{%s}[%s]))' % [by, sel, w],
  networkOut: 'sum by (%s) (rate(dbtools_mongodb_network_sent_bytes_total{%s}[%s]))' % [by, sel, w],
  residentMemory: 'dbtools_mongodb_memory_resident_bytes{%s}' % sel,
  cacheUsedRatio: 'dbtools_mongodb_wiredtiger_cache_used_bytes{%s} / on (tenant, server, engine) (dbtools_mongodb_wiredtiger_cache_max_bytes{%s} > 0)' % [sel, sel],
  cacheDirtyRatio: 'dbtools_mongodb_wiredtiger_cache_dirty_bytes{%s} / on (tenant, server, engine) (dbtools_mongodb_wiredtiger_cache_max_bytes{%s} > 0)' % [sel, sel],
  ticketsAvailable: 'dbtools_mongodb_tickets_available{%s}' % sel,
  ticketsExhausted: 'dbtools_mongodb_tickets_available{%s} == 0' % sel,
  globalLockQueue: 'dbtools_mongodb_global_lock_queue{%s}' % sel,
  memberHealth: 'dbtools_mongodb_replset_member_health{%s}' % sel,
  memberUnhealthy: 'dbtools_mongodb_replset_member_health{%s} == 0' % sel,
  memberLag: 'dbtools_mongodb_replset_member_lag_seconds{%s}' % sel,
  oplogWindow: 'dbtools_mongodb_oplog_window_seconds{%s}' % sel,
  longOperations: 'dbtools_mongodb_long_operations{%s}' % sel,
  cursorsOpen: 'dbtools_mongodb_cursors_open{%s}' % sel,
  asserts: 'sum by (%s, type) (rate(dbtools_mongodb_asserts_total{%s}[%s]))' % [by, sel, w],
}
