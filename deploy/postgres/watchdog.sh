#!/usr/bin/env bash
# pg-watchdog: kills a PostgreSQL postmaster that no longer answers.
#
# pg_auto_failover only reacts to a node whose keeper stops reporting or whose
# PostgreSQL is not running: a postmaster that hangs (SIGSTOP, stuck I/O) while
# its keeper lives is reported "running" forever and writes stay down
# (postgres-ha.md, "Traps"). This loop asks each local node "SELECT 1" through
# its unix socket; after WATCHDOG_STRIKES consecutive checks that time out (an
# error such as "starting up" or "too many clients" does not count) it sends
# SIGKILL to that postmaster and to its children, so that pg_autoctl restarts
# it or the monitor fails over: the normal path (and removes the dead server's
# postmaster.pid, see remove_pid_file_when_gone).
#
# When the monitor has already begun to fail that node over (its assigned
# state is draining, demote_timeout, demoted...), pg_auto_failover is in
# charge: its keeper is then waiting in "pg_ctl stop" for the frozen server,
# and a kill would leave a zombie that pg_ctl waits on for its full 60 s. A node
# resumed within WATCHDOG_GRACE seconds goes through the normal demotion; one
# still frozen after that is killed, so that it can rejoin at all.
#
# Run by supervisord (program pg-watchdog) as the database OS user, with
# PG_DIR, PGHOST, WATCHDOG_MONITOR_PORT and WATCHDOG_NODES
# ("node1:5432 node2:5433") set; PG_BINDIR when PostgreSQL's binaries are not in
# /usr/lib/postgresql/15/bin.
set -euo pipefail

: "${PG_DIR:?}" "${PGHOST:?}" "${WATCHDOG_NODES:?}" "${WATCHDOG_MONITOR_PORT:?}"
interval="${WATCHDOG_INTERVAL:-1}" # seconds between rounds
timeout="${WATCHDOG_TIMEOUT:-2}"   # seconds a SELECT 1 may take
strikes="${WATCHDOG_STRIKES:-2}"   # consecutive timeouts before the kill
grace="${WATCHDOG_GRACE:-60}"      # seconds left to pg_auto_failover once it acts
# PostgreSQL's own psql, not Debian's /usr/bin/psql: that is a Perl wrapper (pg_wrapper)
# whose start-up, twice a second, cost ~10 % of a core of an idle stack (docs/benchmarks.md).
psql="${PG_BINDIR:-/usr/lib/postgresql/15/bin}/psql"
[[ -x $psql ]] || psql=psql

# The state the monitor assigned to a node ("" when the monitor does not answer).
assigned_state() {
  timeout 2 "$psql" -X -q -At -p "$WATCHDOG_MONITOR_PORT" -d pg_auto_failover \
    -c "SELECT goalstate FROM pgautofailover.node WHERE nodename = '$1'" 2>/dev/null || true
}

# After the kill: once no process of that server runs any more, its postmaster.pid
# goes. The keeper may be waiting in "pg_ctl stop" for that very server, and
# pg_ctl waits for the pid file to go or its pid to vanish; but the killed
# postmaster stays a zombie until pg_autoctl, which is blocked in that pg_ctl,
# reaps it: pg_ctl would wait for its whole timeout (60 s) before the keeper
# could rejoin the node.
remove_pid_file_when_gone() {
  local name="$1" postmaster="$2" p state running
  shift
  for _ in $(seq 1 50); do
    running=0
    for p in "$@"; do
      state="$(ps -o stat= -p "$p" 2>/dev/null || true)"
      [[ -n $state && $state != Z* ]] && running=1
    done
    ((running)) || break
    sleep 0.1
  done
  if ((running == 0)) && [[ "$(head -n 1 "$PG_DIR/$name/postmaster.pid" 2>/dev/null)" == "$postmaster" ]]; then
    rm -f "$PG_DIR/$name/postmaster.pid"
    echo "$(date +%T) $name: every process of postmaster $postmaster is gone; removed its postmaster.pid"
  fi
}

declare -A misses=()
echo "$(date +%T) watching ${WATCHDOG_NODES} (SELECT 1 within ${timeout}s; kill after ${strikes} misses, or ${grace}s once the monitor fails the node over)"

while true; do
  for entry in $WATCHDOG_NODES; do
    name="${entry%%:*}" port="${entry##*:}"
    pid="$(head -n 1 "$PG_DIR/$name/postmaster.pid" 2>/dev/null || true)"
    if [[ ! $pid =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null; then
      misses[$name]=0 # not running: pg_autoctl's business
      continue
    fi
    rc=0
    timeout "$timeout" "$psql" -X -q -At -p "$port" -d postgres -c 'SELECT 1' >/dev/null 2>&1 || rc=$?
    if ((rc == 124)); then
      misses[$name]=$((${misses[$name]:-0} + 1))
      echo "$(date +%T) $name (port $port, postmaster $pid) did not answer within ${timeout}s (${misses[$name]} in a row)"
    else
      misses[$name]=0
    fi
    ((misses[$name] > 0)) || continue
    limit=$strikes
    state="$(assigned_state "$name")"
    case "$state" in
      draining | demote_timeout | demoted | stop_replication | report_lsn | maintenance | prepare_maintenance)
        limit=$((grace / (timeout + interval) + 1)) ;;
    esac
    if ((misses[$name] >= limit)); then
      # The whole server, not the postmaster alone: its backends would stay attached to the shared
      # memory (or stopped, as hung as the postmaster) and no new postmaster could start on it.
      children="$(pgrep -P "$pid" | tr '\n' ' ' || true)"
      echo "$(date +%T) $name (assigned state '${state:-?}'): postmaster $pid hangs; SIGKILL to it and its children (${children:-none}) so that pg_auto_failover can act"
      # shellcheck disable=SC2086 # one pid per word
      kill -KILL "$pid" $children 2>/dev/null || true
      # shellcheck disable=SC2086
      remove_pid_file_when_gone "$name" "$pid" $children
      misses[$name]=0
    fi
  done
  sleep "$interval"
done
