#!/usr/bin/env bash
# Stops and removes Squadra's containers and networks (deploy/compose/compose.yaml). The data
# volumes and the secrets are kept for the next up.sh, unless --volumes is given.
#
#   ./deploy/compose/down.sh             stop and remove the containers; keep the data
#   ./deploy/compose/down.sh --volumes   also delete the database volumes and the project's secrets
#
# Same settings as up.sh (SQUADRA_COMPOSE_PROJECT, SQUADRA_COMPOSE_STATE_DIR, SQUADRA_CONTAINER_ENGINE).
# The order is up.sh's reversed, the standby database node before the primary, so that stopping
# never makes pg_auto_failover fail over; each part gets time for a clean shutdown.
set -euo pipefail

SQUADRA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
export SQUADRA_ROOT
# shellcheck source=lib.sh
source "$SQUADRA_ROOT/deploy/compose/lib.sh"

remove_volumes=0
case "${1:-}" in
  "") ;;
  -v | --volumes) remove_volumes=1 ;;
  *) die "unknown argument '$1' (use: --volumes)" ;;
esac

stop_services() {
  local service container
  local -a containers=()
  for service in "$@"; do
    container="$(container_of "$service")"
    [[ -n $container ]] && containers+=("$container")
  done
  ((${#containers[@]} > 0)) || return 0
  log "Stopping $*"
  "$ENGINE" stop -t 20 "${containers[@]}" >/dev/null 2>&1 || true
}

main() {
  choose_engine
  # Compose needs its variables to parse the file, even to take it down.
  export SQUADRA_SECRETS_DIR
  if [[ -n "$(project_containers)" ]]; then
    local primary="" standby
    primary="$(pg_states 2>/dev/null | awk '($2 == "primary" || $2 == "wait_primary" || $2 == "single") && !found {print "pg-" $1; found = 1}')" || true
    stop_services gateway
    stop_services "${SERVICES_API[@]}" "${SERVICES_FRONTEND[@]}"
    for standby in pg-node1 pg-node2; do
      [[ $standby == "$primary" ]] || stop_services "$standby"
    done
    [[ -n $primary ]] && stop_services "$primary"
    stop_services pg-monitor
    local -a containers
    mapfile -t containers < <(project_containers)
    ((${#containers[@]} == 0)) || "$ENGINE" rm -f "${containers[@]}" >/dev/null
  fi
  mkdir -p "$PROJECT_DIR"
  if [[ $ENGINE == docker ]]; then
    local -a args=()
    ((remove_volumes)) && args+=(--volumes)
    compose down "${args[@]}" >>"$COMPOSE_LOG" 2>&1 || true
  fi
  # What is left, by compose's labels (podman-compose 1.0.3's own "down" leaves the networks).
  local -a leftovers
  mapfile -t leftovers < <("$ENGINE" network ls -q --filter "label=com.docker.compose.project=$SQUADRA_COMPOSE_PROJECT" 2>/dev/null)
  ((${#leftovers[@]} == 0)) || "$ENGINE" network rm "${leftovers[@]}" >/dev/null 2>&1 || true
  if ((remove_volumes)); then
    mapfile -t leftovers < <("$ENGINE" volume ls -q --filter "label=com.docker.compose.project=$SQUADRA_COMPOSE_PROJECT" 2>/dev/null)
    ((${#leftovers[@]} == 0)) || "$ENGINE" volume rm -f "${leftovers[@]}" >/dev/null
    rm -rf "$PROJECT_DIR"
    log "Removed the containers, networks, volumes and secrets of project $SQUADRA_COMPOSE_PROJECT"
  else
    log "Removed the containers and networks of project $SQUADRA_COMPOSE_PROJECT (volumes and secrets kept)"
  fi
}

main
