#!/usr/bin/env bats
# Watches and waits with real kubectl: get -w, wait --for=condition and --for=delete, finalizers.

setup_file() {
  load api
  api_setup_file
}

teardown_file() {
  load api
  api_teardown_file
}

setup() {
  load ../../helpers/load
  load api
}

create_widget() { # create_widget NAME
  kubectl apply -f - <<YAML
apiVersion: test.rancherdesktop.io/v1alpha1
kind: Widget
metadata: {name: $1}
spec: {color: red}
YAML
}

# wait_for_line FILE REGEX SECONDS: until a line of FILE matches (a deadline, no fixed sleeps).
wait_for_line() {
  local deadline=$((SECONDS + $3))
  until grep -Eq "$2" "$1"; do
    ((SECONDS < deadline)) || { echo "no line matching $2 in $1:" >&2; cat "$1" >&2; return 1; }
    sleep 0.2
  done
}

@test "get -w sees a later change" {
  create_widget watched
  local out="$BATS_TEST_TMPDIR/watch.out"
  kubectl get widgets -w >"$out" 2>&1 3>&- &
  local pid=$!
  wait_for_line "$out" '^watched +red +1 ' 20
  kubectl patch wd watched --type=merge -p '{"spec":{"size":42}}'
  run wait_for_line "$out" '^watched +red +42 ' 20
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  assert_success
}

@test "wait --for=condition sees a status condition set later" {
  create_widget ready
  kubectl wait --for=condition=Ready --timeout=30s widget/ready >"$BATS_TEST_TMPDIR/wait.out" 2>&1 3>&- &
  local pid=$!
  kubectl patch wd ready --subresource=status --type=merge \
    -p '{"status":{"conditions":[{"type":"Ready","status":"True","reason":"Done","message":"ok","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}'
  local rc=0
  wait "$pid" || rc=$?
  [[ $rc -eq 0 ]] || fail "kubectl wait exited $rc: $(cat "$BATS_TEST_TMPDIR/wait.out")"
  run cat "$BATS_TEST_TMPDIR/wait.out"
  assert_output 'widget.test.rancherdesktop.io/ready condition met'
  run kubectl get wd ready -o jsonpath='{.metadata.generation}'
  assert_output 1 # a status write does not bump the generation
}

@test "delete of an object with a finalizer keeps it until the finalizer is removed; wait --for=delete sees the end" {
  create_widget held
  kubectl patch wd held --type=merge -p '{"metadata":{"finalizers":["test.rancherdesktop.io/hold"]}}'
  run kubectl delete wd held --wait=false
  assert_success
  run kubectl get wd held -o jsonpath='{.metadata.deletionTimestamp}'
  assert_success
  assert_output --regexp '^[0-9]{4}-'
  run kubectl patch wd held --type=merge -p '{"metadata":{"finalizers":["test.rancherdesktop.io/hold","example.com/another"]}}'
  assert_failure
  assert_output --partial 'no new finalizers can be added if the object is being deleted'
  kubectl wait --for=delete --timeout=30s widget/held >"$BATS_TEST_TMPDIR/wait.out" 2>&1 3>&- &
  local pid=$!
  run kubectl get wd held
  assert_success # still there
  kubectl patch wd held --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'
  local rc=0
  wait "$pid" || rc=$?
  [[ $rc -eq 0 ]] || fail "kubectl wait --for=delete exited $rc: $(cat "$BATS_TEST_TMPDIR/wait.out")"
  run kubectl get wd held
  assert_failure
  assert_output --partial NotFound
}

@test "wait --for=delete times out while the finalizer holds" {
  create_widget stuck
  kubectl patch wd stuck --type=merge -p '{"metadata":{"finalizers":["test.rancherdesktop.io/hold"]}}'
  kubectl delete wd stuck --wait=false
  run kubectl wait --for=delete --timeout=2s widget/stuck
  assert_failure
  assert_output --partial 'timed out'
  kubectl patch wd stuck --type=merge -p '{"metadata":{"finalizers":null}}'
  run kubectl wait --for=delete --timeout=20s widget/stuck
  assert_success
}

@test "deleting a namespace deletes what is in it" {
  kubectl create namespace scratch
  kubectl -n scratch create configmap a --from-literal=x=y
  run kubectl delete namespace scratch --timeout=30s
  assert_success
  run kubectl get namespace scratch
  assert_failure
  assert_output --partial NotFound
}
