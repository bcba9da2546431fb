// What every DbTools dashboard shares: the variables (datasource, tenant, engine, group, server),
// the selector they make, the group filter, the health status colours and the links between
// dashboards.
local g = import 'lib/grafana.libsonnet';

{
  // Put on every raw dbtools_* and recorded dbtools:* series.
  sel: 'tenant=~"$tenant", engine=~"$engine", server=~"$server"',

  // Keeps the series of servers in the selected groups. dbtools:server_group:info exists for every
  // known server (group "ungrouped" when dbtools_server_group_info has none for it), so this never
  // empties a panel just because groups are not set up.
  inGroup(expr):: '(%s) and on (tenant, server) dbtools:server_group:info{group=~"$group"}' % expr,

  // engine: regex of the engines this dashboard is about ('' for all); serverMulti: false on the
  // single-server dashboard.
  variables(engine='', serverMulti=true):: [
    g.datasourceVariable,
    g.queryVariable('tenant', 'Tenant', 'label_values(dbtools_up, tenant)'),
    g.queryVariable('engine',
                    'Engine',
                    'label_values(dbtools_up{tenant=~"$tenant"}, engine)',
                    regex=if engine == '' then '' else '/^(%s)$/' % engine),
    g.queryVariable('group', 'Group', 'label_values(dbtools:server_group:info{tenant=~"$tenant"}, group)'),
    g.queryVariable('server',
                    'Server',
                    'query_result(group by (server) (dbtools:server:known{tenant=~"$tenant", engine=~"$engine"} and on (tenant, server) dbtools:server_group:info{group=~"$group"}))',
                    regex='/server="([^"]+)"/',
                    multi=serverMulti,
                    includeAll=serverMulti),
  ],

  statusMappings(codes):: [{
    type: 'value',
    options: {
      [std.toString(codes.healthy)]: { text: 'healthy', color: 'green', index: 0 },
      [std.toString(codes.warning)]: { text: 'warning', color: 'yellow', index: 1 },
      [std.toString(codes.critical)]: { text: 'critical', color: 'red', index: 2 },
      [std.toString(codes.offline)]: { text: 'offline', color: 'dark-purple', index: 3 },
      [std.toString(codes.unknown)]: { text: 'unknown', color: 'gray', index: 4 },
    },
  }],

  statusColors: { healthy: 'green', warning: 'yellow', critical: 'red', offline: 'dark-purple', unknown: 'gray' },

  links(c):: [{
    title: 'DbTools',
    type: 'dashboards',
    tags: c.dashboardTags,
    asDropdown: true,
    includeVars: true,
    keepTime: true,
  }],
}
