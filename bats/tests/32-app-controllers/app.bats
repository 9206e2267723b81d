#!/usr/bin/env bats
# docs/design/test-plan.md §4 (App parts, with LimaVM read as VirtualMachine and the process driver running a real dockerd),
# plus the machine life cycle of issue 5: start/stop waits, crash restart, crash loop, service restart, engine switch.
# All controllers run; the engine controller is not part of this build, so Settled does not wait for it.

setup_file() {
  load app-controllers
  app_setup_file
  setup_rdd_control_plane '*'
}

teardown_file() {
  load app-controllers
  app_teardown_file
}

setup() {
  load ../../helpers/load
  load app-controllers
  RDD_INSTANCE="bats-app-app"
}

teardown() {
  # The crash-loop test breaks the engine config on purpose; never let a failure there break the tests after it.
  if [[ -f "$BATS_FILE_TMPDIR/daemon.json" ]]; then
    cp "$BATS_FILE_TMPDIR/daemon.json" "$(rdd svc paths dir)/engine/daemon.json"
    rm -f "$BATS_FILE_TMPDIR/daemon.json"
  fi
}

apply_app() {
  local name=${1:-app}
  rdd ctl apply -f - <<YAML
apiVersion: app.rancherdesktop.io/v1alpha1
kind: App
metadata:
  name: $name
spec:
  running: false
  namespace: $RDD_NAMESPACE
  vm:
    driver: process
YAML
}

# The PID of the instance's dockerd (exactly one must run).
dockerd_pid() {
  local sock pid
  sock=$(docker_socket)
  for pid in $(pgrep -x dockerd || true); do
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "unix://$sock"; then
      echo "$pid"
    fi
  done
}

@test "create App" {
  apply_app
  try --max 30 --delay 1 rdd ctl get app app
}

@test "App is cluster-scoped" {
  run rdd ctl get app app -o jsonpath='{.metadata.namespace}'
  assert_success
  assert_output ''
  run rdd ctl api-resources
  assert_output --regexp 'apps +app\.rancherdesktop\.io/v1alpha1 +false +App'
}

@test "App has the cleanup finalizer" {
  try --max 30 --delay 1 bash -c "[[ \$($RDD_REPO/rdd ctl get app app -o jsonpath='{.metadata.finalizers}') == *rdd.rancherdesktop.io/cleanup* ]]"
}

@test "VirtualMachine rd is created in the resource namespace" {
  try --max 30 --delay 1 rdd ctl get virtualmachine rd -n "$RDD_NAMESPACE"
}

@test "api-resources lists apps and virtualmachines" {
  run rdd ctl api-resources
  assert_output --partial 'app.rancherdesktop.io'
  assert_output --regexp 'virtualmachines +vm\.rancherdesktop\.io/v1alpha1 +true +VirtualMachine'
}

@test "the VirtualMachine is in the all category" {
  run rdd ctl get all -n "$RDD_NAMESPACE" -o name
  assert_success
  assert_output --partial 'virtualmachine.vm.rancherdesktop.io/rd'
}

@test "VirtualMachine has the owned-by-App and cleanup finalizers" {
  try --max 30 --delay 1 bash -c "[[ \$($RDD_REPO/rdd ctl get virtualmachine rd -n $RDD_NAMESPACE -o jsonpath='{.metadata.finalizers}') == *rdd.rancherdesktop.io/cleanup* ]]"
  run rdd ctl get virtualmachine rd -n "$RDD_NAMESPACE" -o jsonpath='{.metadata.finalizers}'
  assert_output --partial 'rdd.rancherdesktop.io/owned-by-App'
}

@test "VirtualMachine is controlled by the App" {
  run rdd ctl get virtualmachine rd -n "$RDD_NAMESPACE" -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} {.metadata.ownerReferences[0].controller}'
  assert_output 'App/app true'
  assert_equal "$(rdd ctl get virtualmachine rd -n "$RDD_NAMESPACE" -o jsonpath='{.metadata.ownerReferences[0].uid}')" \
    "$(app_field .metadata.uid)"
}

@test "VirtualMachine spec copies the App: stopped, moby, process driver" {
  run rdd ctl get virtualmachine rd -n "$RDD_NAMESPACE" -o jsonpath='{.spec.running} {.spec.containerEngine.name} {.spec.driver}'
  assert_output 'false moby process'
}

@test "App mirrors the Created and Running conditions with the same lastTransitionTime" {
  try --max 30 --delay 1 bash -c "[[ -n \$($RDD_REPO/rdd ctl get app app -o jsonpath='{.status.conditions[?(@.type==\"Running\")].reason}') ]]"
  for type in Created Running; do
    assert_equal "$(app_condition "$type" status)" "$(vm_condition "$type" status)"
    assert_equal "$(app_condition "$type" reason)" "$(vm_condition "$type" reason)"
    assert_equal "$(app_condition "$type" lastTransitionTime)" "$(vm_condition "$type" lastTransitionTime)"
  done
  assert_equal "$(app_condition Running reason)" Stopped
}

@test "rdd start returns only once the engine answers" {
  run rdd start
  assert_success
  # No retry: the engine must answer the moment rdd start returns.
  run docker -H "unix://$(docker_socket)" info --format '{{.ServerVersion}}'
  assert_success
  assert_equal "$(dockerd_count)" 1
}

@test "running=true reaches the VirtualMachine and both report Running" {
  assert_equal "$(rdd ctl get virtualmachine rd -n "$RDD_NAMESPACE" -o jsonpath='{.spec.running}')" true
  assert_equal "$(vm_condition Running status)" True
  assert_equal "$(app_condition Running status)" True
  assert_equal "$(app_condition Running reason)" Started
  assert_equal "$(app_condition Running lastTransitionTime)" "$(vm_condition Running lastTransitionTime)"
  assert_equal "$(app_condition Running observedGeneration)" "$(app_field .metadata.generation)"
  assert_equal "$(app_condition Settled status)" True
}

@test "a killed dockerd is restarted without flipping Running" {
  local before pid restarts
  before=$(vm_condition Running lastTransitionTime)
  restarts=$(rdd ctl get virtualmachine rd -n "$RDD_NAMESPACE" -o jsonpath='{.status.restartCount}')
  pid=$(dockerd_pid)
  kill -9 "$pid"
  try --max 60 --delay 1 bash -c "(( \$($RDD_REPO/rdd ctl get virtualmachine rd -n $RDD_NAMESPACE -o jsonpath='{.status.restartCount}') > $restarts ))"
  assert_equal "$(vm_condition Running status)" True
  assert_equal "$(vm_condition Running lastTransitionTime)" "$before"
  assert_equal "$(app_condition Running status)" True
  refute [ "$(dockerd_pid)" = "$pid" ]
  try --max 30 --delay 1 docker -H "unix://$(docker_socket)" info
}

@test "the service restarted with svc stop keeps the engine: no second dockerd, no lost App state" {
  local pid generation
  pid=$(dockerd_pid)
  generation=$(app_field .metadata.generation)
  rdd svc stop
  run kill -0 "$pid"
  assert_success
  rdd svc start
  run rdd start
  assert_success
  assert_equal "$(dockerd_count)" 1
  assert_equal "$(dockerd_pid)" "$pid"
  assert_equal "$(app_field .metadata.generation)" "$generation"
  assert_equal "$(app_field .spec.namespace)" "$RDD_NAMESPACE"
  assert_equal "$(app_condition Running status)" True
}

@test "the service killed with kill -9 keeps the engine: no second dockerd, no lost App state" {
  local pid
  pid=$(dockerd_pid)
  kill -9 "$(tr -d '[:space:]' <"$(rdd svc paths pid_file)")"
  try --max 30 --delay 0.2 bash -c "! $RDD_REPO/rdd svc status 2>&1 | grep -q 'has been started: true'"
  rdd svc start
  run rdd start
  assert_success
  assert_equal "$(dockerd_count)" 1
  assert_equal "$(dockerd_pid)" "$pid"
  assert_equal "$(app_field .spec.vm.driver)" process
  docker -H "unix://$(docker_socket)" info >/dev/null
}

@test "rdd stop returns only once the engine process is gone" {
  local pid
  pid=$(dockerd_pid)
  run rdd stop
  assert_success
  run kill -0 "$pid"
  assert_failure
  assert_equal "$(dockerd_count)" 0
  assert_equal "$(vm_condition Running reason)" Stopped
  assert_equal "$(app_condition Running status)" False
}

@test "rdd set running=false returns at once when the App is already stopped (gap 5)" {
  local start=$SECONDS
  run rdd set --timeout=10s running=false
  assert_success
  (( SECONDS - start < 10 ))
}

@test "rdd set running=false after the engine was killed behind the service's back (gap 5)" {
  rdd start
  kill -9 "$(dockerd_pid)"
  run rdd set --timeout=60s running=false
  assert_success
  assert_equal "$(vm_condition Running reason)" Stopped
  assert_equal "$(dockerd_count)" 0
}

@test "a too-short --timeout exits 4" {
  run rdd set --timeout=1ms running=true
  assert_failure 4
  assert_output --partial 'timed out waiting for App state'
  assert_output --partial 'context deadline exceeded'
  # The write happened; the machine gets there on its own.
  run rdd start
  assert_success
}

@test "a crash loop gives up with Running=False/StartFailed and the engine's last log lines" {
  local config
  config="$(rdd svc paths dir)/engine/daemon.json"
  cp "$config" "$BATS_FILE_TMPDIR/daemon.json"
  echo '{ this is not json' >"$config"
  kill -9 "$(dockerd_pid)"
  try --max 90 --delay 1 bash -c "[[ \$($RDD_REPO/rdd ctl get virtualmachine rd -n $RDD_NAMESPACE -o jsonpath='{.status.conditions[?(@.type==\"Running\")].reason}') == StartFailed ]]"
  assert_equal "$(vm_condition Running status)" False
  run vm_condition Running message
  assert_output --partial 'gave up restarting'
  assert_output --partial 'daemon.json'
  assert_equal "$(app_condition Settled reason)" StartFailed
  assert_equal "$(dockerd_count)" 0
  cp "$BATS_FILE_TMPDIR/daemon.json" "$config"
  rm -f "$BATS_FILE_TMPDIR/daemon.json"
  rdd set --timeout=60s running=false
  run rdd start
  assert_success
}

@test "switching to containerd restarts the machine into it" {
  local before
  before=$(vm_condition Running lastTransitionTime)
  run rdd set running=true containerEngine.name=containerd
  assert_success
  run vm_condition Running message
  assert_output --partial 'containerd is running'
  assert_equal "$(dockerd_count)" 0
  assert_equal "$(app_condition Settled status)" True
  refute [ "$(rdd ctl get virtualmachine rd -n "$RDD_NAMESPACE" -o jsonpath='{.status.restartCount}')" = 0 ]
  [[ -n $before ]]
}

@test "stop and restore moby: VirtualMachine and App Running=False" {
  run rdd set running=false containerEngine.name=moby
  assert_success
  assert_equal "$(vm_condition Running status)" False
  assert_equal "$(app_condition Running status)" False
  assert_equal "$(rdd ctl get virtualmachine rd -n "$RDD_NAMESPACE" -o jsonpath='{.spec.containerEngine.name}')" moby
}

@test "rdd set vm.driver=lima without limactl fails at once with exit 5 and the machine's reason (issue 13)" {
  if command -v limactl >/dev/null; then
    skip "limactl is installed here"
  fi
  local start=$SECONDS
  run rdd set --timeout=120s running=true vm.driver=lima
  assert_failure 5
  assert_output --partial 'the lima driver needs limactl, which is not installed'
  assert_output --partial '(StartFailed)'
  (( SECONDS - start < 10 ))
  # rdd start waits on the same spec: the failure is already known.
  start=$SECONDS
  run rdd start --timeout=120s
  assert_failure 5
  assert_output --partial 'limactl'
  (( SECONDS - start < 10 ))
  run rdd set --timeout=60s running=false vm.driver=process
  assert_success
}

@test "reject App name other than app" {
  run apply_app other
  assert_failure
  assert_output --partial "App resource must be named 'app'"
}

@test "reject spec.namespace change" {
  run rdd ctl patch app app --type=merge -p '{"spec":{"namespace":"elsewhere"}}'
  assert_failure
  assert_output --partial 'spec.namespace is immutable'
}

@test "reject direct VirtualMachine delete" {
  run rdd ctl delete virtualmachine rd -n "$RDD_NAMESPACE" --wait=false
  assert_failure
  assert_output --partial 'Forbidden'
  assert_output --partial 'owned by App'
  assert_output --partial 'delete the App resource instead'
  run rdd ctl get virtualmachine rd -n "$RDD_NAMESPACE" -o jsonpath='{.metadata.deletionTimestamp}'
  assert_output ''
}

@test "delete App" {
  rdd start
  run rdd ctl delete app app --timeout=90s
  assert_success
}

@test "App is fully deleted and the VirtualMachine and engine are gone" {
  run rdd ctl get app app
  assert_failure
  run rdd ctl get virtualmachine rd -n "$RDD_NAMESPACE"
  assert_failure
  assert_equal "$(dockerd_count)" 0
}

@test "recreate works" {
  apply_app
  try --max 30 --delay 1 rdd ctl get virtualmachine rd -n "$RDD_NAMESPACE"
  run rdd set running=false
  assert_success
}

@test "an unsupported kubernetes version exits 3 and does not create the App" {
  rdd ctl delete app app --timeout=90s
  run rdd set running=false kubernetes.enabled=true kubernetes.version=1.31.99
  assert_failure 3
  assert_output --partial 'not supported'
  run rdd ctl get app app
  assert_failure
}
