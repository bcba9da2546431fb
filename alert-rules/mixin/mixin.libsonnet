// The DbTools mixin: configuration, recording rules and alerts. Dashboards are in
// dashboards/mixin/dashboards.libsonnet and read the same configuration and signals.
(import 'config.libsonnet') +
(import 'rules.libsonnet') +
(import 'alerts.libsonnet')
