// Fleet overview: how many servers are in which health status, per group, the worst servers and
// the alerts firing now. Built on the health model's recording rules (alert-rules).
local common = import '../common.libsonnet';
local g = import '../lib/grafana.libsonnet';
local fleetSignals = import 'alert-rules/mixin/signals/fleet.libsonnet';

function(c)
  local s = common.sel;
  local f = fleetSignals(s, '$__rate_interval');
  local statuses = ['healthy', 'warning', 'critical', 'offline', 'unknown'];
  local count(status) = 'sum(%s)' % common.inGroup('dbtools:server_health:info{%s, status="%s"}' % [s, status]);
  local perGroup(status) =
    'sum by (group) (dbtools:server_group:info{tenant=~"$tenant", group=~"$group"} * on (tenant, server) group_left () dbtools:server_health:info{%s, status="%s"})' % [s, status];
  local top(expr) = 'topk(%d, %s)' % [c.worstServersLimit, common.inGroup(expr)];
  g.dashboard(
    c.dashboardUidPrefix + 'fleet',
    'DbTools / Fleet overview',
    'Health of every monitored database server: counts by status, per group, the worst servers, active alerts.',
    c.dashboardTags,
    common.variables(),
    [
      g.row('Health', [
        g.stat('Servers ' + st,
               [g.target(count(st), instant=true)],
               description='Servers whose dbtools:server_health:status is %s.' % st,
               color=common.statusColors[st],
               w=if st == 'healthy' then 4 else 5)
        for st in statuses
      ]),
      g.row('Groups and worst servers', [
        g.table('Health per group',
                [g.target(perGroup(st), instant=true) for st in statuses],
                description='Servers per group and status (a server in several groups counts in each; "ungrouped" when it is in none).',
                renames={ ['Value #' + std.char(65 + i)]: statuses[i] for i in std.range(0, 4) }),
        g.table('Worst servers',
                [
                  g.target(top('dbtools:server_health:status{%s}' % s), instant=true),
                  g.target(common.inGroup('dbtools:server_cpu_utilization:avg{%s}' % s), instant=true),
                  g.target(common.inGroup('dbtools:server_memory_utilization:avg{%s}' % s), instant=true),
                  g.target(common.inGroup(f.connectionsRatio), instant=true),
                ],
                description='The %d servers in the worst status, with CPU, memory and connection use.' % c.worstServersLimit,
                renames={ 'Value #A': 'status', 'Value #B': 'CPU', 'Value #C': 'memory', 'Value #D': 'connections' },
                overrides=[
                  g.columnMappings('status', common.statusMappings(c.statusCodes)),
                  g.columnUnit('CPU', 'percentunit'),
                  g.columnUnit('memory', 'percentunit'),
                  g.columnUnit('connections', 'percentunit'),
                ]),
      ]),
      g.row('Alerts', [
        g.table('Firing alerts',
                [g.target('sum by (alertname, severity, tenant, server, engine) (ALERTS{alertstate="firing", alertname=~"DbTools.*", tenant=~"$tenant", server=~"$server"})', instant=true)],
                description='Alerts of the DbTools rules firing now (Prometheus ALERTS series).',
                hide=['Time', 'Value'],
                w=24),
      ]),
      g.row('Over time', [
        g.timeseries('Servers by status',
                     [g.target('sum by (status) (%s)' % common.inGroup('dbtools:server_health:info{%s}' % s), '{{status}}')],
                     stack=true,
                     w=8),
        g.timeseries('CPU, top %d' % c.worstServersLimit,
                     [g.target(top('dbtools:server_cpu_utilization:avg{%s}' % s), '{{tenant}}/{{server}}')],
                     unit='percentunit',
                     w=8,
                     min=0,
                     max=1),
        g.timeseries('Memory, top %d' % c.worstServersLimit,
                     [g.target(top('dbtools:server_memory_utilization:avg{%s}' % s), '{{tenant}}/{{server}}')],
                     unit='percentunit',
                     w=8,
                     min=0,
                     max=1),
        g.timeseries('Connections used / max, top %d' % c.worstServersLimit,
                     [g.target(top(f.connectionsRatio), '{{tenant}}/{{server}}')],
                     unit='percentunit',
                     w=8,
                     min=0),
        g.timeseries('Blocked sessions, top %d' % c.worstServersLimit,
                     [g.target(top('max_over_time(%s[$__interval])' % f.blockedSessions), '{{tenant}}/{{server}}')],
                     w=8),
        g.timeseries('Replication lag, top %d' % c.worstServersLimit,
                     [g.target(top('max_over_time(%s[$__interval])' % f.replicationLag), '{{tenant}}/{{server}}')],
                     unit='s',
                     w=8),
        g.timeseries('Oldest backup age, top %d' % c.worstServersLimit,
                     [g.target(top(f.backupAge), '{{tenant}}/{{server}} {{database}}')],
                     unit='s',
                     w=12),
        g.timeseries('Database size per server, top %d' % c.worstServersLimit,
                     [g.target(top(f.serverSize), '{{tenant}}/{{server}}')],
                     unit='bytes',
                     w=12),
      ]),
    ],
    refresh=c.dashboardRefresh,
    from=c.dashboardTimeFrom,
    links=common.links(c),
  )
