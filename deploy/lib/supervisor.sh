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
  render_template nginx/nginx.conf.template "$NGINX_DIR/nginx.conf.tmpl" '$NGINX_DIR $LOG_DIR $NGINX_USER_DIRECTIVE $SQUADRA_GATEWAY_PORT'
  local name apis="" frontends=""
  for name in $(replica_names); do apis+="127.0.0.1:$(instance_port "$name") "; done
  for name in $(frontend_names); do frontends+="127.0.0.1:$(instance_port "$name") "; done
  awk -v apis="$apis" -v frontends="$frontends" -f "$SQUADRA_ROOT/deploy/nginx/upstreams.awk" \
    "$NGINX_DIR/nginx.conf.tmpl" >"$NGINX_DIR/nginx.conf.next"
  rm -f "$NGINX_DIR/nginx.conf.tmpl"
  if [[ $SQUADRA_GATEWAY_OPERATIONS == 1 ]]; then
    # The operator exposes the operations endpoints: their 404 block goes.
    sed -i '/# operations:begin/,/# operations:end/d' "$NGINX_DIR/nginx.conf.next"
  fi
  mv "$NGINX_DIR/nginx.conf.next" "$NGINX_DIR/nginx.conf"
  # What supervisord runs: a copy, so the stack never depends on the checkout's permissions.
  install -m 755 "$SQUADRA_ROOT/deploy/nginx/gateway-run.sh" "$NGINX_DIR/gateway-run.sh"
  /usr/sbin/nginx -t -q -p "$NGINX_DIR/" -c "$NGINX_DIR/nginx.conf" -e stderr ||
    die "the generated nginx config $NGINX_DIR/nginx.conf is invalid (template: deploy/nginx/nginx.conf.template)"
}

render_supervisor_config() {
  mkdir -p "$SUPERVISOR_DIR" "$LOG_DIR"
  if mail_catcher_enabled; then mkdir -p "$MAIL_DIR"; fi
  chmod 700 "$SUPERVISOR_DIR"
  local pg_run_as="" dotnet
  [[ $EUID -eq 0 ]] && pg_run_as="setpriv --reuid=postgres --regid=postgres --init-groups "
  dotnet="$(command -v dotnet)"
  # A subshell: what it exports (secrets included) reaches envsubst only.
  (
    umask 077
    export PG_RUN_AS="$pg_run_as" DOTNET="$dotnet" JWT_SIGNING_KEY VAPID_PUBLIC_KEY VAPID_PRIVATE_KEY ATTACHMENT_URL_KEY
    export PG_AUTOCTL_ENV="HOME=\"$PG_DIR\",XDG_CONFIG_HOME=\"$PG_DIR/xdg/config\",XDG_DATA_HOME=\"$PG_DIR/xdg/data\",XDG_RUNTIME_DIR=\"$PG_DIR/xdg/runtime\",PGHOST=\"$PG_SOCKET_DIR\""
    # The backends get where the database is and its password; every Npgsql setting (timeouts, pool, statement
    # preparation) is the Database section of Squadra.Api (src/Squadra.Api/Data/DatabaseOptions.cs), the same for
    # the container deployment.
    export DB_PASSWORD
    export DOTNET_ROOT APP_PROGRAMS
    DOTNET_ROOT="$(dirname "$(readlink -f "$dotnet")")"
    APP_PROGRAMS="$(nats_programs)"$'\n\n'"$(app_programs)"
    # shellcheck disable=SC2016 # envsubst's list of variables, not an expansion
    render_template supervisor/supervisord.conf.template "$SUPERVISOR_CONF" \
      '$SUPERVISOR_CONF $SUPERVISOR_SOCK $SUPERVISOR_PID $LOG_DIR $STATE $SQUADRA_PG_MONITOR_PORT $SQUADRA_PG1_PORT $SQUADRA_PG2_PORT $PG_DIR $APP_DIR $NGINX_DIR $PG_RUN_AS $PG_AUTOCTL_ENV $APP_PROGRAMS $MAIL_CATCHER_DIR $MAIL_DIR $DOTNET_ROOT $SQUADRA_MAIL_UI_PORT $SQUADRA_MAIL_SMTP_PORT'
  )
  # A real relay: no catcher.
  mail_catcher_enabled || sed -i '/; mail:begin/,/; mail:end/d' "$SUPERVISOR_CONF"
  chmod 600 "$SUPERVISOR_CONF"
}

# The program blocks of the backend replicas and the frontends (deploy/supervisor/app.program.template), each
# with its name and port; a backend also with the database, the secrets, every replica's name and url (for
# /api/cluster), the limits and email. Called in render_supervisor_config's subshell (it reads the secrets).
app_programs() {
  local name cluster="" index=0 backend_env
  for name in $(replica_names); do
    cluster+="Cluster__Replicas__${index}__Name=\"$name\",Cluster__Replicas__${index}__Url=\"http://127.0.0.1:$(instance_port "$name")\","
    index=$((index + 1))
  done
  backend_env="$(channel_environment)Database__Hosts=\"127.0.0.1:$SQUADRA_PG1_PORT,127.0.0.1:$SQUADRA_PG2_PORT\",Database__Password=\"$DB_PASSWORD\",Auth__SigningKey=\"$JWT_SIGNING_KEY\",Push__Vapid__PublicKey=\"$VAPID_PUBLIC_KEY\",Push__Vapid__PrivateKey=\"$VAPID_PRIVATE_KEY\",Attachments__UrlKey=\"$ATTACHMENT_URL_KEY\",${cluster}RateLimiting__LoginPermitLimit=\"$SQUADRA_LOGIN_PERMIT_LIMIT\",RateLimiting__RegisterPermitLimit=\"$SQUADRA_REGISTER_PERMIT_LIMIT\",RateLimiting__WritesPerMinute=\"$SQUADRA_WRITES_PER_MINUTE\",$(email_environment),"
  for name in $(replica_names); do
    # shellcheck disable=SC2016 # envsubst's list of variables, not an expansion
    PROGRAM="$name" APP=api APP_DLL=Squadra.Api.dll PORT="$(instance_port "$name")" APP_ENV="Replica__Name=\"$name\",$backend_env" \
      envsubst '$PROGRAM $APP $APP_DLL $PORT $APP_ENV $DOTNET $APP_DIR $LOG_DIR' <"$SQUADRA_ROOT/deploy/supervisor/app.program.template"
  done
  for name in $(frontend_names); do
    # shellcheck disable=SC2016 # envsubst's list of variables, not an expansion
    PROGRAM="$name" APP=frontend APP_DLL=Squadra.Frontend.dll PORT="$(instance_port "$name")" APP_ENV="" \
      envsubst '$PROGRAM $APP $APP_DLL $PORT $APP_ENV $DOTNET $APP_DIR $LOG_DIR' <"$SQUADRA_ROOT/deploy/supervisor/app.program.template"
  done
}

# The backends' Realtime:Channel (and NATS servers) as supervisord environment entries, each with its comma.
channel_environment() {
  nats_enabled || return 0
  local name urls=""
  for name in $(nats_names); do urls+="${urls:+,}nats://127.0.0.1:$(instance_port "$name")"; done
  printf '%s' "Realtime__Channel=\"nats\",Realtime__Nats__Url=\"$urls\","
}

# The NATS cluster's program blocks (deploy/supervisor/nats.program.template): each node on its client port, routes
# to the others' cluster ports, on loopback only. No JetStream, nothing on disk: announcements are hints.
nats_programs() {
  nats_enabled || return 0
  local name routes
  for name in $(nats_names); do
    routes=""
    local other
    for other in $(nats_names); do
      [[ $other == "$name" ]] || routes+="${routes:+,}nats://127.0.0.1:$(nats_cluster_port "$other")"
    done
    # shellcheck disable=SC2016 # envsubst's list of variables, not an expansion
    PROGRAM="$name" PORT="$(instance_port "$name")" CLUSTER_PORT="$(nats_cluster_port "$name")" ROUTES="$routes" \
      envsubst '$PROGRAM $PORT $CLUSTER_PORT $ROUTES $LOG_DIR' <"$SQUADRA_ROOT/deploy/supervisor/nats.program.template"
  done
}

# The backends' Email:* settings (src/Squadra.Api/Features/Email/EmailOptions.cs), as supervisord environment entries:
# the stack's own mail catcher, or the operator's relay. Links in emails point at the gateway.
email_environment() {
  local -a entries=(Email__Enabled=true "Email__AppBaseUrl=http://127.0.0.1:$SQUADRA_GATEWAY_PORT")
  if mail_catcher_enabled; then
    entries+=(Email__Smtp__Host=127.0.0.1 "Email__Smtp__Port=$SQUADRA_MAIL_SMTP_PORT" Email__Smtp__Security=None)
  else
    entries+=("Email__Smtp__Host=$SQUADRA_SMTP_HOST" "Email__Smtp__Port=$SQUADRA_SMTP_PORT" "Email__Smtp__Security=$SQUADRA_SMTP_SECURITY"
      "Email__Smtp__FromAddress=$SQUADRA_SMTP_FROM")
    [[ -z $SQUADRA_SMTP_USERNAME ]] || entries+=("Email__Smtp__Username=$SQUADRA_SMTP_USERNAME" "Email__Smtp__Password=$SQUADRA_SMTP_PASSWORD")
  fi
  local entry out=""
  for entry in "${entries[@]}"; do
    # NAME="value", a literal % doubled (supervisord expands %(...)s in its values)
    out+="${out:+,}${entry%%=*}=\"${entry#*=}\""
  done
  printf '%s' "${out//%/%%}"
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
