#!/usr/bin/env bash
# Renders the mixin (alert-rules/mixin) into the committed rule files in alert-rules/rendered/.
# Needs Debian's jsonnet (apt-get install jsonnet). Run after changing anything in mixin/; format
# the sources with `jsonnetfmt -i` (same package; the tests check it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/rendered}"
mkdir -p "$out"
rm -f "$out"/*.rules.yml
jsonnet -S -m "$out" "$here/mixin/render.jsonnet" >/dev/null
