#!/usr/bin/env bats
# docs/design/test-plan.md §6 10-cli/3-devmode: RDD_DEVELOPER_MODE decides the "developer mode is enabled" status line.

setup() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-cli-devmode
}

teardown() {
  rdd svc delete >/dev/null 2>&1 || true
}

@test "RDD_DEVELOPER_MODE=0 hides the developer mode line" {
  RDD_DEVELOPER_MODE=0 run rdd svc status
  assert_success
  assert_output --partial 'control plane has been created: false'
  refute_output --partial 'developer mode'
}

@test "RDD_DEVELOPER_MODE=false hides the developer mode line" {
  RDD_DEVELOPER_MODE=false run rdd svc status
  assert_success
  assert_output --partial 'control plane has been created: false'
  refute_output --partial 'developer mode'
}

@test "RDD_DEVELOPER_MODE=1 shows the developer mode line" {
  RDD_DEVELOPER_MODE=1 run rdd svc status
  assert_success
  assert_output --partial 'developer mode is enabled'
}

@test "RDD_DEVELOPER_MODE=true shows the developer mode line" {
  RDD_DEVELOPER_MODE=true run rdd svc status
  assert_success
  assert_output --partial 'developer mode is enabled'
}
