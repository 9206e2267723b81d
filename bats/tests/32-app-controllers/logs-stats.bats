#!/usr/bin/env bats
# Container log and stats subresources end to end (docs/api.md, "Container log and stats"; docs/cli.md, `rdd ctl logs`
# and `rdd ctl top containers`): through `rdd start` with the process driver's dockerd and the offline busybox image.

setup_file() {
  load app-controllers
  app_setup_file
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
  rdd start --timeout=300s
  export DOCKER_HOST="unix://$(rdd svc paths docker_socket)"
  load ../../helpers/engine
  _engine_import_test_image "$DOCKER_HOST"
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
  RDD_INSTANCE="bats-app-logs-stats"
  export DOCKER_HOST="unix://$(rdd svc paths docker_socket)"
  NS=$RDD_NAMESPACE
  FOLLOWER=
}

teardown() {
  if [[ -n $FOLLOWER ]]; then
    kill "$FOLLOWER" 2>/dev/null || true
    wait "$FOLLOWER" 2>/dev/null || true
  fi
}

# mirrored ID: waits until the Container mirror of ID exists.
mirrored() {
  try --max 60 --delay 0.5 rdd ctl get containers "$1" -n "$NS" -o name
}

# poll_until SECONDS CMD…: CMD until it succeeds, checked every 50 ms, for at most SECONDS.
poll_until() {
  local deadline=$(($(date +%s%N) + $1 * 1000000000))
  shift
  until "$@"; do
    (($(date +%s%N) < deadline)) || return 1
    sleep 0.05
  done
}

@test "rdd ctl logs -f of a container printing a line a second shows each line as it is printed" {
  local id out
  id=$(docker run -d --name ticker --network none "$RDD_TEST_IMAGE" \
    sh -c "trap 'exit 0' TERM; i=0; while true; do i=\$((i+1)); echo tick \$i; sleep 1; done")
  mirrored "$id"
  out="$BATS_TEST_TMPDIR/follow.out"
  rdd ctl logs -f ticker >"$out" 2>&1 &
  FOLLOWER=$!
  poll_until 30 grep -qx "tick 2" "$out" || {
    echo "no \"tick 2\" within 30 s; got:"
    cat "$out"
    return 1
  }
  local k last
  for k in 1 2 3; do
    # the line Docker has just logged is on the CLI's stdout within half a second
    last=$(docker logs ticker 2>&1 | tail -1)
    poll_until 1 grep -qx "$last" "$out" || {
      echo "\"$last\" not printed within 1 s; got:"
      cat "$out"
      return 1
    }
    poll_until 3 bash -c "[[ \$(docker logs ticker 2>&1 | tail -1) != '$last' ]]"
  done
  run cat "$out"
  refute_output --partial "Error"
  # -f ends when the container stops
  docker stop -t 5 ticker >/dev/null
  poll_until 20 bash -c "! kill -0 $FOLLOWER 2>/dev/null"
  wait "$FOLLOWER"
  FOLLOWER=
}

@test "rdd ctl logs resolves an ID prefix and the Docker name, prints stdout and stderr, and honours --tail and --timestamps" {
  local id
  id=$(docker run -d --name printer --network none "$RDD_TEST_IMAGE" sh -c 'echo out-1; echo err-1 >&2; sleep 1; echo out-2')
  mirrored "$id"
  poll_until 30 bash -c "[[ \$(docker inspect -f '{{.State.Running}}' $id) == false ]]"
  run rdd ctl logs "${id:0:12}"
  assert_success
  assert_line out-1
  assert_line err-1
  assert_line out-2
  run rdd ctl logs --tail=1 printer
  assert_success
  assert_output out-2
  run rdd ctl logs --timestamps --tail=1 printer
  assert_success
  assert_output --regexp '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z out-2$'
  run rdd ctl logs no-such-container
  assert_failure
  assert_output --partial "No such container: no-such-container"
}

@test "rdd ctl top containers lists CPU and memory of running containers" {
  local id
  id=$(docker run -d --name burner --network none "$RDD_TEST_IMAGE" sh -c 'while :; do :; done')
  mirrored "$id"
  run rdd ctl top containers
  assert_success
  assert_line --index 0 --regexp '^CONTAINER ID +NAME +CPU % +MEM USAGE / LIMIT +MEM % +NET I/O +BLOCK I/O +PIDS$'
  assert_line --regexp "^${id:0:12} +burner +[0-9]+\.[0-9]{2}% +[0-9.]+[KMG]?i?B / [0-9.]+[KMGT]?i?B +[0-9]+\.[0-9]{2}% .* [0-9]+$"
  # the CPU figure of the busy loop is well above zero
  local cpu
  cpu=$(grep "^${id:0:12}" <<<"$output" | awk '{print $3}' | tr -d '%')
  [[ ${cpu%.*} -ge 5 ]] || { echo "cpu $cpu%: $output"; return 1; }
  docker rm -f burner >/dev/null
}

@test "kubectl get --raw reads a container's log" {
  local id
  id=$(docker run -d --name raw --network none "$RDD_TEST_IMAGE" sh -c 'echo hello-raw')
  mirrored "$id"
  poll_until 30 bash -c "[[ \$(docker inspect -f '{{.State.Running}}' $id) == false ]]"
  run kubectl --kubeconfig "$(rdd svc paths config)" get --raw "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/$NS/containers/$id/log"
  assert_success
  assert_output hello-raw
  run kubectl --kubeconfig "$(rdd svc paths config)" get --raw "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/$NS/containers/$id/log?tailLines=-1"
  assert_failure
  assert_output --partial "tailLines"
}
