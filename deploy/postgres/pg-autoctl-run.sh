#!/usr/bin/env bash
# Runs "pg_autoctl run --pgdata <pgdata>" for supervisord (programs pg-monitor,
# pg-node1, pg-node2), after stopping what is left of this node's previous run.
#
# pg_autoctl forks service processes ("start/stop postgres", "node active",
# "listener"). When pg_autoctl itself is killed (kill -9), they live on as
# orphans and "start/stop postgres" keeps restarting PostgreSQL beside the
# new pg_autoctl, even after a stop. supervisord starts each program as a
# process-group leader, so the group id recorded by the previous run names
# exactly those leftovers; an old PostgreSQL still running is stopped by its
# old "start/stop postgres" service, or else adopted by the new pg_autoctl.
set -euo pipefail

pgdata="$1"
pgid_file="${XDG_RUNTIME_DIR:?}/$(basename "$pgdata").pgid"
pgid="$(ps -o pgid= -p "$$" | tr -d ' ')"

# pg_autoctl processes of the previous run's process group, if any are left.
leftovers() { pgrep -g "$1" -x pg_autoctl || true; }

if [[ -r $pgid_file ]]; then
  old="$(<"$pgid_file")"
  if [[ $old =~ ^[0-9]+$ && $old != "$pgid" && -n "$(leftovers "$old")" ]]; then
    echo "$(date +%T) stopping the leftovers of a previous pg_autoctl for $pgdata (process group $old)"
    # SIGTERM to pg_autoctl only: its postgres service then stops PostgreSQL
    # with a fast shutdown. (PostgreSQL may share the group, and SIGTERM to it
    # would be a "smart" shutdown, waiting for every client to leave.)
    # shellcheck disable=SC2046 # one pid per word
    kill -TERM $(leftovers "$old") 2>/dev/null || true
    for _ in $(seq 1 40); do
      [[ -n "$(leftovers "$old")" ]] || break
      sleep 0.5
    done
    # shellcheck disable=SC2046
    kill -KILL $(leftovers "$old") 2>/dev/null || true
  fi
fi
echo "$pgid" >"$pgid_file"
exec /usr/bin/pg_autoctl run --pgdata "$pgdata"
