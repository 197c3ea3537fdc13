#!/usr/bin/env bash
# Runs BackupMethodMeasurement: copy methods under a concurrent writer process, and the share of a
# database re-stored after a day of changes per chunk size. Usage: units-db/scripts/measure-backup-methods.sh [megabytes]
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/jdk.sh
./mvnw -B -q -ntp -pl units-db -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cd units-db
exec java --enable-native-access=ALL-UNNAMED -Xmx512m \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.cairn.units.db.internal.BackupMethodMeasurement "$@"
