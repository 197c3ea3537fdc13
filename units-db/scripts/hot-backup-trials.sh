#!/usr/bin/env bash
# Runs HotBackupUnderLoadTest with N trials (default 100) against a concurrent writer process and prints
# "N/N consistent; raw copy torn in T/N" for the WAL database (and the rollback-journal one, N/5 trials).
# Usage: units-db/scripts/hot-backup-trials.sh [trials]
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/jdk.sh
trials="${1:-100}"
status=0
rm -f units-db/target/hot-backup-trials-*.txt
./mvnw -B -q -ntp -pl units-db -am test -Dtest=HotBackupUnderLoadTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcairn.db.trials="$trials" >/dev/null 2>&1 || status=$?
cat units-db/target/hot-backup-trials-wal.txt units-db/target/hot-backup-trials-delete.txt 2>/dev/null || true
[ "$status" -eq 0 ] || echo "hot-backup-trials: FAILED (see units-db/target/surefire-reports)" >&2
exit "$status"
