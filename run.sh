#!/usr/bin/env bash
# Squadra on one Debian 12 machine: database pair + monitor, two backends,
# frontend and gateway, all under a supervisord of their own.
#
#   ./run.sh              install what is missing, publish, start, wait, print the URL
#   ./run.sh status       processes, the current database primary, where email goes
#   ./run.sh stop         stop everything (data kept)
#   ./run.sh logs [part]  tail of every log, or follow one part's log
#
# Settings (environment): see docs/operations.md. The steps live in deploy/lib/.
set -euo pipefail

SQUADRA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
export SQUADRA_ROOT

# shellcheck source-path=SCRIPTDIR
source "$SQUADRA_ROOT/deploy/lib/common.sh"     # settings, paths, helpers
source "$SQUADRA_ROOT/deploy/lib/install.sh"    # apt packages
source "$SQUADRA_ROOT/deploy/lib/secrets.sh"    # $STATE/secrets
source "$SQUADRA_ROOT/deploy/lib/publish.sh"    # dotnet publish
source "$SQUADRA_ROOT/deploy/lib/postgres.sh"   # pg_auto_failover monitor + 2 nodes
source "$SQUADRA_ROOT/deploy/lib/supervisor.sh" # supervisord + generated configs
source "$SQUADRA_ROOT/deploy/lib/stack.sh"      # the commands below

check_settings
case "${1:-start}" in
  start) cmd_start ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  logs) cmd_logs "${2:-}" ;;
  -h | --help | help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$1' (use: start, status, stop, logs [part])" ;;
esac
