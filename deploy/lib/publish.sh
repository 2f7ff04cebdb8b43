# shellcheck shell=bash
# Release builds of the two .NET entry points into $STATE/app/{api,frontend}.
# Each project is published into a staging folder first and swapped in only
# when the publish succeeded: a broken build never replaces a working app,
# and a running process never sees its files rewritten underneath it.

publish_project() {
  local project="$1" name="$2"
  local target="$APP_DIR/$name" staging="$APP_DIR/$name.next" logfile="$LOG_DIR/publish-$name.log"
  log "Publishing $project (Release) -> $target"
  rm -rf "$staging"
  # flock on the source folder: two stacks started from one checkout (say, a
  # developer's and a test run's) never build in the same obj/ folders at once.
  if ! flock "$SQUADRA_ROOT/src" dotnet publish "$SQUADRA_ROOT/src/$project" -c Release -o "$staging" --nologo >"$logfile" 2>&1; then
    show_log_tail "$logfile" 30
    die "dotnet publish of $project failed (log: $logfile)"
  fi
  rm -rf "$target.old"
  [[ -d $target ]] && mv "$target" "$target.old"
  mv "$staging" "$target"
  rm -rf "$target.old"
}

publish_apps() {
  mkdir -p "$APP_DIR"
  if [[ $SQUADRA_SKIP_PUBLISH == 1 ]]; then
    log "Skipping dotnet publish (SQUADRA_SKIP_PUBLISH=1)"
  else
    # One after the other: both build Squadra.Contracts in the same obj/ folder.
    publish_project Squadra.Api api
    publish_project Squadra.Frontend frontend
  fi
  [[ -f $APP_DIR/api/Squadra.Api.dll ]] || die "$APP_DIR/api/Squadra.Api.dll is missing: run without SQUADRA_SKIP_PUBLISH=1 once"
  [[ -f $APP_DIR/frontend/Squadra.Frontend.dll ]] || die "$APP_DIR/frontend/Squadra.Frontend.dll is missing: run without SQUADRA_SKIP_PUBLISH=1 once"
}
