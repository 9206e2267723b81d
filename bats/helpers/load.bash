# shellcheck shell=bash
# Common setup for every BATS file: assertion libraries, the rdd under test, and small helpers.

RDD_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export RDD_REPO
BATS_LIB_DIR=${BATS_LIB_DIR:-/usr/lib/bats}
load "$BATS_LIB_DIR/bats-support/load"
load "$BATS_LIB_DIR/bats-assert/load"
load "$BATS_LIB_DIR/bats-file/load"

export RDD_INSTANCE=${RDD_INSTANCE:-bats}
export RDD_KEEP_LOGS=1

# The rdd under test (the repository launcher; an installed rdd via RDD_BIN).
rdd() {
  "${RDD_BIN:-$RDD_REPO/rdd}" "$@"
}

# The text inside msg="…" of each log line in $output.
extract_msg() {
  sed -n 's/.*msg="\(\([^"\\]\|\\.\)*\)".*/\1/p' <<<"${1:-$output}" | sed 's/\\"/"/g'
}

# try [--max N] [--delay S] CMD…: retries CMD until it succeeds (N attempts, S seconds apart).
try() {
  local max=30 delay=1
  while [[ $# -gt 0 ]]; do
    case $1 in
      --max) max=$2; shift 2 ;;
      --delay) delay=$2; shift 2 ;;
      *) break ;;
    esac
  done
  local n=0
  while true; do
    run "$@"
    [[ $status -eq 0 ]] && return 0
    n=$((n + 1))
    (( n >= max )) && return 1
    sleep "$delay"
  done
}
