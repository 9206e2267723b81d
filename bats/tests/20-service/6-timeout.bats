#!/usr/bin/env bats
# docs/design/test-plan.md §7 20-service/6-timeout: every service wait that runs out exits 4 with "context deadline exceeded".

setup() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-service-timeout
  rdd svc delete >/dev/null 2>&1 || true
}

teardown() {
  rdd svc delete >/dev/null 2>&1 || true
}

@test "svc stop --timeout=1ms exits 4" {
  rdd svc start
  run rdd svc stop --timeout=1ms
  assert_failure 4
  assert_output --partial 'context deadline exceeded'
}

@test "svc delete --timeout=1ms exits 4 and keeps the instance" {
  rdd svc start
  run rdd svc delete --timeout=1ms
  assert_failure 4
  assert_output --partial 'context deadline exceeded'
  assert_dir_exist "$(rdd svc paths dir)"
}

@test "svc start --timeout=1ms exits 4" {
  run rdd svc start --timeout=1ms
  assert_failure 4
  assert_output --partial 'context deadline exceeded'
}

# A service JVM still starting up holds no PID file yet; stop and delete must find it all the same
# (it used to survive a delete issued in that window and come up in the deleted instance).
serve_processes() {
  pgrep -f -- "--instance $RDD_INSTANCE svc serve" || true
}

@test "svc delete right after a timed-out svc start stops the starting service" {
  for _ in 1 2 3; do
    run rdd svc start --timeout=1ms
    assert_failure 4
    run rdd svc delete
    assert_success
    assert_equal "$(serve_processes)" ""
    assert_dir_not_exist "$(rdd svc paths dir)"
  done
}

@test "svc stop right after a timed-out svc start stops the starting service" {
  run rdd svc start --timeout=1ms
  assert_failure 4
  run rdd svc stop
  assert_success
  assert_equal "$(serve_processes)" ""
  run rdd svc status
  assert_output --partial 'has been started: false'
}
