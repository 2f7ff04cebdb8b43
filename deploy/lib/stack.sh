# shellcheck shell=bash
# The run.sh commands: start (default), status, stop, logs.

# Every program, in start order (the apps' as many as SQUADRA_REPLICAS and SQUADRA_FRONTENDS say).
all_parts() {
  echo pg-monitor pg-node1 pg-node2 pg-watchdog mail-catcher $(nats_enabled && nats_names) $(replica_names) $(frontend_names) gateway
}

# "SETTING port" for each port this stack listens on.
stack_ports() {
  local var port
  while read -r var port; do
    if [[ $var == SQUADRA_MAIL_* ]] && ! mail_catcher_enabled; then continue; fi
    echo "$var $port"
  done < <(port_list)
}

# Ports inside the kernel's ephemeral range can be taken at any moment by an
# outgoing connection's local port (the bind then fails with "address in use").
warn_ephemeral_ports() {
  local low high var port
  read -r low high </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || return 0
  while read -r var port; do
    if ((port >= low && port <= high)); then
      warn "$var=$port lies in the ephemeral port range $low-$high: an outgoing connection may hold it and a bind may fail; prefer a port below $low"
    fi
  done < <(stack_ports)
}

check_ports_free() {
  local var port who
  warn_ephemeral_ports
  while read -r var port; do
    port_in_use "$port" || continue
    who="$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:.*' | head -n 1 || true)"
    die "port $port ($var) is already in use ${who:+by $who}.
  If it is a leftover of this stack, run './run.sh stop'; otherwise set $var to a free port."
  done < <(stack_ports)
}

# wait_part <program>: until it is ready (deploy/ready-check.sh, as the container deployment decides it); gives
# up early when supervisord has given up on the program.
wait_part() {
  local name="$1" state
  until "$SQUADRA_ROOT/deploy/ready-check.sh" "${name%-[0-9]}" "$(part_base_url "$name")" 2>/dev/null; do
    state="$(program_state "$name")"
    [[ $state == FATAL ]] && fail_part "$name" "it keeps exiting (supervisord state FATAL)"
    ((SECONDS < DEADLINE)) ||
      fail_part "$name" "not ready within ${SQUADRA_START_TIMEOUT}s (state ${state:-unknown}): $(
        "$SQUADRA_ROOT/deploy/ready-check.sh" "${name%-[0-9]}" "$(part_base_url "$name")" 2>&1)"
    sleep 0.5
  done
}

part_base_url() {
  case "$1" in
    api-* | frontend-*) echo "http://127.0.0.1:$(instance_port "$1")" ;;
    gateway) echo "http://127.0.0.1:$SQUADRA_GATEWAY_PORT" ;;
    mail-catcher) echo "http://127.0.0.1:$SQUADRA_MAIL_UI_PORT" ;;
  esac
}

# The mail catcher, before the backends so that their first emails find it (were it down, they would keep
# them in the outbox and try again). Never restarted for a new build of ours: nothing of it is ours.
start_mail_catcher() {
  mail_catcher_enabled || return 0
  supervisor_start mail-catcher
  wait_part mail-catcher
  wait_until "the mail catcher's SMTP port $SQUADRA_MAIL_SMTP_PORT" "$(seconds_left)" port_in_use "$SQUADRA_MAIL_SMTP_PORT" ||
    fail_part mail-catcher "its SMTP port $SQUADRA_MAIL_SMTP_PORT does not answer"
}

# The NATS cluster, before the backends: with the nats channel a replica is not ready until it is connected.
start_nats() {
  nats_enabled || return 0
  # shellcheck disable=SC2046 # one program per word
  supervisor_start $(nats_names)
  local name
  for name in $(nats_names); do
    wait_until "$name's client port $(instance_port "$name")" "$(seconds_left)" port_in_use "$(instance_port "$name")" ||
      fail_part "$name" "its client port $(instance_port "$name") does not answer"
  done
}

# Where email goes, for the start message and status.
describe_mail() {
  if mail_catcher_enabled; then
    echo "Mail: every email the app sends is caught, not delivered: http://localhost:$SQUADRA_MAIL_UI_PORT (smtp4dev; SMTP 127.0.0.1:$SQUADRA_MAIL_SMTP_PORT)"
  else
    echo "Mail: sent through the relay $SQUADRA_SMTP_HOST:$SQUADRA_SMTP_PORT ($SQUADRA_SMTP_SECURITY)"
  fi
}

# First start: start them. Already running with a fresh publish: restart one
# at a time, each back before the next, so the gateway always has a backend and a frontend.
start_apps() {
  local restart="$1" name
  local -a to_start=()
  for name in $(replica_names) $(frontend_names); do
    if [[ $restart == 1 && "$(program_state "$name")" == RUNNING ]]; then
      log "Restarting $name on the new build"
      ctl restart "$name" >/dev/null || fail_part "$name" "supervisord could not restart it"
      wait_part "$name"
      # nginx skips a replica or frontend for fail_timeout (2 s) after it refused
      # a request: let it take this one back before the next one goes down.
      sleep 2.5
    else
      to_start+=("$name")
    fi
  done
  if [[ "$(program_state gateway)" == RUNNING ]]; then
    ctl signal HUP gateway >/dev/null # re-read the regenerated config
  else
    to_start+=(gateway)
  fi
  ((${#to_start[@]} == 0)) || supervisor_start "${to_start[@]}"
  for name in $(replica_names) $(frontend_names) gateway; do
    wait_part "$name"
  done
}

cmd_start() {
  local t0=$SECONDS was_running=0
  supervisor_running && was_running=1
  install_packages
  if mail_catcher_enabled; then install_mail_catcher; fi
  mkdir -p "$STATE" "$LOG_DIR" "$APP_DIR"
  # Logs may hold what a user did (and once held tokens): readable by the owner and group only.
  # Everything created from here on (logs, configs, published apps) is 0640/0750; what another user
  # must reach (the postgres user: $STATE, $STATE/pg) exists already or gets explicit modes.
  umask 027
  chmod 750 "$LOG_DIR"
  find "$LOG_DIR" -maxdepth 1 -type f -exec chmod 640 {} +
  check_db_user_can_reach_state
  ensure_secrets
  if ((was_running)); then
    log "Squadra is already running from $STATE: publishing what changed and restarting those app processes one by one (database untouched)"
  else
    stop_conflicting_debian_clusters
    check_ports_free
  fi
  publish_apps
  DEADLINE=$((SECONDS + SQUADRA_START_TIMEOUT))
  render_nginx_config
  render_supervisor_config
  start_supervisord
  start_database_tier
  start_mail_catcher
  start_nats
  start_apps "$((was_running && APPS_REPUBLISHED))"
  log "All parts answer ($((SECONDS - t0))s). State: $STATE"
  printf '\n%s\n%s\n\n' "Squadra is running: http://localhost:$SQUADRA_GATEWAY_PORT" "$(describe_mail)"
  printf '%s\n' "  ./run.sh status | ./run.sh logs [part] | ./run.sh stop"
}

# "name port" of each program of one kind (api, frontend or nats) in the running stack's config: status and stop
# describe what runs, whatever SQUADRA_REPLICAS, SQUADRA_FRONTENDS or SQUADRA_REALTIME_CHANNEL say now.
configured_instances() {
  awk -v kind="$1" '
    /^\[program:/ { name = substr($0, 10, length($0) - 10) }
    name ~ "^" kind "-[0-9]+$" && /^environment=ASPNETCORE_URLS="http:\/\/127\.0\.0\.1:[0-9]+"/ {
      match($0, /127\.0\.0\.1:[0-9]+/); print name, substr($0, RSTART + 10, RLENGTH - 10) }
    name ~ "^" kind "-[0-9]+$" && /^command=.*nats-server/ { match($0, /--port [0-9]+/); print name, substr($0, RSTART + 7, RLENGTH - 7) }
  ' "$SUPERVISOR_CONF" 2>/dev/null
}

# "Backends (2): api-1 127.0.0.1:5000, api-2 127.0.0.1:5001" for api, frontend or nats, as configured.
describe_instances() {
  local label="$1" kind="$2" name port out="" count=0
  while read -r name port; do
    out+="${out:+, }$name 127.0.0.1:$port"
    count=$((count + 1))
  done < <(configured_instances "$kind")
  echo "$label ($count): $out"
}

cmd_status() {
  if ! supervisor_running; then
    echo "Squadra is not running (state directory $STATE)."
    return 3
  fi
  echo "Processes (supervisord, $SUPERVISOR_CONF):"
  ctl status || true
  echo
  echo "Database (pg_auto_failover monitor on 127.0.0.1:$SQUADRA_PG_MONITOR_PORT):"
  if pg_show_state 2>/dev/null; then
    local primary
    primary="$(pg_primary_name)"
    if [[ -n $primary ]]; then
      echo "Primary: $primary (127.0.0.1:$(pg_port_of "$primary"))"
    else
      echo "Primary: none right now (failover in progress?)"
    fi
  else
    echo "  the monitor does not answer (see ./run.sh logs pg-monitor)"
  fi
  echo
  echo "Gateway: http://localhost:$SQUADRA_GATEWAY_PORT"
  describe_instances Backends api
  describe_instances Frontends frontend
  if [[ -n "$(configured_instances nats)" ]]; then
    echo "Announcements: NATS cluster, $(describe_instances nodes nats)"
  else
    echo "Announcements: PostgreSQL NOTIFY on the primary"
  fi
  describe_mail
}

# What this state directory's processes may leave behind: pg_autoctl runs
# without supervisord (e.g. supervisord was killed), service processes of a
# pg_autoctl that was killed (their process group is recorded by
# pg-autoctl-run.sh), an nginx without supervisord or the workers of a killed
# nginx master (their process group is recorded by gateway-run.sh).
stop_orphans() {
  local name pidfile pid pgid_file old
  for name in node1 node2 monitor; do
    [[ -d $PG_DIR/$name ]] || continue
    if as_db_user pg_autoctl status --pgdata "$PG_DIR/$name" >/dev/null 2>&1; then
      log "Stopping a leftover pg_autoctl for $name"
      as_db_user pg_autoctl stop --pgdata "$PG_DIR/$name" >/dev/null 2>&1 || true
    fi
  done
  for pgid_file in "$PG_DIR"/xdg/runtime/*.pgid; do
    [[ -r $pgid_file ]] || continue
    old="$(<"$pgid_file")"
    if [[ $old =~ ^[0-9]+$ ]] && pgrep -g "$old" -x pg_autoctl >/dev/null; then
      log "Stopping leftover pg_autoctl processes (process group $old)"
      # shellcheck disable=SC2046 # one pid per word
      as_db_user kill -TERM $(pgrep -g "$old" -x pg_autoctl) 2>/dev/null || true
      wait_until "process group $old to exit" 30 bash -c "! pgrep -g $old -x pg_autoctl >/dev/null" || true
    fi
  done
  pidfile="$NGINX_DIR/nginx.pid"
  if [[ -f $pidfile ]]; then
    pid="$(<"$pidfile")"
    if [[ $pid =~ ^[0-9]+$ ]] && grep -q nginx "/proc/$pid/cmdline" 2>/dev/null; then
      log "Stopping a leftover gateway (nginx pid $pid)"
      kill -QUIT "$pid" 2>/dev/null || true
    fi
  fi
  # Workers of a killed nginx master (recorded by gateway-run.sh).
  pgid_file="$NGINX_DIR/gateway.pgid"
  if [[ -r $pgid_file ]]; then
    old="$(<"$pgid_file")"
    if [[ $old =~ ^[0-9]+$ ]] && pgrep -g "$old" -x nginx >/dev/null; then
      log "Stopping leftover gateway processes (process group $old)"
      # shellcheck disable=SC2046 # one pid per word
      kill -QUIT $(pgrep -g "$old" -x nginx) 2>/dev/null || true
    fi
  fi
}

cmd_stop() {
  local kind
  if supervisor_running; then
    log "Stopping gateway, frontends, backends, the NATS cluster and the mail catcher"
    # Every backend, frontend and NATS node the running config has (started with other counts than the present ones).
    local -a apps
    mapfile -t apps < <(for kind in frontend api nats; do configured_instances "$kind"; done | awk '{print $1}')
    ctl stop gateway "${apps[@]}" pg-watchdog >/dev/null || true
    # (absent from the config when a real relay is set)
    ctl stop mail-catcher >/dev/null 2>&1 || true
    # The standby first, so that stopping the primary never triggers a failover.
    local primary first second
    primary="$(pg_primary_name || true)"
    first=node2 second=node1
    [[ $primary == node2 ]] && first=node1 second=node2
    log "Stopping database nodes ($first, then $second, then the monitor)"
    ctl stop "pg-$first" >/dev/null || true
    ctl stop "pg-$second" >/dev/null || true
    ctl stop pg-monitor >/dev/null || true
    local pid
    pid="$(<"$SUPERVISOR_PID")"
    ctl shutdown >/dev/null || true
    wait_until "supervisord to exit" 90 bash -c "! kill -0 $pid" || die "supervisord (pid $pid) did not exit"
    log "Stopped (data kept in $STATE)"
  else
    echo "Squadra is not running (state directory $STATE)."
  fi
  stop_orphans
}

cmd_logs() {
  local part="${1:-}" file
  if [[ -z $part ]]; then
    for file in "$LOG_DIR"/*.log; do
      [[ -e $file ]] || { echo "no logs yet in $LOG_DIR"; return 0; }
      printf '\n==> %s <==\n' "$file"
      tail -n 15 "$file"
    done
    return 0
  fi
  file="$LOG_DIR/$part.log"
  if [[ ! -e $file ]]; then
    local -a known=("$LOG_DIR"/*.log)
    known=("${known[@]##*/}")
    die "no log for '$part'. Parts: $(all_parts); log files: ${known[*]%.log}"
  fi
  [[ $part == pg-* ]] && echo "(PostgreSQL's own server log: $PG_DIR/${part#pg-}/log/)"
  tail -n 50 -F "$file"
}
