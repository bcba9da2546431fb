#!/usr/bin/env bash
# Renders the dashboards (dashboards/mixin, with alert-rules/mixin's config and signals) into the
# committed JSON in dashboards/rendered/. Needs Debian's jsonnet (apt-get install jsonnet).
# Run after changing anything in dashboards/mixin or alert-rules/mixin; format the sources with
# `jsonnetfmt -i` (same package; the tests check it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/rendered}"
mkdir -p "$out"
rm -f "$out"/*.json
jsonnet -J "$here/.." -J "$here/mixin" -m "$out" "$here/mixin/render.jsonnet" >/dev/null
