#!/usr/bin/env bats
# The instance's Docker CLI context (docs/engine-mirroring.md "Docker CLI context"): written when the process driver's
# moby engine runs, made current only when the current context does not answer, removed on stop and on svc delete
# with the previous current context restored; other contexts are never touched. The service's Docker config is a
# private DOCKER_CONFIG of this file.

setup_file() {
  load app-controllers
  app_setup_file
  export DOCKER_CONFIG
  DOCKER_CONFIG=$(mktemp -d "${BATS_FILE_TMPDIR}/docker-config-XXXXXX")
  unset DOCKER_HOST
  # A current context whose endpoint does not answer, and one that does (the suite's own dockerd).
  docker context create gone --docker "host=unix://${BATS_FILE_TMPDIR}/nobody-listens.sock" >/dev/null
  docker context create live --docker "host=$RDD_TEST_DOCKER_HOST" >/dev/null
  docker context use gone >/dev/null
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
}

teardown_file() {
  load app-controllers
  app_teardown_file
}

setup() {
  load ../../helpers/load
  load app-controllers
  RDD_INSTANCE="bats-app-docker-context"
  CONTEXT="rancher-desktop-$RDD_INSTANCE"
  unset DOCKER_HOST
}

current_context() {
  jq -r '.currentContext // ""' "$DOCKER_CONFIG/config.json"
}

@test "rdd start writes the instance's context and makes it current when the current context does not answer" {
  rdd start --timeout=300s
  try --max 100 --delay 0.1 docker context inspect "$CONTEXT" --format '{{.Endpoints.docker.Host}}'
  assert_success
  assert_output "unix://$(docker_socket)"
  try --max 100 --delay 0.1 bash -c "[[ \$(jq -r .currentContext '$DOCKER_CONFIG/config.json') == '$CONTEXT' ]]"
  assert_success
  # The docker CLI now reaches the instance's engine without DOCKER_HOST.
  run docker info --format '{{.DockerRootDir}}'
  assert_success
  run docker context ls --format '{{.Name}}'
  assert_line "$CONTEXT"
  assert_line gone
  assert_line live
}

@test "rdd stop removes the context and restores the previous current context" {
  rdd stop --timeout=120s
  try --max 100 --delay 0.1 bash -c "! docker context inspect '$CONTEXT' >/dev/null 2>&1"
  assert_success
  run current_context
  assert_output gone
  run docker context inspect gone --format '{{.Endpoints.docker.Host}}'
  assert_output "unix://${BATS_FILE_TMPDIR}/nobody-listens.sock"
}

@test "a current context that answers is left current; ours is still written" {
  docker context use live >/dev/null
  local before
  before=$(docker context inspect live)
  rdd start --timeout=300s
  try --max 100 --delay 0.1 docker context inspect "$CONTEXT" --format '{{.Endpoints.docker.Host}}'
  assert_success
  assert_output "unix://$(docker_socket)"
  run current_context
  assert_output live
  run docker context inspect live
  assert_output "$before"
}

@test "rdd svc delete removes the context and leaves other contexts alone" {
  # The engine still runs: the service stops without stopping it, and svc delete removes what the service left.
  run docker context inspect "$CONTEXT"
  assert_success
  rdd svc delete --timeout=120s
  run docker context inspect "$CONTEXT"
  assert_failure
  run current_context
  assert_output live
  run docker context ls --format '{{.Name}}'
  assert_line gone
  assert_line live
}
