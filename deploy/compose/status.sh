#!/usr/bin/env bash
# The state of Squadra's containers: every container with its health (checked now), and
# pg_auto_failover's view of the database nodes (which one is primary, whether the standby is
# synchronous). Same settings as up.sh (SQUADRA_COMPOSE_PROJECT, SQUADRA_CONTAINER_ENGINE).
set -euo pipefail

SQUADRA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
export SQUADRA_ROOT
# shellcheck source=lib.sh
source "$SQUADRA_ROOT/deploy/compose/lib.sh"

choose_engine
printf '%-12s %-40s %-10s %s\n' SERVICE CONTAINER STATE HEALTH
for service in "${SERVICES_DB[@]}" "${SERVICES_APP[@]}"; do
  container="$(container_of "$service")"
  if [[ -z $container ]]; then
    printf '%-12s %-40s %-10s %s\n' "$service" - missing -
    continue
  fi
  health=unhealthy
  service_healthy "$service" && health=healthy
  printf '%-12s %-40s %-10s %s\n' "$service" "$container" "$(container_state "$container")" "$health"
done
echo
pg_show_state || echo "(the monitor does not answer)"
