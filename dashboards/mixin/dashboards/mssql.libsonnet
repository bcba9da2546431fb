// SQL Server servers (exporters/mssql, docs/metrics/mssql.md).
local common = import '../common.libsonnet';
local g = import '../lib/grafana.libsonnet';
local msSignals = import 'alert-rules/mixin/signals/mssql.libsonnet';

function(c)
  local ms = msSignals(common.sel, '$__rate_interval');
  local q(expr, legend='{{tenant}}/{{server}}') = g.target(common.inGroup(expr), legend);
  g.dashboard(
    c.dashboardUidPrefix + 'mssql',
    'DbTools / SQL Server',
    'SQL Server instances: throughput, waits, memory, blocking, file latency, log space, availability groups, agent jobs.',
    c.dashboardTags + ['mssql'],
    common.variables(engine='mssql'),
    [
      g.row('Throughput', [
        g.timeseries('Batch requests', [q(ms.batchRequests)], unit='ops', w=8),
        g.timeseries('Transactions', [q(ms.transactions)], unit='ops', w=8),
        g.timeseries('SQL compilations', [q(ms.compilations)], unit='ops', w=8),
      ]),
      g.row('Waits and blocking', [
        g.timeseries('Waits by type (top 10)',
                     [q(ms.waitsByType, '{{server}} {{wait_type}}')],
                     unit='s',
                     w=12,
                     description='Seconds waited per second, by wait type.'),
        g.timeseries('Lock waits', [q(ms.lockWaits)], unit='ops', w=6),
        g.timeseries('Deadlocks', [q(ms.deadlocks)], w=6),
        g.timeseries('Head blockers', [q(ms.headBlockers)], w=12),
        g.timeseries('Longest blocked wait', [q(ms.blockedWaitLongest)], unit='s', w=12),
      ]),
      g.row('Memory and I/O', [
        g.timeseries('Page life expectancy', [q(ms.pageLifeExpectancy)], unit='s', w=8),
        g.timeseries('Memory grants pending', [q(ms.memoryGrantsPending)], w=8),
        g.timeseries('File read latency', [q(ms.readLatency, '{{server}} {{database}}')], unit='s', w=8),
        g.timeseries('File write latency', [q(ms.writeLatency, '{{server}} {{database}}')], unit='s', w=12),
        g.timeseries('Log space used', [q(ms.logUsed, '{{server}} {{database}}')], unit='percentunit', w=12, min=0, max=1),
      ]),
      g.row('Availability and jobs', [
        g.table('Availability group health',
                [g.target(common.inGroup(ms.agSyncHealth), instant=true)],
                hide=['Time', '__name__'],
                renames={ Value: 'health (0 not, 1 partially, 2 healthy)' }),
        g.table('Agent job failures (24 h)',
                [g.target(common.inGroup(ms.agentJobFailures + ' > 0'), instant=true)],
                hide=['Time', '__name__'],
                renames={ Value: 'failures' }),
      ]),
    ],
    refresh=c.dashboardRefresh,
    from=c.dashboardTimeFrom,
    links=common.links(c),
  )
