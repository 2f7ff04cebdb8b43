#!/usr/bin/env bash
# pg-watchdog: kills a PostgreSQL postmaster that no longer answers.
#
# pg_auto_failover only reacts to a node whose keeper stops reporting or whose
# PostgreSQL is not running: a postmaster that hangs (SIGSTOP, stuck I/O) while
# its keeper lives is reported "running" forever and writes stay down
# (postgres-ha.md, "Traps"). This loop asks each local node "SELECT 1" through
# its unix socket; after WATCHDOG_STRIKES consecutive checks that time out (an
# error such as "starting up" or "too many clients" does not count) it sends
# SIGKILL to that postmaster, so that pg_autoctl restarts it or the monitor
# fails over: the normal path.
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
# ("node1:5432 node2:5433") set.
set -euo pipefail

: "${PG_DIR:?}" "${PGHOST:?}" "${WATCHDOG_NODES:?}" "${WATCHDOG_MONITOR_PORT:?}"
interval="${WATCHDOG_INTERVAL:-1}" # seconds between rounds
timeout="${WATCHDOG_TIMEOUT:-2}"   # seconds a SELECT 1 may take
strikes="${WATCHDOG_STRIKES:-2}"   # consecutive timeouts before the kill
grace="${WATCHDOG_GRACE:-60}"      # seconds left to pg_auto_failover once it acts

# The state the monitor assigned to a node ("" when the monitor does not answer).
assigned_state() {
  timeout 2 psql -X -q -At -p "$WATCHDOG_MONITOR_PORT" -d pg_auto_failover \
    -c "SELECT goalstate FROM pgautofailover.node WHERE nodename = '$1'" 2>/dev/null || true
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
    timeout "$timeout" psql -X -q -At -p "$port" -d postgres -c 'SELECT 1' >/dev/null 2>&1 || rc=$?
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
      echo "$(date +%T) $name (assigned state '${state:-?}'): postmaster $pid hangs; SIGKILL so that pg_auto_failover can act"
      kill -KILL "$pid" 2>/dev/null || true
      misses[$name]=0
    fi
  done
  sleep "$interval"
done
