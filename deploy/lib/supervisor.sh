# shellcheck shell=bash
# supervisord with its own config, socket, pid file and logs under $STATE
# (never /etc/supervisor), and the generated configs it runs.

ctl() { supervisorctl -c "$SUPERVISOR_CONF" "$@"; }

supervisor_running() {
  [[ -f $SUPERVISOR_PID && -S $SUPERVISOR_SOCK ]] || return 1
  local pid
  pid="$(<"$SUPERVISOR_PID")"
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    grep -q supervisord "/proc/$pid/cmdline" 2>/dev/null
}

# RUNNING, STARTING, STOPPED, FATAL, BACKOFF, EXITED... for one program.
program_state() {
  # supervisorctl status exits non-zero for anything not RUNNING
  { ctl status "$1" 2>/dev/null || true; } | awk '{print $2}'
}

supervisor_start_one() {
  local name="$1" state
  state="$(program_state "$name")"
  case "$state" in
    RUNNING | STARTING) ;;
    *) ctl start "$name" >/dev/null || fail_part "$name" "it exits right after start (supervisord: $(program_state "$name"))" ;;
  esac
}

# Starts the given programs side by side ("supervisorctl start" blocks for
# each one's startsecs); fails if any of them does not start.
supervisor_start() {
  local name pid failed=0
  local -a pids=()
  for name in "$@"; do
    supervisor_start_one "$name" &
    pids+=("$!")
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || failed=1
  done
  ((failed == 0)) || exit 1 # the failing part has said why
}

render_template() {
  local template="$1" target="$2" vars="$3"
  envsubst "$vars" <"$SQUADRA_ROOT/deploy/$template" >"$target.tmp"
  mv "$target.tmp" "$target"
}

render_nginx_config() {
  mkdir -p "$NGINX_DIR/tmp"
  if [[ $EUID -eq 0 ]]; then
    # master stays root, workers run unprivileged (they touch no file of ours)
    NGINX_USER_DIRECTIVE="user www-data www-data;"
  else
    NGINX_USER_DIRECTIVE="# (nginx runs as $(id -un), so no user directive)"
  fi
  export NGINX_USER_DIRECTIVE
  # shellcheck disable=SC2016 # envsubst's list of variables, not an expansion
  render_template nginx/nginx.conf.template "$NGINX_DIR/nginx.conf" \
    '$NGINX_DIR $LOG_DIR $NGINX_USER_DIRECTIVE $SQUADRA_GATEWAY_PORT $SQUADRA_FRONTEND_PORT $SQUADRA_API1_PORT $SQUADRA_API2_PORT'
  if [[ $SQUADRA_GATEWAY_OPERATIONS == 1 ]]; then
    # The operator exposes the operations endpoints: their 404 block goes.
    sed -i '/# operations:begin/,/# operations:end/d' "$NGINX_DIR/nginx.conf"
  fi
  # What supervisord runs: a copy, so the stack never depends on the checkout's permissions.
  install -m 755 "$SQUADRA_ROOT/deploy/nginx/gateway-run.sh" "$NGINX_DIR/gateway-run.sh"
  /usr/sbin/nginx -t -q -p "$NGINX_DIR/" -c "$NGINX_DIR/nginx.conf" -e stderr ||
    die "the generated nginx config $NGINX_DIR/nginx.conf is invalid (template: deploy/nginx/nginx.conf.template)"
}

render_supervisor_config() {
  mkdir -p "$SUPERVISOR_DIR" "$LOG_DIR"
  chmod 700 "$SUPERVISOR_DIR"
  local pg_run_as="" dotnet
  [[ $EUID -eq 0 ]] && pg_run_as="setpriv --reuid=postgres --regid=postgres --init-groups "
  dotnet="$(command -v dotnet)"
  local api1="http://127.0.0.1:$SQUADRA_API1_PORT" api2="http://127.0.0.1:$SQUADRA_API2_PORT"
  # A subshell: what it exports (secrets included) reaches envsubst only.
  (
    umask 077
    export PG_RUN_AS="$pg_run_as" DOTNET="$dotnet" JWT_SIGNING_KEY
    export PG_AUTOCTL_ENV="HOME=\"$PG_DIR\",XDG_CONFIG_HOME=\"$PG_DIR/xdg/config\",XDG_DATA_HOME=\"$PG_DIR/xdg/data\",XDG_RUNTIME_DIR=\"$PG_DIR/xdg/runtime\",PGHOST=\"$PG_SOCKET_DIR\""
    export CLUSTER_ENV="Cluster__Replicas__0__Name=\"api-1\",Cluster__Replicas__0__Url=\"$api1\",Cluster__Replicas__1__Name=\"api-2\",Cluster__Replicas__1__Url=\"$api2\""
    # Host Recheck Seconds=1: Npgsql remembers each host's role (primary, standby, offline) for this
    # long; with its default (10 s) a replica kept sending writes nowhere for up to 10 s after a
    # failover ("No suitable host was found"), although the new primary was ready.
    # Timeout=2, Command Timeout=3, Cancellation Timeout=-1, Gss Encryption Mode=Disable: a hung primary
    # (its listen queue full, it never answers) holds each command until Command Timeout, then Npgsql
    # sends it a cancel request, synchronously, on a thread-pool thread, whose connect waits Timeout
    # (twice when GSS encryption is tried first); the backend starts its thread pool with enough workers
    # for a burst of those (docs/reliability.md). -1 breaks the connection at once instead of waiting
    # for the frozen server to confirm the cancellation. The backend's PrimaryLocator moves the work
    # to the promoted standby.
    # Max Auto Prepare=20, Auto Prepare Min Usages=2, No Reset On Close=true: the app's few dozen statements
    # are parsed and planned once per pooled connection, and a connection handed back to the pool is not
    # reset: the app leaves no session state on pooled connections (no SET, temporary tables or held
    # advisory locks; the fan-out LISTEN connection goes back only at shutdown). Measured: PostgreSQL CPU
    # per request down by 20-70 %, posts/s up by ~30 % (docs/benchmarks.md, "Before/after").
    export DB_CONNECTION_STRING="Host=127.0.0.1:$SQUADRA_PG1_PORT,127.0.0.1:$SQUADRA_PG2_PORT;Database=squadra;Username=squadra;Password=$DB_PASSWORD;Target Session Attributes=primary;Timeout=2;Command Timeout=3;Cancellation Timeout=-1;Gss Encryption Mode=Disable;Keepalive=5;Host Recheck Seconds=1;Maximum Pool Size=30;Max Auto Prepare=20;Auto Prepare Min Usages=2;No Reset On Close=true"
    # shellcheck disable=SC2016 # envsubst's list of variables, not an expansion
    render_template supervisor/supervisord.conf.template "$SUPERVISOR_CONF" \
      '$SUPERVISOR_CONF $SUPERVISOR_SOCK $SUPERVISOR_PID $LOG_DIR $STATE $SQUADRA_PG_MONITOR_PORT $SQUADRA_PG1_PORT $SQUADRA_PG2_PORT $PG_DIR $APP_DIR $NGINX_DIR $PG_RUN_AS $PG_AUTOCTL_ENV $DOTNET $DB_CONNECTION_STRING $JWT_SIGNING_KEY $CLUSTER_ENV $SQUADRA_API1_PORT $SQUADRA_API2_PORT $SQUADRA_FRONTEND_PORT $SQUADRA_LOGIN_PERMIT_LIMIT $SQUADRA_REGISTER_PERMIT_LIMIT $SQUADRA_WRITES_PER_MINUTE'
  )
  chmod 600 "$SUPERVISOR_CONF"
}

start_supervisord() {
  if supervisor_running; then
    # Programs whose definition changed are stopped and re-added (not started:
    # autostart=false), and started again by the steps that follow.
    ctl reread >/dev/null && ctl update >/dev/null
    return 0
  fi
  rm -f "$SUPERVISOR_SOCK" "$SUPERVISOR_PID"
  log "Starting supervisord ($SUPERVISOR_CONF)"
  (cd "$STATE" && supervisord -c "$SUPERVISOR_CONF") ||
    fail_part supervisord "supervisord did not start"
  wait_until "supervisord" 15 ctl pid || fail_part supervisord "supervisorctl cannot reach $SUPERVISOR_SOCK"
}
