#!/usr/bin/env bats
# The suite's real Docker engine (setup_suite.bash) answers and runs the busybox test image.

setup() {
  load ../../helpers/load
}

@test "the test engine answers the Docker API" {
  run docker -H "$RDD_TEST_DOCKER_HOST" version --format '{{.Server.Version}}'
  assert_success
  assert_output --regexp '^[0-9]+\.[0-9]+'
}

@test "the busybox test image runs without a network" {
  run docker -H "$RDD_TEST_DOCKER_HOST" run --rm --network none "$RDD_TEST_IMAGE" sh -c 'echo hello-from-busybox'
  assert_success
  assert_output hello-from-busybox
}

@test "a container named My_Box round-trips" {
  run docker -H "$RDD_TEST_DOCKER_HOST" create --name My_Box --network none "$RDD_TEST_IMAGE" sleep 3600
  assert_success
  run docker -H "$RDD_TEST_DOCKER_HOST" inspect --format '{{.Name}}' My_Box
  assert_output /My_Box
  run docker -H "$RDD_TEST_DOCKER_HOST" rm -f My_Box
  assert_success
  run docker -H "$RDD_TEST_DOCKER_HOST" inspect My_Box
  assert_failure
}
