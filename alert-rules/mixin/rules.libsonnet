// Recording rules: the normalized, engine-agnostic health model (docs/alerts.md, "Health model").
local health = import 'signals/health.libsonnet';

{
  prometheusRules+:: {
    local c = $._config,
    local h = health(c),
    groups+: [
      {
        name: 'dbtools-health',
        rules: [
          { record: 'dbtools:server_last_success:timestamp_seconds', expr: h.lastSuccess },
          { record: 'dbtools:server:known', expr: h.known },
          { record: 'dbtools:server_group:info', expr: h.groups },
          { record: 'dbtools:server_cpu_utilization:avg', expr: h.cpu },
          { record: 'dbtools:server_memory_utilization:avg', expr: h.memory },
          {
            record: 'dbtools:server_health_signal:severity',
            expr: h.severity('dbtools:server_cpu_utilization:avg', c.cpuWarningRatio, c.cpuCriticalRatio),
            labels: { signal: 'cpu' },
          },
          {
            record: 'dbtools:server_health_signal:severity',
            expr: h.severity('dbtools:server_memory_utilization:avg', c.memoryWarningRatio, c.memoryCriticalRatio),
            labels: { signal: 'memory' },
          },
          { record: 'dbtools:server_health:status', expr: h.status },
        ] + [
          // One series per status, 1 for the server's current one and 0 for the others, so that
          // sum by (status) counts servers and shows zeros too.
          {
            record: 'dbtools:server_health:info',
            expr: 'dbtools:server_health:status == bool %d' % c.statusCodes[status],
            labels: { status: status },
          }
          for status in ['healthy', 'warning', 'critical', 'offline', 'unknown']
        ] + [
          // Fleet aggregates, last so they count this evaluation's statuses.
          { record: 'dbtools:tenant_health:servers', expr: h.tenantServers },
        ] + [
          // status also as a rule label: five rules of one name need distinct labels.
          { record: 'dbtools:group_health:servers', expr: h.groupServers(status), labels: { status: status } }
          for status in ['healthy', 'warning', 'critical', 'offline', 'unknown']
        ],
      },
      {
        // Evaluated less often on purpose: read by the fleet overview's "top N" time series.
        name: 'dbtools-fleet-trends',
        interval: c.fleetTrendInterval,
        rules: [
          { record: 'dbtools:server_cpu_utilization:trend_max', expr: h.trendCpu },
          { record: 'dbtools:server_memory_utilization:trend_max', expr: h.trendMemory },
          { record: 'dbtools:server_connections_utilization:trend_max', expr: h.trendConnections },
          { record: 'dbtools:server_blocked_sessions:trend_max', expr: h.trendBlocked },
          { record: 'dbtools:server_replication_lag_seconds:trend_max', expr: h.trendReplicationLag },
        ],
      },
    ],
  },
}
