# shellcheck shell=bash
# Release builds of the two .NET entry points into $STATE/app/{api,frontend}.
# Each project is published into a staging folder first and swapped in only
# when the publish succeeded: a broken build never replaces a working app,
# and a running process never sees its files rewritten underneath it.

# shellcheck source=fingerprint.sh
source "$SQUADRA_ROOT/deploy/lib/fingerprint.sh" # sources_fingerprint
# A second ./run.sh with nothing changed (after a stop, say) skips the publish: the browser app's trimmed
# Release build alone takes minutes on two cores.

publish_project() {
  local project="$1" name="$2" fingerprint="$3"
  local target="$APP_DIR/$name" staging="$APP_DIR/$name.next" logfile="$LOG_DIR/publish-$name.log"
  if [[ -f $target/.sources-fingerprint && "$(<"$target/.sources-fingerprint")" == "$fingerprint" ]]; then
    log "$project is up to date in $target (no source changed since it was published)"
    return 0
  fi
  log "Publishing $project (Release) -> $target"
  rm -rf "$staging"
  # flock on the source folder: two stacks started from one checkout (say, a
  # developer's and a test run's) never build in the same obj/ folders at once.
  # -o and --disable-build-servers: by default the build leaves MSBuild nodes and the
  # compiler server running for minutes after it, and they inherited the lock: the
  # second publish of a run waited ~10 min for them (seen when nothing in the
  # environment turned node reuse off, as for a newcomer). A deployment keeps no
  # build servers around.
  if ! flock -o "$SQUADRA_ROOT/src" dotnet publish "$SQUADRA_ROOT/src/$project" -c Release -o "$staging" --nologo \
    --disable-build-servers >"$logfile" 2>&1; then
    show_log_tail "$logfile" 30
    die "dotnet publish of $project failed (log: $logfile)"
  fi
  echo "$fingerprint" >"$staging/.sources-fingerprint"
  rm -rf "$target.old"
  [[ -d $target ]] && mv "$target" "$target.old"
  mv "$staging" "$target"
  rm -rf "$target.old"
  APPS_REPUBLISHED=1
}

# Sets APPS_REPUBLISHED=1 when a new build replaced a published app (running ones then restart on it).
publish_apps() {
  APPS_REPUBLISHED=0
  mkdir -p "$APP_DIR"
  if [[ $SQUADRA_SKIP_PUBLISH == 1 ]]; then
    log "Skipping dotnet publish (SQUADRA_SKIP_PUBLISH=1)"
  else
    local fingerprint
    fingerprint="$(sources_fingerprint)"
    # One after the other: both build Squadra.Contracts in the same obj/ folder.
    publish_project Squadra.Api api "$fingerprint"
    publish_project Squadra.Frontend frontend "$fingerprint"
  fi
  [[ -f $APP_DIR/api/Squadra.Api.dll ]] || die "$APP_DIR/api/Squadra.Api.dll is missing: run without SQUADRA_SKIP_PUBLISH=1 once"
  [[ -f $APP_DIR/frontend/Squadra.Frontend.dll ]] || die "$APP_DIR/frontend/Squadra.Frontend.dll is missing: run without SQUADRA_SKIP_PUBLISH=1 once"
}
