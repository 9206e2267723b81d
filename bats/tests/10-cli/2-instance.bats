#!/usr/bin/env bats
# docs/design/test-plan.md §6 10-cli/2-instance, through the purely local `svc paths` (the svc status variants come with the service).

setup() {
  load ../../helpers/load
  unset RDD_INSTANCE
}

@test "the default instance is rancher-desktop-2" {
  run rdd svc paths dir
  assert_success
  assert_output --regexp '/rancher-desktop-2$'
}

@test "RDD_INSTANCE overrides the default" {
  RDD_INSTANCE=bats-x run rdd svc paths dir
  assert_output --regexp '/rancher-desktop-bats-x$'
}

@test "--instance X as the first argument overrides RDD_INSTANCE" {
  RDD_INSTANCE=bats-x run rdd --instance bats-y svc paths dir
  assert_success
  assert_output --regexp '/rancher-desktop-bats-y$'
}

@test "--instance=X as the first argument overrides RDD_INSTANCE" {
  RDD_INSTANCE=bats-x run rdd --instance=bats-z svc paths dir
  assert_success
  assert_output --regexp '/rancher-desktop-bats-z$'
}

@test "--instance= is ignored" {
  RDD_INSTANCE=bats-x run rdd --instance= svc paths dir
  assert_success
  assert_output --regexp '/rancher-desktop-bats-x$'
}

@test "--instance after svc is an unknown flag" {
  run rdd svc --instance bats-x paths
  assert_failure 1
  assert_output --partial 'unknown flag: --instance'
}

@test "--instance after svc paths is an unknown flag" {
  run rdd svc paths --instance bats-x
  assert_failure 1
  assert_output --partial 'unknown flag: --instance'
}

@test "--instance after svc status is an unknown flag" {
  run rdd svc status --instance bats-x
  assert_failure 1
  assert_output --partial 'unknown flag: --instance'
}

@test "svc status names the instance chosen by --instance" {
  RDD_INSTANCE=bats-x run rdd --instance bats-y --log-level=info svc status
  assert_success
  assert_output --partial 'rancher-desktop-bats-y'
  refute_output --partial 'rancher-desktop-bats-x'
}
