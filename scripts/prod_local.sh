#!/usr/bin/env bash
# The production profile (deploy/) on loopback, from Debian's packages: PostgreSQL, Redis,
# two action servers, two Rasa instances with deploy/endpoints.prod.yml and
# deploy/credentials.prod.yml, and nginx in front with conversation affinity.
#
#   scripts/prod_local.sh start          install what is missing (apt-get), start everything, wait
#   scripts/prod_local.sh stop           stop everything this script started
#   scripts/prod_local.sh status         what runs, on which port
#   scripts/prod_local.sh env            the settings a client needs (URL, token file), as shell lines
# Used by the fault tests (scripts/fault_test.py), and by hand:
#   kill-rasa N | stop-rasa N | start-rasa N | kill-actions N | start-actions N | restart-actions N
#   restart-postgres | wait-ready | reload-nginx (after editing deploy/nginx.conf)
#
# Everything lives in var/prod/ (data, logs, pids, the rendered nginx.conf). Secrets are made
# once into var/prod/secrets.env (mode 600) and reach the servers through their environment,
# never their command lines. PostgreSQL runs as the `postgres` user (it refuses root).
# Ports: PROD_NGINX_PORT (8480), PROD_PORT_BASE (18400: Rasa +5/+6, actions +55/+57, the
# nginx listener for the action servers +56, PostgreSQL +32, Redis +79).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
source scripts/env.sh

P="$ROOT/var/prod"
BASE="${PROD_PORT_BASE:-18400}"
NGINX_PORT="${PROD_NGINX_PORT:-8480}"
RASA_PORTS=($((BASE + 5)) $((BASE + 6)))
ACTION_PORTS=($((BASE + 55)) $((BASE + 57)))
ACTIONS_LB_PORT=$((BASE + 56))
PG_PORT=$((BASE + 32))
REDIS_PORT_LOCAL=$((BASE + 79))
PG_USER_OS=postgres
PGDATA="$P/pg/data"
PGRUN="$P/pg/run"
MODEL="${PROD_MODEL:-models/$(bash scripts/model_name.sh).tar.gz}"
READY_TIMEOUT="${PROD_READY_TIMEOUT:-420}"

say() { printf 'prod-local: %s\n' "$*" >&2; }
die() { printf 'prod-local: ERROR: %s\n' "$*" >&2; exit 1; }

# -- install -----------------------------------------------------------------------------------
install_packages() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  [ -x /usr/lib/postgresql/15/bin/postgres ] || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 \
    || missing+=(postgresql)
  command -v psql >/dev/null || missing+=(postgresql-client)
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: run as root, or install them with apt-get"
    say "installing ${missing[*]} (apt-get)"
    # policy-rc.d stops Debian from starting the packaged services; this script starts its own
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

pg_bin() { local d; d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1); echo "$d/$1"; }
NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"

# -- secrets -----------------------------------------------------------------------------------
secrets() {
  mkdir -p "$P"
  if [ ! -f "$P/secrets.env" ]; then
    umask 077
    {
      echo "PG_PASSWORD=$(openssl rand -hex 24)"
      echo "REDIS_PASSWORD=$(openssl rand -hex 24)"
      echo "REST_API_TOKEN=$(openssl rand -hex 32)"
      echo "WIDGET_JWT_KEY=$(openssl rand -hex 32)"
    } > "$P/secrets.env"
    umask 022
    say "made secrets in var/prod/secrets.env (mode 600)"
  fi
  set -a; source "$P/secrets.env"; set +a
  cat > "$P/ports.env" <<EOF
NGINX_PORT=$NGINX_PORT
RASA_PORTS="${RASA_PORTS[*]}"
ACTION_PORTS="${ACTION_PORTS[*]}"
ACTIONS_LB_PORT=$ACTIONS_LB_PORT
PG_PORT=$PG_PORT
REDIS_PORT=$REDIS_PORT_LOCAL
EOF
}

server_env() {
  export DATABASE_URL="postgresql://assistant:${PG_PASSWORD}@127.0.0.1:${PG_PORT}/assistant"
  export REDIS_HOST=127.0.0.1 REDIS_PORT="$REDIS_PORT_LOCAL" REDIS_PASSWORD REST_API_TOKEN WIDGET_JWT_KEY
  export ACTION_ENDPOINT_URL="http://127.0.0.1:${ACTIONS_LB_PORT}/webhook"
  export SANIC_HOST=127.0.0.1      # the action servers listen on loopback only
  export TICKET_LOCK_LIFETIME="${TICKET_LOCK_LIFETIME:-60}"
  export WIDGET_ORIGINS="${WIDGET_ORIGINS:-http://127.0.0.1:$NGINX_PORT}"
}

# -- processes ---------------------------------------------------------------------------------
pidfile() { echo "$P/pids/$1.pid"; }
running() { local f; f=$(pidfile "$1"); [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

# launch NAME LOG CMD...: in the background, in its own session, its pid in var/prod/pids/
launch() {
  local name=$1 log=$2; shift 2
  mkdir -p "$P/pids" "$P/logs"
  if running "$name"; then say "$name already runs (pid $(cat "$(pidfile "$name")"))"; return; fi
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$(pidfile "$name")" "$@" >> "$log" 2>&1 < /dev/null &
  local i
  for i in $(seq 50); do [ -s "$(pidfile "$name")" ] && break; sleep 0.1; done
  say "started $name (pid $(cat "$(pidfile "$name")"), log ${log#$ROOT/})"
}

# halt NAME [SIGNAL] [TIMEOUT]: signal the process, wait for it, KILL after the timeout
halt() {
  local name=$1 sig=${2:-TERM} timeout=${3:-30} f pid i
  f=$(pidfile "$name")
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$sig" "$pid" 2>/dev/null || true
    for i in $(seq $((timeout * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then say "$name did not stop: KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
    say "stopped $name"
  fi
  rm -f "$f"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# -- PostgreSQL --------------------------------------------------------------------------------
pg_as() { runuser -u "$PG_USER_OS" -- "$@"; }

postgres_init() {
  id "$PG_USER_OS" >/dev/null 2>&1 || die "no '$PG_USER_OS' user (Debian's postgresql package makes it)"
  mkdir -p "$P/pg"
  chown "$PG_USER_OS": "$P/pg"
  pg_as mkdir -p "$PGRUN"
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    say "initdb in var/prod/pg/data (as $PG_USER_OS)"
    pg_as "$(pg_bin initdb)" -D "$PGDATA" --auth-local=peer --auth-host=scram-sha-256 -U postgres \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$PGDATA/postgresql.conf" <<EOF
# prod_local.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PGRUN'
max_connections = 200
shared_buffers = 128MB
fsync = on
synchronous_commit = on
log_min_messages = warning
EOF
    chown "$PG_USER_OS": "$PGDATA/postgresql.conf"
  fi
}

postgres_start() {
  if pg_as "$(pg_bin pg_ctl)" -D "$PGDATA" status >/dev/null 2>&1; then return; fi
  port_free "$PG_PORT" || die "port $PG_PORT is taken (set PROD_PORT_BASE)"
  pg_as "$(pg_bin pg_ctl)" -D "$PGDATA" -l "$P/pg/postgres.log" -o "-p $PG_PORT" -w -t 60 start >/dev/null
  say "PostgreSQL on 127.0.0.1:$PG_PORT"
}

postgres_setup_db() {
  local psql=(runuser -u "$PG_USER_OS" -- psql -h "$PGRUN" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname='assistant'")" != 1 ]; then
    # the password goes in through stdin, not the command line
    printf "CREATE ROLE assistant LOGIN PASSWORD '%s';\n" "$PG_PASSWORD" | "${psql[@]}" -d postgres
  else
    printf "ALTER ROLE assistant PASSWORD '%s';\n" "$PG_PASSWORD" | "${psql[@]}" -d postgres
  fi
  if [ "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname='assistant'")" != 1 ]; then
    "${psql[@]}" -d postgres -c "CREATE DATABASE assistant OWNER assistant"
  fi
}

postgres_stop() {
  [ -f "$PGDATA/PG_VERSION" ] || return 0
  if pg_as "$(pg_bin pg_ctl)" -D "$PGDATA" status >/dev/null 2>&1; then
    pg_as "$(pg_bin pg_ctl)" -D "$PGDATA" -m fast -w stop >/dev/null && say "stopped PostgreSQL"
  fi
}

postgres_restart() {
  pg_as "$(pg_bin pg_ctl)" -D "$PGDATA" -l "$P/pg/postgres.log" -o "-p $PG_PORT" -m fast -w -t 60 restart >/dev/null
  say "restarted PostgreSQL"
}

# -- Redis -------------------------------------------------------------------------------------
redis_start() {
  running redis && return
  port_free "$REDIS_PORT_LOCAL" || die "port $REDIS_PORT_LOCAL is taken (set PROD_PORT_BASE)"
  mkdir -p "$P/redis"
  ( umask 077; cat > "$P/redis/redis.conf" <<EOF
bind 127.0.0.1
port $REDIS_PORT_LOCAL
protected-mode yes
requirepass $REDIS_PASSWORD
daemonize no
dir $P/redis
# locks, in-flight markers and heartbeats are short-lived: no persistence
save ""
appendonly no
EOF
  )
  launch redis "$P/logs/redis.log" redis-server "$P/redis/redis.conf"
}

# -- the assistant -----------------------------------------------------------------------------
schema() {
  say "records schema (alembic upgrade, the explicit migration step)"
  python -m bot.records.migrate
}

actions_start() {
  local n=$1 port=${ACTION_PORTS[$(($1 - 1))]}
  running "actions-$n" && return
  port_free "$port" || die "port $port is taken (set PROD_PORT_BASE)"
  # --logging-config-file: every log line is scrubbed of personal details (rasa_ext/log_scrub.py)
  launch "actions-$n" "$P/logs/actions-$n.log" rasa run actions --actions actions --port "$port" \
    --logging-config-file rasa_ext/logging.yml
}

rasa_start() {
  local n=$1 port=${RASA_PORTS[$(($1 - 1))]}
  running "rasa-$n" && return
  port_free "$port" || die "port $port is taken (set PROD_PORT_BASE)"
  [ -f "$MODEL" ] || die "no model at $MODEL (make train)"
  RASA_INSTANCE_ID="rasa-$n" launch "rasa-$n" "$P/logs/rasa-$n.log" \
    rasa run --model "$MODEL" --interface 127.0.0.1 --port "$port" \
    --endpoints deploy/endpoints.prod.yml --credentials deploy/credentials.prod.yml \
    --logging-config-file rasa_ext/logging.yml
}

nginx_render() {
  mkdir -p "$P/nginx/tmp" "$P/nginx/logs"
  chown www-data: "$P/nginx/tmp" 2>/dev/null || true
  sed -e "s|^user nginx;|user www-data;|" \
      -e "s|^pid /var/run/nginx.pid;|pid $P/nginx/nginx.pid;|" \
      -e "s|^error_log /dev/stderr warn;|error_log $P/nginx/logs/error.log warn;|" \
      -e "s|access_log /dev/stdout routed;|access_log $P/nginx/logs/access.log routed;|" \
      -e "s|client_body_temp_path /tmp/nginx-client-body;|client_body_temp_path $P/nginx/tmp/body;|" \
      -e "s|proxy_temp_path /tmp/nginx-proxy;|proxy_temp_path $P/nginx/tmp/proxy;|" \
      -e "s|server rasa-1:5005|server 127.0.0.1:${RASA_PORTS[0]}|" \
      -e "s|server rasa-2:5005|server 127.0.0.1:${RASA_PORTS[1]}|" \
      -e "s|server actions-1:5055|server 127.0.0.1:${ACTION_PORTS[0]}|" \
      -e "s|server actions-2:5055|server 127.0.0.1:${ACTION_PORTS[1]}|" \
      -e "s|listen 8080;|listen 127.0.0.1:$NGINX_PORT;|" \
      -e "s|listen 5056;|listen 127.0.0.1:$ACTIONS_LB_PORT;|" \
      deploy/nginx.conf > "$P/nginx/nginx.conf"
  # the config must have been rendered completely: no container host names left
  if grep -Eq 'rasa-[12]:|actions-[12]:|listen (8080|5056);' "$P/nginx/nginx.conf"; then
    die "deploy/nginx.conf changed in a way this script does not render; see $P/nginx/nginx.conf"
  fi
  "$NGINX_BIN" -t -q -c "$P/nginx/nginx.conf" -p "$P/nginx/" -e "$P/nginx/logs/error.log"
}

nginx_start() {
  running nginx && return
  port_free "$NGINX_PORT" || die "port $NGINX_PORT is taken (set PROD_NGINX_PORT)"
  port_free "$ACTIONS_LB_PORT" || die "port $ACTIONS_LB_PORT is taken (set PROD_PORT_BASE)"
  nginx_render
  launch nginx "$P/nginx/logs/stderr.log" "$NGINX_BIN" -c "$P/nginx/nginx.conf" -p "$P/nginx/" \
    -e "$P/nginx/logs/error.log" -g "daemon off;"
}

wait_ready() {
  local urls=("http://127.0.0.1:$NGINX_PORT/healthz")
  local p
  for p in "${ACTION_PORTS[@]}"; do urls+=("http://127.0.0.1:$p/health"); done
  for p in "${RASA_PORTS[@]}"; do urls+=("http://127.0.0.1:$p/webhooks/rest/"); done
  say "waiting for the servers (the Rasa instances take about a minute to load the model)"
  python scripts/wait_ready.py "${urls[@]}" "$READY_TIMEOUT" || die "not ready; see var/prod/logs/"
}

wait_rasa() {
  python scripts/wait_ready.py "http://127.0.0.1:${RASA_PORTS[$(($1 - 1))]}/webhooks/rest/" "$READY_TIMEOUT"
}

start() {
  install_packages
  secrets
  server_env
  if [ ! -f "$MODEL" ]; then
    say "waiting for the model $MODEL (trained by make train)"
    local i
    for i in $(seq 120); do [ -f "$MODEL" ] && break; sleep 10; done
    [ -f "$MODEL" ] || die "no model at $MODEL"
  fi
  postgres_init
  postgres_start
  postgres_setup_db
  redis_start
  schema
  actions_start 1
  actions_start 2
  rasa_start 1
  rasa_start 2
  nginx_start
  wait_ready
  status
}

stop() {
  halt nginx QUIT 15
  halt rasa-1 TERM 30
  halt rasa-2 TERM 30
  halt actions-1 TERM 20
  halt actions-2 TERM 20
  halt redis TERM 10
  postgres_stop
}

status() {
  local name
  for name in nginx rasa-1 rasa-2 actions-1 actions-2 redis; do
    if running "$name"; then printf '  %-10s running (pid %s)\n' "$name" "$(cat "$(pidfile "$name")")"
    else printf '  %-10s stopped\n' "$name"; fi
  done
  if [ -f "$PGDATA/PG_VERSION" ] && pg_as "$(pg_bin pg_ctl)" -D "$PGDATA" status >/dev/null 2>&1; then
    printf '  %-10s running (127.0.0.1:%s)\n' postgres "$PG_PORT"
  else
    printf '  %-10s stopped\n' postgres
  fi
  cat <<TXT
  REST:      POST http://127.0.0.1:$NGINX_PORT/webhooks/rest/webhook?sender=<id>
             with 'Authorization: Bearer \$REST_API_TOKEN' (var/prod/secrets.env)
  Rasa:      127.0.0.1:${RASA_PORTS[0]}, 127.0.0.1:${RASA_PORTS[1]}   actions: ${ACTION_PORTS[*]} (via nginx :$ACTIONS_LB_PORT)
  Logs:      var/prod/logs/, var/prod/nginx/logs/, var/prod/pg/postgres.log
TXT
}

cmd="${1:-start}"
case "$cmd" in
  start) start ;;
  stop) secrets; stop ;;
  status) secrets; status ;;
  env)
    secrets
    echo "PROD_URL=http://127.0.0.1:$NGINX_PORT"
    echo "PROD_SECRETS=$P/secrets.env"
    echo "DATABASE_URL_PROD=postgresql://assistant:@127.0.0.1:$PG_PORT/assistant  # password: PG_PASSWORD in var/prod/secrets.env"
    ;;
  kill-rasa) halt "rasa-${2:?N}" KILL 5 ;;
  stop-rasa) halt "rasa-${2:?N}" TERM 30 ;;
  start-rasa) secrets; server_env; rasa_start "${2:?N}"; [ "${3:-}" = "--no-wait" ] || wait_rasa "$2" ;;
  restart-actions)
    secrets; server_env
    halt "actions-${2:?N}" TERM 20
    actions_start "$2"
    python scripts/wait_ready.py "http://127.0.0.1:${ACTION_PORTS[$(($2 - 1))]}/health" 120
    ;;
  kill-actions) halt "actions-${2:?N}" KILL 5 ;;
  start-actions) secrets; server_env; actions_start "${2:?N}" ;;
  restart-postgres) secrets; postgres_restart ;;
  stop-postgres) secrets; postgres_stop ;;
  start-postgres) secrets; postgres_start ;;
  wait-ready) secrets; wait_ready ;;
  reload-nginx)
    secrets; nginx_render
    "$NGINX_BIN" -s reload -c "$P/nginx/nginx.conf" -p "$P/nginx/" -e "$P/nginx/logs/error.log"
    say "nginx reloaded"
    ;;
  *) die "unknown command '$cmd' (start, stop, status, env, kill-rasa N, start-rasa N, restart-actions N, restart-postgres)" ;;
esac
