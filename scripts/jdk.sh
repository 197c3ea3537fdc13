# Sourced by ./cairn, ./run-tests and the launcher: sets JAVA_HOME to a JDK >= 21.
# Order: $JAVA_HOME if it is new enough, then `javac` on PATH, then the usual install locations.
# Every launch pays for this, so the usual path starts no process: the functions set variables instead of
# printing (a $(...) is a fork), and a JDK's version comes from its `release` file.
cairn_java_feature() { # sets CAIRN_FEATURE to the feature version of the JDK whose home is $1, or to nothing
  local line
  CAIRN_FEATURE=
  if [ -r "$1/release" ]; then
    while IFS= read -r line; do
      if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then CAIRN_FEATURE=${BASH_REMATCH[1]}; break; fi
    done < "$1/release"
  fi
  if [ -z "$CAIRN_FEATURE" ]; then
    CAIRN_FEATURE=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1)
  fi
}
cairn_try_jdk() { # succeeds, setting CAIRN_JAVA_FEATURE and CAIRN_JDK_HOME, when $1 is the home of a JDK >= 21
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  cairn_java_feature "$1"
  [ -n "$CAIRN_FEATURE" ] && [ "$CAIRN_FEATURE" -ge 21 ] || return 1
  CAIRN_JAVA_FEATURE=$CAIRN_FEATURE
  CAIRN_JDK_HOME=$1
}
cairn_javac_on_path() { # sets CAIRN_JAVAC to the first executable javac on PATH, or to nothing
  local dir dirs
  CAIRN_JAVAC=
  IFS=: read -r -a dirs <<< "${PATH:-}"
  for dir in "${dirs[@]}"; do
    if [ -n "$dir" ] && [ -x "$dir/javac" ] && [ ! -d "$dir/javac" ]; then CAIRN_JAVAC="$dir/javac"; break; fi
  done
}
cairn_find_jdk() {
  local c
  if [ -n "${JAVA_HOME:-}" ] && cairn_try_jdk "$JAVA_HOME"; then return 0; fi
  cairn_javac_on_path
  if [ -n "$CAIRN_JAVAC" ]; then
    c=$(readlink -f "$CAIRN_JAVAC")
    if cairn_try_jdk "${c%/bin/javac}"; then return 0; fi
  fi
  for c in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    if [ -d "$c" ] && cairn_try_jdk "$c"; then return 0; fi
  done
  return 1
}
if ! cairn_find_jdk; then
  echo "cairn: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
  echo "cairn: install one, e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+ JDK, or set JAVA_HOME." >&2
  exit 3
fi
# CAIRN_JAVA_FEATURE: the feature version of that JDK, for callers that choose settings by it.
export JAVA_HOME="$CAIRN_JDK_HOME"
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's bundled Guice warns about sun.misc.Unsafe on JDK 24+; allow it quietly there.
if [ "$CAIRN_JAVA_FEATURE" -ge 24 ]; then
  case " ${MAVEN_OPTS:-} " in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
fi
