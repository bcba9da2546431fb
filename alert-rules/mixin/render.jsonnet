// Rendered by alert-rules/render.sh into alert-rules/rendered/ (committed).
local mixin = import 'mixin.libsonnet';
local yamlWriter = import 'yaml.libsonnet';
// `metric{}` (no extra selector configured) is valid PromQL but noise: drop the empty braces.
local tidy(file) = file {
  groups: [g { rules: [r { expr: std.strReplace(r.expr, '{}', '') } for r in g.rules] } for g in file.groups],
};
local yaml(v) = '# Generated from alert-rules/mixin by alert-rules/render.sh; do not edit.\n' +
                yamlWriter.manifest(v);
{
  'dbtools-recording.rules.yml': yaml(tidy(mixin.prometheusRules)),
  'dbtools-alerts.rules.yml': yaml(tidy(mixin.prometheusAlerts)),
}
