// Small builders for Grafana dashboard JSON (schemaVersion 39, Grafana 10/11): no grafonnet
// offline, and these few cover what the DbTools dashboards use.
local ds = { type: 'prometheus', uid: '${datasource}' };

{
  datasource: ds,

  // ---- queries ----
  target(expr, legend='', instant=false, format=null):: {
    datasource: ds,
    expr: expr,
    legendFormat: legend,
    range: !instant,
    instant: instant,
  } + (if format != null then { format: format } else {}),

  // ---- variables ----
  datasourceVariable:: {
    name: 'datasource',
    label: 'Data source',
    type: 'datasource',
    query: 'prometheus',
    current: {},
    hide: 0,
    refresh: 1,
    regex: '',
  },

  queryVariable(name, label, query, regex='', multi=true, includeAll=true):: {
    name: name,
    label: label,
    type: 'query',
    datasource: ds,
    query: { query: query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
    definition: query,
    regex: regex,
    refresh: 2,  // on time range change: servers come and go
    sort: 1,
    multi: multi,
    includeAll: includeAll,
    current: {},
    hide: 0,
  } + (if includeAll then { allValue: '.*' } else {}),

  // ---- panels (size in grid units; placed by dashboard()) ----
  local panel(type, title, targets, unit, description, w, h) = {
    type: type,
    title: title,
    description: description,
    datasource: ds,
    targets: [targets[i] { refId: std.char(65 + i) } for i in std.range(0, std.length(targets) - 1)],
    fieldConfig: { defaults: { unit: unit }, overrides: [] },
    w:: w,
    h:: h,
  },

  // maxDataPoints: at most this many points per line (Grafana's step is range / maxDataPoints,
  // rounded, at least `interval`); null for the panel's width in pixels.
  timeseries(title, targets, unit='short', description='', w=12, h=8, stack=false, min=null, max=null, maxDataPoints=null, interval='1m')::
    panel('timeseries', title, targets, unit, description, w, h) {
      interval: interval,
      fieldConfig+: { defaults+: {
        custom: {
          lineWidth: 1,
          fillOpacity: if stack then 30 else 10,
          showPoints: 'never',
          spanNulls: false,
          stacking: { mode: if stack then 'normal' else 'none', group: 'A' },
        },
      } + (if min != null then { min: min } else {}) + (if max != null then { max: max } else {}) },
      options: {
        legend: { displayMode: 'table', placement: 'bottom', calcs: ['mean', 'max', 'lastNotNull'] },
        tooltip: { mode: 'multi', sort: 'desc' },
      },
    } + (if maxDataPoints != null then { maxDataPoints: maxDataPoints } else {}),

  stat(title, targets, unit='short', description='', w=4, h=4, color='blue', mappings=[], thresholds=null)::
    panel('stat', title, targets, unit, description, w, h) {
      fieldConfig+: { defaults+: {
        color: { mode: if thresholds != null then 'thresholds' else 'fixed', fixedColor: color },
        mappings: mappings,
      } + (if thresholds != null then { thresholds: { mode: 'absolute', steps: thresholds } } else {}) },
      options: {
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
        colorMode: 'background',
        graphMode: 'none',
        textMode: 'auto',
        justifyMode: 'auto',
      },
    },

  // Instant queries shown as one row per series; columns renamed by renames {'Value #A': 'CPU'}.
  // sortBy: [{ displayName: 'age', desc: true }] for the initial order.
  table(title, targets, description='', w=12, h=8, renames={}, hide=['Time'], unit='short', overrides=[], sortBy=[])::
    panel('table', title, [t { instant: true, range: false, format: 'table' } for t in targets], unit, description, w, h) {
      fieldConfig+: { overrides: overrides },
      options: { showHeader: true, cellHeight: 'sm' } + (if sortBy != [] then { sortBy: sortBy } else {}),
      transformations: [
        { id: 'merge', options: {} },
        { id: 'organize', options: { excludeByName: { [f]: true for f in hide }, renameByName: renames } },
      ],
    },

  // Overrides for a table column.
  columnUnit(column, unit):: { matcher: { id: 'byName', options: column }, properties: [{ id: 'unit', value: unit }] },
  columnMappings(column, mappings):: {
    matcher: { id: 'byName', options: column },
    properties: [{ id: 'mappings', value: mappings }, { id: 'custom.cellOptions', value: { type: 'color-background' } }],
  },

  // ---- layout ----
  row(title, panels):: { title: title, panels: panels },

  // rows: [row(...)] -> panels with ids and gridPos, each row's panels flowed left to right.
  dashboard(uid, title, description, tags, variables, rows, refresh='1m', from='now-6h', links=[])::
    local place(acc, p) =
      local wrap = acc.x + p.w > 24;
      local x = if wrap then 0 else acc.x;
      local y = if wrap then acc.y + acc.rowH else acc.y;
      local rowH = if wrap then p.h else std.max(acc.rowH, p.h);
      acc {
        x: x + p.w,
        y: y,
        rowH: rowH,
        id: acc.id + 1,
        out: acc.out + [p { id: acc.id, gridPos: { x: x, y: y, w: p.w, h: p.h } }],
      };
    local layRow(acc, r) =
      local header = {
        type: 'row',
        title: r.title,
        collapsed: false,
        panels: [],
        id: acc.id,
        gridPos: { x: 0, y: acc.y + acc.rowH, w: 24, h: 1 },
      };
      local start = { x: 0, y: acc.y + acc.rowH + 1, rowH: 0, id: acc.id + 1, out: acc.out + [header] };
      std.foldl(place, r.panels, start);
    local laid = std.foldl(layRow, rows, { x: 0, y: 0, rowH: 0, id: 1, out: [] });
    {
      uid: uid,
      title: title,
      description: description,
      tags: tags,
      timezone: 'browser',
      editable: true,
      graphTooltip: 1,
      schemaVersion: 39,
      version: 1,
      refresh: refresh,
      time: { from: from, to: 'now' },
      timepicker: { refresh_intervals: ['30s', '1m', '5m', '15m', '1h'] },
      templating: { list: variables },
      annotations: { list: [] },
      links: links,
      panels: laid.out,
    },
}
