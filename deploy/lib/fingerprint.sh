# shellcheck shell=bash
# What a build is made of, as one hash: the SDK's version and the content of the files it reads. A build whose
# fingerprint matches what is already built is skipped (run.sh's publish, deploy/compose's images).

# files_fingerprint PATH...: the SDK version and every file under the paths (relative to the repository; bin/ and obj/ aside).
files_fingerprint() {
  {
    dotnet --version
    (cd "$SQUADRA_ROOT" && find "$@" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -d ' ' -f 1
}

# The apps' sources and build settings: what a dotnet publish of them is made of.
SOURCE_PATHS=(src Directory.Build.props Directory.Packages.props global.json)

sources_fingerprint() { files_fingerprint "${SOURCE_PATHS[@]}"; }
