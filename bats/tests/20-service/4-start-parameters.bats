#!/usr/bin/env bats
# docs/design/test-plan.md §7 20-service/4-start-parameters: --controllers saved by create, one-off on start.
# Adapted: the controllers are not implemented yet, so instead of the service's enabledControllers these tests
# check what the service was given - args.json and the effective (last) --controllers on the service's command line.

setup_file() {
  export RDD_INSTANCE=bats-service-params
  "$BATS_TEST_DIRNAME/../../../rdd" svc delete >/dev/null 2>&1 || true
}

setup() {
  load ../../helpers/load
  load ../../helpers/service
  export RDD_INSTANCE=bats-service-params
}

teardown_file() {
  "$BATS_TEST_DIRNAME/../../../rdd" svc delete >/dev/null 2>&1 || true
}

# The --controllers value the running service uses (the last one on its command line).
effective_controllers() {
  ps -o args= -p "$(service_pid)" | tr ' ' '\n' | grep -A1 -x -- --controllers | tail -1
}

@test "--controllers=\"\" is saved as an empty set" {
  rdd svc create --controllers=""
  run cat "$(rdd svc paths args_file)"
  assert_output --partial '"--controllers",""'
  rdd svc start
  run ps -o args= -p "$(service_pid)"
  assert_output --regexp -- '--controllers  -v'
  rdd svc delete
}

@test "--controllers=rdd is saved in args.json" {
  rdd svc create --controllers=rdd
  run cat "$(rdd svc paths args_file)"
  assert_output --partial '"--controllers","rdd"'
}

@test "a plain start uses the saved set" {
  rdd svc start
  assert_equal "$(effective_controllers)" rdd
  rdd svc stop
}

@test "--controllers=* on start is a one-off override" {
  rdd svc start '--controllers=*'
  assert_equal "$(effective_controllers)" '*'
  run cat "$(rdd svc paths args_file)"
  assert_output --partial '"--controllers","rdd"'
  refute_output --partial '"--controllers","*"'
  rdd svc stop
}

@test "--controllers=app on start is a one-off override" {
  rdd svc start --controllers=app
  assert_equal "$(effective_controllers)" app
  rdd svc stop
}

@test "the next plain start reverts to the saved set" {
  rdd svc start
  assert_equal "$(effective_controllers)" rdd
  rdd svc stop
}
