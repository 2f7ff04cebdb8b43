# shellcheck shell=bash
# Settings, paths and small helpers shared by every step of run.sh.
# Sourced, never executed. Everything a second stack could collide on
# (ports, sockets, pid files, temp files) is derived from the variables below.

# The documented settings (README "Configuration") with their defaults. Exported: the
# config templates are rendered by envsubst, a child process, which sees only what is
# exported (unexported defaults once rendered "127.0.0.1:" into nginx.conf).
export SQUADRA_STATE_DIR="${SQUADRA_STATE_DIR:-${SQUADRA_ROOT}/.state}"
export SQUADRA_GATEWAY_PORT="${SQUADRA_GATEWAY_PORT:-8080}"
# How many backend replicas (api-1 .. api-N) and frontends (frontend-1 .. frontend-N) run, 1-9 each. Replica i
# listens on SQUADRA_API<i>_PORT, frontend i on SQUADRA_FRONTEND<i>_PORT (the first one: SQUADRA_FRONTEND_PORT);
# unset, each is the first one's port + i - 1 (derive_instance_ports, below).
export SQUADRA_REPLICAS="${SQUADRA_REPLICAS:-2}"
export SQUADRA_FRONTENDS="${SQUADRA_FRONTENDS:-2}"
export SQUADRA_FRONTEND_PORT="${SQUADRA_FRONTEND_PORT:-3000}"
export SQUADRA_API1_PORT="${SQUADRA_API1_PORT:-5000}"
export SQUADRA_PG_MONITOR_PORT="${SQUADRA_PG_MONITOR_PORT:-5431}"
export SQUADRA_PG1_PORT="${SQUADRA_PG1_PORT:-5432}"
export SQUADRA_PG2_PORT="${SQUADRA_PG2_PORT:-5433}"
# The mail catcher (smtp4dev) every email of the stack goes to: its web UI and API, and its SMTP port.
export SQUADRA_MAIL_UI_PORT="${SQUADRA_MAIL_UI_PORT:-5080}"
export SQUADRA_MAIL_SMTP_PORT="${SQUADRA_MAIL_SMTP_PORT:-2525}"
# The channel the backends announce their commits on (docs/scaling.md): PostgreSQL NOTIFY, or a NATS cluster of three
# nats-server processes (nats-1..3) that ./run.sh runs too: client ports SQUADRA_NATS_PORT + 0..2, cluster (route)
# ports SQUADRA_NATS_CLUSTER_PORT + 0..2. Not 4222/6222: Debian's nats-server package starts a system server there.
export SQUADRA_REALTIME_CHANNEL="${SQUADRA_REALTIME_CHANNEL:-postgres}"
export SQUADRA_NATS_PORT="${SQUADRA_NATS_PORT:-4250}"
export SQUADRA_NATS_CLUSTER_PORT="${SQUADRA_NATS_CLUSTER_PORT:-6250}"
# A real SMTP relay instead (set the host: no catcher is started and the backends send there).
export SQUADRA_SMTP_HOST="${SQUADRA_SMTP_HOST:-}"
export SQUADRA_SMTP_PORT="${SQUADRA_SMTP_PORT:-587}"
export SQUADRA_SMTP_SECURITY="${SQUADRA_SMTP_SECURITY:-StartTls}"
export SQUADRA_SMTP_USERNAME="${SQUADRA_SMTP_USERNAME:-}"
export SQUADRA_SMTP_PASSWORD="${SQUADRA_SMTP_PASSWORD:-}"
export SQUADRA_SMTP_FROM="${SQUADRA_SMTP_FROM:-squadra@localhost.localdomain}"
export SQUADRA_SKIP_INSTALL="${SQUADRA_SKIP_INSTALL:-0}"
export SQUADRA_SKIP_PUBLISH="${SQUADRA_SKIP_PUBLISH:-0}"
export SQUADRA_START_TIMEOUT="${SQUADRA_START_TIMEOUT:-180}"
# Login attempts per client address per minute, on each backend replica.
export SQUADRA_LOGIN_PERMIT_LIMIT="${SQUADRA_LOGIN_PERMIT_LIMIT:-10}"
# Accounts registered per client address per hour, on each backend replica.
export SQUADRA_REGISTER_PERMIT_LIMIT="${SQUADRA_REGISTER_PERMIT_LIMIT:-30}"
# Writes (posts, teams, invitations, events, RSVPs...) per user per minute, on each backend replica.
export SQUADRA_WRITES_PER_MINUTE="${SQUADRA_WRITES_PER_MINUTE:-120}"
# 1: the gateway also serves /metrics, /openapi, /scalar and /api/cluster (default: the replicas' own ports only).
export SQUADRA_GATEWAY_OPERATIONS="${SQUADRA_GATEWAY_OPERATIONS:-0}"
# Their names, for test.sh, which sources this file for its helpers but must not hand
# run.sh's defaults down to the stacks and deployments its suites start.
SQUADRA_SETTINGS=(SQUADRA_STATE_DIR SQUADRA_GATEWAY_PORT SQUADRA_REPLICAS SQUADRA_FRONTENDS SQUADRA_FRONTEND_PORT
  SQUADRA_FRONTEND{2..9}_PORT SQUADRA_API{1..9}_PORT SQUADRA_PG_MONITOR_PORT SQUADRA_PG1_PORT SQUADRA_PG2_PORT SQUADRA_SKIP_INSTALL SQUADRA_SKIP_PUBLISH
  SQUADRA_START_TIMEOUT SQUADRA_LOGIN_PERMIT_LIMIT SQUADRA_REGISTER_PERMIT_LIMIT SQUADRA_WRITES_PER_MINUTE
  SQUADRA_GATEWAY_OPERATIONS SQUADRA_MAIL_UI_PORT SQUADRA_MAIL_SMTP_PORT SQUADRA_SMTP_HOST SQUADRA_SMTP_PORT
  SQUADRA_SMTP_SECURITY SQUADRA_SMTP_USERNAME SQUADRA_SMTP_PASSWORD SQUADRA_SMTP_FROM SQUADRA_REALTIME_CHANNEL
  SQUADRA_NATS_PORT SQUADRA_NATS_CLUSTER_PORT)

# The catcher runs unless the operator names a real relay.
mail_catcher_enabled() { [[ -z $SQUADRA_SMTP_HOST ]]; }

# The NATS cluster runs when the backends announce through it.
nats_enabled() { [[ $SQUADRA_REALTIME_CHANNEL == nats ]]; }
NATS_NODES=3
nats_names() {
  local i
  for ((i = 1; i <= NATS_NODES; i++)); do echo "nats-$i"; done
}

# The programs of the apps, in start order.
replica_names() {
  local i
  for ((i = 1; i <= SQUADRA_REPLICAS; i++)); do echo "api-$i"; done
}
frontend_names() {
  local i
  for ((i = 1; i <= SQUADRA_FRONTENDS; i++)); do echo "frontend-$i"; done
}

# The port of a program of the apps: api-<i> or frontend-<i>.
instance_port() {
  local var
  case "$1" in
    api-*) var="SQUADRA_API${1#api-}_PORT" ;;
    frontend-1) var=SQUADRA_FRONTEND_PORT ;;
    frontend-*) var="SQUADRA_FRONTEND${1#frontend-}_PORT" ;;
    nats-*)
      echo $((SQUADRA_NATS_PORT + ${1#nats-} - 1))
      return
      ;;
  esac
  echo "${!var}"
}

# A NATS node's cluster (route) port.
nats_cluster_port() { echo $((SQUADRA_NATS_CLUSTER_PORT + ${1#nats-} - 1)); }

# "what port" for every port this stack may listen on (the NATS nodes' only when the channel is nats), for the
# checks that no two parts share one and that each is free.
port_list() {
  local var name
  for var in $(port_settings); do echo "$var ${!var}"; done
  if nats_enabled; then
    for name in $(nats_names); do
      echo "$name(SQUADRA_NATS_PORT) $(instance_port "$name")"
      echo "$name(SQUADRA_NATS_CLUSTER_PORT) $(nats_cluster_port "$name")"
    done
  fi
}

# Every port setting in use: the fixed parts', then one per replica and frontend.
port_settings() {
  local name
  echo SQUADRA_GATEWAY_PORT SQUADRA_PG_MONITOR_PORT SQUADRA_PG1_PORT SQUADRA_PG2_PORT SQUADRA_MAIL_UI_PORT SQUADRA_MAIL_SMTP_PORT
  for name in $(replica_names); do echo "SQUADRA_API${name#api-}_PORT"; done
  echo SQUADRA_FRONTEND_PORT
  for name in $(frontend_names | tail -n +2); do echo "SQUADRA_FRONTEND${name#frontend-}_PORT"; done
}

# The ports of replicas 2..N and frontends 2..N that were not set: the first one's + i - 1.
derive_instance_ports() {
  local i var
  for ((i = 2; i <= SQUADRA_REPLICAS; i++)); do
    var="SQUADRA_API${i}_PORT"
    [[ -n ${!var:-} ]] || export "$var=$((SQUADRA_API1_PORT + i - 1))"
  done
  for ((i = 2; i <= SQUADRA_FRONTENDS; i++)); do
    var="SQUADRA_FRONTEND${i}_PORT"
    [[ -n ${!var:-} ]] || export "$var=$((SQUADRA_FRONTEND_PORT + i - 1))"
  done
}

is_port() { [[ $1 =~ ^[1-9][0-9]{0,4}$ ]] && (($1 <= 65535)); }

# A mistyped setting is named at once, not found later as a config nginx or supervisord rejects.
check_settings() {
  local var
  for var in SQUADRA_REPLICAS SQUADRA_FRONTENDS; do
    [[ ${!var} =~ ^[1-9]$ ]] || die "$var must be a number from 1 to 9, not '${!var}'"
  done
  for var in SQUADRA_API1_PORT SQUADRA_FRONTEND_PORT; do
    is_port "${!var}" || die "$var must be a TCP port number (1-65535), not '${!var}'"
  done
  derive_instance_ports
  for var in $(port_settings) SQUADRA_SMTP_PORT SQUADRA_NATS_PORT SQUADRA_NATS_CLUSTER_PORT; do
    is_port "${!var}" || die "$var must be a TCP port number (1-65535), not '${!var}'"
  done
  for var in SQUADRA_START_TIMEOUT SQUADRA_LOGIN_PERMIT_LIMIT SQUADRA_REGISTER_PERMIT_LIMIT SQUADRA_WRITES_PER_MINUTE; do
    [[ ${!var} =~ ^[1-9][0-9]{0,8}$ ]] || die "$var must be a positive whole number, not '${!var}'"
  done
  for var in SQUADRA_SKIP_INSTALL SQUADRA_SKIP_PUBLISH SQUADRA_GATEWAY_OPERATIONS; do
    [[ ${!var} == [01] ]] || die "$var must be 0 or 1, not '${!var}'"
  done
  [[ $SQUADRA_REALTIME_CHANNEL =~ ^(postgres|nats)$ ]] ||
    die "SQUADRA_REALTIME_CHANNEL must be postgres or nats, not '$SQUADRA_REALTIME_CHANNEL'"
  [[ $SQUADRA_SMTP_SECURITY =~ ^(None|StartTls|SslOnConnect|Auto)$ ]] ||
    die "SQUADRA_SMTP_SECURITY must be None, StartTls, SslOnConnect or Auto, not '$SQUADRA_SMTP_SECURITY'"
  # They go into supervisord's config as quoted values: a quote, backslash or line break would end them.
  for var in SQUADRA_SMTP_HOST SQUADRA_SMTP_USERNAME SQUADRA_SMTP_PASSWORD SQUADRA_SMTP_FROM; do
    [[ ${!var} != *[\"\\$'\n\r']* ]] || die "$var must not hold a double quote, a backslash or a line break"
  done
  local ports
  ports="$(port_list | awk '{print $2}' | sort | uniq -d)"
  [[ -z $ports ]] || die "two parts are set to the same port: $(echo $ports)"
}

# Absolute state path, so that configs written into it stay valid from any cwd
# (created by the start command only).
STATE="$(realpath -m "$SQUADRA_STATE_DIR")"
export STATE
export APP_DIR="$STATE/app"
export LOG_DIR="$STATE/logs"
export SECRETS_DIR="$STATE/secrets"
export PG_DIR="$STATE/pg"
export PG_SOCKET_DIR="$PG_DIR/run"
export NGINX_DIR="$STATE/nginx"
export SUPERVISOR_DIR="$STATE/supervisor"
export SUPERVISOR_CONF="$SUPERVISOR_DIR/supervisord.conf"
export SUPERVISOR_SOCK="$SUPERVISOR_DIR/supervisor.sock"
export SUPERVISOR_PID="$SUPERVISOR_DIR/supervisord.pid"

# The mail catcher's install (deploy/lib/install.sh), shared by every stack of this checkout: smtp4dev at the
# version dotnet-tools.json pins (the tests' MailCatcher runs that one too).
MAIL_CATCHER_VERSION="$(sed -n '/"rnwood.smtp4dev"/,/}/s/.*"version": *"\([^"]*\)".*/\1/p' "$SQUADRA_ROOT/dotnet-tools.json" 2>/dev/null || true)"
export MAIL_CATCHER_DIR="$SQUADRA_ROOT/.tools/smtp4dev-$MAIL_CATCHER_VERSION"
export MAIL_DIR="$STATE/mail"

export PG_BINDIR="/usr/lib/postgresql/15/bin"

# pg_autoctl refuses to run as root: as root the database tier runs as the
# "postgres" system user; otherwise everything runs as the invoking user.
if [[ $EUID -eq 0 ]]; then
  export DB_OS_USER=postgres
else
  DB_OS_USER="$(id -un)"
  export DB_OS_USER
fi

log() { printf '==> [%3ss] %s\n' "$SECONDS" "$*"; }
warn() { printf '%s\n' "WARNING: $*" >&2; }
die() {
  printf '%s\n' "ERROR: $*" >&2
  exit 1
}

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  else
    sudo "$@"
  fi
}

# Runs a command as the database OS user with pg_autoctl's state kept in $STATE.
# setpriv (not su/runuser) so that no intermediate process survives a SIGSTOP.
as_db_user() {
  local -a env_vars=(
    "HOME=$PG_DIR"
    "XDG_CONFIG_HOME=$PG_DIR/xdg/config"
    "XDG_DATA_HOME=$PG_DIR/xdg/data"
    "XDG_RUNTIME_DIR=$PG_DIR/xdg/runtime"
    "PGHOST=$PG_SOCKET_DIR"
  )
  if [[ $EUID -eq 0 ]]; then
    setpriv --reuid=postgres --regid=postgres --init-groups env "${env_vars[@]}" "$@"
  else
    env "${env_vars[@]}" "$@"
  fi
}

# Seconds left before the overall start-up deadline (set by start_all).
seconds_left() {
  local left=$((DEADLINE - SECONDS))
  ((left > 0)) && echo "$left" || echo 0
}

# wait_until <description> <seconds> <command...>: polls every 0.5 s.
wait_until() {
  local what="$1" timeout="$2"
  shift 2
  local until=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= until)); then
      warn "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}

# Prints the file's last lines under a header; used when a part fails.
show_log_tail() {
  local file="$1" lines="${2:-20}"
  if [[ -r $file ]]; then
    printf '%s\n' "---- last $lines lines of $file ----" >&2
    tail -n "$lines" "$file" >&2 || true
    printf '%s\n' "----" >&2
  fi
}

# fail_part <part> <reason>: the message run.sh ends with when a part is not up.
fail_part() {
  local part="$1" reason="$2"
  show_log_tail "$LOG_DIR/$part.log"
  die "$part is not up: $reason (log: $LOG_DIR/$part.log)"
}

# True when something accepts TCP connections on 127.0.0.1:<port>.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
