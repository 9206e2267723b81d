#!/usr/bin/env bats
# What the service writes is the user's alone: the service dir (datastore, kubeconfig, TLS material), the short dir
# (sockets) and the log dir are 0700; the logs, the datastore, the kubeconfig, the token and the keys 0600.

setup_file() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-service-private
  rdd svc delete >/dev/null 2>&1 || true
}

teardown_file() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-service-private
  rdd svc delete >/dev/null 2>&1 || true
}

setup() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-service-private
}

@test "svc start leaves nothing readable by other users in the instance dirs" {
  run rdd svc start
  assert_success
  dir=$(rdd svc paths dir)
  for d in "$dir" "$(rdd svc paths short_dir)" "$(rdd svc paths log_dir)" "$(rdd svc paths tls_dir)"; do
    [[ $(stat -c %a "$d") == 700 ]] || { echo "$d is $(stat -c %a "$d")"; return 1; }
  done
  for f in "$(rdd svc paths config)" "$(rdd svc paths tls_dir)/token" "$(rdd svc paths tls_dir)"/*.key \
      "$dir"/rdd.sqlite3* "$(rdd svc paths log_dir)"/rdd.std*.log; do
    [[ -e $f ]] || { echo "missing $f"; return 1; }
    mode=$(stat -c %a "$f")
    [[ ${mode:1:2} == 00 ]] || { echo "$f is $mode"; return 1; }
  done
}
