// Exporter self-monitoring: per-target scrape health (on /probe) and the exporter process (/metrics).
function(s, w='5m', job='') {
  collectorSuccess: 'dbtools_scrape_collector_success{%s}' % s,
  collectorFailing: 'dbtools_scrape_collector_success{%s} == 0' % s,
  collectorDuration: 'dbtools_scrape_collector_duration_seconds{%s}' % s,
  collectorAge: 'dbtools_scrape_collector_age_seconds{%s}' % s,
  scrapeDuration: 'dbtools_scrape_duration_seconds{%s}' % s,
  scrapesByOutcome: 'sum by (instance, outcome) (rate(dbtools_exporter_target_scrapes_total{%s}[%s]))' % [job, w],
  scrapeDurationP95: 'histogram_quantile(0.95, sum by (instance, le) (rate(dbtools_exporter_target_scrape_duration_seconds_bucket{%s}[%s])))' % [job, w],
  openSessions: 'dbtools_exporter_open_sessions{%s}' % job,
  configReloadOk: 'dbtools_exporter_config_last_reload_successful{%s}' % job,
  configReloadTime: 'dbtools_exporter_config_last_reload_timestamp_seconds{%s}' % job,
  exporterUp: 'up{%s}' % job,
}
