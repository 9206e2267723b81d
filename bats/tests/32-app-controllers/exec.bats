#!/usr/bin/env bats
# `rdd ctl exec` end to end (docs/cli.md): the Container's exec subresource over the Unix socket, against the process
# driver's dockerd, as in engine-docker.bats. The command's exit code is the CLI's; stdin's EOF ends `cat`.
# The container is "cx": Docker names need two characters.

setup_file() {
  load app-controllers
  app_setup_file
  setup_rdd_control_plane '*'
  rdd ctl apply -f - >/dev/null <<YAML
apiVersion: app.rancherdesktop.io/v1alpha1
kind: App
metadata:
  name: app
spec:
  running: false
  namespace: $RDD_NAMESPACE
  vm:
    driver: process
YAML
  rdd start --timeout=300s
  export DOCKER_HOST="unix://$(rdd svc paths docker_socket)"
  load ../../helpers/engine
  _engine_import_test_image "$DOCKER_HOST"
  docker run -d --name cx --network none "$RDD_TEST_IMAGE" sh -c "trap 'exit 0' TERM; while true; do sleep 1; done" >/dev/null
  # The mirror is written once Docker's event is handled: exec needs it running.
  try --max 120 --delay 0.5 cx_mirrored_running
}

cx_mirrored_running() {
  [[ $(rdd ctl get containers -n "$RDD_NAMESPACE" --field-selector status.name=cx -o jsonpath='{.items[*].status.status}') == running ]]
}

teardown_file() {
  load app-controllers
  export DOCKER_HOST="unix://$(rdd svc paths docker_socket)"
  docker rm -f cx >/dev/null 2>&1 || true
  app_teardown_file
}

setup() {
  load ../../helpers/load
  load app-controllers
  RDD_INSTANCE="bats-app-exec"
  export DOCKER_HOST="unix://$(rdd svc paths docker_socket)"
}

@test "rdd ctl exec returns the command's exit code" {
  run rdd ctl exec -n "$RDD_NAMESPACE" cx -- sh -c 'exit 7'
  assert_failure 7
}

@test "rdd ctl exec -i copies stdin to the command and returns at its EOF" {
  run bash -c "echo hi | timeout 60 ./rdd ctl exec -i -n '$RDD_NAMESPACE' cx -- cat"
  assert_success
  assert_output hi
}

@test "rdd ctl exec keeps stderr apart and takes a unique ID prefix as NAME" {
  local id
  id=$(docker inspect -f '{{.Id}}' cx)
  run --separate-stderr rdd ctl exec -n "$RDD_NAMESPACE" "${id:0:10}" -- sh -c 'echo out; echo err >&2'
  assert_success
  assert_output out
  [[ $stderr == err ]]
}

@test "rdd ctl exec of a missing container is NotFound" {
  run rdd ctl exec -n "$RDD_NAMESPACE" nosuch -- true
  assert_failure 1
  assert_output --partial "NotFound"
}

@test "rdd ctl exec -it runs the command on a terminal of the given size and returns its exit code" {
  # script(1) gives the CLI a pseudo-terminal; stty sets its size, which -t passes on as the exec's window size. The
  # test engine (dockerd 20.10, API 1.41) takes no size at the exec's start, only a resize just after it: the command
  # waits until its terminal has a size.
  local cmd='until [ "$(stty size)" = "33 111" ]; do :; done; tty; stty size; exit 3'
  run timeout 60 script -qec "stty rows 33 cols 111; ./rdd ctl exec -it -n '$RDD_NAMESPACE' cx -- sh -c '$cmd'" /dev/null
  assert_failure 3
  assert_output --partial /dev/pts/
  assert_output --partial "33 111"
  [[ $output != *$'\e[?'* ]] # JLine sends no capability probes to the terminal
}

@test "rdd ctl exec -t without a terminal warns and runs without one" {
  run --separate-stderr rdd ctl exec -t -n "$RDD_NAMESPACE" cx -- sh -c 'tty || true'
  assert_success
  assert_output "not a tty"
  [[ $stderr == *"Unable to use a TTY"* ]]
}
