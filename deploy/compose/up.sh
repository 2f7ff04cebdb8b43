#!/usr/bin/env bash
# Builds and starts Squadra as containers (deploy/compose/compose.yaml) with Docker or podman,
# and waits until every part answers. Run it again to upgrade: the images are rebuilt when what they
# are made of changed, and each container whose image changed is replaced one at a time (volumes kept; the backends run the
# database migrations once, under an advisory lock).
#
#   ./deploy/compose/up.sh
#
# Settings (environment; README.md, "Deploying with containers"):
#   SQUADRA_COMPOSE_PROJECT    compose project name (default squadra): containers, volumes, networks
#   SQUADRA_GATEWAY_PORT       host port of the gateway (default 8080)
#   SQUADRA_GATEWAY_BIND       host address it is published on (default 127.0.0.1)
#   SQUADRA_REPLICAS           backend replicas, 2-9 (default 2): api-3 and on are generated copies of api-1
#   SQUADRA_COMPOSE_FILES      extra compose files, e.g. "compose.replicas.yaml" (with
#                              SQUADRA_API1_PORT, SQUADRA_API2_PORT, ...: each backend on 127.0.0.1)
#   SQUADRA_COMPOSE_STATE_DIR  build output, staged contexts, per-project secrets (default ./.state/compose)
#   SQUADRA_CONTAINER_ENGINE   auto (docker if its daemon answers, else podman) | docker | podman
#   SQUADRA_BASE_IMAGE         base of every image (default: debian:bookworm-slim with docker,
#                              localhost/debian-base:bookworm made by debootstrap with podman)
#   SQUADRA_IMAGE_PREFIX, SQUADRA_IMAGE_TAG   image names (localhost/squadra-<part>:latest)
#   SQUADRA_SKIP_BUILD=1       use the images as they are
#   SQUADRA_START_TIMEOUT      seconds for everything to become ready (default 300)
#   SQUADRA_LOGIN_PERMIT_LIMIT login attempts per client address per minute, per backend (10)
#   SQUADRA_REGISTER_PERMIT_LIMIT accounts registered per client address per hour, per backend (30)
#   SQUADRA_WRITES_PER_MINUTE  writes per user per minute, per backend (120)
set -euo pipefail

SQUADRA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
export SQUADRA_ROOT
# shellcheck source=lib.sh
source "$SQUADRA_ROOT/deploy/compose/lib.sh"

# Creates what is missing and starts what is stopped; compose's own output goes to the log.
compose_up() {
  if ! compose up -d "$@" >>"$COMPOSE_LOG" 2>&1; then
    show_log_tail "$COMPOSE_LOG" 30
    die "'${COMPOSE[*]} up' failed (log: $COMPOSE_LOG)"
  fi
}

image_id() { "$ENGINE" image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }

# True when the service's container runs an older build of its image.
outdated() {
  local container="$1" service="$2" image
  case "$service" in
    pg-*) image=postgres ;;
    api-*) image=api ;;
    frontend-*) image=frontend ;;
    *) image="$service" ;;
  esac
  [[ "$("$ENGINE" inspect --format '{{.Image}}' "$container" 2>/dev/null)" != \
    "$(image_id "$SQUADRA_IMAGE_PREFIX-$image:$SQUADRA_IMAGE_TAG")" ]]
}

wait_healthy() {
  local service="$1" timeout="${2:-$SQUADRA_START_TIMEOUT}"
  wait_until "$service to be healthy" "$timeout" service_healthy "$service" || {
    "$ENGINE" logs --tail 30 "$(container_of "$service")" >&2 || true
    die "$service is not healthy (logs: $ENGINE logs $(container_of "$service"))"
  }
}

# Replaces the service's container with one of the current image; the volume stays.
recreate() {
  local service="$1" container
  container="$(container_of "$service")"
  log "Replacing $service ($container) with the new image"
  "$ENGINE" stop -t 20 "$container" >/dev/null
  "$ENGINE" rm "$container" >/dev/null
  compose_up --no-deps "$service"
}

# A second run: every container whose image was rebuilt is replaced, one at a time, each waited
# for before the next: the standby database node before the primary (one failover, seconds of
# paused writes), the replicas in order, then the frontends, and the gateway last (the gateway retries on
# another replica).
rolling_upgrade() {
  local primary="" service container
  primary="$(pg_states 2>/dev/null | awk '($2 == "primary" || $2 == "wait_primary" || $2 == "single") && !found {print "pg-" $1; found = 1}')" || true
  local -a order=(pg-monitor)
  for service in pg-node1 pg-node2; do
    [[ $service == "$primary" ]] || order+=("$service")
  done
  [[ -n $primary ]] && order+=("$primary")
  order+=("${SERVICES_APP[@]}")
  for service in "${order[@]}"; do
    container="$(container_of "$service")"
    [[ -n $container ]] && outdated "$container" "$service" || continue
    recreate "$service"
    case "$service" in
      pg-node*) wait_until "the database pair after replacing $service" "$SQUADRA_START_TIMEOUT" pg_pair_ready ||
        die "the database pair did not come back after replacing $service: $(pg_states 2>&1 | tr '\n' ';')" ;;
      *) wait_healthy "$service" ;;
    esac
  done
}

main() {
  local started=$SECONDS image
  choose_engine install
  mkdir -p "$PROJECT_DIR"
  log "Container engine: $ENGINE (${COMPOSE[*]}); project $SQUADRA_COMPOSE_PROJECT"
  if [[ $SQUADRA_SKIP_BUILD == 1 ]]; then
    log "Skipping the image build (SQUADRA_SKIP_BUILD=1)"
  else
    build_images
  fi
  for image in "${IMAGES[@]}"; do
    image_exists "$SQUADRA_IMAGE_PREFIX-$image:$SQUADRA_IMAGE_TAG" ||
      die "image $SQUADRA_IMAGE_PREFIX-$image:$SQUADRA_IMAGE_TAG is missing: run without SQUADRA_SKIP_BUILD=1"
  done
  ensure_project_secrets

  if [[ -n "$(project_containers)" ]]; then
    rolling_upgrade
  fi
  log "Starting the containers ($COMPOSE_LOG)"
  compose_up

  local deadline=$((SECONDS + SQUADRA_START_TIMEOUT))
  wait_until "the database pair (primary + synchronous secondary)" "$((deadline - SECONDS))" pg_pair_ready || {
    pg_states >&2 || true
    die "the database pair is not primary + secondary (logs: $ENGINE logs $(container_of pg-node1))"
  }
  local service
  for service in "${SERVICES_APP[@]}"; do
    wait_healthy "$service" "$((deadline - SECONDS > 1 ? deadline - SECONDS : 1))"
  done
  local url="http://$SQUADRA_GATEWAY_BIND:$SQUADRA_GATEWAY_PORT"
  [[ $SQUADRA_GATEWAY_BIND == 127.0.0.1 || $SQUADRA_GATEWAY_BIND == 0.0.0.0 ]] && url="http://localhost:$SQUADRA_GATEWAY_PORT"
  wait_until "the gateway to answer ready" 60 "$SQUADRA_ROOT/deploy/ready-check.sh" gateway "http://127.0.0.1:$SQUADRA_GATEWAY_PORT" ||
    [[ $SQUADRA_GATEWAY_BIND != 127.0.0.1 && $SQUADRA_GATEWAY_BIND != 0.0.0.0 ]] ||
    die "the gateway does not answer /health/ready on port $SQUADRA_GATEWAY_PORT"
  log "Everything is up in $((SECONDS - started))s; primary database node: $(pg_states | awk '$2 == "primary" {print $1}')"
  echo "Squadra is running (containers, project $SQUADRA_COMPOSE_PROJECT): $url"
}

main "$@"
