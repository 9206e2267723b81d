# shellcheck shell=bash
# Real Docker engine for the BATS suite: RDD_TEST_DOCKER_HOST if set, else a private dockerd under a temp dir
# (same flags as the Java harness). Exports RDD_TEST_DOCKER_HOST and RDD_TEST_IMAGE for the tests.

RDD_TEST_IMAGE=${RDD_TEST_IMAGE:-rdd-test/busybox:latest}
export RDD_TEST_IMAGE

_engine_wait_ping() { # <host> <seconds>
  local host=$1 deadline=$((SECONDS + $2))
  until docker -H "$host" version --format '{{.Server.Version}}' >/dev/null 2>&1; do
    if [[ -n "${_RDD_BATS_DOCKERD_PID:-}" ]] && ! kill -0 "$_RDD_BATS_DOCKERD_PID" 2>/dev/null; then
      echo "dockerd exited; log: ${_RDD_BATS_DOCKERD_DIR}/dockerd.log" >&2
      tail -20 "${_RDD_BATS_DOCKERD_DIR}/dockerd.log" >&2
      return 1
    fi
    if (( SECONDS >= deadline )); then
      echo "Docker engine at $host did not answer within $2 s" >&2
      return 1
    fi
    sleep 0.1
  done
}

_engine_import_test_image() { # <host>
  local host=$1 root
  docker -H "$host" image inspect "$RDD_TEST_IMAGE" >/dev/null 2>&1 && return 0
  root=$(mktemp -d /tmp/rdd-bats-rootfs-XXXXXX)
  mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/proc" "$root/sys" "$root/dev"
  cp /bin/busybox "$root/bin/busybox"
  local applet
  for applet in sh sleep true false echo cat ls env top wc yes tail kill ps; do
    ln -s busybox "$root/bin/$applet"
  done
  tar -C "$root" -c . | docker -H "$host" import - "$RDD_TEST_IMAGE" >/dev/null
  local rc=$?
  rm -rf "$root"
  return $rc
}

start_test_dockerd() {
  if [[ -n "${RDD_TEST_DOCKER_HOST:-}" ]]; then
    _engine_wait_ping "$RDD_TEST_DOCKER_HOST" 60 && _engine_import_test_image "$RDD_TEST_DOCKER_HOST"
    return
  fi
  command -v dockerd >/dev/null || { echo "dockerd is not installed: apt-get install docker.io" >&2; return 1; }
  _RDD_BATS_DOCKERD_DIR=$(mktemp -d /tmp/rdd-bats-dockerd-XXXXXX)
  export _RDD_BATS_DOCKERD_DIR
  echo '{}' >"$_RDD_BATS_DOCKERD_DIR/daemon.json"
  setsid dockerd --config-file "$_RDD_BATS_DOCKERD_DIR/daemon.json" \
    --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs \
    -H "unix://$_RDD_BATS_DOCKERD_DIR/docker.sock" \
    --data-root "$_RDD_BATS_DOCKERD_DIR/data" --exec-root "$_RDD_BATS_DOCKERD_DIR/exec" \
    --pidfile "$_RDD_BATS_DOCKERD_DIR/docker.pid" \
    >"$_RDD_BATS_DOCKERD_DIR/dockerd.log" 2>&1 </dev/null 3>&- &
  _RDD_BATS_DOCKERD_PID=$!
  export _RDD_BATS_DOCKERD_PID
  RDD_TEST_DOCKER_HOST="unix://$_RDD_BATS_DOCKERD_DIR/docker.sock"
  export RDD_TEST_DOCKER_HOST
  if ! _engine_wait_ping "$RDD_TEST_DOCKER_HOST" 90 || ! _engine_import_test_image "$RDD_TEST_DOCKER_HOST"; then
    stop_test_dockerd
    return 1
  fi
}

stop_test_dockerd() {
  [[ -n "${_RDD_BATS_DOCKERD_PID:-}" ]] || return 0
  local deadline=$((SECONDS + 30))
  kill "$_RDD_BATS_DOCKERD_PID" 2>/dev/null
  while kill -0 "$_RDD_BATS_DOCKERD_PID" 2>/dev/null && (( SECONDS < deadline )); do
    sleep 0.1
  done
  kill -9 "$_RDD_BATS_DOCKERD_PID" 2>/dev/null
  # containerd and shims carry the temp dir in their command lines.
  pkill -9 -f -- "$_RDD_BATS_DOCKERD_DIR" 2>/dev/null
  if [[ -n "${RDD_BATS_KEEP_DOCKERD_LOG:-}" ]]; then
    cp "$_RDD_BATS_DOCKERD_DIR/dockerd.log" "$RDD_BATS_KEEP_DOCKERD_LOG" 2>/dev/null
  fi
  rm -rf "$_RDD_BATS_DOCKERD_DIR"
  unset _RDD_BATS_DOCKERD_PID _RDD_BATS_DOCKERD_DIR
}
