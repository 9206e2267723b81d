#!/usr/bin/env bats
# spec/tests.md §7 20-service/6-timeout: every service wait that runs out exits 4 with "context deadline exceeded".

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
