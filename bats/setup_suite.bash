# shellcheck shell=bash
# Runs once around the whole BATS suite: one real Docker engine shared by every test file.
# shellcheck source=helpers/engine.bash
source "$(dirname "${BASH_SOURCE[0]}")/helpers/engine.bash"

setup_suite() {
  start_test_dockerd
}

teardown_suite() {
  stop_test_dockerd
}
