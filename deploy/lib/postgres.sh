# shellcheck shell=bash
# The database tier: a pg_auto_failover monitor and two PostgreSQL 15 data
# nodes (node1, node2) under $STATE/pg, created on the first run and reused after.
# Each node's pg_autoctl runs under supervisord (programs pg-monitor, pg-node1,
# pg-node2); this file creates the clusters and checks their state.

PG_TEMPLATES="$SQUADRA_ROOT/deploy/postgres"
MONITOR_URI="postgres://autoctl_node@127.0.0.1:${SQUADRA_PG_MONITOR_PORT}/pg_auto_failover?sslmode=disable"

pg_port_of() {
  case "$1" in
    monitor) echo "$SQUADRA_PG_MONITOR_PORT" ;;
    node1) echo "$SQUADRA_PG1_PORT" ;;
    node2) echo "$SQUADRA_PG2_PORT" ;;
  esac
}

# As root the postgres user must be able to walk down to $STATE/pg. A checkout in root's
# home (mode 700) or in a mktemp directory is the usual case: the postgres user is given
# the right to pass through (an ACL entry u:postgres:--x, nothing listed or readable),
# said loudly; where ACLs are not available, run.sh stops and says what to do.
check_db_user_can_reach_state() {
  [[ $EUID -eq 0 ]] || return 0
  local dir="" part
  local -a parts
  IFS=/ read -ra parts <<<"${PG_DIR#/}"
  for part in "${parts[@]}"; do
    dir+="/$part"
    [[ -e $dir ]] || break
    db_user_can_enter "$dir" && continue
    if command -v setfacl >/dev/null && setfacl -m u:postgres:x "$dir" 2>/dev/null && db_user_can_enter "$dir"; then
      log "Let the postgres user pass through $dir to reach $PG_DIR (ACL u:postgres:--x; 'setfacl -x u:postgres $dir' undoes it)"
      continue
    fi
    die "the postgres user cannot enter $dir ($(stat -c '%A %U:%G' "$dir")), so it cannot reach $PG_DIR.
  Fix: 'setfacl -m u:postgres:x $dir' or 'chmod o+x $dir', or keep the state under a directory postgres
  can traverse, e.g. SQUADRA_STATE_DIR=/srv/squadra ./run.sh"
  done
}

db_user_can_enter() { setpriv --reuid=postgres --regid=postgres --init-groups test -x "$1"; }

pg_prepare_dirs() {
  check_db_user_can_reach_state
  mkdir -p "$PG_DIR"/{bin,run,markers,xdg/config,xdg/data,xdg/runtime}
  if [[ $EUID -eq 0 ]]; then
    chown postgres:postgres "$PG_DIR" "$PG_DIR"/{bin,run,markers,xdg,xdg/config,xdg/data,xdg/runtime}
  fi
  chmod 700 "$PG_DIR" "$PG_SOCKET_DIR" "$PG_DIR/xdg/runtime"
  # Copies the database user can always execute, wherever the repository is.
  local script
  for script in pg-autoctl-run.sh watchdog.sh; do
    as_db_user install -m 755 /dev/stdin "$PG_DIR/bin/$script" <"$PG_TEMPLATES/$script"
  done
  pg_write_pgpass
}

# pg_auto_failover's users authenticate with passwords (scram-sha-256, see the pg_hba templates). Every
# pg_autoctl, PostgreSQL and psql of the database user runs with HOME=$PG_DIR, so libpq finds them in
# $PG_DIR/.pgpass: the keepers' connection to the monitor, and streaming replication, pg_basebackup and
# pg_rewind between the nodes. Written at every start from $STATE/secrets (the passwords reach the file
# through stdin, never a command line).
pg_write_pgpass() {
  printf '%s\n' \
    "127.0.0.1:$SQUADRA_PG_MONITOR_PORT:pg_auto_failover:autoctl_node:$PG_AUTOCTL_PASSWORD" \
    "127.0.0.1:*:*:pgautofailover_replicator:$PG_REPLICATION_PASSWORD" |
    as_db_user sh -c 'umask 077 && cat >"$1" && chmod 600 "$1"' sh "$PG_DIR/.pgpass"
}

pg_is_created() { [[ -e $PG_DIR/markers/$1 ]]; }
pg_mark_created() { as_db_user touch "$PG_DIR/markers/$1"; }

# The ports a cluster was created with are part of its identity (they are
# registered in the monitor): refuse to start it on other ones.
pg_check_ports_unchanged() {
  local file="$PG_DIR/markers/ports" want
  want="monitor=$SQUADRA_PG_MONITOR_PORT node1=$SQUADRA_PG1_PORT node2=$SQUADRA_PG2_PORT"
  if [[ -f $file ]]; then
    [[ "$(<"$file")" == "$want" ]] ||
      die "the database under $PG_DIR was created with ports '$(<"$file")', not '$want'.
  Use the same SQUADRA_PG_*_PORT values, or another SQUADRA_STATE_DIR."
  else
    echo "$want" | as_db_user tee "$file" >/dev/null
  fi
}

# render <template> <'$VAR ...'>: only the listed variables are substituted.
render() { envsubst "$2" <"$PG_TEMPLATES/$1"; }

# Writes a rendered template into a file owned by the database user.
write_as_db_user() { as_db_user tee "$1" >/dev/null; }

pg_initdb() {
  local name="$1"
  as_db_user "$PG_BINDIR/initdb" --pgdata "$PG_DIR/$name" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=reject >>"$LOG_DIR/pg-create.log" 2>&1 ||
    fail_part pg-create "initdb of $name failed"
}

# Our pg_hba rules first, then whatever pg_autoctl appended. Returns 0 when
# the file changed (so a running node needs a reload).
pg_ensure_hba() {
  local hba="$PG_DIR/$1/pg_hba.conf" template="${2:-pg_hba.conf.template}" current wanted
  current="$(as_db_user cat "$hba")"
  wanted="$(
    # shellcheck disable=SC2016 # envsubst's list of variables, not an expansion
    render "$template" '$PG_SOCKET_DIR $DB_OS_USER'
    awk '/^# BEGIN squadra/{skip=1} !skip{print} /^# END squadra/{skip=0}' <<<"$current"
  )"
  [[ $current == "$wanted" ]] && return 1
  printf '%s\n' "$wanted" | write_as_db_user "$hba"
}

# Settings in postgresql.auto.conf are read last; pg_basebackup and pg_rewind
# copy the file, so node2 inherits node1's. (ALTER SYSTEM drops the comments.)
pg_append_settings() {
  local name="$1" template="$2"
  # shellcheck disable=SC2016 # envsubst's list of variables, not an expansion
  render "$template" '$PG_SOCKET_DIR' | grep -v '^#' |
    as_db_user tee -a "$PG_DIR/$name/postgresql.auto.conf" >/dev/null
}

pg_autoctl_create() {
  local what="$1" name="$2"
  shift 2
  log "Creating the $name database node (pg_autoctl create $what)"
  if ! as_db_user pg_autoctl create "$what" --pgdata "$PG_DIR/$name" --pgport "$(pg_port_of "$name")" \
    --pgctl "$PG_BINDIR/pg_ctl" --hostname 127.0.0.1 --auth scram-sha-256 --no-ssl "$@" \
    >>"$LOG_DIR/pg-create.log" 2>&1; then
    fail_part pg-create "pg_autoctl create $what ($name) failed; once fixed, remove $PG_DIR and run again"
  fi
}

pg_apply_keeper_settings() {
  local name="$1" key value
  while read -r key value; do
    [[ -z $key || $key == \#* ]] && continue
    as_db_user pg_autoctl config set --pgdata "$PG_DIR/$name" "$key" "$value" >/dev/null
  done <"$PG_TEMPLATES/keeper-settings"
}

psql_local() {
  local port="$1" db="$2"
  shift 2
  as_db_user psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d "$db" "$@"
}

pg_apply_monitor_settings() {
  psql_local "$SQUADRA_PG_MONITOR_PORT" pg_auto_failover -f - <"$PG_TEMPLATES/monitor-settings.sql" >/dev/null
}

# "<name> <reported state> <assigned state> <port>" per data node, from the monitor.
pg_node_states() {
  psql_local "$SQUADRA_PG_MONITOR_PORT" pg_auto_failover -At -F ' ' \
    -c "SELECT nodename, reportedstate, goalstate, nodeport FROM pgautofailover.node ORDER BY nodeid"
}

# Name of the node the monitor sees as the writable primary (empty if none).
pg_primary_name() {
  pg_node_states 2>/dev/null |
    awk '($2 == "primary" || $2 == "wait_primary" || $2 == "single") && $2 == $3 {print $1; exit}'
}

pg_node_in_state() {
  local name="$1" state="$2"
  pg_node_states 2>/dev/null | awk -v n="$name" -v s="$state" '$1 == n && $2 == s && $3 == s {ok=1} END {exit !ok}'
}

# Ready: one primary and one secondary in their assigned states (deploy/ready-check.sh, shared with deploy/compose/).
pg_pair_ready() {
  pg_node_states 2>/dev/null | "$SQUADRA_ROOT/deploy/ready-check.sh" database-pair 2>/dev/null
}

pg_monitor_ready() {
  psql_local "$SQUADRA_PG_MONITOR_PORT" pg_auto_failover -Atc "SELECT 1" >/dev/null 2>&1
}

pg_start_monitor() {
  supervisor_start pg-monitor
  wait_until "the pg_auto_failover monitor" "$(seconds_left)" pg_monitor_ready ||
    fail_part pg-monitor "the monitor does not answer on port $SQUADRA_PG_MONITOR_PORT"
  pg_apply_monitor_settings
  # The keepers' password (.pgpass), at every start: a rotated secret takes effect with the next ./run.sh.
  psql_local "$SQUADRA_PG_MONITOR_PORT" pg_auto_failover -f - >/dev/null <<SQL
ALTER ROLE autoctl_node WITH PASSWORD '$PG_AUTOCTL_PASSWORD';
SQL
}

# The node the monitor sees as the primary, into PG_PRIMARY, waiting for one. Right after a start a node moves between
# states (an old primary goes primary -> wait_primary while its standby reconnects): for that moment its reported
# and assigned states differ and it counts as no primary, so one look right after pg_has_primary could miss it.
pg_find_primary() {
  wait_until "a primary database node" "$(seconds_left)" pg_primary_found ||
    fail_part pg-node1 "no primary database node (logs: $LOG_DIR/pg-node1.log, $LOG_DIR/pg-node2.log)"
}

pg_primary_found() {
  PG_PRIMARY="$(pg_primary_name)"
  [[ -n $PG_PRIMARY ]]
}

# The replication user's password (.pgpass), on the primary; the standby gets it by replication.
# pg_autoctl creates the user without one when the first node initialises, and never changes it after.
pg_ensure_replication_password() {
  pg_find_primary
  psql_local "$(pg_port_of "$PG_PRIMARY")" postgres -f - >/dev/null <<SQL
ALTER ROLE pgautofailover_replicator WITH PASSWORD '$PG_REPLICATION_PASSWORD';
SQL
}

pg_has_primary() { [[ -n $(pg_primary_name) ]]; }

# The application role and its password, on the primary (idempotent).
pg_ensure_app_role() {
  local primary port
  pg_find_primary
  primary="$PG_PRIMARY"
  port="$(pg_port_of "$primary")"
  if PGPASSWORD="$DB_PASSWORD" psql -X -q -w -At -c "SELECT 1" \
    "host=127.0.0.1 port=$port dbname=squadra user=squadra connect_timeout=3" >/dev/null 2>&1; then
    return 0
  fi
  log "Setting up role 'squadra' (owner of database 'squadra') on $primary"
  # The same SQL as the container deployment's; the password goes through stdin, never on a command line.
  { printf "\\set app_password '%s'\n" "$DB_PASSWORD"; cat "$SQUADRA_ROOT/deploy/postgres/app-role.sql"; } |
    psql_local "$port" postgres -f - >/dev/null
}

# First run: monitor, then node1 (primary), the application role, then node2
# built from node1 (after a CHECKPOINT, or pg_basebackup waits for a spread one).
pg_create_cluster() {
  local t0=$SECONDS
  log "Creating the database clusters under $PG_DIR (first run)"
  if ! pg_is_created monitor; then
    [[ -e $PG_DIR/monitor ]] && die "$PG_DIR/monitor exists but was never completed: remove $PG_DIR and run again"
    pg_initdb monitor
    : | write_as_db_user "$PG_DIR/monitor/pg_hba.conf" # initdb's rules: replaced by ours
    pg_ensure_hba monitor pg_hba-monitor.conf.template || true
    pg_append_settings monitor monitor.conf.template
    pg_autoctl_create monitor monitor
    # The monitor would listen on all interfaces; loopback is all we need.
    as_db_user pg_autoctl config set --pgdata "$PG_DIR/monitor" postgresql.listen_addresses 127.0.0.1 >/dev/null
    pg_mark_created monitor
  fi
  pg_start_monitor

  if ! pg_is_created node1; then
    [[ -e $PG_DIR/node1 ]] && die "$PG_DIR/node1 exists but was never completed: remove $PG_DIR and run again"
    pg_initdb node1
    : | write_as_db_user "$PG_DIR/node1/pg_hba.conf" # initdb's rules: replaced by ours
    pg_ensure_hba node1 || true
    pg_append_settings node1 node.conf.template
    pg_autoctl_create postgres node1 --name node1 --listen 127.0.0.1 --dbname squadra --monitor "$MONITOR_URI"
    pg_apply_keeper_settings node1
    pg_mark_created node1
  fi
  supervisor_start pg-node1
  wait_until "node1 to run as the single primary" "$(seconds_left)" pg_node_in_state node1 single ||
    fail_part pg-node1 "node1 did not reach state 'single'"
  pg_ensure_app_role
  pg_ensure_replication_password # node2's pg_basebackup needs it
  psql_local "$SQUADRA_PG1_PORT" postgres -c CHECKPOINT >/dev/null

  if ! pg_is_created node2; then
    [[ -e $PG_DIR/node2 ]] && die "$PG_DIR/node2 exists but was never completed: stop the stack, remove $PG_DIR/node2, 'pg_autoctl drop node --pgdata $PG_DIR/node2' and run again (or remove $PG_DIR)"
    pg_autoctl_create postgres node2 --name node2 --listen 127.0.0.1 --dbname squadra --monitor "$MONITOR_URI"
    pg_apply_keeper_settings node2
    pg_mark_created node2
  fi
  supervisor_start pg-node2
  log "Database clusters created in $((SECONDS - t0))s"
}

# Later runs: same clusters, same data; settings re-applied, hba re-checked (a stack created before
# pg_auto_failover's users had passwords gets them here: the rules, then the passwords once a primary runs).
pg_start_existing() {
  local name
  pg_reload_if_hba_changed monitor pg_hba-monitor.conf.template
  for name in node1 node2; do
    pg_is_created "$name" || die "database node $name under $PG_DIR is incomplete: remove $PG_DIR to start over"
    pg_reload_if_hba_changed "$name"
    pg_apply_keeper_settings "$name"
  done
  pg_start_monitor
  supervisor_start pg-node1 pg-node2
  wait_until "a primary database node" "$(seconds_left)" pg_has_primary ||
    fail_part pg-node1 "no database node became the primary (logs: $LOG_DIR/pg-node1.log, $LOG_DIR/pg-node2.log)"
  pg_ensure_replication_password
}

pg_reload_if_hba_changed() {
  if pg_ensure_hba "$@" && [[ -f $PG_DIR/$1/postmaster.pid ]]; then
    as_db_user "$PG_BINDIR/pg_ctl" reload --pgdata "$PG_DIR/$1" >/dev/null || true
  fi
}

start_database_tier() {
  pg_prepare_dirs
  pg_check_ports_unchanged
  if pg_is_created node2; then
    pg_start_existing
  else
    pg_create_cluster
  fi
  wait_until "a primary and a synchronous secondary" "$(seconds_left)" pg_pair_ready || {
    pg_node_states >&2 || true
    fail_part "pg-node1" "the database pair is not primary + secondary (logs: $LOG_DIR/pg-node1.log, $LOG_DIR/pg-node2.log)"
  }
  supervisor_start pg-watchdog
  pg_ensure_app_role
  log "Database ready: primary is $(pg_primary_name)"
}

# For status: the monitor's view, in pg_autoctl's own words.
pg_show_state() {
  as_db_user pg_autoctl show state --pgdata "$PG_DIR/monitor"
}
