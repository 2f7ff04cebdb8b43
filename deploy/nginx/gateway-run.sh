#!/usr/bin/env bash
# Runs nginx in the foreground for supervisord (program gateway), after
# stopping what is left of a previous nginx of this stack.
#
# When the nginx master is killed (kill -9, OOM killer), its workers live on
# as orphans: they keep the listening socket, so every new master fails to
# bind ("Address already in use") and supervisord restarts it forever, while
# the orphans serve with the old configuration and no master to reload or
# replace them. supervisord starts each program as a process-group leader, so
# the group id recorded by the previous run names exactly those leftovers.
# They get SIGQUIT (graceful: they close the listening socket at once and
# finish the requests in flight, bounded by worker_shutdown_timeout); nginx
# starts as soon as they no longer listen (it also retries its bind itself).
set -euo pipefail

nginx_dir="$1"
pgid_file="$nginx_dir/gateway.pgid"
pgid="$(ps -o pgid= -p "$$" | tr -d ' ')"

leftovers() { pgrep -g "$1" -x nginx || true; }

# True while one of the given pids holds a listening TCP socket.
listening() {
  local pids
  pids="$(tr '\n' '|' <<<"$1")"
  ss -Hltnp 2>/dev/null | grep -Eq "pid=(${pids%|})[,)]"
}

if [[ -r $pgid_file ]]; then
  old="$(<"$pgid_file")"
  if [[ $old =~ ^[0-9]+$ && $old != "$pgid" && -n "$(leftovers "$old")" ]]; then
    echo "$(date +%T) stopping the processes a killed nginx master left behind (process group $old): $(leftovers "$old" | tr '\n' ' ')"
    # shellcheck disable=SC2046 # one pid per word
    kill -QUIT $(leftovers "$old") 2>/dev/null || true
    for _ in $(seq 1 20); do
      left="$(leftovers "$old")"
      if [[ -z $left ]] || ! listening "$left"; then break; fi
      sleep 0.1
    done
  fi
fi
echo "$pgid" >"$pgid_file"
exec /usr/sbin/nginx -p "$nginx_dir/" -c "$nginx_dir/nginx.conf" -e stderr
