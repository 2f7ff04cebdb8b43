# shellcheck shell=bash
# Installs the Debian packages the stack needs, and only when one is missing.

REQUIRED_PACKAGES=(
  postgresql
  postgresql-15
  postgresql-15-auto-failover
  pg-auto-failover-cli
  nginx
  supervisor
  gettext-base
  curl
  openssl
  acl # setfacl: as root, the postgres user may need to pass through the checkout's parents
)

package_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

install_packages() {
  if [[ $SQUADRA_SKIP_INSTALL == 1 ]]; then
    log "Skipping package installation (SQUADRA_SKIP_INSTALL=1)"
  else
    local -a missing=() wanted=("${REQUIRED_PACKAGES[@]}")
    local pkg
    # Only when asked for: Debian's package also starts a system nats-server (4222) where systemd runs.
    if nats_enabled; then wanted+=(nats-server); fi
    for pkg in "${wanted[@]}"; do
      package_installed "$pkg" || missing+=("$pkg")
    done
    if ((${#missing[@]} > 0)); then
      log "Installing missing packages: ${missing[*]}"
      if [[ " ${missing[*]} " == *" postgresql"* ]]; then
        prevent_debian_main_cluster
      fi
      as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
  fi
  if nats_enabled; then
    command -v nats-server >/dev/null || die "nats-server is not installed (SQUADRA_REALTIME_CHANNEL=nats; apt-get install nats-server)"
  fi
  command -v dotnet >/dev/null ||
    die "the .NET SDK (dotnet) is not installed; install .NET 10 SDK first (see global.json)"
}

# Debian's postgresql package creates and starts a "main" cluster on 5432
# unless told not to, which would take the port of our first data node.
prevent_debian_main_cluster() {
  local dir=/etc/postgresql-common/createcluster.d
  log "Telling postgresql-common not to create its own 'main' cluster ($dir/squadra.conf)"
  as_root mkdir -p "$dir"
  printf '%s\n' "# Written by Squadra run.sh: its clusters live under the project's state directory." \
    "create_main_cluster = false" | as_root tee "$dir/squadra.conf" >/dev/null
}

# A Debian-managed cluster (e.g. 15/main) already running on one of our ports
# is stopped, loudly: the port belongs to this stack.
stop_conflicting_debian_clusters() {
  command -v pg_lsclusters >/dev/null || return 0
  local ver name port status _rest
  while read -r ver name port status _rest; do
    [[ $status == online* ]] || continue
    case "$port" in
      "$SQUADRA_PG_MONITOR_PORT" | "$SQUADRA_PG1_PORT" | "$SQUADRA_PG2_PORT")
        warn "Debian's PostgreSQL cluster $ver/$name is running on port $port, which this stack needs: stopping it (pg_ctlcluster $ver $name stop)"
        as_root pg_ctlcluster "$ver" "$name" stop
        ;;
    esac
  done < <(pg_lsclusters -h 2>/dev/null)
}

# The mail catcher, smtp4dev: the dotnet tool (at the version dotnet-tools.json pins, the tests' MailCatcher's too)
# installed once per checkout into .tools/, where every stack started from it (other state directories, the test
# suites' stacks) finds it ($MAIL_CATCHER_DIR, common.sh). SQUADRA_SKIP_INSTALL=1 installs nothing, as for the apt
# packages: it must be there already.
install_mail_catcher() {
  [[ -n $MAIL_CATCHER_VERSION ]] || die "dotnet-tools.json names no version of rnwood.smtp4dev"
  if [[ ! -x $MAIL_CATCHER_DIR/smtp4dev ]]; then
    [[ $SQUADRA_SKIP_INSTALL == 1 ]] &&
      die "the mail catcher is not installed in $MAIL_CATCHER_DIR: run ./run.sh once without SQUADRA_SKIP_INSTALL=1 (or ./test.sh)"
    log "Installing the mail catcher (smtp4dev $MAIL_CATCHER_VERSION, a dotnet tool) into $MAIL_CATCHER_DIR"
    mkdir -p "$SQUADRA_ROOT/.tools"
    # Into a staging folder, swapped in when complete; flock: two stacks of one checkout never install at once.
    flock "$SQUADRA_ROOT/.tools" bash -c '
      [[ -x $1/smtp4dev ]] && exit 0
      rm -rf "$1.next"
      dotnet tool install --tool-path "$1.next" Rnwood.Smtp4dev --version "$2" >"$1.log" 2>&1 && mv "$1.next" "$1"' \
      - "$MAIL_CATCHER_DIR" "$MAIL_CATCHER_VERSION" ||
      { show_log_tail "$MAIL_CATCHER_DIR.log" 20; die "dotnet tool install Rnwood.Smtp4dev failed (log: $MAIL_CATCHER_DIR.log)"; }
  fi
}
