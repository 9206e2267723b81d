#!/usr/bin/env bats
# rdd ctl prune (docs/cli.md "Prune"): one deletecollection with a field selector over the mirrors; each object goes
# through the normal delete path, so Docker itself removes exactly what the selector chose. Against the process
# driver's real dockerd.

setup_file() {
  load app-controllers
  app_setup_file
  start_process_engine
}

teardown_file() {
  load app-controllers
  export DOCKER_HOST="unix://$(rdd svc paths docker_socket)"
  docker rm -f $(docker ps -aq) >/dev/null 2>&1 || true
  app_teardown_file
}

setup() {
  load ../../helpers/load
  load app-controllers
  RDD_INSTANCE="bats-app-prune"
  export DOCKER_HOST="unix://$(rdd svc paths docker_socket)"
  NS=$RDD_NAMESPACE
}

LOOP=(sh -c "trap 'exit 0' TERM; while true; do sleep 1; done")

mirror_of() { # KIND FIELD VALUE: the mirror's name
  rdd ctl get "$1" -n "$NS" --field-selector "$2=$3" -o jsonpath='{.items[*].metadata.name}'
}
has_mirror() { [[ -n $(mirror_of "$@") ]]; }
in_use() { # KIND FIELD VALUE
  [[ $(rdd ctl get "$1" -n "$NS" --field-selector "$2=$3" -o jsonpath='{.items[*].status.inUse}') == true ]]
}
exists() { docker inspect "$1" >/dev/null 2>&1; }

# A unique image (busybox plus a marker file) imported as TAG, or dangling without a TAG; prints its ID.
import_unique_image() {
  local root
  root=$(mktemp -d "${BATS_TEST_TMPDIR}/rootfs-XXXXXX")
  mkdir -p "$root/bin"
  cp /bin/busybox "$root/bin/busybox"
  for applet in sh sleep true cat; do ln -s busybox "$root/bin/$applet"; done
  echo "$RANDOM $(date +%s%N)" >"$root/marker"
  tar -C "$root" -c . | docker import - ${1:+"$1"}
}

@test "the test image is in the instance's engine" {
  run docker image inspect "$RDD_TEST_IMAGE"
  assert_success
}

@test "prune containers removes exactly the stopped containers" {
  docker run -d --name p-running --network none "$RDD_TEST_IMAGE" "${LOOP[@]}"
  docker run -d --name p-paused --network none "$RDD_TEST_IMAGE" "${LOOP[@]}"
  docker pause p-paused
  docker create --name p-created --network none "$RDD_TEST_IMAGE" true
  docker run --name p-exited --network none "$RDD_TEST_IMAGE" true
  for c in p-running p-paused p-created p-exited; do
    try --max 100 --delay 0.1 has_mirror containers status.name "$c"
    assert_success
  done
  try --max 100 --delay 0.1 bash -c "[[ \$(docker inspect -f '{{.State.Status}}' p-paused) == paused ]]"

  run rdd ctl prune containers --force
  assert_success
  assert_line "Deleted Containers:"
  assert_line p-created
  assert_line p-exited
  refute_line p-running
  refute_line p-paused
  exists p-running
  exists p-paused
  ! exists p-created
  ! exists p-exited
  run mirror_of containers status.name p-exited
  assert_output ""
  docker unpause p-paused
}

@test "prune images removes unused dangling images; --all every unused image; used ones stay" {
  local used tagged dangling dangling_used
  used=$(import_unique_image prune/used:1)
  tagged=$(import_unique_image prune/tagged:1)
  dangling=$(import_unique_image)
  dangling_used=$(import_unique_image)
  docker create --name p-user1 --network none prune/used:1 true
  docker create --name p-user2 --network none "$dangling_used" true
  try --max 150 --delay 0.1 in_use images status.id "$used"
  assert_success
  try --max 150 --delay 0.1 in_use images status.id "$dangling_used"
  assert_success
  try --max 150 --delay 0.1 has_mirror images status.id "$dangling"
  assert_success
  try --max 150 --delay 0.1 has_mirror images status.id "$tagged"
  assert_success

  run rdd ctl prune images --dry-run
  assert_success
  assert_output "deleted: $dangling"

  run rdd ctl prune images -f
  assert_success
  assert_line "deleted: $dangling"
  assert_line --regexp '^Total reclaimed space: [0-9.]+[kMG]?B$'
  ! exists "$dangling"
  exists "$dangling_used"
  exists "$tagged"
  exists "$used"

  run rdd ctl prune images --all --force
  assert_success
  assert_line "untagged: prune/tagged:1"
  ! exists "$tagged"
  exists "$used"
  exists "$dangling_used"
  exists "$RDD_TEST_IMAGE"   # p-running uses it
  docker rm p-user1 p-user2 >/dev/null
}

@test "prune volumes removes the unused volumes with their data and keeps the used ones" {
  docker volume create p-free >/dev/null
  docker volume create p-used >/dev/null
  docker run --rm --network none -v p-used:/data "$RDD_TEST_IMAGE" sh -c 'echo kept >/data/file'
  docker create --name p-vuser --network none -v p-used:/data "$RDD_TEST_IMAGE" true
  try --max 150 --delay 0.1 in_use volumes status.name p-used
  assert_success
  try --max 150 --delay 0.1 has_mirror volumes status.name p-free
  assert_success

  run rdd ctl prune volumes -f
  assert_success
  assert_line "Deleted Volumes:"
  assert_line p-free
  refute_line p-used
  run docker volume inspect p-free
  assert_failure
  run docker run --rm --network none -v p-used:/data "$RDD_TEST_IMAGE" cat /data/file
  assert_output kept
  docker rm p-vuser >/dev/null
}

@test "prune asks first and removes nothing unless the answer is yes" {
  docker volume create p-asked >/dev/null
  try --max 150 --delay 0.1 has_mirror volumes status.name p-asked
  assert_success
  run rdd ctl prune volumes <<<"n"
  assert_failure
  assert_output --partial "This will remove"
  assert_output --partial "p-asked"
  assert_output --partial "data in these volumes is deleted"
  run docker volume inspect p-asked
  assert_success
  run rdd ctl prune volumes <<<"y"
  assert_success
  run docker volume inspect p-asked
  assert_failure
}

@test "prune of an unknown type is a usage error; containers take no --all" {
  run rdd ctl prune networks -f
  assert_failure
  assert_output --partial "unknown type"
  run rdd ctl prune containers --all -f
  assert_failure
}
