#!/usr/bin/env bash
# Entry point of the api image: turns the compose secrets into the backend's configuration, then
# runs Squadra.Api as an unprivileged user. (The secrets are files of mode 600 on the host, so
# only root can read them here; the process that gets them in its environment is the API alone.)
#
#   /run/secrets/db_password      password of the database role squadra
#   /run/secrets/jwt_signing_key  base64 key both replicas sign and check tokens with
#   SQUADRA_DB_HOSTS              "pg-node1:5432,pg-node2:5432": every data node, any order
#   SQUADRA_DB_OPTIONS            the Npgsql settings after the password, the same as ./run.sh's
#                                 (up.sh takes them from deploy/lib/supervisor.sh)
# Everything else (Replica__Name, Cluster__Replicas__*, RateLimiting__*) is plain environment.
set -euo pipefail

read_secret() {
  [[ -r /run/secrets/$1 ]] || {
    echo "squadra-api: /run/secrets/$1 is missing" >&2
    exit 1
  }
  tr -d '\n' <"/run/secrets/$1"
}

db_password="$(read_secret db_password)"
: "${SQUADRA_DB_HOSTS:?}" "${SQUADRA_DB_OPTIONS:?}"
export ConnectionStrings__Squadra="Host=${SQUADRA_DB_HOSTS};Database=squadra;Username=squadra;Password=${db_password};${SQUADRA_DB_OPTIONS}"
Auth__SigningKey="$(read_secret jwt_signing_key)"
export Auth__SigningKey
exec setpriv --reuid=squadra --regid=squadra --init-groups /app/Squadra.Api "$@"
