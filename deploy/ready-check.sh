#!/usr/bin/env bash
# Whether a part of Squadra is ready: the one definition both deployments use. ./run.sh waits on it for each
# process it starts (deploy/lib/stack.sh) and for the database pair (deploy/lib/postgres.sh); deploy/compose/
# copies it into the api and frontend images as their health check and runs it from up.sh for the database pair
# and the gateway.
#
#   ready-check.sh api|frontend|gateway|mail-catcher BASE_URL   exit 0 when the part at BASE_URL is ready
#   ready-check.sh database-pair                   exit 0 when the pg_auto_failover node states on stdin
#                                                  ("<node> <reported state> <assigned state> ..." per line,
#                                                  from the monitor's pgautofailover.node) are a ready pair
# A part that is not ready says why on stderr.
set -uo pipefail

http_ready() {
  local url="$1" status
  status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$url")"
  [[ $status == 200 ]] || {
    echo "GET $url answered ${status/#000/nothing}" >&2
    return 1
  }
}

case "${1:-}" in
  # A replica is ready when its schema is migrated and it has found the database primary (its health checks
  # tagged "ready"); through the gateway, when a replica behind it is.
  api | gateway) http_ready "${2%/}/health/ready" ;;
  frontend) http_ready "${2%/}/" ;;
  # ./run.sh's mail catcher (smtp4dev): its API answers.
  mail-catcher) http_ready "${2%/}/api/server" ;;
  # One primary and one secondary, each in the state the monitor assigned it: synchronous replication is in
  # place (a primary without its standby reports wait_primary), so an acknowledged write is on both nodes.
  database-pair)
    states="$(awk '$2 == $3 {print $2}' | sort | tr '\n' ' ')"
    [[ $states == "primary secondary " ]] || {
      echo "database nodes in their assigned states: ${states:-none} (ready: primary secondary)" >&2
      exit 1
    }
    ;;
  *)
    echo "usage: $0 api|frontend|gateway|mail-catcher BASE_URL | database-pair < node states" >&2
    exit 2
    ;;
esac
