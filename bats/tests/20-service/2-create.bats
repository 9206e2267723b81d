#!/usr/bin/env bats
# docs/design/test-plan.md §7 20-service/2-create: the lifecycle create → start → stop → delete, its messages, status lines
# and idempotency; plus the recovery of a service killed with kill -9.

setup_file() {
  export RDD_INSTANCE=bats-service-create
  "$BATS_TEST_DIRNAME/../../../rdd" svc delete >/dev/null 2>&1 || true
}

setup() {
  load ../../helpers/load
  load ../../helpers/service
  export RDD_INSTANCE=bats-service-create
}

teardown_file() {
  "$BATS_TEST_DIRNAME/../../../rdd" svc delete >/dev/null 2>&1 || true
}

status_is() { # <created> <started> <zero|nonzero pid>
  run rdd --log-level=info svc status
  assert_success
  msgs
  assert_output --partial "control plane has been created: $1"
  assert_output --partial "control plane has been started: $2"
  if [[ $3 == zero ]]; then
    assert_line --partial 'control plane PID is: 0'
  else
    assert_line --regexp 'control plane PID is: [1-9][0-9]*$'
  fi
}

@test "delete removes the directory and is idempotent" {
  rdd svc create
  assert_dir_exist "$(rdd svc paths dir)"
  run rdd --log-level=info svc delete
  assert_success
  msgs
  assert_dir_not_exist "$(rdd svc paths dir)"
  run rdd --log-level=info svc delete
  assert_success
  msgs
  assert_output --partial "\"rancher-desktop-$RDD_INSTANCE\" control plane does not exist"
}

@test "status before create" {
  status_is false false zero
}

@test "create" {
  run rdd --log-level=info svc create
  assert_success
  msgs
  assert_output --partial "successfully created \"rancher-desktop-$RDD_INSTANCE\" control plane"
  run rdd --log-level=info svc create
  msgs
  assert_output --partial "\"rancher-desktop-$RDD_INSTANCE\" control plane already exists"
}

@test "status after create" {
  status_is true false zero
}

@test "start" {
  run rdd --log-level=info svc start
  assert_success
  msgs
  assert_output --partial "starting \"rancher-desktop-$RDD_INSTANCE\" control plane"
  assert_output --partial "\"rancher-desktop-$RDD_INSTANCE\" control plane is ready"
}

@test "start again is idempotent" {
  local pid
  pid=$(service_pid)
  run rdd --log-level=info svc start
  assert_success
  msgs
  assert_output --partial "\"rancher-desktop-$RDD_INSTANCE\" control plane is already running"
  assert_output --partial "control plane is ready"
  assert_equal "$(service_pid)" "$pid"
}

@test "status after start" {
  status_is true true nonzero
}

@test "svc logs shows the apiserver" {
  run rdd svc logs
  assert_success
  assert_output --partial apiserver
}

@test "svc logs --stdout succeeds" {
  run rdd svc logs --stdout
  assert_success
  run rdd svc logs -o
  assert_success
}

@test "svc logs -f follows the log until interrupted" {
  run timeout 3 "$RDD_REPO/rdd" svc logs -f
  assert_failure 124
  assert_output --partial apiserver
}

@test "a service killed with kill -9 is detected and restarted by the next start" {
  local pid
  pid=$(service_pid)
  kill -9 "$pid"
  try --max 50 --delay 0.1 bash -c "! kill -0 $pid 2>/dev/null"
  assert_file_exist "$(rdd svc paths pid_file)" # stale, left behind
  status_is true false zero
  run rdd --log-level=info svc start
  assert_success
  msgs
  assert_output --partial "starting \"rancher-desktop-$RDD_INSTANCE\" control plane"
  assert_output --partial 'control plane is ready'
  refute [ "$(service_pid)" = "$pid" ]
}

@test "stop" {
  run rdd --log-level=info svc stop
  assert_success
  msgs
  assert_output --partial "\"rancher-desktop-$RDD_INSTANCE\" control plane has stopped"
  assert_dir_exist "$(rdd svc paths dir)"
  assert_file_not_exist "$(rdd svc paths config)"
}

@test "status after stop, and stop again" {
  status_is true false zero
  run rdd --log-level=info svc stop
  assert_success
  msgs
  assert_output --partial "\"rancher-desktop-$RDD_INSTANCE\" control plane is already stopped"
}

@test "delete" {
  rdd svc start
  run rdd --log-level=info svc delete
  assert_success
  msgs
  assert_output --partial "\"rancher-desktop-$RDD_INSTANCE\" control plane has been deleted"
  assert_dir_not_exist "$(rdd svc paths dir)"
  assert_dir_not_exist "$(rdd svc paths short_dir)"
  status_is false false zero
}
