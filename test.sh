#!/usr/bin/env bash
# Runs Squadra's tests, installing what they need first (Debian packages, NuGet packages).
#   ./test.sh            every suite: api, web, e2e
#   ./test.sh api|web|e2e  one suite
# The api suite starts its own throwaway PostgreSQL; the e2e suite starts the whole stack with
# ./run.sh in its own state directory and ports (28080, 23000, 25000-25001, 25431-25433).
set -euo pipefail

SQUADRA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
export SQUADRA_ROOT
cd "$SQUADRA_ROOT"

# shellcheck source=deploy/lib/common.sh
source deploy/lib/common.sh
# shellcheck source=deploy/lib/install.sh
source deploy/lib/install.sh

declare -A SUITES=(
  [api]=tests/Squadra.Api.Tests
  [web]=tests/Squadra.Web.Tests
  [e2e]=tests/Squadra.E2E
)
ORDER=(api web e2e)

selected=("${@:-all}")
if [[ ${selected[0]} == all ]]; then
  selected=("${ORDER[@]}")
fi
for suite in "${selected[@]}"; do
  [[ -n ${SUITES[$suite]:-} ]] || die "unknown suite '$suite' (choose from: all ${ORDER[*]})"
done

# The browser tests drive Debian's Chromium; Playwright never downloads one.
REQUIRED_PACKAGES+=(chromium)
install_packages
stop_conflicting_debian_clusters

log "Restoring and building"
dotnet build Squadra.slnx -c Debug --nologo -v quiet

results="$(mktemp)"
trap 'rm -f "$results"' EXIT
status=0
for suite in "${selected[@]}"; do
  log "Running the $suite suite (${SUITES[$suite]})"
  dotnet test "${SUITES[$suite]}" -c Debug --no-build --nologo 2>&1 | tee -a "$results" || status=1
done

# One closing line that counts every suite.
awk '/Failed: +[0-9]+, Passed: +[0-9]+/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$results"
exit "$status"
