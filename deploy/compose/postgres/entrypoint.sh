#!/usr/bin/env bash
# Entry point of the postgres image: the pg_auto_failover monitor (SQUADRA_PG_ROLE=monitor) or a
# data node (SQUADRA_PG_ROLE=node). Creates the instance on the first start (the volume is empty),
# then runs "pg_autoctl run" as the postgres user: pg_autoctl starts and watches PostgreSQL, and
# the container's restart policy restarts pg_autoctl. Settings shared with ./run.sh come from
# /etc/squadra (copies of deploy/postgres/*: node.conf.template, monitor.conf.template,
# monitor-settings.sql, keeper-settings).
#
#   SQUADRA_PG_ROLE           monitor | node
#   SQUADRA_PG_NODE_NAME      node1, node2 (data nodes)
#   SQUADRA_PG_HOSTNAME       the name the other containers reach this one by (pg-node1, pg-monitor)
#   SQUADRA_PG_MONITOR_HOST   the monitor's name (data nodes)
#   SQUADRA_PG_BOOTSTRAP      1 on the node that may create the formation (pg-node1); a node without
#                             it waits for a primary, then joins as its standby (pg_basebackup)
#   SQUADRA_PG_CLIENT_NETWORK who may connect over TCP (pg_hba.conf, at creation): "samenet" (the
#                             networks this container is on) or a CIDR such as 10.0.0.0/24
#   /run/secrets/db_password  the application role's password (data nodes)
#   /run/secrets/pg_autoctl_password, /run/secrets/pg_replication_password
#                             pg_auto_failover's users: autoctl_node (the keepers' connection to the
#                             monitor: monitor and data nodes), pgautofailover_replicator (data nodes)
set -euo pipefail

: "${SQUADRA_PG_ROLE:?monitor or node}" "${SQUADRA_PG_HOSTNAME:?}"
PG_BINDIR=/usr/lib/postgresql/15/bin
HOME_DIR=/var/lib/squadra # the volume
PGDATA="$HOME_DIR/pgdata"
PORT=5432
export PGHOST=/var/run/postgresql PGPORT=$PORT
# pg_autoctl keeps its config and state under XDG_*: on the volume, so that they live as long as
# PGDATA. Its pid file goes to XDG_RUNTIME_DIR, emptied at every start (a pid from an earlier
# life of this container could name a live process of this one).
export HOME="$HOME_DIR" XDG_CONFIG_HOME="$HOME_DIR/xdg/config" XDG_DATA_HOME="$HOME_DIR/xdg/data" \
  XDG_RUNTIME_DIR=/run/squadra-pg

log() { printf '%s squadra-postgres: %s\n' "$(date +%T)" "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}
# pg_autoctl refuses root; setpriv rather than su (see shared/postgres-ha.md, "Traps").
as_pg() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
psql_local() { as_pg psql -X -q -v ON_ERROR_STOP=1 "$@"; }
# Runs a function in the background, detached from pg_autoctl (which becomes this shell by exec):
# the double fork hands it to the container's init, which reaps it.
detach() { ( "$@" </dev/null & ) ; }

prepare_dirs() {
  install -d -o postgres -g postgres -m 700 "$HOME_DIR" "$HOME_DIR/xdg" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
  rm -rf "$XDG_RUNTIME_DIR"
  install -d -o postgres -g postgres -m 700 "$XDG_RUNTIME_DIR"
  install -d -o postgres -g postgres -m 2775 "$PGHOST"
  # Nothing of a previous life of this container runs any more: a postmaster.pid left by a kill
  # is stale, and PostgreSQL could mistake an unrelated process of this life for its owner.
  rm -f "$PGDATA/postmaster.pid"
}

# node.conf.template / monitor.conf.template, with the socket directory of this image.
append_settings() {
  # shellcheck disable=SC2016 # envsubst's list of variables, not an expansion
  PG_SOCKET_DIR="$PGHOST" envsubst '$PG_SOCKET_DIR' <"/etc/squadra/$1" | grep -v '^#' |
    as_pg tee -a "$PGDATA/postgresql.auto.conf" >/dev/null
}

initdb_with_our_hba() {
  rm -rf "$PGDATA"
  as_pg "$PG_BINDIR/initdb" --pgdata "$PGDATA" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=reject >/dev/null
  write_our_hba "$1"
}

# pg_autoctl runs with --skip-pg-hba: the file is ours alone, rewritten at every start so that a
# volume created by an older image gets today's rules.
write_our_hba() {
  local network="${SQUADRA_PG_CLIENT_NETWORK:-samenet}"
  [[ $network == samenet || $network =~ ^[0-9a-fA-F.:]+/[0-9]+$ ]] ||
    die "SQUADRA_PG_CLIENT_NETWORK must be samenet or a CIDR, not '$network'"
  sed "s#samenet#$network#" "/etc/squadra/$1" | as_pg tee "$PGDATA/pg_hba.conf" >/dev/null
  chmod 600 "$PGDATA/pg_hba.conf"
}

# A secret of /run/secrets: hex, as up.sh makes them (safe inside SQL quotes and .pgpass).
read_secret() {
  [[ -r /run/secrets/$1 ]] || die "/run/secrets/$1 is missing"
  local value
  value="$(tr -d '\n' </run/secrets/"$1")"
  [[ $value =~ ^[A-Za-z0-9]+$ ]] || die "/run/secrets/$1 must be letters and digits"
  printf '%s' "$value"
}

# libpq of pg_autoctl, PostgreSQL (streaming replication) and psql finds the passwords of
# pg_auto_failover's users in ~/.pgpass (HOME is the volume); rewritten at every start from the secrets.
write_pgpass() {
  printf '%s\n' "*:*:pg_auto_failover:autoctl_node:$1" "*:*:*:pgautofailover_replicator:$2" |
    as_pg sh -c 'umask 077 && cat >"$1" && chmod 600 "$1"' sh "$HOME_DIR/.pgpass"
}

# ---- monitor ----

create_monitor() {
  log "creating the pg_auto_failover monitor in $PGDATA"
  initdb_with_our_hba pg_hba-monitor.conf
  append_settings monitor.conf.template
  as_pg pg_autoctl create monitor --pgdata "$PGDATA" --pgport "$PORT" --pgctl "$PG_BINDIR/pg_ctl" \
    --hostname "$SQUADRA_PG_HOSTNAME" --no-ssl --skip-pg-hba
  as_pg touch "$HOME_DIR/created"
}

# Failure detection timings (deploy/postgres/monitor-settings.sql) and autoctl_node's password, once
# the monitor answers; at every start, like ./run.sh (idempotent; a rotated secret takes effect).
apply_monitor_settings() {
  local password="$1"
  for _ in $(seq 1 240); do
    if psql_local -d pg_auto_failover -f /etc/squadra/monitor-settings.sql >/dev/null 2>&1 &&
      psql_local -d pg_auto_failover -f - >/dev/null 2>&1 <<SQL; then
ALTER ROLE autoctl_node WITH PASSWORD '$password';
SQL
      log "monitor settings and autoctl_node's password applied"
      return 0
    fi
    sleep 0.5
  done
  log "WARNING: could not apply monitor-settings.sql or autoctl_node's password"
}

# ---- data nodes ----

MONITOR_URI="postgres://autoctl_node@${SQUADRA_PG_MONITOR_HOST:-pg-monitor}:${PORT}/pg_auto_failover?sslmode=disable&connect_timeout=2"

# "host port" of the formation's writable node, as the monitor sees it (empty if none).
current_primary() {
  as_pg psql -X -q -At -F ' ' "$MONITOR_URI" -c \
    "SELECT nodehost, nodeport FROM pgautofailover.node
      WHERE reportedstate IN ('single', 'primary', 'wait_primary') AND reportedstate = goalstate
      LIMIT 1" 2>/dev/null || true
}

node_count() {
  as_pg psql -X -q -At "$MONITOR_URI" -c "SELECT count(*) FROM pgautofailover.node" 2>/dev/null || true
}

create_node() {
  local name="${SQUADRA_PG_NODE_NAME:?}" count primary
  log "waiting for the monitor (${SQUADRA_PG_MONITOR_HOST:-pg-monitor})"
  for _ in $(seq 1 240); do
    count="$(node_count)"
    [[ -n $count ]] && break
    sleep 0.5
  done
  [[ -n $count ]] || die "the monitor does not answer"

  if [[ $count == 0 && ${SQUADRA_PG_BOOTSTRAP:-0} == 1 ]]; then
    log "creating $name as the first node of the formation (it becomes the primary)"
    initdb_with_our_hba pg_hba-node.conf
    append_settings node.conf.template
  else
    log "waiting for a primary to copy $name from"
    for _ in $(seq 1 600); do
      primary="$(current_primary)"
      [[ -n $primary ]] && break
      sleep 0.5
    done
    [[ -n $primary ]] || die "no primary to copy $name from"
    # pg_basebackup waits for a checkpoint on the primary, spread over minutes unless one has
    # just been done (shared/postgres-ha.md, "Traps").
    # (The primary may still be restarting at the end of its own creation: a few tries.)
    log "checkpoint on the primary ($primary), then pg_basebackup"
    local tries=0 # (the primary sets the replication user's password once it runs: a minute at most)
    until as_pg psql -X -q "host=${primary% *} port=${primary#* } dbname=postgres user=pgautofailover_replicator connect_timeout=2" \
      -c CHECKPOINT >/dev/null 2>&1; do
      if ((++tries >= 120)); then
        log "WARNING: CHECKPOINT on $primary failed; pg_basebackup may be slow"
        break
      fi
      sleep 0.5
    done
    rm -rf "$PGDATA"
  fi
  as_pg pg_autoctl create postgres --pgdata "$PGDATA" --pgport "$PORT" --pgctl "$PG_BINDIR/pg_ctl" \
    --hostname "$SQUADRA_PG_HOSTNAME" --name "$name" --dbname squadra --monitor "$MONITOR_URI" \
    --no-ssl --skip-pg-hba
  as_pg touch "$HOME_DIR/created"
}

# The keeper settings of deploy/postgres/keeper-settings, at every start (as ./run.sh).
apply_keeper_settings() {
  local key value
  while read -r key value; do
    [[ -z $key || $key == \#* ]] && continue
    as_pg pg_autoctl config set --pgdata "$PGDATA" "$key" "$value" >/dev/null
  done </etc/squadra/keeper-settings
}

# Role and database "squadra" with the password of /run/secrets/db_password, and the replication
# user's password, on the primary (idempotent, at every start, so a new password takes effect with
# the next up). A standby gets them by replication. (pg_autoctl creates the replication user without
# a password when the first node initialises, and never changes it after.)
ensure_app_role() {
  local password="$1" replication_password="$2" in_recovery=""
  for _ in $(seq 1 240); do
    in_recovery="$(psql_local -At -d postgres -c 'SELECT pg_is_in_recovery()' 2>/dev/null || true)"
    [[ $in_recovery == t ]] && return 0
    [[ $in_recovery == f ]] && break
    sleep 0.5
  done
  [[ $in_recovery == f ]] || {
    log "WARNING: PostgreSQL did not answer; role squadra not checked"
    return 0
  }
  # The same SQL as ./run.sh's (deploy/postgres/app-role.sql); the passwords reach psql through stdin, never a
  # command line.
  if {
    printf "\\set app_password '%s'\n" "$password"
    cat /etc/squadra/app-role.sql
    printf "ALTER ROLE pgautofailover_replicator WITH PASSWORD '%s';\n" "$replication_password"
  } | psql_local -d postgres -f - >/dev/null; then
    log "role squadra ready (owner of database squadra); replication user's password set"
  else
    log "WARNING: could not set up role squadra"
  fi
}

prepare_dirs
case "$SQUADRA_PG_ROLE" in
  monitor)
    autoctl_password="$(read_secret pg_autoctl_password)"
    if [[ -e $HOME_DIR/created ]]; then write_our_hba pg_hba-monitor.conf; else create_monitor; fi
    detach apply_monitor_settings "$autoctl_password"
    ;;
  node)
    db_password="$(read_secret db_password)"
    replication_password="$(read_secret pg_replication_password)"
    autoctl_password="$(read_secret pg_autoctl_password)"
    write_pgpass "$autoctl_password" "$replication_password"
    if [[ -e $HOME_DIR/created ]]; then write_our_hba pg_hba-node.conf; else create_node; fi
    apply_keeper_settings
    detach ensure_app_role "$db_password" "$replication_password"
    ;;
  *) die "SQUADRA_PG_ROLE must be monitor or node, not '$SQUADRA_PG_ROLE'" ;;
esac
log "starting pg_autoctl ($SQUADRA_PG_ROLE, $PGDATA)"
exec setpriv --reuid=postgres --regid=postgres --init-groups /usr/bin/pg_autoctl run --pgdata "$PGDATA"
