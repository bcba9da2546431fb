// Rendered by dashboards/render.sh into dashboards/rendered/ (committed).
(import 'dashboards.libsonnet').grafanaDashboards
