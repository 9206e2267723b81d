# shellcheck shell=bash
# Finds a JDK >= 25 and exports JAVA_HOME to it. Sourced by ./rdd, ./mvnw callers and scripts/test.
# Order: $JAVA_HOME, then the usual install locations. Prints one line naming what to install if none.

rdd_jdk_major() { # <java_home> -> major version on stdout, or nothing
  local home=$1 v="" line
  if [[ -r "$home/release" ]]; then
    # bash builtins, no sed: ./rdd runs this on every CLI call
    while IFS= read -r line; do
      if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
        v=${BASH_REMATCH[1]}
        break
      fi
    done <"$home/release"
  fi
  if [[ -z "$v" && -x "$home/bin/java" ]]; then
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  fi
  printf '%s' "$v"
}

rdd_find_jdk() {
  local min=${RDD_MIN_JDK:-25} cand major
  local -a cands=()
  [[ -n "${JAVA_HOME:-}" ]] && cands+=("$JAVA_HOME")
  for cand in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
              /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [[ -d "$cand" ]] && cands+=("$cand")
  done
  for cand in "${cands[@]}"; do
    [[ -x "$cand/bin/java" && -x "$cand/bin/javac" ]] || continue
    major=$(rdd_jdk_major "$cand")
    if [[ -n "$major" && "$major" -ge "$min" ]]; then
      export JAVA_HOME=$cand
      return 0
    fi
  done
  echo "rdd: no JDK ${min}+ found (looked at \$JAVA_HOME and /usr/lib/jvm); install Temurin ${min} (e.g. apt-get install temurin-${min}-jdk) or openjdk-${min}-jdk and set JAVA_HOME" >&2
  return 1
}

# Maven 3.9 on JDK 25 warns about sun.misc.Unsafe on every run; silence it for our own invocations.
rdd_maven_opts() {
  case " ${MAVEN_OPTS:-} " in
    *sun-misc-unsafe-memory-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
}
