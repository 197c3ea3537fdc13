# Sourced by ./cairn and bench/compare.sh, which rebuild the distribution when its sources changed.
# cairn_sources_newer ROOT FILE: succeeds when a source, pom, resource or launcher file of the checkout at
# ROOT is newer than FILE (what marks the distribution's last build to the caller).
cairn_sources_newer() {
  [ -n "$(find "$1" -path "$1/.git" -prune -o -path '*/target' -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' -o -path '*/src/dist/*' \) \
      -newer "$2" -print -quit)" ]
}
