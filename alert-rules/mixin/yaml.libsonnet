// A small YAML writer for rule files: std.manifestYamlDoc of jsonnet 0.18 takes tens of seconds
// on these files. Keys keep a fixed order (name/record/alert first), multi-line strings become
// block literals, other strings are single-quoted (no escapes to compute; ' is doubled).
local keyOrder = ['name', 'interval', 'record', 'alert', 'expr', 'for', 'labels', 'annotations', 'rules', 'groups'];
local rank(k) = local i = std.find(k, keyOrder); if std.length(i) > 0 then i[0] else std.length(keyOrder);
local keys(o) = std.sort(std.objectFields(o), function(k) std.char(65 + rank(k)) + k);

{
  scalar(v, indent)::
    if std.isString(v) then
      if std.length(std.split(v, '\n')) > 1 then
        local lines = std.split(std.rstripChars(v, '\n'), '\n');
        '|\n' + std.join('\n', [if l == '' then '' else indent + l for l in lines])
      else "'" + std.strReplace(v, "'", "''") + "'"
    else std.toString(v),

  value(v, indent)::
    if std.isObject(v) then
      if std.length(v) == 0 then ' {}' else '\n' + self.object(v, indent)
    else if std.isArray(v) then
      if std.length(v) == 0 then ' []' else '\n' + self.array(v, indent)
    else ' ' + self.scalar(v, indent),

  // first: what precedes the first key ('- ' under a list item, else the indent).
  object(o, indent, first=indent)::
    local ks = keys(o);
    std.join('\n', [
      (if i == 0 then first else indent) + ks[i] + ':' + self.value(o[ks[i]], indent + '  ')
      for i in std.range(0, std.length(ks) - 1)
    ]),

  array(a, indent)::
    std.join('\n', [
      if std.isObject(e) then self.object(e, indent + '  ', indent + '- ')
      else indent + '- ' + self.scalar(e, indent + '  ')
      for e in a
    ]),

  manifest(o):: self.object(o, '') + '\n',
}
