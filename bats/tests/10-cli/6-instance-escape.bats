#!/usr/bin/env bats
# The instance name cannot escape the instance dirs: a suffix with a path separator or a dot-dot is a usage error
# (exit 1) before anything is created, wherever it comes from (RDD_INSTANCE or --instance).

setup() {
  load ../../helpers/load
  export HOME=$BATS_TEST_TMPDIR/home
  mkdir -p "$HOME"
}

# Nothing may appear outside $HOME: the parent of the fake home stays as it was.
assert_nothing_created() {
  run find "$BATS_TEST_TMPDIR" -mindepth 1 -not -path "$HOME" -not -path "$HOME/*"
  assert_output ''
  run find "$HOME" -mindepth 1
  assert_output ''
}

@test "RDD_INSTANCE with a path is refused with exit 1 and creates nothing" {
  for bad in ../x ../../etc x/y /abs/path . .. 'a\b'; do
    RDD_INSTANCE=$bad run rdd svc create
    assert_failure 1
    run extract_msg "$output"
    assert_output --partial 'must not contain path separators'
  done
  assert_nothing_created
}

@test "--instance with a path is refused with exit 1 and creates nothing" {
  for bad in /abs ../x ..; do
    run rdd --instance "$bad" svc start --wait=false
    assert_failure 1
    run rdd --instance="$bad" svc paths
    assert_failure 1
    run extract_msg "$output"
    assert_output --partial "invalid instance suffix"
  done
  assert_nothing_created
}
