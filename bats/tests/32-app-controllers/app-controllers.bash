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
