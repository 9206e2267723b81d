# shellcheck shell=bash
# Shared setup of the 32-app-controllers files: one instance per file (RDD_INSTANCE=bats-app-<file>), the process
# driver's dockerd with flags that work without netfilter or overlayfs, and a teardown that leaves no engine behind.

export RDD_DOCKERD_ARGS="--iptables=false --bridge=none --storage-driver=vfs"
export RDD_NAMESPACE=${RDD_NAMESPACE:-rdd-bats}

app_setup_file() {
  load ../../helpers/load
  RDD_INSTANCE="bats-app-$(basename "$BATS_TEST_FILENAME" .bats)"
  export RDD_INSTANCE
  rdd svc delete --timeout=120s >/dev/null 2>&1 || true
}

# The engine processes of this instance, by the PIDs its process driver recorded (never by name).
instance_engine_pids() {
  local f
  for f in "$(rdd svc paths dir)/engine/process.json" "$(rdd svc paths short_dir)/engine/docker/dockerd.pid"; do
    [[ -f $f ]] || continue
    grep -o '"pid" *: *[0-9]*' "$f" 2>/dev/null | grep -o '[0-9]*$' || tr -d '[:space:]' <"$f"
    echo
  done | grep -E '^[0-9]+$' | sort -u
}

app_teardown_file() {
  # A service shutdown leaves the engine running for the next start to adopt; a test run must not.
  rdd stop --timeout=60s >/dev/null 2>&1 || true
  local pids
  pids=$(instance_engine_pids)
  rdd svc delete --timeout=120s >/dev/null 2>&1 || true
  for pid in $pids; do
    kill -9 "$pid" 2>/dev/null || true
  done
}

# setup_rdd_control_plane [controllers]: a fresh service with the given --controllers (docs/design/test-plan.md harness).
setup_rdd_control_plane() {
  rdd svc delete --timeout=120s >/dev/null
  rdd svc create --controllers="${1:-*}" >/dev/null
  rdd svc start >/dev/null
}

# start_process_engine: a fresh service with every controller, App app on the process driver in $RDD_NAMESPACE, started;
# exports DOCKER_HOST for the instance's dockerd and imports the test image into it.
start_process_engine() {
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

# app_field JSONPATH: a field of App app (kubectl jsonpath).
app_field() {
  rdd ctl get app app -o jsonpath="{$1}"
}

# app_condition TYPE FIELD: a field (status, reason, lastTransitionTime, observedGeneration, message) of an App condition.
app_condition() {
  app_field ".status.conditions[?(@.type==\"$1\")].$2"
}

# vm_condition TYPE FIELD: the same for VirtualMachine rd in $RDD_NAMESPACE.
vm_condition() {
  rdd ctl get virtualmachine rd -n "$RDD_NAMESPACE" -o jsonpath="{.status.conditions[?(@.type==\"$1\")].$2}"
}

docker_socket() {
  rdd svc paths docker_socket
}

# dockerd processes serving this instance's socket (matched on the full command line, for assertions only).
dockerd_count() {
  local sock
  sock=$(docker_socket)
  local n=0 pid
  for pid in $(pgrep -x dockerd || true); do
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "unix://$sock"; then
      n=$((n + 1))
    fi
  done
  echo "$n"
}

# start_registry [NAME [HTPASSWD_LINE]]: a docker-registry on a free loopback port; its port in $BATS_FILE_TMPDIR/NAME.port.
start_registry() {
  local name=${1:-registry} htpasswd=${2:-} port dir
  dir=$(mktemp -d "${BATS_FILE_TMPDIR}/registry-XXXXXX")
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
http:
  addr: 127.0.0.1:$port
YAML
  if [[ -n $htpasswd ]]; then
    echo "$htpasswd" >"$dir/htpasswd"
    printf 'auth:\n  htpasswd:\n    realm: rdd-bats\n    path: %s\n' "$dir/htpasswd" >>"$dir/config.yml"
  fi
  /usr/bin/docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 &
  echo $! >>"${BATS_FILE_TMPDIR}/registry.pid"
  try --max 30 --delay 0.5 curl -sS -o /dev/null "http://127.0.0.1:$port/v2/"
  echo "$port" >"${BATS_FILE_TMPDIR}/$name.port"
}

# stop_registries: ends every docker-registry start_registry started in this file (by the PIDs it recorded).
stop_registries() {
  [[ -f ${BATS_FILE_TMPDIR}/registry.pid ]] || return 0
  local pid
  for pid in $(cat "${BATS_FILE_TMPDIR}/registry.pid"); do
    kill "$pid" 2>/dev/null || true
  done
  rm -f "${BATS_FILE_TMPDIR}/registry.pid"
}

# start_throttled_proxy NAME TARGET_PORT BYTES_PER_SECOND: a loopback TCP proxy to 127.0.0.1:TARGET_PORT that sends
# what the target answers at most BYTES_PER_SECOND per connection (a registry that serves slowly enough to catch a
# pull in flight); its port in $BATS_FILE_TMPDIR/NAME.port; stopped by stop_registries.
start_throttled_proxy() {
  local name=$1 target=$2 rate=$3 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  python3 - "$port" "$target" "$rate" >"${BATS_FILE_TMPDIR}/$name.log" 2>&1 3>&- <<'PY' &
import socket, sys, threading, time
port, target, rate = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
def pump(src, dst, limit):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
            if limit:
                time.sleep(len(data) / limit)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
def serve(client):
    upstream = socket.create_connection(("127.0.0.1", target))
    threading.Thread(target=pump, args=(client, upstream, 0), daemon=True).start()
    threading.Thread(target=pump, args=(upstream, client, rate), daemon=True).start()
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(16)
while True:
    c, _ = server.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
  echo $! >>"${BATS_FILE_TMPDIR}/registry.pid"
  try --max 30 --delay 0.5 curl -sS -o /dev/null "http://127.0.0.1:$port/v2/"
  echo "$port" >"${BATS_FILE_TMPDIR}/$name.port"
}
