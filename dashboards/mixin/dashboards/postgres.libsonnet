// PostgreSQL servers (exporters/postgres, docs/metrics/postgres.md).
local common = import '../common.libsonnet';
local g = import '../lib/grafana.libsonnet';
local pgSignals = import 'alert-rules/mixin/signals/postgres.libsonnet';

function(c)
  local pg = pgSignals(common.sel, '$__rate_interval');
  local q(expr, legend='{{tenant}}/{{server}}') = g.target(common.inGroup(expr), legend);
  g.dashboard(
    c.dashboardUidPrefix + 'postgres',
    'DbTools / PostgreSQL',
    'PostgreSQL servers: throughput, cache, locks, vacuum and wraparound, replication, WAL and checkpoints.',
    c.dashboardTags + ['postgres'],
    common.variables(engine='postgres'),
    [
      g.row('Throughput', [
        g.timeseries('Commits', [q(pg.commits)], unit='ops', w=8),
        g.timeseries('Rollbacks', [q(pg.rollbacks)], unit='ops', w=8),
        g.timeseries('Rows returned', [q(pg.tuples('returned'))], unit='rps', w=8),
        g.timeseries('Rows inserted / updated / deleted',
                     [q(pg.tuples('inserted'), '{{server}} ins'), q(pg.tuples('updated'), '{{server}} upd'), q(pg.tuples('deleted'), '{{server}} del')],
                     unit='rps',
                     w=12),
        g.timeseries('Sessions by state', [q(pg.sessionsByState, '{{server}} {{state}}')], w=12),
      ]),
      g.row('Cache and I/O', [
        g.timeseries('Cache hit ratio', [q(pg.cacheHitRatio)], unit='percentunit', w=8),
        g.timeseries('Blocks read from disk', [q(pg.blocksRead)], w=8),
        g.timeseries('Temporary file bytes written',
                     [q(pg.tempBytes)],
                     unit='Bps',
                     w=8,
                     description='work_mem spills: sorts and hashes that did not fit in memory.'),
      ]),
      g.row('Locks and long transactions', [
        g.timeseries('Lock waits by mode', [q(pg.locksWaiting, '{{server}} {{mode}}')], w=6),
        g.timeseries('Head blockers', [q(pg.headBlockers)], w=6),
        g.timeseries('Longest lock wait', [q(pg.lockWaitLongest)], unit='s', w=6),
        g.timeseries('Deadlocks', [q(pg.deadlocks)], w=6),
        g.timeseries('Oldest open transaction',
                     [q(pg.oldestTransaction)],
                     unit='s',
                     w=12,
                     description='Holds back vacuum while it stays open.'),
        g.timeseries('Transaction ID wraparound headroom', [q(pg.wraparoundHeadroom)], unit='percentunit', w=12, min=0, max=1),
      ]),
      g.row('Replication and WAL', [
        g.timeseries('Standby replay lag (bytes)', [q(pg.standbyReplayLagBytes, '{{server}} → {{application_name}}')], unit='bytes', w=8),
        g.timeseries('Replication slots: retained WAL', [q(pg.slotRetainedWal, '{{server}} {{slot_name}}')], unit='bytes', w=8),
        g.timeseries('WAL generated', [q(pg.walBytes)], unit='Bps', w=8),
        g.timeseries('Checkpoints requested vs timed',
                     [q(pg.checkpointsRequested, '{{server}} requested'), q(pg.checkpointsTimed, '{{server}} timed')],
                     w=12,
                     description='Many requested checkpoints mean max_wal_size is small for the write load.'),
        g.timeseries('In recovery (standby)', [q(pg.inRecovery)], w=12),
      ]),
    ],
    refresh=c.dashboardRefresh,
    from=c.dashboardTimeFrom,
    links=common.links(c),
  )
