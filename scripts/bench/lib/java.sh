# Runs a benchmark main class from the integration-tests module's test classes (compiled first) with the test class path.
# Source it, then: bench_java <main class> [args…]  (finds JDK 25, builds, execs the JVM).
bench_java() {
  local repo cp_file
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
  # shellcheck source=../../lib/jdk.sh
  source "$repo/scripts/lib/jdk.sh"
  rdd_find_jdk
  rdd_maven_opts
  cp_file="$repo/integration-tests/target/bench.classpath"
  # With -am every module writes the file in turn; integration-tests, built last, leaves its own class path (the
  # sibling modules as their target/classes).
  (cd "$repo" && ./mvnw -B -ntp -q -pl integration-tests -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2)
  cd "$repo/integration-tests" || return 1
  exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat "$cp_file")" "$@"
}
