# Starting and stopping the two exporters. Sourced by run.sh; every process started here is
# remembered in STARTED_PIDS so the exit trap can stop it.

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# dbtools_targets_file FILE DB...: the comparison's two targets on the same database: 'bench' is
# measured, 'warmup' only warms the JVM so that bench's first scrape in the window runs every collector.
dbtools_compare_targets() {
  cat >"$1" <<YAML
defaults:
  tenant: bench
  engine: postgres
  host: 127.0.0.1
  port: $PG_PORT
  database: appdb
  username: monitor
  password: env:DBTOOLS_BENCH_PASSWORD
  tls: {mode: disable}
targets:
  - name: bench
  - name: warmup
YAML
}

# dbtools_fleet_targets FILE N: N targets spread round-robin over the fleet servers and their databases;
# connections close FLEET_IDLE_TIMEOUT s after use.
dbtools_fleet_targets() {
  local file="$1" n="$2" i dbs=(postgres fleet1 fleet2 fleet3) servers="${#FLEET_PORTS[@]}"
  {
    cat <<YAML
defaults:
  tenant: bench
  engine: postgres
  host: 127.0.0.1
  username: monitor
  password: env:DBTOOLS_BENCH_PASSWORD
  tls: {mode: disable}
  options: {pool_idle_timeout_seconds: $FLEET_IDLE_TIMEOUT, pool_max_connections: 1}
targets:
YAML
    for ((i = 0; i < n; i++)); do
      printf '  - {name: t%04d, port: %s, database: %s}\n' "$i" "${FLEET_PORTS[i % servers]}" "${dbs[(i / servers) % ${#dbs[@]}]}"
    done
  } >"$file"
  for ((i = 0; i < n; i++)); do printf 't%04d\n' "$i"; done >"${file%.yml}.names"
}

start_dbtools() { # start_dbtools TARGETS_FILE LOG: sets EXPORTER_PID, EXPORTER_URL
  local port; port="$(free_port)"
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM flags
  DBTOOLS_BENCH_PASSWORD="$MONITOR_PASSWORD" "$JAVA" $JAVA_OPTS -jar "$EXPORTER_JAR" \
    --config "$1" --listen "127.0.0.1:$port" >"$2" 2>&1 &
  EXPORTER_PID=$!
  STARTED_PIDS+=("$EXPORTER_PID")
  EXPORTER_URL="http://127.0.0.1:$port"
  python3 "$BENCH/wait_http.py" "$EXPORTER_URL/healthz" 120 || { tail -20 "$2" >&2; die "DbTools exporter did not start (log: $2)"; }
}

start_peer() { # start_peer LOG: sets EXPORTER_PID, EXPORTER_URL
  local port; port="$(free_port)"
  DATA_SOURCE_NAME="postgresql://monitor:$MONITOR_PASSWORD@127.0.0.1:$PG_PORT/appdb?sslmode=disable" \
    "$PEER" --web.listen-address="127.0.0.1:$port" --log.level=warn >"$1" 2>&1 &
  EXPORTER_PID=$!
  STARTED_PIDS+=("$EXPORTER_PID")
  EXPORTER_URL="http://127.0.0.1:$port"
  python3 "$BENCH/wait_http.py" "$EXPORTER_URL/" 60 || { tail -20 "$1" >&2; die "postgres_exporter did not start (log: $1)"; }
}

stop_pid() { # SIGTERM, then SIGKILL after 15 s
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

stop_exporter() { # only one exporter runs at a time
  stop_pid "$EXPORTER_PID"
  STARTED_PIDS=()
}
