#!/usr/bin/env bash
# Entry point of the gateway image: nginx with ./run.sh's configuration
# (deploy/nginx/nginx.conf.template: routes, passive health and retries on the other replica,
# WebSocket upgrade, timeouts), rendered for containers:
#   - it listens on 0.0.0.0:8080 inside the container (the host publishes it on 127.0.0.1);
#   - the upstream servers are the backend and frontend containers, by IP address;
#   (X-Forwarded-For is the address nginx sees, as in the template: the backends trust the header
#   from any proxy here, see compose.yaml.)
#
# nginx resolves names only when it loads its configuration, and a container that is recreated
# (an upgrade) may come back with another address. So the names are resolved here, every
# 2 seconds, and nginx reloads when one now points elsewhere. A name that stops resolving (its
# container is stopped or restarting) keeps its last address: passive health skips it, and no
# reload drops the WebSockets meanwhile. A name never resolved yet is a "down" server.
#
#   SQUADRA_API_UPSTREAMS       "api-1:8080 api-2:8080" (one or more)
#   SQUADRA_FRONTEND_UPSTREAMS  "frontend-1:8080 frontend-2:8080" (one or more)
set -euo pipefail

TEMPLATE=/etc/squadra/nginx.conf.template
UPSTREAMS_AWK=/etc/squadra/upstreams.awk
NGINX_DIR=/var/lib/squadra-gateway
CONF="$NGINX_DIR/nginx.conf"
read -ra APIS <<<"${SQUADRA_API_UPSTREAMS:-api-1:8080 api-2:8080}"
read -ra FRONTENDS <<<"${SQUADRA_FRONTEND_UPSTREAMS:-frontend-1:8080 frontend-2:8080}"
((${#APIS[@]} > 0 && ${#FRONTENDS[@]} > 0)) || {
  echo "squadra-gateway: SQUADRA_API_UPSTREAMS and SQUADRA_FRONTEND_UPSTREAMS must each name one upstream or more" >&2
  exit 1
}

declare -A last_address=()

log() { printf '%s squadra-gateway: %s\n' "$(date +%T)" "$*" >&2; }

# Remembers the current address of every upstream that resolves.
resolve_all() {
  local upstream ip
  for upstream in "${APIS[@]}" "${FRONTENDS[@]}"; do
    ip="$(getent ahostsv4 "${upstream%:*}" 2>/dev/null | awk 'NR == 1 {print $1}')" || true
    [[ -n $ip ]] && last_address[$upstream]="$ip:${upstream##*:}"
  done
  return 0
}

# host:port -> ip:port (the last one known), or "127.0.0.1:9|down" when never resolved (upstreams.awk makes the
# "|" a space: "server 127.0.0.1:9 down ...").
address_of() { echo "${last_address[$1]:-127.0.0.1:9|down}"; }

render() {
  local apis="" frontends="" upstream
  resolve_all
  for upstream in "${APIS[@]}"; do apis+="$(address_of "$upstream") "; done
  for upstream in "${FRONTENDS[@]}"; do frontends+="$(address_of "$upstream") "; done
  # shellcheck disable=SC2016 # envsubst's list of variables, not an expansion
  NGINX_USER_DIRECTIVE="user www-data www-data;" NGINX_DIR="$NGINX_DIR" LOG_DIR=/var/log/squadra-gateway SQUADRA_GATEWAY_PORT=8080 \
    envsubst '$NGINX_DIR $LOG_DIR $NGINX_USER_DIRECTIVE $SQUADRA_GATEWAY_PORT' <"$TEMPLATE" |
    awk -v apis="$apis" -v frontends="$frontends" -f "$UPSTREAMS_AWK" |
    awk '/listen 127\.0\.0\.1:8080;/ { sub(/127\.0\.0\.1:8080/, "8080") } { print }'
}

# The template is ./run.sh's: if its shape changes, stop here rather than serve a wrong config.
check_rendered() {
  local file="$1"
  grep -q '^ *listen 8080;' "$file" && ! grep -q '^ *server @\|listen 127\.0\.0\.1' "$file" || {
    log "deploy/nginx/nginx.conf.template no longer has the shape this script rewrites (listen 127.0.0.1:PORT, server @API@ and server @FRONTEND@ lines); update deploy/compose/gateway/gateway-run.sh"
    exit 1
  }
}

upstream_addresses() { awk '$1 == "server" && $2 != "{" {print $2}' "$CONF" | sort -u | tr '\n' ' '; }

wait_for_names() {
  local name
  for _ in $(seq 1 60); do
    local missing=0
    for name in "${APIS[@]}" "${FRONTENDS[@]}"; do
      getent ahostsv4 "${name%:*}" >/dev/null 2>&1 || missing=1
    done
    ((missing == 0)) && return 0
    sleep 0.5
  done
  log "not every upstream resolves yet; starting with what does"
}

mkdir -p "$NGINX_DIR/tmp"
wait_for_names
render >"$CONF"
check_rendered "$CONF"
/usr/sbin/nginx -t -q -p "$NGINX_DIR/" -c "$CONF" -e stderr
log "upstreams: $(upstream_addresses)"

/usr/sbin/nginx -p "$NGINX_DIR/" -c "$CONF" -e stderr &
nginx_pid=$!
# SIGTERM (podman/docker stop): graceful nginx shutdown, bounded by worker_shutdown_timeout.
trap 'kill -QUIT "$nginx_pid" 2>/dev/null || true' TERM INT QUIT

while kill -0 "$nginx_pid" 2>/dev/null; do
  sleep 2 &
  wait $! || true
  kill -0 "$nginx_pid" 2>/dev/null || break
  render >"$CONF.next"
  if ! cmp -s "$CONF.next" "$CONF"; then
    check_rendered "$CONF.next"
    mv "$CONF.next" "$CONF"
    if /usr/sbin/nginx -t -q -p "$NGINX_DIR/" -c "$CONF" -e stderr; then
      log "an upstream moved; reloading: $(upstream_addresses)"
      kill -HUP "$nginx_pid"
    fi
  fi
done
wait "$nginx_pid"
