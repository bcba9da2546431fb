// One server in depth: status, CPU, memory, connections, waits and locks, I/O, replication, sizes,
// backups. Normalized panels work on every engine; engine panels show data for their engine only.
local common = import '../common.libsonnet';
local g = import '../lib/grafana.libsonnet';
local fleetSignals = import 'alert-rules/mixin/signals/fleet.libsonnet';
local mgSignals = import 'alert-rules/mixin/signals/mongodb.libsonnet';
local msSignals = import 'alert-rules/mixin/signals/mssql.libsonnet';
local pgSignals = import 'alert-rules/mixin/signals/postgres.libsonnet';

function(c)
  local s = common.sel;
  local w = '$__rate_interval';
  local f = fleetSignals(s, w);
  local pg = pgSignals(s, w);
  local ms = msSignals(s, w);
  local mg = mgSignals(s, w);
  // Gauges over long ranges: the peak within each step, so 30-day views keep short spikes.
  local peak(expr) = 'max_over_time(%s[$__interval])' % expr;
  local mean(expr) = 'avg_over_time(%s[$__interval])' % expr;
  g.dashboard(
    c.dashboardUidPrefix + 'server',
    'DbTools / Server detail',
    'One database server: health, CPU, memory, connections, waits and locks, I/O, replication, sizes and backups.',
    c.dashboardTags,
    common.variables(serverMulti=false),
    [
      g.row('Status', [
        g.stat('Health',
               [g.target('dbtools:server_health:status{%s}' % s, instant=true)],
               mappings=common.statusMappings(c.statusCodes),
               w=4,
               thresholds=[{ color: 'green', value: null }]),
        g.stat('Last successful scrape',
               [g.target('time() - dbtools:server_last_success:timestamp_seconds{%s}' % s, instant=true)],
               unit='s',
               w=4),
        g.table('Server', [g.target(f.serverInfo, instant=true)], hide=['Time', 'Value', '__name__', 'tenant', 'server', 'job', 'instance'], w=16, h=4),
        g.table('Connection errors',
                [g.target(f.connectError, instant=true)],
                description='dbtools_target_connect_error: why the exporter cannot use the server.',
                hide=['Time', 'Value', '__name__'],
                w=24,
                h=4),
      ]),
      g.row('CPU and memory', [
        g.timeseries('CPU utilization',
                     [g.target(mean(f.cpu), 'CPU')],
                     unit='percentunit',
                     min=0,
                     max=1,
                     description='dbtools_cpu_utilization_ratio averaged per step (engines that expose it).'),
        g.timeseries('Memory utilization', [g.target(mean(f.memory), 'memory')], unit='percentunit', min=0, max=1),
      ]),
      g.row('Connections and sessions', [
        g.timeseries('Connections', [g.target(peak(f.connectionsUsed), 'used'), g.target(f.connectionsMax, 'max')], w=8),
        g.timeseries('PostgreSQL sessions by state', [g.target(pg.sessionsByState, '{{state}}')], stack=true, w=8),
        g.timeseries('MongoDB connections', [g.target(mg.connections, '{{state}}')], w=8),
      ]),
      g.row('Waits and locks', [
        g.timeseries('Blocked sessions', [g.target(peak(f.blockedSessions), 'blocked')], w=8),
        g.timeseries('Oldest running query', [g.target(peak(f.oldestQuery), 'oldest query')], unit='s', w=8),
        g.timeseries('PostgreSQL lock waits by mode', [g.target(pg.locksWaiting, '{{mode}}')], w=8),
        g.timeseries('SQL Server waits (top 10 types)',
                     [g.target(ms.waitsByType, '{{wait_type}}')],
                     unit='s',
                     w=12,
                     description='Seconds waited per second, by wait type.'),
        g.timeseries('MongoDB global lock queue', [g.target(mg.globalLockQueue, '{{type}}')], w=12),
      ]),
      g.row('I/O', [
        g.timeseries('PostgreSQL blocks read from disk', [g.target(pg.blocksRead, 'blocks/s')], w=8),
        g.timeseries('PostgreSQL cache hit ratio', [g.target(pg.cacheHitRatio, 'hit ratio')], unit='percentunit', w=8),
        g.timeseries('SQL Server file latency', [g.target(ms.readLatency, 'read {{database}}'), g.target(ms.writeLatency, 'write {{database}}')], unit='s', w=8),
        g.timeseries('MongoDB network', [g.target(mg.networkIn, 'in'), g.target(mg.networkOut, 'out')], unit='Bps', w=12),
        g.timeseries('PostgreSQL WAL generated', [g.target(pg.walBytes, 'WAL')], unit='Bps', w=12),
      ]),
      g.row('Replication', [
        g.timeseries('Replication lag', [g.target(peak(f.replicationLag), 'lag')], unit='s', w=8),
        g.timeseries('PostgreSQL standbys: replay lag', [g.target(pg.standbyReplayLagBytes, '{{application_name}} {{client_addr}}')], unit='bytes', w=8),
        g.timeseries('MongoDB members: lag', [g.target(mg.memberLag, '{{member}}')], unit='s', w=8),
      ]),
      g.row('Sizes', [
        g.timeseries('Database size', [g.target(f.databaseSize, '{{database}}')], unit='bytes', stack=true),
        g.timeseries('SQL Server log used', [g.target(ms.logUsed, '{{database}}')], unit='percentunit', min=0, max=1),
      ]),
      g.row('Backups', [
        g.table('Last backup per database',
                [g.target('time() - %s' % f.lastBackup, instant=true)],
                hide=['Time', '__name__', 'tenant', 'server', 'engine'],
                renames={ Value: 'age' },
                overrides=[g.columnUnit('age', 's')],
                w=12),
        g.timeseries('Backup age', [g.target(f.backupAge, '{{database}}'), g.target(f.logBackupAge, '{{database}} (log)')], unit='s', w=12),
      ]),
    ],
    refresh=c.dashboardRefresh,
    from=c.dashboardTimeFrom,
    links=common.links(c),
  )
