// The exporter itself: per-target scrapes and collectors (from /probe) and the process (/metrics).
local common = import '../common.libsonnet';
local g = import '../lib/grafana.libsonnet';
local exporterSignals = import 'alert-rules/mixin/signals/exporter.libsonnet';

function(c)
  local e = exporterSignals(common.sel, '$__rate_interval', c.exporterJobSelector);
  local q(expr, legend) = g.target(common.inGroup(expr), legend);
  g.dashboard(
    c.dashboardUidPrefix + 'exporter',
    'DbTools / Exporter',
    'Self-monitoring: collector success and duration per target, scrape times, the exporter processes.',
    c.dashboardTags,
    common.variables(),
    [
      g.row('Collectors', [
        g.table('Failing collectors',
                [g.target(common.inGroup(e.collectorFailing), instant=true)],
                hide=['Time', '__name__', 'Value', 'job', 'instance'],
                w=24,
                h=6,
                description='Collectors whose last run failed (dbtools_scrape_collector_success 0): usually a missing grant or feature.'),
        g.timeseries('Collector success', [q('min_over_time(%s[$__interval])' % e.collectorSuccess, '{{server}} {{collector}}')], w=12, min=0, max=1),
        g.timeseries('Collector duration', [q(e.collectorDuration, '{{server}} {{collector}}')], unit='s', w=12),
        g.timeseries('Collector data age',
                     [q(e.collectorAge, '{{server}} {{collector}}')],
                     unit='s',
                     w=12,
                     description="0 when read in the scrape; more when served from the collector's refresh cache."),
        g.timeseries('Target scrape duration', [q(e.scrapeDuration, '{{tenant}}/{{server}}')], unit='s', w=12),
      ]),
      g.row('Exporter processes', [
        g.timeseries('Exporter up', [g.target(e.exporterUp, '{{instance}}')], w=6, min=0, max=1),
        g.timeseries('Target scrapes by outcome', [g.target(e.scrapesByOutcome, '{{instance}} {{outcome}}')], unit='ops', w=6),
        g.timeseries('Target scrape duration p95', [g.target(e.scrapeDurationP95, '{{instance}}')], unit='s', w=6),
        g.timeseries('Open sessions', [g.target(e.openSessions, '{{instance}}')], w=6),
        g.timeseries('Targets file reload ok', [g.target(e.configReloadOk, '{{instance}}')], w=12, min=0, max=1),
        g.timeseries('Targets file last read', [g.target('time() - %s' % e.configReloadTime, '{{instance}}')], unit='s', w=12),
      ]),
    ],
    refresh=c.dashboardRefresh,
    from=c.dashboardTimeFrom,
    links=common.links(c),
  )
