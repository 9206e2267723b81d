#!/usr/bin/env bats
# docs/design/test-plan.md §6 10-cli/4-log-level: --log-level / RDD_LOG_LEVEL, and the -v they save in args.json.

setup() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-cli-loglevel
  unset RDD_LOG_LEVEL
  rdd svc delete >/dev/null 2>&1 || true
}

teardown() {
  rdd svc delete >/dev/null 2>&1 || true
}

# The -v value saved in args.json.
saved_verbosity() {
  sed -n 's/.*"-v","\([0-9]*\)".*/\1/p' "$(rdd svc paths args_file)"
}

@test "an invalid level is an error" {
  run rdd --log-level=loud svc status
  assert_failure 1
  assert_output --partial 'not a valid logrus Level: \"loud\"'
}

@test "--log-level=error makes svc delete silent" {
  run rdd --log-level=error svc delete
  assert_success
  assert_output ''
}

@test "--log-level=warn makes svc delete silent" {
  run rdd --log-level=warn svc delete
  assert_success
  assert_output ''
}

@test "--log-level=warning makes svc delete silent" {
  run rdd --log-level=warning svc delete
  assert_success
  assert_output ''
}

@test "--log-level=info prints that the control plane does not exist" {
  run rdd --log-level=info svc delete
  assert_success
  assert_output --partial 'control plane does not exist'
}

@test "--log-level=debug prints that the control plane does not exist" {
  run rdd --log-level=debug svc delete
  assert_success
  assert_output --partial 'control plane does not exist'
}

@test "--log-level=trace prints that the control plane does not exist" {
  run rdd --log-level=trace svc delete
  assert_success
  assert_output --partial 'control plane does not exist'
}

@test "args.json -v is 2 for debug" {
  rdd --log-level=debug svc create
  assert_equal "$(saved_verbosity)" 2
}

@test "args.json -v is 4 for trace" {
  rdd --log-level=trace svc create
  assert_equal "$(saved_verbosity)" 4
}

@test "args.json -v is 0 for error" {
  rdd --log-level=error svc create
  assert_equal "$(saved_verbosity)" 0
}

@test "args.json -v is 2 for the developer-mode default (debug)" {
  RDD_DEVELOPER_MODE=1 rdd svc create
  assert_equal "$(saved_verbosity)" 2
}

@test "args.json -v is 0 for the default outside developer mode (warn)" {
  RDD_DEVELOPER_MODE=0 rdd svc create
  assert_equal "$(saved_verbosity)" 0
}

@test "args.json -v is 4 for RDD_LOG_LEVEL=trace" {
  RDD_LOG_LEVEL=trace rdd svc create
  assert_equal "$(saved_verbosity)" 4
}

@test "the flag beats the environment variable" {
  RDD_LOG_LEVEL=trace rdd --log-level=error svc create
  assert_equal "$(saved_verbosity)" 0
}

@test "svc start at another level leaves args.json unchanged" {
  rdd --log-level=error svc create
  local before
  before=$(cat "$(rdd svc paths args_file)")
  run rdd --log-level=debug svc start
  assert_success
  assert_equal "$(cat "$(rdd svc paths args_file)")" "$before"
  # The one-off verbosity reached the service, after the saved one (the later flag wins).
  local pid
  pid=$(cat "$(rdd svc paths pid_file)")
  run ps -o args= -p "$pid"
  assert_output --regexp ' svc serve .*-v 0 -v 2$'
}
