# Runs a benchmark main class from controller-core's test classes (compiled first) with the test class path.
# Source it, then: bench_java <main class> [args…]  (finds JDK 25, builds, execs the JVM).
bench_java() {
  local repo cp_file
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
  # shellcheck source=../../lib/jdk.sh
  source "$repo/scripts/lib/jdk.sh"
  rdd_find_jdk
  rdd_maven_opts
  cp_file="$repo/controller-core/target/bench.classpath"
  (cd "$repo" && ./mvnw -B -ntp -q -pl controller-core test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2)
  cd "$repo/controller-core" || return 1
  exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat "$cp_file")" "$@"
}
