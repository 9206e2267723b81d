#!/usr/bin/env bats
# docs/design/test-plan.md §6 10-cli/1-version

setup() {
  load ../../helpers/load
}

VERSION_RE='^(v[0-9]+\.[0-9]+\.[0-9]+|[a-f0-9]{7,})'

@test "rdd version prints a version" {
  run rdd version
  assert_success
  assert_output --regexp "$VERSION_RE"
}

@test "rdd --version prints a version" {
  run rdd --version
  assert_success
  assert_output --regexp "$VERSION_RE"
}

@test "rdd --version=true prints a version" {
  run rdd --version=true
  assert_success
  assert_output --regexp "$VERSION_RE"
}

@test "rdd --version=raw prints the six labels" {
  run rdd --version=raw
  assert_success
  for label in Version: GitCommit: BuildDate: GoVersion: Compiler: Platform:; do
    assert_output --partial "$label"
  done
}

@test "rdd --version=<other> echoes the value" {
  run rdd --version=v1.0.0-test
  assert_success
  assert_output v1.0.0-test
}

@test "rdd --version equals rdd version" {
  run rdd version
  local expected=$output
  run rdd --version
  assert_output "$expected"
}
