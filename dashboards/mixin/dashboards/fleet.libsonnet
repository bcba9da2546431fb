// Fleet overview: how many servers are in which health status, per group, the worst servers and
// the alerts firing now. Built on the health model's recording rules (alert-rules).
local common = import '../common.libsonnet';
local g = import '../lib/grafana.libsonnet';
local fleetSignals = import 'alert-rules/mixin/signals/fleet.libsonnet';
local jobSignals = import 'alert-rules/mixin/signals/jobs.libsonnet';
local matchers = import 'alert-rules/mixin/signals/matchers.libsonnet';

function(c)
  local s = common.sel;
  local f = fleetSignals(s, '$__rate_interval');
  local statuses = ['healthy', 'warning', 'critical', 'offline', 'unknown'];
  local count(status) = 'sum(%s)' % common.inGroup('dbtools:server_health:info{%s, status="%s"}' % [s, status]);
  local perGroup(status) =
    'sum by (group) (dbtools:server_group:info{tenant=~"$tenant", group=~"$group"} * on (tenant, server) group_left () dbtools:server_health:info{%s, status="%s"})' % [s, status];
  local top(expr) = 'topk(%d, %s)' % [c.worstServersLimit, common.inGroup(expr)];
  // Servers per status from the fleet aggregates (dbtools:*_health:servers): with every group
  // (All, `.*`) the per-tenant series count each server once and also match the group selector
  // (they have no group label), so they replace the per-group sum; with groups selected only the
  // per-group series match. The server selection does not apply (the aggregates have no server).
  local fleetSel = 'tenant=~"$tenant", engine=~"$engine", group=~"$group"';
  local byStatus = |||
    sum by (status) (dbtools:group_health:servers{%(s)s})
    unless on () dbtools:tenant_health:servers{%(s)s}
    or sum by (status) (dbtools:tenant_health:servers{%(s)s})
  ||| % { s: fleetSel };
  local timeseries(title, targets, unit='short', description='', w=12, stack=false, min=null, max=null, interval='1m') =
    g.timeseries(title,
                 targets,
                 unit=unit,
                 description=description,
                 w=w,
                 stack=stack,
                 min=min,
                 max=max,
                 maxDataPoints=c.fleetMaxDataPoints,
                 interval=interval);
  // The worst servers over time, from the fleet trend rules (one point per server and group every
  // fleetTrendInterval, so the group filter is a label match instead of a join at every step): each
  // step shows the highest value within the step, never finer than the trend.
  local trendTop(title, recorded, unit, what, max=null) =
    local expr = 'topk(%d, max by (tenant, server) (max_over_time(%s{%s, group=~"$group"}[$__interval])))' %
                 [c.worstServersLimit, recorded, s];
    timeseries(title % c.worstServersLimit,
               [g.target(expr, '{{tenant}}/{{server}}')],
               unit=unit,
               description='The %d servers with the highest %s at each step (the highest value within the step, recorded every %s by the dbtools-fleet-trends rules; per-scrape detail is on Server detail).' % [c.worstServersLimit, what, c.fleetTrendInterval],
               w=8,
               min=0,
               max=max,
               interval=c.fleetTrendInterval);
  // Jobs have no engine and may have no server: the server filter keeps jobs without one.
  local j = jobSignals(matchers.join([c.jobSelector, 'tenant=~"$tenant"', 'server=~"$server|"']));
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
      g.row('Scheduled jobs', [
        g.stat('Jobs failing',
               [g.target('count(%s) or vector(0)' % j.failing, instant=true)],
               description='Scheduled jobs whose last run failed and that have not succeeded since (DbToolsJobFailing fires for them after 10 minutes).',
               color='red',
               w=4,
               h=8),
        g.stat('Job failures',
               [g.target('sum(%s) or vector(0)' % j.failuresIn('$__range'), instant=true)],
               description='Failed or timed-out job executions in the selected time range, retries included.',
               color='orange',
               w=4,
               h=8),
        g.table('Jobs',
                [
                  g.target('time() - %s' % j.lastSuccess(), instant=true),
                  g.target('time() - %s' % j.lastFailure(), instant=true),
                  g.target(j.intervalPerJob, instant=true),
                  g.target(j.failuresIn('$__range'), instant=true),
                  g.target(j.durationAvg('$__range'), instant=true),
                ],
                description='Every job the control API nodes ran or know from their history: time since its last success and failure, its interval (none for once and event jobs), failures and average duration in the time range. Filtered by tenant and server; jobs without a server always show.',
                renames={ 'Value #A': 'since success', 'Value #B': 'since failure', 'Value #C': 'interval', 'Value #D': 'failures', 'Value #E': 'avg duration' },
                overrides=[
                  g.columnUnit('since success', 's'),
                  g.columnUnit('since failure', 's'),
                  g.columnUnit('interval', 's'),
                  g.columnUnit('avg duration', 's'),
                ],
                w=16),
        timeseries('Time since last success',
                   [g.target('time() - %s' % j.lastSuccess(), '{{tenant}}/{{job_name}}')],
                   unit='s',
                   w=8,
                   description='Rises steadily between runs and drops at each success; a line that keeps rising past its interval is a stale job.'),
        timeseries('Job failures',
                   [g.target(j.failuresIn('$__rate_interval'), '{{tenant}}/{{job_name}}')],
                   w=8),
        timeseries('Job duration (average)',
                   [g.target(j.durationAvg('$__rate_interval'), '{{tenant}}/{{job_name}}')],
                   unit='s',
                   w=8),
      ]),
      g.row('Over time', [
        timeseries('Servers by status',
                   [g.target(byStatus, '{{status}}')],
                   description='Servers per health status in the selected tenants, engines and groups (recorded per tenant, engine and group: a server in two selected groups counts in each; the server selection does not apply).',
                   stack=true,
                   w=8),
        trendTop('CPU, top %d', 'dbtools:server_cpu_utilization:trend_max', 'percentunit', 'CPU use (health-model average)', max=1),
        trendTop('Memory, top %d', 'dbtools:server_memory_utilization:trend_max', 'percentunit', 'memory use (health-model average)', max=1),
        trendTop('Connections used / max, top %d', 'dbtools:server_connections_utilization:trend_max', 'percentunit', 'connections used over the maximum'),
        trendTop('Blocked sessions, top %d', 'dbtools:server_blocked_sessions:trend_max', 'short', 'blocked sessions'),
        trendTop('Replication lag, top %d', 'dbtools:server_replication_lag_seconds:trend_max', 's', 'replication lag'),
      ]),
      // Tables, not time series: what matters is the age and size now (the backup alerts fire on
      // the current age; sizes move little in a day, their history is on Server detail), and
      // ranking every database at every step of a day took seconds.
      g.row('Backups and size', [
        g.table('Oldest backup age, top %d' % c.worstServersLimit,
                [g.target(top(f.backupAge), instant=true)],
                description='The %d databases whose newest backup (any type but log) is oldest, now.' % c.worstServersLimit,
                renames={ Value: 'age' },
                overrides=[g.columnUnit('age', 's')],
                sortBy=[{ displayName: 'age', desc: true }]),
        g.table('Database size per server, top %d' % c.worstServersLimit,
                [g.target(top(f.serverSize), instant=true)],
                description='The %d largest servers (sum of their databases), now.' % c.worstServersLimit,
                renames={ Value: 'size' },
                overrides=[g.columnUnit('size', 'bytes')],
                sortBy=[{ displayName: 'size', desc: true }]),
      ]),
    ],
    refresh=c.dashboardRefresh,
    from=c.dashboardTimeFrom,
    links=common.links(c),
  )
