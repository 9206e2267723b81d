# shellcheck shell=bash
# Builds controller-core (and what it needs) when its jar is missing or older than any source file.
# Needs JAVA_HOME set to a JDK >= 25 (scripts/lib/jdk.sh).

rdd_build_is_stale() { # <repo>
  local repo=$1 jar="$1/controller-core/target/rdd.jar"
  [[ -f "$jar" && -d "$repo/controller-core/target/lib" ]] || return 0
  [[ -n "$(find "$repo/pom.xml" "$repo/controller-core/pom.xml" "$repo/controller-core/src/main" -newer "$jar" -print -quit 2>/dev/null)" ]]
}

# The AOT cache (scripts/build-aot-cache.sh, ~2 s) must be rebuilt with the jar: the JVM ignores a cache made
# for another jar. Failing to build it only costs start-up time.
rdd_ensure_aot_cache() { # <repo>
  local repo=$1 aot="$1/controller-core/target/rdd.aot"
  [[ -f "$aot" && ! "$repo/controller-core/target/rdd.jar" -nt "$aot" ]] && return 0
  exec 8>"$repo/controller-core/target/.aot.lock"
  flock 8
  # Another launcher may have built it while we waited for the lock.
  if [[ ! -f "$aot" || "$repo/controller-core/target/rdd.jar" -nt "$aot" ]]; then
    "$repo/scripts/build-aot-cache.sh" >/dev/null 2>&1 \
      || echo "rdd: could not build the AOT cache (see controller-core/target/rdd-aot.log); starting without it" >&2
  fi
  exec 8>&-
}

rdd_ensure_built() { # <repo>
  local repo=$1 log rc commit
  if ! rdd_build_is_stale "$repo"; then
    rdd_ensure_aot_cache "$repo"
    return 0
  fi
  mkdir -p "$repo/controller-core/target"
  exec 9>"$repo/controller-core/target/.build.lock"
  flock 9
  # Another launcher may have built it while we waited for the lock.
  if ! rdd_build_is_stale "$repo"; then exec 9>&-; return 0; fi
  log="$repo/controller-core/target/rdd-build.log"
  commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
  echo "rdd: building the rdd CLI (first run or sources changed); full log: $log" >&2
  set +e
  (cd "$repo" && ./mvnw -B -ntp -pl controller-core -am -DskipTests -Drdd.git.commit="$commit" package) >"$log" 2>&1 &
  local pid=$! n=0
  while kill -0 "$pid" 2>/dev/null; do
    if [[ -t 2 ]]; then printf '\rrdd: building%-*s' 3 "$(printf '%*s' $((n % 4)) '' | tr ' ' .)" >&2; fi
    n=$((n + 1))
    sleep 0.5
  done
  wait "$pid"; rc=$?
  set -e
  [[ -t 2 ]] && printf '\r\033[K' >&2
  if [[ $rc -ne 0 ]]; then
    echo "rdd: build failed (exit $rc); last lines of $log:" >&2
    grep -E '\[ERROR\]|BUILD FAILURE' "$log" | head -40 >&2 || tail -40 "$log" >&2
    exec 9>&-
    return 1
  fi
  rdd_ensure_aot_cache "$repo"
  echo "rdd: build done" >&2
  exec 9>&-
}
