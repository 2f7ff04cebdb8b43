# shellcheck shell=bash
# Secrets generated once into $STATE/secrets (directory 700, files 600): the application's database
# password and JWT signing key, shared by both backend replicas, and the passwords of pg_auto_failover's
# own users (autoctl_node: the keepers' connection to the monitor; pgautofailover_replicator: streaming
# replication, pg_basebackup, pg_rewind). Nothing secret lives in the repository.

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
    local name
    for name in pg-autoctl-password pg-replication-password; do
      if [[ ! -s $SECRETS_DIR/$name ]]; then
        log "Generating a pg_auto_failover password ($SECRETS_DIR/$name)"
        openssl rand -hex 24 >"$SECRETS_DIR/$name"
      fi
    done
    if [[ ! -s $SECRETS_DIR/jwt-signing-key ]]; then
      log "Generating the JWT signing key ($SECRETS_DIR/jwt-signing-key)"
      openssl rand -base64 48 | tr -d '\n' >"$SECRETS_DIR/jwt-signing-key"
    fi
    chmod 600 "$SECRETS_DIR"/*
  )
  DB_PASSWORD="$(<"$SECRETS_DIR/db-password")"
  JWT_SIGNING_KEY="$(<"$SECRETS_DIR/jwt-signing-key")"
  PG_AUTOCTL_PASSWORD="$(<"$SECRETS_DIR/pg-autoctl-password")"
  PG_REPLICATION_PASSWORD="$(<"$SECRETS_DIR/pg-replication-password")"
  # deliberately not exported: child processes must not inherit them
}
