// MongoDB servers (exporters/mongodb, docs/metrics/mongodb.md).
local common = import '../common.libsonnet';
local g = import '../lib/grafana.libsonnet';
local mgSignals = import 'alert-rules/mixin/signals/mongodb.libsonnet';

function(c)
  local mg = mgSignals(common.sel, '$__rate_interval');
  local q(expr, legend='{{tenant}}/{{server}}') = g.target(common.inGroup(expr), legend);
  g.dashboard(
    c.dashboardUidPrefix + 'mongodb',
    'DbTools / MongoDB',
    'MongoDB members and routers: operations, connections, WiredTiger cache and tickets, replica sets, oplog.',
    c.dashboardTags + ['mongodb'],
    common.variables(engine='mongodb'),
    [
      g.row('Operations', [
        g.timeseries('Operations by type', [q(mg.operations, '{{server}} {{op}}')], unit='ops', w=12),
        g.timeseries('Connections', [q(mg.connections, '{{server}} {{state}}')], w=12),
        g.timeseries('Network in', [q(mg.networkIn)], unit='Bps', w=8),
        g.timeseries('Network out', [q(mg.networkOut)], unit='Bps', w=8),
        g.timeseries('Operations running long', [q(mg.longOperations, '{{server}} ≥ {{threshold_seconds}} s')], w=8),
      ]),
      g.row('Memory and concurrency', [
        g.timeseries('Resident memory', [q(mg.residentMemory)], unit='bytes', w=8),
        g.timeseries('WiredTiger cache used', [q(mg.cacheUsedRatio)], unit='percentunit', w=8, min=0, max=1),
        g.timeseries('WiredTiger cache dirty', [q(mg.cacheDirtyRatio)], unit='percentunit', w=8, min=0),
        g.timeseries('Tickets available', [q(mg.ticketsAvailable, '{{server}} {{operation}}')], w=8),
        g.timeseries('Global lock queue', [q(mg.globalLockQueue, '{{server}} {{type}}')], w=8),
        g.timeseries('Asserts', [q(mg.asserts, '{{server}} {{type}}')], unit='ops', w=8),
      ]),
      g.row('Replica sets', [
        g.timeseries('Member lag', [q(mg.memberLag, '{{server}} → {{member}}')], unit='s', w=8),
        g.timeseries('Member health', [q(mg.memberHealth, '{{server}} → {{member}}')], w=8, min=0, max=1),
        g.timeseries('Oplog window', [q(mg.oplogWindow)], unit='s', w=8),
      ]),
    ],
    refresh=c.dashboardRefresh,
    from=c.dashboardTimeFrom,
    links=common.links(c),
  )
