# shellcheck shell=bash
# Builds a module (and what it needs) when its jar is missing or older than any of its sources: the rdd CLI for
# ./rdd and scripts/test, the desktop app for ./rdd-gui. Needs JAVA_HOME set to a JDK >= 25 (scripts/lib/jdk.sh).

# _rdd_stale <jar> <required-dir>… -- <source>…: true when the jar or a required dir is missing, or a source
# file is newer than the jar.
_rdd_stale() {
  local jar=$1; shift
  [[ -f "$jar" ]] || return 0
  while [[ $1 != -- ]]; do
    [[ -d $1 ]] || return 0
    shift
  done
  shift
  [[ -n "$(find "$@" -newer "$jar" -print -quit 2>/dev/null)" ]]
}

# rdd_build_module <repo> <module> <prefix> <what> <jar> <required-dir>… -- <source>…
# Builds <module> (and what it needs) when _rdd_stale says so: one build at a time per module (a lock, then a
# second look, since another launcher may have built it meanwhile), a spinner on a terminal, the full Maven
# output in <module>/target/<prefix>-build.log and its errors on stderr when it fails.
rdd_build_module() {
  local repo=$1 module=$2 prefix=$3 what=$4 rc commit
  shift 4
  _rdd_stale "$@" || return 0
  local target="$repo/$module/target"
  mkdir -p "$target"
  exec 9>"$target/.build.lock"
  flock 9
  if ! _rdd_stale "$@"; then exec 9>&-; return 0; fi
  local log="$target/$prefix-build.log" jar=$1
  # A running service (or GUI) reads classes from this jar lazily, and Maven rewrites the jar in place: the build
  # would change the file under a live JVM (seen: a service answered 500s and dropped writes after a rebuild). Moving the
  # jar aside makes the build write a new file; the running JVM keeps reading the old one, unlinked but open.
  # The same holds for the project's own module jars in lib/ (rdd-*.jar), which the build copies there anew.
  local moved=() f
  for f in "$jar" "$(dirname "$jar")"/lib/rdd-*.jar; do
    if [[ -f "$f" ]]; then mv -f "$f" "$f.replaced"; moved+=("$f.replaced"); fi
  done
  commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
  echo "$prefix: building $what (first run or sources changed); full log: $log" >&2
  set +e
  (cd "$repo" && ./mvnw -B -ntp -pl "$module" -am -DskipTests -Drdd.git.commit="$commit" package) >"$log" 2>&1 &
  local pid=$! n=0
  while kill -0 "$pid" 2>/dev/null; do
    if [[ -t 2 ]]; then printf '\r%s: building%-*s' "$prefix" 3 "$(printf '%*s' $((n % 4)) '' | tr ' ' .)" >&2; fi
    n=$((n + 1))
    sleep 0.5 # spinner tick; the build's end is seen by kill -0
  done
  wait "$pid"; rc=$?
  set -e
  [[ -t 2 ]] && printf '\r\033[K' >&2
  exec 9>&-
  if [[ $rc -ne 0 ]]; then
    echo "$prefix: build failed (exit $rc); last lines of $log:" >&2
    grep -E '\[ERROR\]|BUILD FAILURE' "$log" | head -40 >&2 || tail -40 "$log" >&2
    return 1
  fi
  rm -f "${moved[@]}"
  echo "$prefix: build done" >&2
}

# The AOT cache (scripts/build-aot-cache.sh, ~2 s) must be rebuilt with the jar: the JVM ignores a cache made
# for another jar. Failing to build it only costs start-up time.
rdd_ensure_aot_cache() { # <repo>
  local repo=$1 aot="$1/launcher/target/rdd.aot"
  [[ -f "$aot" && ! "$repo/launcher/target/rdd.jar" -nt "$aot" ]] && return 0
  exec 8>"$repo/launcher/target/.aot.lock"
  flock 8
  # Another launcher may have built it while we waited for the lock.
  if [[ ! -f "$aot" || "$repo/launcher/target/rdd.jar" -nt "$aot" ]]; then
    "$repo/scripts/build-aot-cache.sh" >/dev/null 2>&1 \
      || echo "rdd: could not build the AOT cache (see launcher/target/rdd-aot.log); starting without it" >&2
  fi
  exec 8>&-
}

# The modules the rdd executable is made of (docs/architecture.md), bottom up; the launcher module assembles them.
RDD_CLI_MODULES=(wire logging instance api server controllers runtime support cli launcher)

# rdd_module_sources <repo> <module>…: the parent pom, and each module's pom and main sources (for _rdd_stale).
rdd_module_sources() {
  local repo=$1 m
  shift
  echo "$repo/pom.xml"
  for m in "$@"; do echo "$repo/$m/pom.xml"; echo "$repo/$m/src/main"; done
}

# Builds the rdd executable (the launcher module and the modules below it) when stale, then makes sure its AOT
# cache matches the jar.
rdd_ensure_built() { # <repo>
  local repo=$1 sources
  mapfile -t sources < <(rdd_module_sources "$repo" "${RDD_CLI_MODULES[@]}")
  rdd_build_module "$repo" launcher rdd "the rdd CLI" "$repo/launcher/target/rdd.jar" \
    "$repo/launcher/target/lib" -- "${sources[@]}" \
    || return 1
  rdd_ensure_aot_cache "$repo"
}
