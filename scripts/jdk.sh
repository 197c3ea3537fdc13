# Sourced by ./cairn, ./run-tests and the launcher: sets JAVA_HOME to a JDK >= 21.
# Order: $JAVA_HOME if it is new enough, then `java` on PATH, then the usual install locations.
cairn_java_feature() { # prints the feature version of the java binary $1, or nothing
  local home="${1%/bin/java}" line v=""
  # The JDK's release file answers without starting a JVM or any other process (every launch pays for this check).
  if [ -r "$home/release" ]; then
    while IFS= read -r line; do
      if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then v=${BASH_REMATCH[1]}; break; fi
    done < "$home/release"
  fi
  if [ -z "$v" ]; then
    v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1)
  fi
  printf '%s\n' "$v"
}
cairn_find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    c=$(readlink -f "$(command -v javac)"); candidates+=("${c%/bin/javac}")
  fi
  for c in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(cairn_java_feature "$c/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then printf '%s %s\n' "$v" "$c"; return 0; fi
  done
  return 1
}
if ! CAIRN_JDK=$(cairn_find_jdk); then
  echo "cairn: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
  echo "cairn: install one, e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+ JDK, or set JAVA_HOME." >&2
  exit 3
fi
# CAIRN_JAVA_FEATURE: the feature version of that JDK, for callers that choose settings by it.
CAIRN_JAVA_FEATURE=${CAIRN_JDK%% *}
export JAVA_HOME="${CAIRN_JDK#* }"
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's bundled Guice warns about sun.misc.Unsafe on JDK 24+; allow it quietly there.
if [ "$CAIRN_JAVA_FEATURE" -ge 24 ]; then
  case " ${MAVEN_OPTS:-} " in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
fi
