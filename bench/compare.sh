#!/usr/bin/env bash
# Side-by-side benchmark of Cairn, restic and borg on the same generated install (issue 6).
#   bench/compare.sh [--scale S] [--runs N] [--db-growth] [--probe-runs K] [--cache auto|cold|warm]
#                    [--host-memory auto|hold|as-is]
#                    [--tools cairn,restic,borg] [--work DIR] [--json FILE] [--keep] [--rebuild]
# Installs restic, borgbackup and GNU time from Debian packages when absent, builds Cairn when its
# launcher is missing, its sources are newer than its jars (or with --rebuild), then runs
# dev.cairn.bench.BenchMain compare.
# Default: scale 1.0 (~2 GiB install under /tmp/cairn-bench), 3 runs, medians. See docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

rebuild=0
args=()
for a in "$@"; do
  if [ "$a" = "--rebuild" ]; then rebuild=1; else args+=("$a"); fi
done

missing=()
command -v restic >/dev/null 2>&1 || missing+=(restic)
command -v borg >/dev/null 2>&1 || missing+=(borgbackup)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  echo "compare: installing ${missing[*]} from Debian packages"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "compare: not root and no sudo: cannot install ${missing[*]}; those columns will say so" >&2
    fi
  fi
  if [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
[ -x /usr/bin/time ] || { echo "compare: GNU time (/usr/bin/time) is required: apt-get install time" >&2; exit 1; }

. scripts/jdk.sh

launcher="$ROOT/app/target/cairn/bin/cairn"
bench_jar() { ls "$ROOT"/bench/target/cairn-bench-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -n1; }
# Sources (or poms, resources, the launcher) changed since the newest jar of the distribution was built:
# measuring that distribution would measure code that is no longer in the tree (a reverted experiment).
. scripts/sources.sh
stale() {
  local newest
  newest=$(ls -t "$ROOT"/app/target/cairn/lib/cairn-*.jar 2>/dev/null | head -n1)
  [ -n "$newest" ] || return 0
  cairn_sources_newer "$ROOT" "$newest"
}
if [ $rebuild -eq 1 ] || [ ! -x "$launcher" ] || [ -z "$(bench_jar)" ] || stale; then
  echo "compare: building Cairn (./mvnw -B -ntp -DskipTests package): no distribution yet, --rebuild, or sources newer than it"
  if ! ./mvnw -B -ntp -q -DskipTests package; then
    echo "compare: the full build failed; building only the bench module so restic and borg can still run" >&2
    ./mvnw -B -ntp -q -DskipTests -pl bench -am package
  fi
fi
[ -x "$launcher" ] || echo "compare: no Cairn launcher at $launcher: the Cairn column will say so" >&2

exec java -Xmx2g -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -Dcairn.repo.root="$ROOT" \
  -cp "$(bench_jar):$ROOT/bench/target/lib/*" dev.cairn.bench.BenchMain compare "${args[@]}"
