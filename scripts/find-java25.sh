#!/usr/bin/env bash
# Prints the home directory of a JDK 25 or newer, or explains on stderr and exits 1.
# Order: $JAVA_HOME, /usr/lib/jvm/temurin-25*, any /usr/lib/jvm/*25*, then `java` on PATH.
# Usage: JAVA_HOME="$(scripts/find-java25.sh)"
#    or: source scripts/find-java25.sh && JAVA_HOME="$(find_java25)"   (sourcing changes no shell options)

SAGE4J_MIN_JAVA=25

# Feature release of the JDK at $1 (e.g. 25, 17, 8), or nothing if it has no usable bin/java.
java_major() {
  local home=$1 version=""
  [[ -x "$home/bin/java" ]] || return 0
  if [[ -f "$home/release" ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1)
  fi
  if [[ -z "$version" ]]; then
    # First line looks like: openjdk version "25.0.1" 2025-10-21   or   java version "1.8.0_402"
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  [[ -n "$version" ]] || return 0
  version=${version#1.}              # 1.8.0 -> 8.0
  version=${version%%[!0-9]*}        # 25.0.1 -> 25, 26-ea -> 26
  [[ -n "$version" ]] && printf '%s\n' "$version"
}

find_java25() {
  local -a candidates=() found=()
  local home major java_on_path
  if [[ -n "${JAVA_HOME:-}" ]]; then
    candidates+=("$JAVA_HOME")
  fi
  shopt -s nullglob
  candidates+=(/usr/lib/jvm/temurin-25* /usr/lib/jvm/*25*)
  shopt -u nullglob
  if java_on_path=$(command -v java 2>/dev/null); then
    java_on_path=$(readlink -f "$java_on_path")
    candidates+=("$(dirname "$(dirname "$java_on_path")")")
  fi
  for home in "${candidates[@]}"; do
    if [[ ! -d "$home" ]]; then
      found+=("$home (not a directory)")
      continue
    fi
    major=$(java_major "$home")
    if [[ -n "$major" ]] && (( major >= SAGE4J_MIN_JAVA )); then
      printf '%s\n' "$home"
      return 0
    fi
    found+=("$home (${major:-no bin/java})")
  done
  local summary="nothing"
  if (( ${#found[@]} > 0 )); then
    summary=$(printf '%s, ' "${found[@]}")
    summary=${summary%, }
  fi
  printf 'sage4j needs JDK %s; found %s; install Temurin %s or set JAVA_HOME\n' \
    "$SAGE4J_MIN_JAVA" "$summary" "$SAGE4J_MIN_JAVA" >&2
  return 1
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  find_java25
fi
