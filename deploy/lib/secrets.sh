# shellcheck shell=bash
# The secrets of a Squadra deployment, generated once into a directory (700, files 600), the same four for
# ./run.sh ($STATE/secrets) and deploy/compose/ (its project's secrets directory, mounted as compose secrets):
# the application's database password and JWT signing key, shared by both backend replicas, and the passwords
# of pg_auto_failover's own users (autoctl_node: the keepers' connection to the monitor;
# pgautofailover_replicator: streaming replication, pg_basebackup, pg_rewind). Nothing secret lives in the
# repository.
SECRET_NAMES=(db-password jwt-signing-key pg-autoctl-password pg-replication-password)

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
    chmod 600 "$dir"/*
  )
}

# ./run.sh's: the secrets of $SECRETS_DIR, generated when missing, in this shell's variables.
ensure_secrets() {
  generate_secrets "$SECRETS_DIR"
  DB_PASSWORD="$(<"$SECRETS_DIR/db-password")"
  JWT_SIGNING_KEY="$(<"$SECRETS_DIR/jwt-signing-key")"
  PG_AUTOCTL_PASSWORD="$(<"$SECRETS_DIR/pg-autoctl-password")"
  PG_REPLICATION_PASSWORD="$(<"$SECRETS_DIR/pg-replication-password")"
  # deliberately not exported: child processes must not inherit them
}
