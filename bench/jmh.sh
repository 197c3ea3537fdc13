#!/usr/bin/env bash
# JMH microbenchmarks of the backup pipeline (chunking, hashing, compression, encryption, pack writing,
# restore path). Builds the bench module when needed, then runs JMH with any arguments you give, e.g.
#   bench/jmh.sh                          every benchmark, 1 fork (the defaults in the classes)
#   bench/jmh.sh Hashing Encryption       only benchmarks whose name matches
#   bench/jmh.sh -l                       list them
#   bench/jmh.sh -rf json -rff /tmp/jmh.json Compression
# The Chunking (engineStore), PackWriting and Restore benchmarks go through the engine's public
# Repository/BackupWriter API (a real encrypted repository in a temporary directory).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
jar=$(ls bench/target/cairn-bench-*.jar 2>/dev/null | head -n1 || true)
if [ -z "$jar" ] || [ -n "$(find bench/src framework -name '*.java' -newer "$jar" -print -quit)" ]; then
  ./mvnw -B -ntp -q -DskipTests -pl bench -am package
  jar=$(ls bench/target/cairn-bench-*.jar | head -n1)
fi
exec java --enable-native-access=ALL-UNNAMED -cp "$jar:bench/target/lib/*" org.openjdk.jmh.Main "$@"
