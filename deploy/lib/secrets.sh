# shellcheck shell=bash
# Secrets shared by both backend replicas, generated once into $STATE/secrets
# (directory 700, files 600). Nothing secret lives in the repository.

ensure_secrets() {
  (
    umask 077
    mkdir -p "$SECRETS_DIR"
    chmod 700 "$SECRETS_DIR"
    if [[ ! -s $SECRETS_DIR/db-password ]]; then
      log "Generating the database password ($SECRETS_DIR/db-password)"
      # hex: safe inside a connection string and a supervisord config
      openssl rand -hex 24 >"$SECRETS_DIR/db-password"
    fi
    if [[ ! -s $SECRETS_DIR/jwt-signing-key ]]; then
      log "Generating the JWT signing key ($SECRETS_DIR/jwt-signing-key)"
      openssl rand -base64 48 | tr -d '\n' >"$SECRETS_DIR/jwt-signing-key"
    fi
    chmod 600 "$SECRETS_DIR"/*
  )
  DB_PASSWORD="$(<"$SECRETS_DIR/db-password")"
  JWT_SIGNING_KEY="$(<"$SECRETS_DIR/jwt-signing-key")"
  # deliberately not exported: child processes must not inherit them
}
