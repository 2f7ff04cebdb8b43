# shellcheck shell=bash
# The secrets of a Squadra deployment, generated once into a directory (700, files 600), the same four for
# ./run.sh ($STATE/secrets) and deploy/compose/ (its project's secrets directory, mounted as compose secrets):
# the application's database password and JWT signing key, shared by both backend replicas, and the passwords
# of pg_auto_failover's own users (autoctl_node: the keepers' connection to the monitor;
# pgautofailover_replicator: streaming replication, pg_basebackup, pg_rewind), and the VAPID key pair web push
# signs with (the public half is no secret, but it must stay the private half's), and the key that signs the
# attachments' download urls (shared by both replicas, or one would refuse the other's urls). Nothing secret
# lives in the repository.
SECRET_NAMES=(db-password jwt-signing-key pg-autoctl-password pg-replication-password vapid-public-key vapid-private-key attachment-url-key)

# generate_secrets DIR: each secret that DIR does not hold yet.
generate_secrets() {
  local dir="$1"
  (
    umask 077
    mkdir -p "$dir"
    chmod 700 "$dir"
    local name
    for name in db-password pg-autoctl-password pg-replication-password; do
      if [[ ! -s $dir/$name ]]; then
        log "Generating a password ($dir/$name)"
        # hex: nothing to escape in SQL, a connection setting or a supervisord config
        openssl rand -hex 24 >"$dir/$name"
      fi
    done
    if [[ ! -s $dir/jwt-signing-key ]]; then
      log "Generating the JWT signing key ($dir/jwt-signing-key)"
      openssl rand -base64 48 | tr -d '\n' >"$dir/jwt-signing-key"
    fi
    if [[ ! -s $dir/attachment-url-key ]]; then
      log "Generating the key of the attachments' signed urls ($dir/attachment-url-key)"
      openssl rand -base64 48 | tr -d '\n' >"$dir/attachment-url-key"
    fi
    if [[ ! -s $dir/vapid-private-key || ! -s $dir/vapid-public-key ]]; then
      log "Generating the VAPID key pair for web push ($dir/vapid-public-key, $dir/vapid-private-key)"
      generate_vapid_keys "$dir"
    fi
    chmod 600 "$dir"/*
  )
}

# generate_vapid_keys DIR: a P-256 key pair as Lib.Net.Http.WebPush and the browsers take it, base64url without
# padding: the private key's 32-byte scalar, the public key's uncompressed point (65 bytes). Read from the key's
# SEC1 DER, whose layout for P-256 is fixed (121 bytes: the scalar at offset 7, the point at the end).
generate_vapid_keys() {
  local dir="$1" der
  der="$(mktemp)"
  openssl ecparam -name prime256v1 -genkey -noout -outform DER >"$der"
  [[ $(wc -c <"$der") -eq 121 ]] || die "openssl made a VAPID key of an unexpected form"
  head -c 39 "$der" | tail -c 32 | openssl base64 -A | tr '+/' '-_' | tr -d '=' >"$dir/vapid-private-key"
  tail -c 65 "$der" | openssl base64 -A | tr '+/' '-_' | tr -d '=' >"$dir/vapid-public-key"
  rm -f "$der"
}

# ./run.sh's: the secrets of $SECRETS_DIR, generated when missing, in this shell's variables.
ensure_secrets() {
  generate_secrets "$SECRETS_DIR"
  DB_PASSWORD="$(<"$SECRETS_DIR/db-password")"
  JWT_SIGNING_KEY="$(<"$SECRETS_DIR/jwt-signing-key")"
  PG_AUTOCTL_PASSWORD="$(<"$SECRETS_DIR/pg-autoctl-password")"
  PG_REPLICATION_PASSWORD="$(<"$SECRETS_DIR/pg-replication-password")"
  VAPID_PUBLIC_KEY="$(<"$SECRETS_DIR/vapid-public-key")"
  VAPID_PRIVATE_KEY="$(<"$SECRETS_DIR/vapid-private-key")"
  ATTACHMENT_URL_KEY="$(<"$SECRETS_DIR/attachment-url-key")"
  # deliberately not exported: child processes must not inherit them
}
