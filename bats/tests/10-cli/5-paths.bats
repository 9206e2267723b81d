#!/usr/bin/env bats
# docs/design/test-plan.md §6 10-cli/5-paths

setup() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-cli
}

@test "the table lists the core keys" {
  run rdd svc paths
  assert_success
  for key in args_file config dir docker_socket log_dir pid_file short_dir tls_dir; do
    assert_line --regexp "^$key +/"
  done
}

@test "json has every key" {
  run rdd svc paths -o json
  assert_success
  for key in args_file config dir docker_socket k3s_config lima_home log_dir pid_file short_dir tls_dir; do
    assert_output --partial "\"$key\":\""
  done
}

@test "shell lines are export RDD_<KEY>=" {
  run rdd svc paths -o shell
  assert_success
  assert_line --regexp '^export RDD_LOG_DIR="/'
  refute_line --regexp '^[^e]'
}

@test "a single key prints one absolute path" {
  run rdd svc paths log_dir
  assert_success
  assert_output "$HOME/.local/state/rancher-desktop-bats-cli"
  RDD_INSTANCE=bats-x run rdd svc paths log_dir
  assert_output "$HOME/.local/state/rancher-desktop-bats-x"
}

@test "a bad key fails with the valid keys" {
  run rdd svc paths no_such_key
  assert_failure 1
  assert_output --partial 'unknown key'
  assert_output --partial 'no_such_key'
  assert_output --partial 'valid keys'
}

@test "svc paths never starts the service" {
  local pid_file
  pid_file=$(rdd svc paths pid_file)
  rdd svc paths >/dev/null
  assert_file_not_exist "$pid_file"
}
