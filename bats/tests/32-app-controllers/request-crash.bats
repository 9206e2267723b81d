#!/usr/bin/env bats
# Exactly once across a service crash (issue 11, docs/api.md §3.5 "Exactly once"): the service is killed with kill -9
# while it serves a ContainerCreateRequest, restarted with `rdd svc start`, and the request is never served twice —
# at most one container carries its request-uid label, and the request ends Complete (the container adopted) or
# Failed/OutcomeUnknown (nothing was made). The window between Docker's create and the request's status write is
# hit by killing the service the moment Docker reports the container's create event; RequestExactlyOnceIT covers
# the same window deterministically (the labelled container made before the controller serves the request).
bats_require_minimum_version 1.5.0

UID_LABEL=rdd.rancherdesktop.io/request-uid

setup_file() {
  load app-controllers
  app_setup_file
  start_process_engine
  # A busybox image with 40 MB of random data, only in the loopback registry, pulled through a proxy that serves
  # 4 MB/s: the pull takes about 10 s, long enough to kill the service in the middle of it.
  start_registry big
  local port root applet f
  port=$(cat "${BATS_FILE_TMPDIR}/big.port")
  root=$(mktemp -d "${BATS_FILE_TMPDIR}/rootfs-XXXXXX")
  mkdir -p "$root/bin" "$root/tmp" "$root/data"
  cp /bin/busybox "$root/bin/busybox"
  for applet in sh sleep true; do
    ln -s busybox "$root/bin/$applet"
  done
  for f in a b c d; do
    head -c 10000000 /dev/urandom >"$root/data/$f"
  done
  tar -C "$root" -c . | docker import - "127.0.0.1:$port/rdd/big:1" >/dev/null
  rm -rf "$root"
  docker push "127.0.0.1:$port/rdd/big:1" >/dev/null
  docker rmi "127.0.0.1:$port/rdd/big:1" >/dev/null
  start_throttled_proxy slow "$port" 4000000
  echo "127.0.0.1:$(cat "${BATS_FILE_TMPDIR}/slow.port")/rdd/big:1" >"${BATS_FILE_TMPDIR}/big.ref"
}

teardown_file() {
  load app-controllers
  export DOCKER_HOST="unix://$(rdd svc paths docker_socket)"
  docker rm -f $(docker ps -aq) >/dev/null 2>&1 || true
  stop_registries
  app_teardown_file
}

setup() {
  load ../../helpers/load
  load app-controllers
  RDD_INSTANCE="bats-app-request-crash"
  export DOCKER_HOST="unix://$(rdd svc paths docker_socket)"
  NS=$RDD_NAMESPACE
  EVENTS_PID=
}

teardown() {
  if [[ -n ${EVENTS_PID:-} ]]; then
    kill "$EVENTS_PID" 2>/dev/null || true
  fi
  # A test that failed between the kill and the restart leaves the service down: the next test needs it.
  rdd svc start >/dev/null 2>&1 || true
}

# request_create NAME IMAGE: a ContainerCreateRequest (not waited for); prints its uid.
request_create() {
  rdd ctl create --wait=false -f - >/dev/null <<YAML
apiVersion: containers.rancherdesktop.io/v1alpha1
kind: ContainerCreateRequest
metadata:
  name: $1
  namespace: $NS
spec:
  image: $2
  name: $1
  args: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
  networkMode: none
YAML
  rdd ctl get containercreaterequest "$1" -n "$NS" -o jsonpath='{.metadata.uid}'
}

request_field() { # NAME JSONPATH
  rdd ctl get containercreaterequest "$1" -n "$NS" -o jsonpath="{$2}"
}

request_finished() { # NAME
  local s
  s=$(request_field "$1" '.status.conditions[?(@.status=="True")].type')
  [[ $s == *Complete* || $s == *Failed* ]]
}

labelled() { # UID: the IDs of the containers carrying the request-uid label
  docker ps -aq --no-trunc --filter "label=$UID_LABEL=$1"
}

pulling() { # NAME
  [[ $(request_field "$1" .status.progress.phase) == Pulling* ]]
}

gone() { # PID
  ! kill -0 "$1" 2>/dev/null
}

# kill_service: kill -9 of the service process, returning once it is gone.
kill_service() {
  local pid
  pid=$(tr -d '[:space:]' <"$(rdd svc paths pid_file)")
  kill -9 "$pid"
  try --max 100 --delay 0.1 gone "$pid"
}

# restart_and_await NAME: rdd svc start, then waits for the request to finish.
restart_and_await() {
  rdd svc start >/dev/null
  try --max 120 --delay 0.5 request_finished "$1"
}

@test "a service killed while a ContainerCreateRequest pulls its image serves it at most once after the restart: OutcomeUnknown and no container, or the one container" {
  local ref uid
  ref=$(cat "${BATS_FILE_TMPDIR}/big.ref")
  uid=$(request_create crash-pull "$ref")
  [[ -n $uid ]]
  # in flight: the pull's progress is in the status
  try --max 240 --delay 0.2 pulling crash-pull
  [[ -n $(request_field crash-pull .status.startTime) ]]
  kill_service
  local before
  before=$(labelled "$uid" | wc -l)
  restart_and_await crash-pull
  local complete failed ids
  complete=$(request_field crash-pull '.status.conditions[?(@.type=="Complete")].status')
  failed=$(request_field crash-pull '.status.conditions[?(@.type=="Failed")].reason')
  ids=$(labelled "$uid")
  echo "# killed with $before labelled container(s); outcome Complete=$complete Failed=$failed" >&3
  if [[ $complete == True ]]; then
    assert_equal "$(echo "$ids" | grep -c .)" 1
    assert_equal "$(request_field crash-pull .status.containerRef)" "$ids"
  else
    assert_equal "$failed" OutcomeUnknown
    assert_equal "$before" 0
    assert_equal "$ids" ""
  fi
  # and it stays served once: a second restart changes nothing
  kill_service
  restart_and_await crash-pull
  assert_equal "$(labelled "$uid")" "$ids"
  assert_equal "$(request_field crash-pull '.status.conditions[?(@.type=="Failed")].reason')" "$failed"
}

@test "a service killed the moment Docker created a request's container adopts that container after the restart: exactly one container, running, request Complete" {
  # Docker's create event of the container, read as it happens (not polled)
  local fifo="${BATS_TEST_TMPDIR}/events"
  mkfifo "$fifo"
  timeout 300 docker events --since "$(date +%s)" --filter type=container --filter event=create --filter "container=crash-create" \
    --format '{{.Actor.ID}}' >"$fifo" 3>&- &
  EVENTS_PID=$!
  exec 4<"$fifo"
  local uid id pid
  pid=$(tr -d '[:space:]' <"$(rdd svc paths pid_file)")
  uid=$(request_create crash-create "$RDD_TEST_IMAGE")
  read -r -t 120 id <&4
  kill -9 "$pid"
  exec 4<&-
  [[ $id =~ ^[0-9a-f]{64}$ ]]
  try --max 100 --delay 0.1 gone "$pid"
  local written
  written=$(request_field crash-create .status.containerRef)
  restart_and_await crash-create
  echo "# status written before the kill: containerRef='${written}'; after: $(request_field crash-create '.status.conditions[?(@.type=="Complete")].reason')" >&3
  assert_equal "$(labelled "$uid")" "$id"
  assert_equal "$(request_field crash-create '.status.conditions[?(@.type=="Complete")].status')" True
  run request_field crash-create '.status.conditions[?(@.type=="Complete")].reason'
  [[ $output == Adopted || $output == Created ]]
  assert_equal "$(request_field crash-create .status.containerRef)" "$id"
  assert_equal "$(docker inspect -f '{{.State.Running}}' "$id")" true
  assert_equal "$(docker ps -aq --filter name=crash-create | wc -l)" 1
}
