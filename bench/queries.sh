#!/usr/bin/env bash
# ./dbtools bench --only queries: how long the fleet-overview and server-detail dashboards take on a
# Prometheus holding a day of a 500-server fleet. The data is generated on the fly (bench/openmetrics.py),
# backfilled with `promtool tsdb create-blocks-from openmetrics` two hours at a time, and queried by
# bench/dashboard_queries.py. Nothing is kept but the results. See docs/benchmarks.md.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
export PYTHONDONTWRITEBYTECODE=1

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $(date -u +%H:%M:%S) $*" >&2; }

SERVERS=500 HOURS=24 INTERVAL=30 PASSES=5 TENANTS=20
ARGS_GIVEN="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --servers) SERVERS="$2"; shift 2 ;;
    --hours) HOURS="$2"; shift 2 ;;
    --sample-interval) INTERVAL="$2"; shift 2 ;;
    --passes) PASSES="$2"; shift 2 ;;
    --tenants) TENANTS="$2"; shift 2 ;;
    *) die "unknown option for the query benchmark '$1'" ;;
  esac
done
for v in SERVERS HOURS INTERVAL PASSES TENANTS; do
  [[ "${!v}" =~ ^[0-9]+$ ]] && [ "${!v}" -gt 0 ] || die "$v must be a positive whole number (got '${!v}')"
done
[ "$HOURS" -ge 24 ] || die "--hours must be at least 24 (the 24 h range is measured)"
for tool in prometheus promtool python3; do
  command -v "$tool" >/dev/null || die "'$tool' is missing (Debian packages prometheus, python3)"
done

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$BENCH/results"
OUT="$RESULTS/$STAMP-queries"
mkdir -p "$OUT"
WORK="$(mktemp -d /tmp/dbtools-bench-queries.XXXXXX)"
PROM_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$PROM_PID" ]; then kill "$PROM_PID" 2>/dev/null; wait "$PROM_PID" 2>/dev/null || true; fi
  cp "$WORK"/*.log "$OUT/" 2>/dev/null || true
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The period ends a little before now so Prometheus takes every block as the past.
END=$(( $(date +%s) / 7200 * 7200 ))
START=$(( END - HOURS * 3600 ))
SERIES="$(python3 "$BENCH/openmetrics.py" --count --servers "$SERVERS" --tenants "$TENANTS" --start "$START" --end "$END" \
  --now "$END" --out /dev/null)"
say "backfilling $SERIES series ($SERVERS servers, $TENANTS tenants) over ${HOURS} h at ${INTERVAL} s"
t0=$(date +%s)
for (( w = START; w < END; w += 7200 )); do
  python3 "$BENCH/openmetrics.py" --servers "$SERVERS" --tenants "$TENANTS" --start "$w" --end $(( w + 7200 )) \
    --interval "$INTERVAL" --now "$END" --out "$WORK/window.om"
  promtool tsdb create-blocks-from openmetrics "$WORK/window.om" "$WORK/data" >>"$WORK/promtool.log" 2>&1 \
    || die "promtool failed: $(tail -5 "$WORK/promtool.log")"
  rm -f "$WORK/window.om"
done
BACKFILL_SECONDS=$(( $(date +%s) - t0 ))
say "backfilled in ${BACKFILL_SECONDS} s: $(du -sh "$WORK/data" | cut -f1) of blocks"

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
printf 'global: {}\n' >"$WORK/prometheus.yml"
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" --storage.tsdb.retention.time=30d \
  --web.listen-address="127.0.0.1:$PORT" >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
python3 "$BENCH/wait_http.py" "http://127.0.0.1:$PORT/-/ready" 120 || die "prometheus not ready: $(tail -5 "$WORK/prometheus.log")"

PG_SERVER="tenant01/po-0001"  # a primary with a standby
MSSQL_SERVER="tenant13/ms-0013"  # in an availability group
say "running the dashboards' queries ($PASSES passes after a warm-up)"
python3 "$BENCH/dashboard_queries.py" --prometheus "http://127.0.0.1:$PORT" --dashboards "$ROOT/dashboards/rendered" \
  --end "$END" --scrape-interval "$INTERVAL" --passes "$PASSES" --pg-server "$PG_SERVER" --mssql-server "$MSSQL_SERVER" \
  --out "$OUT/queries.json"

python3 - "$OUT" "$SERIES" "$BACKFILL_SECONDS" "./dbtools bench --only queries $ARGS_GIVEN" "$SERVERS" "$HOURS" "$INTERVAL" <<'PY' \
  | tee "$RESULTS/$STAMP-queries.md"
import json, os, subprocess, sys
out, series, backfill, command, servers, hours, interval = sys.argv[1:]
rows = json.load(open(os.path.join(out, "queries.json")))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((int(l.split()[1]) // 1024 // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
prom = subprocess.run(["prometheus", "--version"], capture_output=True, text=True)
prom = (prom.stdout or prom.stderr).splitlines()[0]
print(f"`{command.strip()}`: {servers} servers, {series} series, {hours} h at {interval} s"
      f" (backfill {backfill} s); {os.cpu_count()} × {cpu}, {mem} GiB; {prom}\n")
print("| dashboard | range | step (time series) | queries (empty) | all queries, median of passes | worst pass | p99 per query | slowest query |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['dashboard']} | {r['range_hours']} h | {' / '.join(f'{x:g} s' for x in r['steps_seconds'])} | {r['queries']} ({len(r['empty'])}) | "
          f"{r['total_median_s'] * 1000:.0f} ms | {r['total_max_s'] * 1000:.0f} ms | {r['query_p99_s'] * 1000:.0f} ms | "
          f"{r['slowest_query']} ({r['slowest_query_s'] * 1000:.0f} ms) |")
print("\n(empty: panels for another engine than the selected server's, or connection errors of a server that has none)")
print("\nLoad average (1/5/15 min) after each row: " + "; ".join(f"{r['range_hours']} h {r['dashboard'].split('(')[0].strip()}: "
      + "/".join(r["loadavg"]) for r in rows))
for r in rows:
    slow = sorted(r["per_query_median_s"].items(), key=lambda kv: -kv[1])[:5]
    if r["total_median_s"] >= 1:
        print(f"\nSlowest queries, {r['dashboard']}, {r['range_hours']} h (median of passes): "
              + "; ".join(f"{w} {t * 1000:.0f} ms" for w, t in slow))
PY
say "results: $RESULTS/$STAMP-queries.md (raw data in $OUT/)"
