#!/usr/bin/env bash
# ./dbtools bench: DbTools' exporter side by side with Debian's prometheus-postgres-exporter on one
# throwaway PostgreSQL 15, then one DbTools exporter with a fleet of targets. See docs/benchmarks.md.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
export PYTHONDONTWRITEBYTECODE=1
# shellcheck source=lib/cluster.sh
. "$BENCH/lib/cluster.sh"
# shellcheck source=lib/exporters.sh
. "$BENCH/lib/exporters.sh"

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $(date -u +%H:%M:%S) $*" >&2; }

usage() {
  cat <<'USAGE'
Usage: ./dbtools bench [options]

Comparison (one exporter at a time on the same quiet PostgreSQL):
  --scrapes N            scrapes per exporter window (default 20)
  --interval SECONDS     scrape interval (default 15); a window lasts scrapes x interval
  --warmup N             scrapes half a second apart before each window, not in the window; their
                         CPU is reported apart, as the one-time cost of a fresh process (default 100)
Fleet (one DbTools exporter, N targets probed once per period):
  --fleet-sizes LIST     comma-separated target counts (default 100,500,2000)
  --fleet-period SECONDS scrape interval of every target (default 60)
  --fleet-periods N      periods per size; all but the last warm up, the last is reported (default 3)
  --fleet-idle-timeout S per-target pool_idle_timeout_seconds (default 180: connections stay open
                         between scrapes, as a 60 s scrape interval keeps them in life)
  --fleet-servers N      PostgreSQL servers the fleet's targets are spread over (default 8)
Catalogue:
  --databases N          databases besides appdb and postgres (default 21)
  --tables N             tables in appdb, each with 3 indexes (default 500)
  --pgbench-seconds N    pgbench run that fills pg_stat_statements (default 5)
Dashboard queries (no PostgreSQL: Prometheus backfilled with a generated fleet; only with --only queries):
  --servers N            servers in the generated fleet (default 500)
  --hours N              hours of data, at least 24 (default 24)
  --sample-interval S    seconds between generated samples, the scrape interval (default 30)
  --passes N             measured passes over every query, after a warm-up (default 5)
Other:
  --only compare|fleet|queries   run one part only (all = compare and fleet)
  --only hold            set up the catalogue, write targets.yml, print how to reach it and
                         keep it until Ctrl-C (for profiling the exporter by hand)
  --java-opts "FLAGS"    JVM flags for the DbTools exporter (default: those ./dbtools exporter
                         uses, see EXPORTER_JAVA_OPTS in ./dbtools; "" for the JVM's own)
  -h, --help             this text
Results: a table on stdout and in bench/results/<UTC timestamp>.md (raw JSON beside it).
USAGE
}

ARGS_GIVEN="$*"
SCRAPES=20 INTERVAL=15 WARMUP=100
FLEET_SIZES=100,500,2000 FLEET_PERIOD=60 FLEET_PERIODS=3 FLEET_IDLE_TIMEOUT=180 FLEET_SERVERS=8
DATABASES=21 TABLES=500 PGBENCH_SECONDS=5
# The exporter's own flags (./dbtools exports them), so what is measured is what runs.
ONLY=all JAVA_OPTS="${EXPORTER_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.1 -XX:+UnlockDiagnosticVMOptions -XX:AsyncDeflationInterval=10000 -XX:GuaranteedSafepointInterval=0}"
QUERY_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scrapes) SCRAPES="$2"; shift 2 ;;
    --interval) INTERVAL="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --fleet-sizes) FLEET_SIZES="$2"; shift 2 ;;
    --fleet-period) FLEET_PERIOD="$2"; shift 2 ;;
    --fleet-periods) FLEET_PERIODS="$2"; shift 2 ;;
    --fleet-idle-timeout) FLEET_IDLE_TIMEOUT="$2"; shift 2 ;;
    --fleet-servers) FLEET_SERVERS="$2"; shift 2 ;;
    --databases) DATABASES="$2"; shift 2 ;;
    --tables) TABLES="$2"; shift 2 ;;
    --pgbench-seconds) PGBENCH_SECONDS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --java-opts) JAVA_OPTS="$2"; shift 2 ;;
    --servers|--hours|--sample-interval|--passes) QUERY_ARGS+=("$1" "$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done
for v in SCRAPES WARMUP FLEET_PERIODS DATABASES TABLES PGBENCH_SECONDS FLEET_IDLE_TIMEOUT FLEET_SERVERS; do
  [[ "${!v}" =~ ^[0-9]+$ ]] && [ "${!v}" -gt 0 ] || die "$v must be a positive whole number (got '${!v}')"
done
[[ "$INTERVAL" =~ ^[0-9]+([.][0-9]+)?$ && "$FLEET_PERIOD" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--interval and --fleet-period are seconds"
[[ "$FLEET_SIZES" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--fleet-sizes must be comma-separated numbers"
case "$ONLY" in all|compare|fleet|queries|hold) ;; *) die "--only must be compare, fleet, queries or hold" ;; esac
# The query benchmark needs neither PostgreSQL nor an exporter: it has its own driver.
if [ "$ONLY" = queries ]; then exec "$BENCH/queries.sh" "${QUERY_ARGS[@]}"; fi
[ ${#QUERY_ARGS[@]} -eq 0 ] || die "${QUERY_ARGS[0]} belongs to the query benchmark: add --only queries"

# --- tools -------------------------------------------------------------------------------------
PG_BIN=/usr/lib/postgresql/15/bin
PEER=/usr/bin/prometheus-postgres-exporter
need_package() { # need_package PATH PACKAGE
  [ -x "$1" ] && return 0
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || die "$1 is missing: install the Debian package '$2'"
  say "installing Debian package $2"
  if [ -z "${BENCH_APT_UPDATED:-}" ]; then apt-get update -qq >/dev/null; BENCH_APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  [ -x "$1" ] || die "$1 still missing after installing $2"
}
need_package "$PG_BIN/initdb" postgresql-15
need_package "$PG_BIN/pgbench" postgresql-client-15
need_package "$PEER" prometheus-postgres-exporter
command -v python3 >/dev/null || die "python3 is needed for the scrape driver and the statistics"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java_major="$("$JAVA" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}')"
[ "${java_major:-0}" -ge 21 ] || die "the exporter needs Java 21 or newer (found '$JAVA', major ${java_major:-?}); set JAVA_HOME"
EXPORTER_JAR="$ROOT/exporters/app/target/dbtools-exporter.jar"
if [ ! -f "$EXPORTER_JAR" ]; then
  command -v mvn >/dev/null || die "Maven is needed to build $EXPORTER_JAR"
  say "building $EXPORTER_JAR"
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package -pl exporters/app -am)
fi

# --- workspace and clean-up ----------------------------------------------------------------------
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$BENCH/results"
OUT="$RESULTS/$STAMP"
mkdir -p "$OUT"
WORK="$(mktemp -d /tmp/dbtools-bench.XXXXXX)"
STARTED_PIDS=()
CREATED_USER=""
POSTMASTER_PID=""
FLEET_DIRS=()
cleanup() {
  local rc=$? pid
  trap - EXIT INT TERM
  for pid in "${STARTED_PIDS[@]}"; do stop_pid "$pid"; done
  cluster_stop
  fleet_clusters_stop
  cp "$WORK"/*.log "$OUT/" 2>/dev/null || true # PostgreSQL's, initdb's and pgbench's logs
  rm -rf "$WORK"
  [ -n "$CREATED_USER" ] && userdel "$CREATED_USER" 2>/dev/null
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- cluster -------------------------------------------------------------------------------------
cluster_user
PG_PORT="$(free_port)"
MONITOR_PASSWORD="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
say "PostgreSQL 15 in $WORK (port $PG_PORT, owner $PG_USER)"
cluster_init
cluster_start
say "catalogue: appdb with $TABLES tables, $DATABASES more databases, pgbench ${PGBENCH_SECONDS}s"
cluster_populate
sleep 5 # let the post-load checkpoint and autovacuum launcher settle before any window

python3 - "$OUT/meta.json" <<PY
import json, os, platform, subprocess, sys
def run(*cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (r.stdout.strip() + "\n" + r.stderr.strip()).strip()
    except Exception as e:
        return str(e)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((int(l.split()[1]) * 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
meta = {
    "stamp": "$STAMP", "nproc": os.cpu_count(), "cpu": cpu, "memory_bytes": mem, "kernel": platform.release(),
    "postgres": run("$PG_BIN/postgres", "--version"),
    "peer": run("$PEER", "--version").splitlines()[0],
    "java": run("$JAVA", "-version").splitlines()[0],
    "java_opts": "$JAVA_OPTS",
    "commit": run("git", "-C", "$ROOT", "rev-parse", "--short", "HEAD"),
    # The jar may be older than the checkout: say which build was measured.
    "exporters_commit": run("git", "-C", "$ROOT", "log", "-1", "--format=%h", "--", "exporters"),
    "jar_sha256": run("sha256sum", "$EXPORTER_JAR").split()[0][:12],
    "jar_built": run("date", "-u", "-r", "$EXPORTER_JAR", "+%Y-%m-%d %H:%M UTC"),
    "command": ("./dbtools bench " + """$ARGS_GIVEN""").strip(),
    "scrapes": $SCRAPES, "interval": $INTERVAL, "warmup": $WARMUP,
    "fleet_sizes": [int(x) for x in "$FLEET_SIZES".split(",")], "fleet_period": $FLEET_PERIOD,
    "fleet_periods": $FLEET_PERIODS, "fleet_idle_timeout": $FLEET_IDLE_TIMEOUT, "fleet_servers": $FLEET_SERVERS,
    "databases": $DATABASES + 2, "tables": $TABLES, "pgbench_seconds": $PGBENCH_SECONDS,
}
json.dump(meta, open(sys.argv[1], "w"), indent=1)
PY
psql_admin appdb -At -c "SELECT (SELECT count(*) FROM pg_database WHERE NOT datistemplate),
  (SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace),
  (SELECT count(*) FROM pg_class WHERE relkind = 'i' AND relnamespace = 'public'::regnamespace),
  (SELECT count(*) FROM pg_stat_statements)" | tr '|' ' ' >"$OUT/catalogue.txt"

WINDOW_SECONDS="$(python3 -c "print($SCRAPES * $INTERVAL)")"

# --- comparison ----------------------------------------------------------------------------------
compare() {
  say "idle baseline window (${WINDOW_SECONDS}s, nothing scraping)"
  python3 "$BENCH/window.py" --label idle-before --postmaster "$POSTMASTER_PID" --duration "$WINDOW_SECONDS" \
    --out "$OUT/window-idle-before.json"

  say "DbTools exporter: warm-up, then $SCRAPES scrapes every ${INTERVAL}s"
  dbtools_compare_targets "$WORK/compare.yml"
  start_dbtools "$WORK/compare.yml" "$OUT/dbtools-compare.log"
  python3 "$BENCH/window.py" --label warmup --postmaster "$POSTMASTER_PID" --exporter-pid "$EXPORTER_PID" \
    --url "$EXPORTER_URL/probe?target=warmup" --scrapes "$WARMUP" --interval 0.5 --out "$OUT/warmup-dbtools.json"
  python3 "$BENCH/window.py" --label dbtools --postmaster "$POSTMASTER_PID" --exporter-pid "$EXPORTER_PID" \
    --url "$EXPORTER_URL/probe?target=bench" --scrapes "$SCRAPES" --interval "$INTERVAL" --out "$OUT/window-dbtools.json"
  python3 "$BENCH/counts.py" --url "$EXPORTER_URL/probe?target=bench" --out "$OUT/counts-dbtools.json" \
    --save-text "$OUT/exposition-dbtools.txt"
  stop_exporter
  sleep 2

  say "postgres_exporter: warm-up, then $SCRAPES scrapes every ${INTERVAL}s"
  start_peer "$OUT/peer.log"
  python3 "$BENCH/window.py" --label warmup --postmaster "$POSTMASTER_PID" --exporter-pid "$EXPORTER_PID" \
    --url "$EXPORTER_URL/metrics" --scrapes "$WARMUP" --interval 0.5 --out "$OUT/warmup-peer.json"
  python3 "$BENCH/window.py" --label peer --postmaster "$POSTMASTER_PID" --exporter-pid "$EXPORTER_PID" \
    --url "$EXPORTER_URL/metrics" --scrapes "$SCRAPES" --interval "$INTERVAL" --out "$OUT/window-peer.json"
  python3 "$BENCH/counts.py" --url "$EXPORTER_URL/metrics" --out "$OUT/counts-peer.json" \
    --save-text "$OUT/exposition-peer.txt"
  stop_exporter
  sleep 2

  say "idle baseline window again (${WINDOW_SECONDS}s)"
  python3 "$BENCH/window.py" --label idle-after --postmaster "$POSTMASTER_PID" --duration "$WINDOW_SECONDS" \
    --out "$OUT/window-idle-after.json"
}

# --- fleet ---------------------------------------------------------------------------------------
fleet() {
  local sizes max n
  IFS=, read -r -a sizes <<<"$FLEET_SIZES"
  max=0; for n in "${sizes[@]}"; do [ "$n" -gt "$max" ] && max="$n"; done
  # Every target may hold one connection at a time; leave room for the superuser and background workers.
  say "fleet: $FLEET_SERVERS PostgreSQL servers, max_connections $(( (max + FLEET_SERVERS - 1) / FLEET_SERVERS + 20 )) each"
  fleet_clusters_start "$FLEET_SERVERS" "$(( (max + FLEET_SERVERS - 1) / FLEET_SERVERS + 20 ))"
  local pm_args=() pm
  for pm in "${FLEET_POSTMASTERS[@]}"; do pm_args+=(--postmaster "$pm"); done
  sleep 5
  say "fleet idle baseline (${FLEET_PERIOD}s)"
  python3 "$BENCH/window.py" --label fleet-idle "${pm_args[@]}" --duration "$FLEET_PERIOD" --out "$OUT/fleet-idle.json"
  for n in "${sizes[@]}"; do
    say "fleet of $n targets: $FLEET_PERIODS x ${FLEET_PERIOD}s"
    dbtools_fleet_targets "$WORK/fleet-$n.yml" "$n"
    start_dbtools "$WORK/fleet-$n.yml" "$OUT/dbtools-fleet-$n.log"
    python3 "$BENCH/fleet.py" --label "fleet-$n" "${pm_args[@]}" --exporter-pid "$EXPORTER_PID" \
      --base "$EXPORTER_URL" --targets-file "$WORK/fleet-$n.names" --period "$FLEET_PERIOD" \
      --periods "$FLEET_PERIODS" --out "$OUT/fleet-$n.json"
    # Live heap after a full collection: what the targets really keep, independent of heap sizing.
    "${JAVA%java}jcmd" "$EXPORTER_PID" GC.run >/dev/null 2>&1 || true
    "${JAVA%java}jcmd" "$EXPORTER_PID" GC.heap_info >"$OUT/heap-$n.txt" 2>&1 || true
    stop_exporter
    sleep 3
  done
}

hold() {
  dbtools_compare_targets "$WORK/compare.yml"
  cp "$WORK/compare.yml" "$OUT/targets.yml"
  say "holding: PostgreSQL on 127.0.0.1:$PG_PORT (postmaster $POSTMASTER_PID); targets in $OUT/targets.yml"
  say "run: DBTOOLS_BENCH_PASSWORD=$MONITOR_PASSWORD java -jar $EXPORTER_JAR --config $OUT/targets.yml"
  say "Ctrl-C stops PostgreSQL and removes the cluster"
  while true; do sleep 3600; done
}

case "$ONLY" in
  hold) hold ;;
  all) compare; fleet ;;
  compare) compare ;;
  fleet) fleet ;;
esac

python3 "$BENCH/report.py" "$OUT" | tee "$RESULTS/$STAMP.md"
say "results: $RESULTS/$STAMP.md (raw data in $OUT/)"
