# shellcheck shell=bash
# Runs once around the whole BATS suite: one real Docker engine shared by every test file.
# shellcheck source=helpers/engine.bash
source "$(dirname "${BASH_SOURCE[0]}")/helpers/engine.bash"

setup_suite() {
  # Services started by the tests write their Docker CLI context into the Docker config of their user: a private
  # one, so a test run never changes the machine's own ~/.docker (docs/engine-mirroring.md "Docker CLI context").
  _RDD_BATS_DOCKER_CONFIG=$(mktemp -d /tmp/rdd-bats-docker-config-XXXXXX)
  export _RDD_BATS_DOCKER_CONFIG DOCKER_CONFIG=$_RDD_BATS_DOCKER_CONFIG
  start_test_dockerd
}

teardown_suite() {
  stop_test_dockerd
  [[ -n "${_RDD_BATS_DOCKER_CONFIG:-}" ]] && rm -rf "$_RDD_BATS_DOCKER_CONFIG"
}
