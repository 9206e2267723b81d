#!/usr/bin/env bats
# docs/design/test-plan.md §1 (rows marked B) and §1.1 (J1–J9): Docker mirroring end to end through `rdd start` with the
# process driver's dockerd. Adaptations to the offline test engine (busybox image made with `docker import`,
# dockerd with --bridge=none):
#   #2  `docker pull busybox` → `docker tag $RDD_TEST_IMAGE busybox:latest` (no registry is reachable);
#   #4  alpine → an imported busybox rootfs with a marker file (a unique image ID), kept alive by a container;
#   #8  nginx → busybox with `--expose 80`; with `-p 127.0.0.1::80` Docker records the request but publishes
#       nothing without a bridge, so the test asserts the mirror carries exactly the bindings Docker reports;
#   containers run a `trap 'exit 0' TERM` loop so that stop requests do not wait for Docker's 10 s kill timeout.
# Review findings pinned here: C1 (gap 1), I1 (gap 2), I2 (gap 4), I3 (gap 3), I5, S4 (gap 10), gap 7.

setup_file() {
  load app-controllers
  app_setup_file
  export DOCKER_CONFIG
  DOCKER_CONFIG=$(mktemp -d "${BATS_FILE_TMPDIR}/docker-config-XXXXXX")
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
  RDD_INSTANCE="bats-app-engine-docker"
  export DOCKER_HOST="unix://$(rdd svc paths docker_socket)"
  NS=$RDD_NAMESPACE
}

# --- helpers --------------------------------------------------------------------------------------------------

LOOP=(sh -c "trap 'exit 0' TERM; while true; do sleep 1; done")

# docker_run NAME [docker run options…]: a detached container that stops promptly; prints its ID.
docker_run() {
  local name=$1
  shift
  docker run -d --name "$name" --network none "$@" "$RDD_TEST_IMAGE" "${LOOP[@]}"
}

# names KIND [selector…]: the object names of KIND in the resource namespace, space-separated.
names() {
  local kind=$1
  shift
  rdd ctl get "$kind" -n "$NS" "$@" -o jsonpath='{.items[*].metadata.name}'
}

count() {
  local n
  n=$(names "$@")
  wc -w <<<"$n" | tr -d ' '
}

field() { # KIND NAME JSONPATH
  rdd ctl get "$1" "$2" -n "$NS" -o jsonpath="{$3}"
}

image_by_tag() {
  names images --field-selector "status.repoTag=$1"
}

volume_by_name() {
  names volumes --field-selector "status.name=$1"
}

# A unique image: the busybox rootfs plus a marker file, imported under TAG; prints the image ID.
import_unique_image() {
  local tag=$1 root
  root=$(mktemp -d "${BATS_TEST_TMPDIR}/rootfs-XXXXXX")
  mkdir -p "$root/bin" "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for applet in sh sleep true; do ln -s busybox "$root/bin/$applet"; done
  echo "$tag $RANDOM $(date +%s%N)" >"$root/marker"
  tar -C "$root" -c . | docker import - "$tag"
}

# request ID STATE: patch spec.state; prints the generation the request got. A spec change bumps the generation by
# one; it is read before the patch, because the engine may serve the request and reset spec.state (another bump)
# before a read after the patch.
request() {
  local before
  before=$(field container "$1" .metadata.generation)
  rdd ctl patch container "$1" -n "$NS" --type=merge -p "{\"spec\":{\"state\":\"$2\"}}" >/dev/null
  echo $((before + 1))
}

# served ID GENERATION: the request of GENERATION is recorded in lastAction and spec.state is back to unknown.
served() {
  local g
  g=$(field container "$1" .status.lastAction.observedGeneration)
  [[ -n $g && $g -ge $2 && $(field container "$1" .spec.state) == unknown ]]
}

# Predicates for `try` (it runs functions; `bash -c` would not see the `rdd` function).
has() { [[ -n $(names "$@") ]]; }                      # has KIND [selector…]
hasnt() { [[ -z $(names "$@") ]]; }
gone() { ! rdd ctl get "$1" "$2" -n "$NS" >/dev/null 2>&1; }    # gone KIND NAME
field_is() { [[ $(field "$1" "$2" "$3") == "$4" ]]; }  # field_is KIND NAME JSONPATH VALUE
field_set() { [[ -n $(field "$1" "$2" "$3") ]]; }
engine_ready_reason() { [[ $(app_condition ContainerEngineReady reason) == "$1" ]]; }
event_recorded() { # REASON NAME
  rdd ctl get events -n "$NS" -o jsonpath='{range .items[*]}{.reason}/{.involvedObject.name}{"\n"}{end}' | grep -qx "$1/$2"
}
# only_dangling_mirror ID: exactly one mirror for the image, without repoTag.
only_dangling_mirror() {
  [[ $(rdd ctl get images -n "$NS" --field-selector "status.id=$1" -o jsonpath='{.items[*].status.repoTag}|{.items[*].metadata.name}') =~ ^\|img-[0-9a-f]{64}$ ]]
}
image_tags_of() { # ID TAGS: the mirrors of the image carry exactly TAGS
  [[ $(rdd ctl get images -n "$NS" --field-selector "status.id=$1" -o jsonpath='{.items[*].status.repoTag}') == "$2" ]]
}
restarted_at_least_once() { [[ $(docker inspect -f '{{.RestartCount}}' "$1") -gt 0 ]]; }
docker_answers() { docker version >/dev/null 2>&1; }

# The PID of the instance's dockerd (matched on its command line).
dockerd_pid() {
  local sock pid
  sock=$(docker_socket)
  for pid in $(pgrep -x dockerd || true); do
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "unix://$sock"; then
      echo "$pid"
    fi
  done
}

new_dockerd() { # OLD_PID: another dockerd serves the instance's socket
  local now
  now=$(dockerd_pid)
  [[ -n $now && $now != "$1" ]]
}

status_is() { # ID STATUS
  [[ $(field container "$1" .status.status) == "$2" ]]
}

# --- docs/design/test-plan.md §1 -----------------------------------------------------------------------------------------

@test "ContainerNamespace moby exists" {
  run rdd ctl wait --for=create containernamespace/moby -n "$NS" --timeout=10s
  assert_success
}

@test "ContainerNamespace moby has no finalizer (I2)" {
  run field containernamespace moby .metadata.finalizers
  assert_output ''
}

@test "docker pull creates Image resource (docker tag stands in for the pull)" {
  docker tag "$RDD_TEST_IMAGE" busybox:latest
  try --max 30 --delay 1 has images --field-selector status.repoTag=busybox:latest
  run image_by_tag busybox:latest
  assert_output --regexp '^img-[0-9a-f]{64}$'
}

@test "docker image rm of one tag removes only the tag mirror" {
  docker tag "$RDD_TEST_IMAGE" busybox:alias
  try --max 30 --delay 1 has images --field-selector status.repoTag=busybox:alias
  docker image rm busybox:alias
  try --max 30 --delay 1 hasnt images --field-selector status.repoTag=busybox:alias
  run image_by_tag busybox:latest
  assert_output --regexp '^img-[0-9a-f]{64}$'
}

@test "tagging a dangling image removes the dangling mirror" {
  local id cid
  id=$(import_unique_image dangle/img:1)
  cid=$(docker run -d --name dangle-keeper --network none dangle/img:1 "${LOOP[@]}")
  docker image rm -f dangle/img:1
  # Exactly one mirror for the image ID, the dangling one (no repoTag).
  try --max 30 --delay 1 only_dangling_mirror "$id"
  docker tag "$id" dangle/img:2
  try --max 30 --delay 1 image_tags_of "$id" dangle/img:2
  run count images --field-selector "status.id=$id"
  assert_output 1
  docker rm -f "$cid" >/dev/null
  docker image rm -f dangle/img:2 >/dev/null
}

@test "docker run creates Container resource with status=running" {
  local id
  id=$(docker_run test-lifecycle)
  echo "$id" >"$BATS_FILE_TMPDIR/lifecycle-id"
  try --max 30 --delay 1 status_is "$id" running
  assert_equal "$(field container "$id" .status.name)" test-lifecycle
  assert_equal "$(field container "$id" .spec.state)" unknown
  assert_equal "$(field container "$id" .status.lastAction)" ''
  assert_equal "$(field container "$id" .metadata.finalizers[0])" engine.rancherdesktop.io/mirror
}

@test "docker stop updates Container status to exited" {
  local id
  id=$(cat "$BATS_FILE_TMPDIR/lifecycle-id")
  docker stop test-lifecycle >/dev/null
  try --max 30 --delay 1 status_is "$id" exited
}

@test "docker rm deletes Container resource" {
  local id
  id=$(cat "$BATS_FILE_TMPDIR/lifecycle-id")
  docker rm test-lifecycle >/dev/null
  try --max 30 --delay 1 gone container "$id"
}

@test "ports mirror with and without host bindings (adapted: --bridge=none publishes nothing)" {
  local plain published
  plain=$(docker_run ports-plain --expose 80)
  published=$(docker run -d --name ports-published --expose 80 -p 127.0.0.1::80 "$RDD_TEST_IMAGE" "${LOOP[@]}")
  try --max 30 --delay 1 field_is container "$plain" '.status.ports[*].name' 80/tcp
  assert_equal "$(field container "$plain" '.status.ports[0].bindings')" '[]'
  try --max 30 --delay 1 field_is container "$published" '.status.ports[*].name' 80/tcp
  # The mirror carries exactly the host bindings Docker reports for the running container.
  local docker_bindings mirror_bindings
  docker_bindings=$(docker inspect -f '{{range $p, $b := .NetworkSettings.Ports}}{{range $b}}{{.HostIp}}:{{.HostPort}} {{end}}{{end}}' ports-published)
  mirror_bindings=$(field container "$published" '.status.ports[0].bindings[*].hostPort')
  assert_equal "$(wc -w <<<"$mirror_bindings" | tr -d ' ')" "$(wc -w <<<"$docker_bindings" | tr -d ' ')"
  docker rm -f ports-plain ports-published >/dev/null
}

@test "docker volume create creates Volume resource" {
  docker volume create test-vol >/dev/null
  try --max 30 --delay 1 has volumes --field-selector status.name=test-vol
}

@test "docker volume rm deletes Volume resource" {
  docker volume rm test-vol >/dev/null
  try --max 30 --delay 1 hasnt volumes --field-selector status.name=test-vol
}

@test "volume name with uppercase and underscore is mirrored (C1, gap 1)" {
  docker volume create My_Vol_Ume >/dev/null
  try --max 30 --delay 1 has volumes --field-selector status.name=My_Vol_Ume
  run volume_by_name My_Vol_Ume
  assert_output --regexp '^vol-[0-9a-f]{64}$'
  docker volume rm My_Vol_Ume >/dev/null
  try --max 30 --delay 1 hasnt volumes --field-selector status.name=My_Vol_Ume
}

@test "image tag with uppercase and underscore is mirrored (C1, gap 1)" {
  docker tag "$RDD_TEST_IMAGE" example/app:Tag_UPPER_1
  try --max 30 --delay 1 has images --field-selector status.repoTag=example/app:Tag_UPPER_1
  run image_by_tag example/app:Tag_UPPER_1
  assert_output --regexp '^img-[0-9a-f]{64}$'
}

@test "deleting Container resource removes Docker container" {
  local id
  id=$(docker_run delete-me)
  try --max 30 --delay 1 status_is "$id" running
  run rdd ctl delete container "$id" -n "$NS" --timeout=60s
  assert_success
  run rdd ctl get container "$id" -n "$NS"
  assert_failure
  run docker inspect "$id"
  assert_failure
}

# --- issue 13: deletes of images and volumes in use are refused at once, Docker's per-reference rule, force --------

# exited_user NAME IMAGE [docker create options…] -- CMD…: a container that ran CMD and exited; prints its ID.
exited_user() {
  local name=$1 image=$2 cid
  shift 2
  local opts=()
  while [[ $1 != -- ]]; do opts+=("$1"); shift; done
  shift
  cid=$(docker create --name "$name" --network none "${opts[@]}" "$image" "$@")
  docker start -a "$cid" >/dev/null
  echo "$cid"
}

kube() { KUBECONFIG=$(rdd svc paths config) KUBECACHEDIR="$BATS_FILE_TMPDIR/kube-cache" kubectl "$@"; }

ms() { echo $(($(date +%s%N) / 1000000)); }

@test "deleting the last tag of an in-use Image is refused at once naming the container; nothing is deleted later" {
  local id name cid uid t0 elapsed
  id=$(import_unique_image inuse/img:only)
  cid=$(exited_user image-user inuse/img:only -- true)
  try --max 30 --delay 1 has images --field-selector status.repoTag=inuse/img:only
  name=$(image_by_tag inuse/img:only)
  try --max 30 --delay 1 field_is image "$name" '.status.usedBy[0]' image-user
  try --max 30 --delay 1 status_is "$cid" exited
  uid=$(field image "$name" .metadata.uid)
  # The API answers within 1 s (measured on the request itself: a JVM start on a loaded test machine is not the
  # server's time).
  run curl -s -o "$BATS_TEST_TMPDIR/status.json" -w '%{http_code} %{time_total}' -X DELETE \
    --unix-socket "$(rdd svc paths short_dir)/rdd.sock" \
    "http://localhost/apis/containers.rancherdesktop.io/v1alpha1/namespaces/$NS/images/$name"
  assert_output --regexp '^409 0\.[0-9]+$'
  run cat "$BATS_TEST_TMPDIR/status.json"
  assert_output --partial '"reason":"Conflict"'
  assert_output --partial '"field":"status.usedBy"'
  t0=$(ms)
  run rdd ctl delete image "$name" -n "$NS"
  elapsed=$(($(ms) - t0))
  assert_failure
  assert_output --partial 'Error from server (Conflict)'
  assert_output --partial 'image inuse/img:only is used by container image-user (exited)'
  echo "# rdd ctl delete took ${elapsed} ms" >&3
  (( elapsed < 10000 ))
  run kube delete image "$name" -n "$NS"
  assert_failure
  assert_output --partial 'image inuse/img:only is used by container image-user (exited)'
  assert_equal "$(field image "$name" .metadata.deletionTimestamp)" ""
  assert_equal "$(field image "$name" .metadata.uid)" "$uid"
  docker rm -f "$cid" >/dev/null
  try --max 30 --delay 1 field_is image "$name" .status.inUse false
  assert_equal "$(field image "$name" .metadata.uid)" "$uid"
  docker image inspect "$id" >/dev/null
  docker rmi inuse/img:only >/dev/null
}

@test "deleting a Volume a container mounts is refused at once; its file survives the container's removal" {
  local name cid uid
  docker volume create In_Use_Vol >/dev/null
  cid=$(exited_user volume-user "$RDD_TEST_IMAGE" -v In_Use_Vol:/data -- sh -c 'echo kept >/data/file')
  try --max 30 --delay 1 has volumes --field-selector status.name=In_Use_Vol
  name=$(volume_by_name In_Use_Vol)
  try --max 30 --delay 1 field_is volume "$name" '.status.usedBy[0]' volume-user
  try --max 30 --delay 1 status_is "$cid" exited
  uid=$(field volume "$name" .metadata.uid)
  run rdd ctl delete volume "$name" -n "$NS"
  assert_failure
  assert_output --partial 'volume In_Use_Vol is used by container volume-user (exited)'
  run rdd ctl delete volume "$name" -n "$NS" --force
  assert_failure
  assert_output --partial 'volume In_Use_Vol is used by container volume-user (exited)'
  assert_equal "$(field volume "$name" .metadata.deletionTimestamp)" ""
  docker rm -f "$cid" >/dev/null
  try --max 30 --delay 1 field_is volume "$name" .status.inUse false
  assert_equal "$(field volume "$name" .metadata.uid)" "$uid"
  run docker run --rm --network none -v In_Use_Vol:/data "$RDD_TEST_IMAGE" cat /data/file
  assert_output kept
  docker volume rm In_Use_Vol >/dev/null
}

@test "deleting one of two tags of an in-use Image only untags it" {
  local id cid b
  id=$(import_unique_image inuse/two:a)
  docker tag inuse/two:a inuse/two:b
  cid=$(exited_user two-tags-user inuse/two:a -- true)
  try --max 30 --delay 1 has images --field-selector status.repoTag=inuse/two:b
  b=$(image_by_tag inuse/two:b)
  try --max 30 --delay 1 field_is image "$b" '.status.usedBy[0]' two-tags-user
  run rdd ctl delete image "$b" -n "$NS" --timeout=60s
  assert_success
  assert_equal "$(docker image inspect -f '{{join .RepoTags ","}}' "$id")" inuse/two:a
  run rdd ctl delete image "$(image_by_tag inuse/two:a)" -n "$NS"
  assert_failure
  assert_output --partial 'is used by container two-tags-user (exited)'
  docker rm -f "$cid" >/dev/null
  docker rmi inuse/two:a >/dev/null
}

@test "--force removes an image only a stopped container uses (rdd ctl and kubectl) and is refused for a running one's" {
  local id1 id2 id3 c1 c2 c3 n1 n2 n3
  id1=$(import_unique_image force/one:1)
  id2=$(import_unique_image force/two:1)
  id3=$(import_unique_image force/run:1)
  c1=$(exited_user force-one force/one:1 -- true)
  c2=$(exited_user force-two force/two:1 -- true)
  c3=$(docker run -d --name force-run --network none force/run:1 "${LOOP[@]}")
  try --max 30 --delay 1 status_is "$c3" running
  try --max 30 --delay 1 has images --field-selector status.repoTag=force/run:1
  n1=$(image_by_tag force/one:1)
  n2=$(image_by_tag force/two:1)
  n3=$(image_by_tag force/run:1)
  try --max 30 --delay 1 field_is image "$n1" '.status.usedBy[0]' force-one
  try --max 30 --delay 1 field_is image "$n2" '.status.usedBy[0]' force-two
  try --max 30 --delay 1 field_is image "$n3" '.status.usedBy[0]' force-run
  run rdd ctl delete image "$n1" -n "$NS" --force --timeout=60s
  assert_success
  run docker image inspect "$id1"
  assert_failure
  run kube delete image "$n2" -n "$NS" --force --grace-period=0 --timeout=60s
  assert_success
  try --max 30 --delay 1 gone image "$n2"
  run docker image inspect "$id2"
  assert_failure
  run rdd ctl delete image "$n3" -n "$NS" --force
  assert_failure
  assert_output --partial 'image force/run:1 is used by container force-run (running)'
  run kube delete image "$n3" -n "$NS" --force --grace-period=0
  assert_failure
  assert_output --partial 'is used by container force-run (running)'
  docker image inspect "$id3" >/dev/null
  assert_equal "$(field image "$n3" .metadata.deletionTimestamp)" ""
  docker rm -f "$c1" "$c2" "$c3" >/dev/null
  docker rmi force/run:1 >/dev/null
}

# --- docs/design/test-plan.md §1.1: spec.state as a one-shot request -----------------------------------------------------

@test "J1 spec.state=created stops a running container and Docker agrees" {
  local id g
  id=$(docker_run j1)
  try --max 30 --delay 1 status_is "$id" running
  g=$(request "$id" created)
  try --max 60 --delay 1 served "$id" "$g"
  assert_equal "$(field container "$id" .status.lastAction.state)" Succeeded
  assert_equal "$(field container "$id" .status.lastAction.action)" created
  assert_equal "$(docker inspect -f '{{.State.Status}}' "$id")" exited
  try --max 30 --delay 1 status_is "$id" exited
  echo "$id" >"$BATS_FILE_TMPDIR/j1-id"
}

@test "J2 spec.state=running starts it again" {
  local id g
  id=$(cat "$BATS_FILE_TMPDIR/j1-id")
  g=$(request "$id" running)
  try --max 60 --delay 1 served "$id" "$g"
  assert_equal "$(field container "$id" .status.lastAction.state)" Succeeded
  assert_equal "$(docker inspect -f '{{.State.Status}}' "$id")" running
}

@test "J3 a new mirror has spec.state=unknown and out-of-band docker stop/start is never reverted" {
  local id
  id=$(docker_run j3)
  try --max 30 --delay 1 status_is "$id" running
  assert_equal "$(field container "$id" .spec.state)" unknown
  docker stop "$id" >/dev/null
  try --max 30 --delay 1 status_is "$id" exited
  docker start "$id" >/dev/null
  try --max 30 --delay 1 status_is "$id" running
  assert_equal "$(docker inspect -f '{{.State.Status}}' "$id")" running
  assert_equal "$(field container "$id" .status.lastAction)" ''
}

@test "J4 spec.state is patchable; other spec fields and invalid values are rejected" {
  local id
  id=$(docker_run j4)
  try --max 30 --delay 1 status_is "$id" running
  run rdd ctl patch container "$id" -n "$NS" --type=merge -p '{"spec":{"state":"bogus"}}'
  assert_failure
  assert_output --partial 'spec.state'
  run rdd ctl patch container "$id" -n "$NS" --type=merge -p '{"spec":{"image":"other"}}'
  # The field is not in the schema: it is pruned (nothing changes) or rejected; spec keeps only state.
  assert_equal "$(field container "$id" .spec)" '{"state":"unknown"}'
  run rdd ctl patch container "$id" -n "$NS" --type=merge -p '{"spec":{"state":"running"}}'
  assert_success
}

@test "J5 a paused container asked for created ends exited (gap 10)" {
  local id g
  id=$(docker_run j5)
  try --max 30 --delay 1 status_is "$id" running
  docker pause "$id" >/dev/null
  try --max 30 --delay 1 status_is "$id" paused
  g=$(request "$id" created)
  try --max 60 --delay 1 served "$id" "$g"
  assert_equal "$(docker inspect -f '{{.State.Status}}' "$id")" exited
}

@test "J6 a paused container asked for running is unpaused" {
  local id g
  id=$(docker_run j6)
  try --max 30 --delay 1 status_is "$id" running
  docker pause "$id" >/dev/null
  try --max 30 --delay 1 status_is "$id" paused
  g=$(request "$id" running)
  try --max 60 --delay 1 served "$id" "$g"
  assert_equal "$(docker inspect -f '{{.State.Status}}' "$id")" running
}

@test "J7 a container restarting under --restart=always asked for created stays exited (gap 10)" {
  local id g restarts
  id=$(docker run -d --name j7 --network none --restart=always "$RDD_TEST_IMAGE" sh -c 'exit 1')
  try --max 30 --delay 1 restarted_at_least_once "$id"
  g=$(request "$id" created)
  try --max 60 --delay 1 served "$id" "$g"
  assert_equal "$(field container "$id" .status.lastAction.state)" Succeeded
  assert_equal "$(docker inspect -f '{{.State.Status}}' "$id")" exited
  restarts=$(docker inspect -f '{{.RestartCount}}' "$id")
  sleep 3 # observe that nothing restarts it (Docker's restart backoff is shorter than this)
  assert_equal "$(docker inspect -f '{{.State.Status}}' "$id")" exited
  assert_equal "$(docker inspect -f '{{.RestartCount}}' "$id")" "$restarts"
}

@test "J8 a served request is one-shot: docker start sticks and asking again stops it again" {
  local id g1 g2
  id=$(docker_run j8)
  try --max 30 --delay 1 status_is "$id" running
  g1=$(request "$id" created)
  try --max 60 --delay 1 served "$id" "$g1"
  docker start "$id" >/dev/null
  try --max 30 --delay 1 status_is "$id" running
  assert_equal "$(field container "$id" .spec.state)" unknown
  assert_equal "$(docker inspect -f '{{.State.Status}}' "$id")" running
  g2=$(request "$id" created)
  try --max 60 --delay 1 served "$id" "$g2"
  assert_equal "$(docker inspect -f '{{.State.Status}}' "$id")" exited
}

@test "J9 paused on an exited container records Failed with Docker's error and resets spec.state" {
  local id g
  id=$(docker_run j9)
  try --max 30 --delay 1 status_is "$id" running
  docker stop "$id" >/dev/null
  try --max 30 --delay 1 status_is "$id" exited
  g=$(request "$id" paused)
  try --max 60 --delay 1 served "$id" "$g"
  assert_equal "$(field container "$id" .status.lastAction.state)" Failed
  assert_equal "$(field container "$id" .status.lastAction.action)" paused
  run field container "$id" .status.lastAction.error
  assert_output --partial 'is not running'
  run rdd ctl get events -n "$NS" -o jsonpath='{range .items[*]}{.reason}/{.involvedObject.name}{"\n"}{end}'
  assert_output --partial "StateChangeFailed/$id"
}

# --- engine restart, stop/start, containerd ---------------------------------------------------------------------

@test "a killed dockerd is restarted and ContainerEngineReady comes back to Connected with mirror UIDs unchanged (gap 7)" {
  local vol_uid ns_uid pid id
  docker volume create Survives_Restart >/dev/null
  try --max 30 --delay 1 has volumes --field-selector status.name=Survives_Restart
  vol_uid=$(rdd ctl get volumes -n "$NS" --field-selector status.name=Survives_Restart -o jsonpath='{.items[0].metadata.uid}')
  ns_uid=$(field containernamespace moby .metadata.uid)
  pid=$(dockerd_pid)
  [[ -n $pid ]]
  kill -9 "$pid"
  try --max 60 --delay 1 new_dockerd "$pid"
  try --max 60 --delay 1 docker_answers
  try --max 60 --delay 1 engine_ready_reason Connected
  assert_equal "$(rdd ctl get volumes -n "$NS" --field-selector status.name=Survives_Restart -o jsonpath='{.items[0].metadata.uid}')" "$vol_uid"
  assert_equal "$(field containernamespace moby .metadata.uid)" "$ns_uid"
  id=$(docker_run after-restart)
  try --max 30 --delay 1 status_is "$id" running
}

@test "stopping VM removes all mirror resources (I5)" {
  run rdd stop --timeout=120s
  assert_success
  assert_equal "$(count containers)" 0
  assert_equal "$(count images)" 0
  assert_equal "$(count volumes)" 0
  assert_equal "$(count containernamespaces)" 0
  assert_equal "$(app_condition ContainerEngineReady reason)" Stopped
}

@test "rdd set running=false returns promptly when already stopped" {
  run rdd set --timeout=10s running=false
  assert_success
}

@test "VM start recreates ContainerNamespace/moby and mirrors hostile names through the full sync (C1, gap 1, gap 4)" {
  run rdd start --timeout=300s
  assert_success
  assert_equal "$(app_condition ContainerEngineReady reason)" Connected
  rdd ctl wait --for=create containernamespace/moby -n "$NS" --timeout=30s
  # Created before the stop (their mirrors were removed at stop); only the full sync can have mirrored them now.
  run image_by_tag example/app:Tag_UPPER_1
  assert_output --regexp '^img-[0-9a-f]{64}$'
  run volume_by_name Survives_Restart
  assert_output --regexp '^vol-[0-9a-f]{64}$'
}

@test "deleting ContainerNamespace/moby completes without a finalizer hang (I2)" {
  run rdd ctl delete containernamespace moby -n "$NS" --timeout=10s
  assert_success
  assert_equal "$(count containernamespaces)" 0
}

@test "containerd backend reports ContainerEngineReady=NotApplicable and skips mirroring (I1, gap 2)" {
  rdd stop --timeout=120s
  run rdd set --timeout=300s containerEngine.name=containerd running=true
  assert_success
  assert_equal "$(app_condition ContainerEngineReady reason)" NotApplicable
  assert_equal "$(app_condition ContainerEngineReady status)" True
  assert_equal "$(count containers)" 0
  assert_equal "$(count images)" 0
  assert_equal "$(count volumes)" 0
  assert_equal "$(count containernamespaces)" 0
  run rdd set --timeout=120s running=false containerEngine.name=moby
  assert_success
}

@test "svc delete stops the engine the service leaves running, and nothing of the instance runs on" {
  run rdd start --timeout=300s
  assert_success
  local dir short
  dir=$(rdd svc paths dir)
  short=$(rdd svc paths short_dir)
  run pgrep -f -- "$dir/engine"
  assert_success # dockerd runs, with its configuration in the instance dir
  run rdd svc delete
  assert_success
  run pgrep -f -- "$dir/engine"
  assert_failure
  run pgrep -f -- "$short/"
  assert_failure
  assert_dir_not_exist "$dir"
}
