#!/usr/bin/env bash
# Test harness of RenderedConfigTests: renders the configs ./run.sh would write (nginx, supervisord), as
# ./run.sh's own steps do, from the settings in the environment, into the state directory; then prints the
# run.sh settings a child process of run.sh sees (one NAME=value a line). Starts nothing.
# SQUADRA_ROOT must be set (a directory with the repository's deploy/ in it).
set -euo pipefail
# shellcheck source=../../deploy/lib/common.sh
source "$SQUADRA_ROOT/deploy/lib/common.sh"
# shellcheck source=../../deploy/lib/secrets.sh
source "$SQUADRA_ROOT/deploy/lib/secrets.sh"
# shellcheck source=../../deploy/lib/supervisor.sh
source "$SQUADRA_ROOT/deploy/lib/supervisor.sh"
check_settings
mkdir -p "$STATE" "$LOG_DIR" "$APP_DIR"
ensure_secrets >/dev/null
render_nginx_config
render_supervisor_config
env | grep '^SQUADRA_' | sort
