#!/usr/bin/env bash
# Entry point of the api image: turns the compose secrets into the backend's configuration, then
# runs Squadra.Api as an unprivileged user. (The secrets are files of mode 600 on the host, so
# only root can read them here; the process that gets them in its environment is the API alone.)
#
#   /run/secrets/db_password      password of the database role squadra
#   /run/secrets/jwt_signing_key  base64 key both replicas sign and check tokens with
#   /run/secrets/vapid_public_key, /run/secrets/vapid_private_key  the VAPID key pair web push signs with
#   /run/secrets/attachment_url_key  base64 key both replicas sign and check attachment download urls with
# Everything else (Database__Hosts, Replica__Name, Cluster__Replicas__*, RateLimiting__*) is plain environment.
set -euo pipefail

read_secret() {
  [[ -r /run/secrets/$1 ]] || {
    echo "squadra-api: /run/secrets/$1 is missing" >&2
    exit 1
  }
  tr -d '\n' <"/run/secrets/$1"
}

Database__Password="$(read_secret db_password)"
export Database__Password
Auth__SigningKey="$(read_secret jwt_signing_key)"
export Auth__SigningKey
Push__Vapid__PublicKey="$(read_secret vapid_public_key)"
Push__Vapid__PrivateKey="$(read_secret vapid_private_key)"
export Push__Vapid__PublicKey Push__Vapid__PrivateKey
Attachments__UrlKey="$(read_secret attachment_url_key)"
export Attachments__UrlKey
exec setpriv --reuid=squadra --regid=squadra --init-groups /app/Squadra.Api "$@"
