// Rendered by alert-rules/render.sh into alert-rules/rendered/ (committed).
local mixin = import 'mixin.libsonnet';
local yaml(v) = '# Generated from alert-rules/mixin by alert-rules/render.sh; do not edit.\n' +
                std.manifestYamlDoc(v, indent_array_in_object=true, quote_keys=false) + '\n';
{
  'dbtools-recording.rules.yml': yaml(mixin.prometheusRules),
  'dbtools-alerts.rules.yml': yaml(mixin.prometheusAlerts),
}
