#!/usr/bin/env bats
# The service JVM that `svc start` launches: it can use the CLI's AOT cache (a JVM option that the training run did
# not have, e.g. --enable-native-access, makes the JVM refuse the whole cache), and it starts with a small heap.

setup_file() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-service-jvm
  rdd svc delete >/dev/null 2>&1 || true
}

teardown_file() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-service-jvm
  rdd svc delete >/dev/null 2>&1 || true
}

setup() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-service-jvm
}

# The running service's command line, one argument per line.
service_cmdline() {
  local pid
  pid=$(rdd svc status 2>&1 | sed -n 's/.*PID is: \([0-9]*\).*/\1/p')
  [[ -n "$pid" && "$pid" != 0 ]] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline"
}

@test "the service JVM's options can use the CLI's AOT cache" {
  rdd svc start
  run service_cmdline
  assert_success
  assert_line --regexp '^-XX:AOTCache=.*rdd\.aot$'
  # Everything before the class path, with AOTMode=on (which fails instead of running without the cache).
  local -a opts=()
  local java="" line
  while IFS= read -r line; do
    [[ -z "$java" ]] && { java=$line; continue; }
    [[ "$line" == -cp ]] && break
    [[ "$line" == -Xlog:aot=off || "$line" == -Xlog:cds=off ]] && continue
    opts+=("$line")
  done <<<"$output"
  local jar
  jar=$(sed -n '/^-cp$/{n;p;}' <<<"$output")
  run "$java" "${opts[@]}" -XX:AOTMode=on -cp "$jar" io.rancherdesktop.rdd.cli.RddMain version
  assert_success
  assert_output --regexp '^v[0-9]'
}

@test "the service JVM starts with a small heap that it gives back" {
  run service_cmdline
  assert_success
  assert_line '-Xms16m'
  assert_line '-XX:MaxHeapFreeRatio=30'
}
