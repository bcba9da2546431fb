// All DbTools dashboards, keyed by file name; configuration from the shared mixin config.
local config = (import 'alert-rules/mixin/config.libsonnet')._config;

{
  grafanaDashboards:: {
    'dbtools-fleet.json': (import 'dashboards/fleet.libsonnet')(config),
    'dbtools-server.json': (import 'dashboards/server.libsonnet')(config),
    'dbtools-postgres.json': (import 'dashboards/postgres.libsonnet')(config),
    'dbtools-mssql.json': (import 'dashboards/mssql.libsonnet')(config),
    'dbtools-mongodb.json': (import 'dashboards/mongodb.libsonnet')(config),
    'dbtools-snowflake.json': (import 'dashboards/snowflake.libsonnet')(config),
    'dbtools-exporter.json': (import 'dashboards/exporter.libsonnet')(config),
  },
}
