# A throwaway PostgreSQL 15 cluster for the benchmark: initdb in a temp dir as a non-root user,
# a realistic catalogue, a monitoring role. Sourced by run.sh; expects WORK, PG_BIN, PG_USER set.

as_pg() { # runs a command as the cluster's owner
  if [ "$(id -u)" = 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}

psql_admin() { # psql_admin DB [psql args...]: superuser over the cluster's private socket
  local db="$1"; shift
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$WORK/run" -p "$PG_PORT" -U postgres -d "$db" "$@"
}

cluster_user() { # picks (or creates) the non-root user that owns the cluster
  if [ "$(id -u)" != 0 ]; then PG_USER="$(id -un)"; return; fi
  if id postgres >/dev/null 2>&1; then PG_USER=postgres; return; fi
  useradd --system --no-create-home --shell /usr/sbin/nologin dbtools-bench
  PG_USER=dbtools-bench
  CREATED_USER=dbtools-bench
}

cluster_init() {
  mkdir -p "$WORK/run"
  [ "$(id -u)" = 0 ] && chown -R "$PG_USER" "$WORK"
  as_pg "$PG_BIN/initdb" -D "$WORK/data" -U postgres -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >"$WORK/initdb.log" 2>&1
  cat >>"$WORK/data/postgresql.conf" <<CONF
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK/run'
shared_preload_libraries = 'pg_stat_statements'
max_connections = 100
log_min_messages = warning
CONF
}

cluster_start() {
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/data" -l "$WORK/postgres.log" -w -t 60 start >/dev/null
  POSTMASTER_PID="$(head -1 "$WORK/data/postmaster.pid")"
}

cluster_stop() {
  [ -f "$WORK/data/postmaster.pid" ] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
}

cluster_set_max_connections() { # restarts with a new max_connections
  psql_admin postgres -c "ALTER SYSTEM SET max_connections = $1"
  cluster_stop
  cluster_start
}

# The catalogue: 'appdb' with TABLES tables (each with a primary key and two indexes, 20 rows) plus
# pgbench's tables, DATABASES more databases with 10 indexed tables each, pg_stat_statements filled by
# a short pgbench run (TPC-B plus a script touching every app table), then VACUUM ANALYZE everywhere.
cluster_populate() {
  psql_admin postgres <<SQL
CREATE ROLE monitor LOGIN PASSWORD '$MONITOR_PASSWORD';
GRANT pg_monitor TO monitor;
CREATE EXTENSION pg_stat_statements;
CREATE DATABASE appdb;
SQL
  psql_admin appdb <<SQL
CREATE EXTENSION pg_stat_statements;
SELECT format('CREATE TABLE app_%s (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, account_id int NOT NULL,
                 status text NOT NULL, amount numeric(12,2), created_at timestamptz NOT NULL DEFAULT now())', i)
  FROM generate_series(1, $TABLES) i \gexec
SELECT format('CREATE INDEX ON app_%s (account_id)', i) FROM generate_series(1, $TABLES) i \gexec
SELECT format('CREATE INDEX ON app_%s (created_at)', i) FROM generate_series(1, $TABLES) i \gexec
SELECT format('INSERT INTO app_%s (account_id, status, amount)
                 SELECT g %% 97, (ARRAY[''new'', ''paid'', ''void''])[1 + g %% 3], g * 1.5 FROM generate_series(1, 20) g', i)
  FROM generate_series(1, $TABLES) i \gexec
SQL
  local d
  for d in $(seq -f 'db%02g' 1 "$DATABASES"); do
    psql_admin postgres -c "CREATE DATABASE $d"
    psql_admin "$d" <<SQL
SELECT format('CREATE TABLE item_%s (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, qty int)', i)
  FROM generate_series(1, 10) i \gexec
SELECT format('CREATE INDEX ON item_%s (name)', i) FROM generate_series(1, 10) i \gexec
SELECT format('INSERT INTO item_%s (name, qty) SELECT ''n'' || g, g FROM generate_series(1, 50) g', i)
  FROM generate_series(1, 10) i \gexec
SQL
  done
  "$PG_BIN/pgbench" -h "$WORK/run" -p "$PG_PORT" -U postgres -i -q -s 1 appdb >"$WORK/pgbench-init.log" 2>&1
  cat >"$WORK/app.sql" <<PGB
\set t random(1, $TABLES)
\set a random(0, 96)
SELECT count(*), sum(amount) FROM app_:t WHERE account_id = :a;
UPDATE app_:t SET amount = amount + 1 WHERE id = :a % 20 + 1;
PGB
  "$PG_BIN/pgbench" -h "$WORK/run" -p "$PG_PORT" -U postgres -c 4 -j 2 -T "$PGBENCH_SECONDS" \
    -b tpcb-like@1 -f "$WORK/app.sql@1" appdb >"$WORK/pgbench-run.log" 2>&1
  "$PG_BIN/vacuumdb" -h "$WORK/run" -p "$PG_PORT" -U postgres --all --analyze --quiet
  psql_admin postgres -c CHECKPOINT
}

# Fleet servers: COUNT small clusters (a few empty databases, the monitoring role), so that a fleet of
# thousands of targets is spread as it would be in life. On one server, every target's scrape of
# pg_stat_activity and pg_locks walks every other target's backend: PostgreSQL's work per scrape grows
# with the fleet and saturates the machine long before the exporter is the limit.
fleet_clusters_start() { # fleet_clusters_start COUNT MAX_CONNECTIONS: sets FLEET_PORTS, FLEET_POSTMASTERS
  local k dir port
  FLEET_PORTS=() FLEET_POSTMASTERS=() FLEET_DIRS=()
  for ((k = 0; k < $1; k++)); do
    dir="$WORK/fleet$k"; port="$(free_port)"
    mkdir -p "$dir/run"
    [ "$(id -u)" = 0 ] && chown -R "$PG_USER" "$dir"
    as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C \
      --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1
    cat >>"$dir/data/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/run'
max_connections = $2
shared_buffers = 32MB
log_min_messages = warning
CONF
    as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >/dev/null
    FLEET_DIRS+=("$dir") FLEET_PORTS+=("$port") FLEET_POSTMASTERS+=("$(head -1 "$dir/data/postmaster.pid")")
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/run" -p "$port" -U postgres -d postgres >/dev/null <<SQL
CREATE ROLE monitor LOGIN PASSWORD '$MONITOR_PASSWORD';
GRANT pg_monitor TO monitor;
CREATE DATABASE fleet1;
CREATE DATABASE fleet2;
CREATE DATABASE fleet3;
SQL
  done
}

fleet_clusters_stop() {
  local dir
  for dir in "${FLEET_DIRS[@]}"; do
    [ -f "$dir/data/postmaster.pid" ] || continue
    as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  done
}
