# shellcheck shell=bash
# What up.sh, down.sh and status.sh share: settings, the container engine, images, secrets,
# and the compose command. Sourced, never executed; SQUADRA_ROOT is the repository.

# Containers take longer to come up than ./run.sh's processes (common.sh's default is 180 s).
: "${SQUADRA_START_TIMEOUT:=300}"
# (test.sh has them already, and sourcing install.sh again would reset its REQUIRED_PACKAGES.)
# shellcheck source=../lib/common.sh
declare -F wait_until >/dev/null || source "$SQUADRA_ROOT/deploy/lib/common.sh" # log, warn, die, as_root, wait_until
# shellcheck source=../lib/install.sh
declare -F package_installed >/dev/null || source "$SQUADRA_ROOT/deploy/lib/install.sh" # package_installed
# shellcheck source=../lib/secrets.sh
source "$SQUADRA_ROOT/deploy/lib/secrets.sh" # generate_secrets, SECRET_NAMES
# shellcheck source=../lib/fingerprint.sh
source "$SQUADRA_ROOT/deploy/lib/fingerprint.sh" # files_fingerprint, SOURCE_PATHS

COMPOSE_DIR="$SQUADRA_ROOT/deploy/compose"
: "${SQUADRA_COMPOSE_PROJECT:=squadra}"
: "${SQUADRA_COMPOSE_STATE_DIR:=$SQUADRA_ROOT/.state/compose}"
# Extra compose files after compose.yaml (space separated), e.g. compose.replicas.yaml.
: "${SQUADRA_COMPOSE_FILES:=}"
: "${SQUADRA_CONTAINER_ENGINE:=auto}" # auto | podman | docker
: "${SQUADRA_IMAGE_PREFIX:=localhost/squadra}"
: "${SQUADRA_IMAGE_TAG:=latest}"
: "${SQUADRA_SKIP_BUILD:=0}"
: "${SQUADRA_GATEWAY_BIND:=127.0.0.1}"
# Backend replicas, 2-9 (compose.yaml defines api-1 and api-2; the others are generated: scale_file).
: "${SQUADRA_REPLICAS:=2}"
export SQUADRA_GATEWAY_PORT SQUADRA_GATEWAY_BIND SQUADRA_IMAGE_PREFIX SQUADRA_IMAGE_TAG SQUADRA_LOGIN_PERMIT_LIMIT
export SQUADRA_REGISTER_PERMIT_LIMIT SQUADRA_WRITES_PER_MINUTE

[[ $SQUADRA_REPLICAS =~ ^[2-9]$ ]] || die "SQUADRA_REPLICAS must be a number from 2 to 9 for the containers, not '$SQUADRA_REPLICAS'"
[[ $SQUADRA_COMPOSE_PROJECT =~ ^[a-z0-9][a-z0-9_-]*$ ]] ||
  die "SQUADRA_COMPOSE_PROJECT must be lower-case letters, digits, '-' and '_' (not '$SQUADRA_COMPOSE_PROJECT')"
CSTATE="$(realpath -m "$SQUADRA_COMPOSE_STATE_DIR")"
PROJECT_DIR="$CSTATE/projects/$SQUADRA_COMPOSE_PROJECT"
export SQUADRA_SECRETS_DIR="$PROJECT_DIR/secrets"
# shellcheck disable=SC2034 # used by the scripts that source this file
COMPOSE_LOG="$PROJECT_DIR/compose.log"
# shellcheck disable=SC2034
SERVICES_DB=(pg-monitor pg-node1 pg-node2)
# shellcheck disable=SC2034
SERVICES_API=()
for ((replica = 1; replica <= SQUADRA_REPLICAS; replica++)); do SERVICES_API+=("api-$replica"); done
# shellcheck disable=SC2034
SERVICES_FRONTEND=(frontend-1 frontend-2)
# shellcheck disable=SC2034
SERVICES_APP=("${SERVICES_API[@]}" "${SERVICES_FRONTEND[@]}" gateway)
IMAGES=(postgres api frontend gateway)

# ---- the engine ----

# podman on a machine without systemd (this sandbox, many CI runners): the fixes of
# shared/containers.md, through our own containers.conf, never /etc.
podman_environment() {
  : "${CONTAINERS_CONF:=$COMPOSE_DIR/containers.conf}"
  export CONTAINERS_CONF
  # Without systemd podman cannot schedule health checks (it would log an error at every start):
  # they run when up.sh, status.sh or "podman healthcheck run" ask.
  [[ -d /run/systemd/system ]] || export DISABLE_HC_SYSTEMD=true
}

# netavark and aardvark-dns by name: without recommends apt may pick the CNI plugins instead, whose
# networks have no DNS, so the containers could not find each other by service name.
PODMAN_PACKAGES=(podman podman-compose buildah debootstrap iptables runc catatonit netavark aardvark-dns
  fuse-overlayfs slirp4netns uidmap)

install_podman() {
  local -a missing=()
  local pkg
  for pkg in "${PODMAN_PACKAGES[@]}" openssl curl; do
    package_installed "$pkg" || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  [[ ${SQUADRA_SKIP_INSTALL:-0} == 1 ]] && die "missing packages: ${missing[*]} (and SQUADRA_SKIP_INSTALL=1)"
  command -v apt-get >/dev/null || die "no container engine found: install Docker (with compose) or podman and podman-compose"
  log "Installing podman and what it needs here: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Sets ENGINE (podman | docker) and COMPOSE (the compose command, as an array).
choose_engine() {
  local want="$SQUADRA_CONTAINER_ENGINE"
  if [[ $want == auto ]]; then
    # A docker client without a reachable daemon (this sandbox has one) does not count.
    if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
      want=docker
    else
      want=podman
    fi
  fi
  case "$want" in
    docker)
      ENGINE=docker
      if docker compose version >/dev/null 2>&1; then
        COMPOSE=(docker compose)
      elif command -v docker-compose >/dev/null; then
        COMPOSE=(docker-compose)
      else
        die "docker has no compose: install the docker compose plugin"
      fi
      ;;
    podman)
      ENGINE=podman
      [[ ${1:-} == install ]] && install_podman
      command -v podman >/dev/null || die "podman is not installed (./deploy/compose/up.sh installs it on Debian)"
      command -v podman-compose >/dev/null || die "podman-compose is not installed"
      podman_environment
      COMPOSE=(podman-compose)
      ;;
    *) die "SQUADRA_CONTAINER_ENGINE must be auto, podman or docker (not '$want')" ;;
  esac
}

# The compose command for this project with every compose file (and, past two replicas, the generated one).
compose() {
  local -a files=(-f "$COMPOSE_DIR/compose.yaml") extra
  local file
  read -ra extra <<<"$SQUADRA_COMPOSE_FILES"
  for file in "${extra[@]}"; do
    [[ $file == /* ]] || file="$COMPOSE_DIR/$file"
    [[ -f $file ]] || die "compose file $file does not exist"
    files+=(-f "$file")
  done
  if ((SQUADRA_REPLICAS > 2)); then
    mkdir -p "$PROJECT_DIR"
    scale_file >"$PROJECT_DIR/compose.scale.yaml"
    files+=(-f "$PROJECT_DIR/compose.scale.yaml")
  fi
  "${COMPOSE[@]}" -p "$SQUADRA_COMPOSE_PROJECT" "${files[@]}" "$@"
}

# The compose file of replicas 3..N: each a copy of api-1 (extends) under its own name; every replica told of
# all of them (/api/cluster); the gateway sends to all of them. Addresses as compose.yaml's: SQUADRA_API<i>_URL
# and SQUADRA_API_UPSTREAMS override them (three hosts); with compose.replicas.yaml, replica i is also published on
# 127.0.0.1:SQUADRA_API<i>_PORT when that is set.
scale_file() {
  local i k upstreams="" cluster=""
  for ((k = 1; k <= SQUADRA_REPLICAS; k++)); do
    upstreams+="${upstreams:+ }api-$k:8080"
    ((k > 2)) && cluster+="      Cluster__Replicas__$((k - 1))__Name: api-$k"$'\n'"      Cluster__Replicas__$((k - 1))__Url: \${SQUADRA_API${k}_URL:-http://api-$k:8080}"$'\n'
  done
  echo "# Generated by deploy/compose/lib.sh (scale_file) for SQUADRA_REPLICAS=$SQUADRA_REPLICAS: edit compose.yaml, not this file."
  echo "services:"
  for ((i = 1; i <= SQUADRA_REPLICAS; i++)); do
    echo "  api-$i:"
    if ((i > 2)); then
      echo "    extends: { file: $COMPOSE_DIR/compose.yaml, service: api-1 }"
      local port_var="SQUADRA_API${i}_PORT"
      if [[ " $SQUADRA_COMPOSE_FILES " == *" compose.replicas.yaml "* && -n ${!port_var:-} ]]; then
        echo "    ports: [\"127.0.0.1:${!port_var}:8080\"]"
      fi
    fi
    echo "    environment:"
    ((i > 2)) && echo "      Replica__Name: api-$i"
    printf '%s' "$cluster"
  done
  echo "  gateway:"
  echo "    depends_on: [$(echo "${upstreams//:8080/}" | sed 's/ /, /g')]"
  echo "    environment:"
  echo "      SQUADRA_API_UPSTREAMS: \${SQUADRA_API_UPSTREAMS:-$upstreams}"
}

# The container of a service of this project (empty when there is none).
container_of() {
  "$ENGINE" ps -a --format '{{.Names}}' \
    --filter "label=com.docker.compose.project=$SQUADRA_COMPOSE_PROJECT" \
    --filter "label=com.docker.compose.service=$1" 2>/dev/null | head -n 1
}

project_containers() {
  "$ENGINE" ps -a --format '{{.Names}}' --filter "label=com.docker.compose.project=$SQUADRA_COMPOSE_PROJECT" 2>/dev/null
}

container_state() {
  "$ENGINE" inspect --format '{{.State.Status}}' "$1" 2>/dev/null || true
}

# Runs the service's health check now and says whether it passed. podman without systemd runs
# health checks only when asked; docker runs them on its own, so its last verdict is read.
service_healthy() {
  local container
  container="$(container_of "$1")"
  [[ -n $container ]] || return 1
  if [[ $ENGINE == podman ]]; then
    podman healthcheck run "$container" >/dev/null 2>&1
  else
    [[ "$(docker inspect --format '{{.State.Health.Status}}' "$container" 2>/dev/null)" == healthy ]]
  fi
}

# pg_auto_failover's view, from the monitor: "<node> <reported state> <assigned state>" per node.
pg_states() {
  local monitor
  monitor="$(container_of pg-monitor)"
  [[ -n $monitor ]] || return 1
  "$ENGINE" exec -u postgres "$monitor" psql -X -q -At -F ' ' -d pg_auto_failover \
    -c "SELECT nodename, reportedstate, goalstate FROM pgautofailover.node ORDER BY nodeid"
}

# One primary and one secondary in their assigned states (deploy/ready-check.sh, shared with ./run.sh).
pg_pair_ready() {
  pg_states 2>/dev/null | "$SQUADRA_ROOT/deploy/ready-check.sh" database-pair 2>/dev/null
}

pg_show_state() {
  local monitor
  monitor="$(container_of pg-monitor)"
  [[ -n $monitor ]] || return 1
  "$ENGINE" exec -u postgres "$monitor" pg_autoctl show state
}

# ---- images ----

# The Debian mirrors of the host's apt sources ("<uri> <suite>" per line), for the base image.
host_debian_mirrors() {
  # (Any of these may be missing: deb822 .sources files only, or a one-line sources.list only.)
  { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true; } |
    awk '
      /^deb / { print $2, $3; next }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) print uri, $i }
    ' | awk '$2 ~ /^bookworm(-updates|-security)?$/' | sort -u
}

# localhost/debian-base:bookworm by debootstrap, for machines that reach Debian's mirror but no
# container registry (shared/containers.md).
build_base_image() {
  local image="$1" rootfs mirror
  mirror="$(host_debian_mirrors | awk '$2 == "bookworm" && !found {print $1; found = 1}')"
  : "${mirror:=http://deb.debian.org/debian}"
  package_installed debootstrap || die "debootstrap is not installed"
  rootfs="$CSTATE/rootfs"
  as_root rm -rf "$rootfs"
  log "Building the base image $image by debootstrap from $mirror (once; ~1-2 min)"
  as_root debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$CSTATE/debootstrap.log" 2>&1 || {
    show_log_tail "$CSTATE/debootstrap.log" 30
    die "debootstrap failed (log: $CSTATE/debootstrap.log)"
  }
  as_root rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  {
    host_debian_mirrors | awk '{print "deb", $1, $2, "main"}'
    host_debian_mirrors | grep -q . || echo "deb $mirror bookworm main"
  } | as_root tee "$rootfs/etc/apt/sources.list" >/dev/null
  printf '%s\n' 'APT::Install-Recommends "false";' 'APT::Install-Suggests "false";' |
    as_root tee "$rootfs/etc/apt/apt.conf.d/99squadra-no-recommends" >/dev/null
  as_root tar --numeric-owner -C "$rootfs" -c . | "$ENGINE" import --change 'CMD ["/bin/bash"]' - "$image" >/dev/null
  as_root rm -rf "$rootfs"
}

image_exists() { "$ENGINE" image inspect "$1" >/dev/null 2>&1; }

# Sets BASE_IMAGE: SQUADRA_BASE_IMAGE, or debian:bookworm-slim with docker, or a local one made
# by debootstrap with podman (this sandbox reaches no registry; set SQUADRA_BASE_IMAGE to use one).
ensure_base_image() {
  if [[ -n ${SQUADRA_BASE_IMAGE:-} ]]; then
    BASE_IMAGE="$SQUADRA_BASE_IMAGE"
  elif [[ $ENGINE == docker ]]; then
    BASE_IMAGE=debian:bookworm-slim
  else
    BASE_IMAGE=localhost/debian-base:bookworm
    image_exists "$BASE_IMAGE" || build_base_image "$BASE_IMAGE"
  fi
}

# dotnet publish, self-contained for linux-x64, into our own folders: its bin/obj go under
# $CSTATE/dotnet (--artifacts-path), never into the projects' own bin/obj that other builds use.
publish_dotnet() {
  local project="$1" name="$2" out="$CSTATE/publish/$2"
  log "Publishing $project (Release, self-contained linux-x64)"
  rm -rf "$out.next"
  # --disable-build-servers and 9>&-: build servers left running would inherit build_images' lock (fd 9) and
  # hold it for minutes after (a second up.sh waited ~10 min for one, as run.sh's publish once did).
  if ! dotnet publish "$SQUADRA_ROOT/src/$project" -c Release -r linux-x64 --self-contained --disable-build-servers \
    --artifacts-path "$CSTATE/dotnet" -o "$out.next" --nologo >"$CSTATE/publish-$name.log" 2>&1 9>&-; then
    show_log_tail "$CSTATE/publish-$name.log" 30
    die "dotnet publish of $project failed (log: $CSTATE/publish-$name.log)"
  fi
  rm -rf "$out"
  mv "$out.next" "$out"
}

# The build context of each image: exactly the files its Containerfile copies.
stage_contexts() {
  local build="$CSTATE/build"
  rm -rf "$build"
  mkdir -p "$build"/{postgres/shared,api,frontend,gateway}
  cp "$COMPOSE_DIR"/postgres/{Containerfile,entrypoint.sh} "$build/postgres/"
  cp "$COMPOSE_DIR"/postgres/pg_hba-*.conf "$build/postgres/shared/"
  cp "$SQUADRA_ROOT"/deploy/postgres/{node.conf.template,monitor.conf.template,monitor-settings.sql,keeper-settings,app-role.sql} \
    "$build/postgres/shared/"
  cp "$COMPOSE_DIR"/api/{Containerfile,entrypoint.sh} "$SQUADRA_ROOT/deploy/ready-check.sh" "$build/api/"
  cp -r "$CSTATE/publish/api" "$build/api/app"
  cp "$COMPOSE_DIR/frontend/Containerfile" "$SQUADRA_ROOT/deploy/ready-check.sh" "$build/frontend/"
  cp -r "$CSTATE/publish/frontend" "$build/frontend/app"
  cp "$COMPOSE_DIR"/gateway/{Containerfile,gateway-run.sh} "$build/gateway/"
  cp "$SQUADRA_ROOT"/deploy/nginx/{nginx.conf.template,upstreams.awk} "$build/gateway/"
  # Every file readable (and every directory and program usable) by anyone: the images run their apps as unprivileged
  # users, and a copy keeps the modes of its source. NuGet's package folder on some machines holds the runtime packs
  # as rwxr----- (the api image's /app/libhostfxr.so, owned by root, then could not be loaded by its user).
  chmod -R a+rX "$build"
}

# What the images are made of: the apps' sources, every file stage_contexts copies and how (this file), and the base image.
images_fingerprint() {
  {
    files_fingerprint "${SOURCE_PATHS[@]}" deploy/compose/lib.sh deploy/compose/postgres deploy/compose/api deploy/compose/frontend \
      deploy/compose/gateway deploy/postgres deploy/ready-check.sh deploy/nginx/nginx.conf.template deploy/nginx/upstreams.awk
    "$ENGINE" image inspect --format '{{.Id}}' "$BASE_IMAGE" 2>/dev/null || true
  } | sha256sum | cut -d ' ' -f 1
}

# True when every image exists and was built from this fingerprint (its squadra.sources label).
images_current() {
  local fingerprint="$1" image
  for image in "${IMAGES[@]}"; do
    [[ "$("$ENGINE" image inspect --format '{{index .Config.Labels "squadra.sources"}}' \
      "$SQUADRA_IMAGE_PREFIX-$image:$SQUADRA_IMAGE_TAG" 2>/dev/null)" == "$fingerprint" ]] || return 1
  done
}

build_images() {
  local image fingerprint
  mkdir -p "$CSTATE"
  ensure_base_image
  (
    # Two up.sh at once (a deployment and the test) take turns to publish and build.
    flock 9
    command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is needed to publish the apps"
    fingerprint="$(images_fingerprint)"
    # Nothing changed since the images were built: rebuilding would only give them new ids, and the rolling
    # upgrade would then replace every container (a failover included) for nothing.
    if images_current "$fingerprint"; then
      log "The images are up to date (nothing they are made of changed since they were built)"
      exit 0
    fi
    publish_dotnet Squadra.Api api
    publish_dotnet Squadra.Frontend frontend
    stage_contexts
    for image in "${IMAGES[@]}"; do
      log "Building $SQUADRA_IMAGE_PREFIX-$image:$SQUADRA_IMAGE_TAG (FROM $BASE_IMAGE)"
      if ! "$ENGINE" build --build-arg "BASE=$BASE_IMAGE" --label "squadra.sources=$fingerprint" \
        -t "$SQUADRA_IMAGE_PREFIX-$image:$SQUADRA_IMAGE_TAG" \
        -f "$CSTATE/build/$image/Containerfile" "$CSTATE/build/$image" >"$CSTATE/build-$image.log" 2>&1; then
        show_log_tail "$CSTATE/build-$image.log" 30
        die "building the $image image failed (log: $CSTATE/build-$image.log)"
      fi
    done
  ) 9>"$CSTATE/build.lock"
}

# ---- secrets and settings ----

# The project's secrets (deploy/lib/secrets.sh, the same as ./run.sh's), mounted by compose.yaml. A project made
# before the two deployments shared that script has them under underscore names: they are kept, renamed.
ensure_project_secrets() {
  chmod 700 "$PROJECT_DIR" 2>/dev/null || true
  local name
  for name in "${SECRET_NAMES[@]}"; do
    if [[ -s $SQUADRA_SECRETS_DIR/${name//-/_} && ! -e $SQUADRA_SECRETS_DIR/$name ]]; then
      mv "$SQUADRA_SECRETS_DIR/${name//-/_}" "$SQUADRA_SECRETS_DIR/$name"
    fi
  done
  generate_secrets "$SQUADRA_SECRETS_DIR"
}

