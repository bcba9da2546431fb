// The normalized health model: which servers exist, when each was last collected, and how
// CPU and memory compare with the thresholds. Used by rules.libsonnet (recorded) and read back by
// dashboards and alerts through the recorded names.
local by = 'tenant, server, engine';

function(c) {
  local s = c.dbtoolsSelector,
  local codes = c.statusCodes,

  // Sample time of the newest dbtools_up == 1 (timestamp() of the raw selector: the scrape's time,
  // not the evaluation's), carried forward by reading the rule's own previous
  // value, so it survives the raw series going stale (exporter gone); forgotten after forgetAfter.
  lastSuccess: |||
    max by (%(by)s) (timestamp(dbtools_up{%(s)s}) and dbtools_up{%(s)s} == 1)
    or on (tenant, server)
    (
      dbtools:server_last_success:timestamp_seconds
      unless on (tenant, server)
      (time() - dbtools:server_last_success:timestamp_seconds > %(forget)d)
    )
  ||| % { by: by, s: s, forget: c.forgetAfterSeconds },

  // Every server Prometheus knows of: scraped now (dbtools_up present), a configured probe target
  // (`up` of the probe job, even when the exporter cannot be reached), or collected before.
  known: |||
    group by (%(by)s) (dbtools_up{%(s)s})
    or on (tenant, server)
    group by (%(by)s) (up{%(up)s})
    or on (tenant, server)
    group by (%(by)s) (dbtools:server_last_success:timestamp_seconds)
  ||| % { by: by, s: s, up: c.probeUpSelector },

  // Servers with their groups; a server in no group gets group="ungrouped" so that dashboards can
  // filter by group whether or not dbtools_server_group_info exists.
  groups: |||
    max by (tenant, server, group) (dbtools_server_group_info{%(s)s})
    or on (tenant, server)
    label_replace(group by (tenant, server) (dbtools:server:known), "group", "ungrouped", "server", ".*")
  ||| % { s: s },

  cpu: 'max by (%s) (avg_over_time(dbtools_cpu_utilization_ratio{%s}[%s]))' % [by, s, c.healthWindow],
  memory: 'max by (%s) (avg_over_time(dbtools_memory_utilization_ratio{%s}[%s]))' % [by, s, c.healthWindow],

  // 0 below warning, 1 at warning, 2 at critical (same codes as the status).
  severity(recorded, warn, crit)::
    '(%(r)s > bool %(w)g) + (%(r)s > bool %(c)g)' % { r: recorded, w: warn, c: crit },

  status: |||
    %(unknown)d * (dbtools:server:known unless on (tenant, server) dbtools:server_last_success:timestamp_seconds)
    or on (tenant, server)
    %(offline)d * group by (%(by)s) (time() - dbtools:server_last_success:timestamp_seconds > %(after)d)
    or on (tenant, server)
    max by (%(by)s) (dbtools:server_health_signal:severity or %(healthy)d * dbtools:server:known)
  ||| % {
    by: by,
    after: c.offlineAfterSeconds,
    unknown: codes.unknown,
    offline: codes.offline,
    healthy: codes.healthy,
  },

  // Fleet aggregates of the recorded health, so that the fleet dashboard's time series read a few
  // series per tenant instead of joining every server with its groups at every step.
  // Servers per tenant, engine and status, each server once (zeros included, from the 0 series).
  tenantServers: 'sum by (tenant, engine, status) (dbtools:server_health:info)',
  // Servers per tenant, engine, group and status for one status (one rule per status: joining all
  // five statuses with the groups at once would be many-to-many); a server counts in each of its
  // groups.
  groupServers(status)::
    'sum by (tenant, engine, group, status) (dbtools:server_group:info * on (tenant, server) group_left (engine, status) dbtools:server_health:info{status="%s"})' % status,

  // Fleet trends: one point per server, group and signal every fleetTrendInterval, the highest
  // value in that interval. The fleet overview ranks every server at every step of its time series;
  // over a day, joining 2,880 raw samples per server with its groups at each step took a second,
  // while these carry the group (one series per group of the server) and a tenth of the samples.
  local inGroups(expr) = 'dbtools:server_group:info * on (tenant, server) group_left (engine) (%s)' % std.rstripChars(expr, '\n'),
  local trend(expr) = inGroups('max by (%s) (max_over_time(%s[%s]))' % [by, expr, c.fleetTrendInterval]),
  trendCpu: trend('dbtools:server_cpu_utilization:avg'),
  trendMemory: trend('dbtools:server_memory_utilization:avg'),
  // Highest use over highest maximum in the interval (the maximum rarely changes).
  trendConnections: inGroups(|||
    max by (%(by)s) (max_over_time(dbtools_connections_used{%(s)s}[%(w)s]))
    / on (tenant, server, engine)
    (max by (%(by)s) (max_over_time(dbtools_connections_max{%(s)s}[%(w)s])) > 0)
  ||| % { by: by, s: s, w: c.fleetTrendInterval }),
  trendBlocked: trend('dbtools_blocked_sessions{%s}' % s),
  trendReplicationLag: trend('dbtools_replication_lag_seconds{%s}' % s),
}
