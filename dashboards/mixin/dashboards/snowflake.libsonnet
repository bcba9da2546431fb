// Snowflake accounts (exporters/snowflake, docs/metrics/snowflake.md). Figures cover the target's
// usage window (window_hours, default 24 h) and come from ACCOUNT_USAGE, hours behind.
local common = import '../common.libsonnet';
local g = import '../lib/grafana.libsonnet';
local sfSignals = import 'alert-rules/mixin/signals/snowflake.libsonnet';

function(c)
  local sf = sfSignals(common.sel, '$__rate_interval');
  local q(expr, legend='{{tenant}}/{{server}}') = g.target(common.inGroup(expr), legend);
  g.dashboard(
    c.dashboardUidPrefix + 'snowflake',
    'DbTools / Snowflake',
    'Snowflake accounts: credits per warehouse and service, queries, queueing, storage, logins. Values cover the usage window (default 24 h) and lag by hours.',
    c.dashboardTags + ['snowflake'],
    common.variables(engine='snowflake'),
    [
      g.row('Credits', [
        g.timeseries('Credits per warehouse (usage window)', [q(sf.warehouseCredits, '{{server}} {{warehouse}}')], w=12),
        g.timeseries('Credits per service (usage window)', [q(sf.accountCredits, '{{server}} {{service_type}}')], w=12),
        g.stat('Credit data age',
               [g.target(common.inGroup(sf.creditsFreshness), instant=true)],
               unit='s',
               w=24,
               h=3,
               description='Time since the newest WAREHOUSE_METERING_HISTORY hour the figures include.'),
      ]),
      g.row('Queries and load', [
        g.timeseries('Queries per warehouse (usage window)', [q(sf.queries, '{{server}} {{warehouse}}')], w=8),
        g.timeseries('Failed queries (usage window)', [q(sf.queriesFailed, '{{server}} {{warehouse}}')], w=8),
        g.timeseries('Warehouse load: running and queued (average)',
                     [q(sf.running, '{{server}} {{warehouse}} running'), q(sf.queued, '{{server}} {{warehouse}} queued')],
                     w=8),
      ]),
      g.row('Storage and logins', [
        g.timeseries('Storage', [q(sf.storage)], unit='bytes', w=12),
        g.timeseries('Login failures (usage window)', [q(sf.loginFailures)], w=12),
      ]),
    ],
    refresh=c.dashboardRefresh,
    from=c.dashboardTimeFrom,
    links=common.links(c),
  )
