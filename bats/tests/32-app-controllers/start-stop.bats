#!/usr/bin/env bats
# docs/design/test-plan.md §3: rdd start and rdd stop with only the app controller group, every write with --wait=false.

setup_file() {
  load app-controllers
  app_setup_file
  setup_rdd_control_plane app
}

teardown_file() {
  load app-controllers
  app_teardown_file
}

setup() {
  load ../../helpers/load
  load app-controllers
  RDD_INSTANCE="bats-app-start-stop"
}

@test "start --help mentions Start, --wait and --timeout" {
  run rdd start --help
  assert_success
  assert_output --partial 'Start'
  assert_output --partial '--wait'
  assert_output --partial '--timeout'
}

@test "stop --help mentions Stop, --wait and --timeout" {
  run rdd stop --help
  assert_success
  assert_output --partial 'Stop'
  assert_output --partial '--wait'
  assert_output --partial '--timeout'
}

@test "rdd stop succeeds when App is absent without creating it" {
  run rdd --log-level=info stop --wait=false
  assert_success
  assert_output --partial 'does not exist'
  assert_equal "$(extract_msg)" 'App does not exist; nothing to stop'
  run rdd ctl get app app
  assert_failure
}

@test "rdd start creates App with running=true" {
  rdd start --wait=false
  assert_equal "$(app_field .spec.running)" true
}

@test "rdd stop patches existing App to running=false" {
  rdd stop --wait=false
  assert_equal "$(app_field .spec.running)" false
}
