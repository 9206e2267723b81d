#!/usr/bin/env bats
bats_require_minimum_version 1.5.0
# rdd ctl (docs/design/upstream-differences.md §5) against the real service, compared with real kubectl on the same server.

setup_file() {
  export RDD_INSTANCE=bats-service-ctl
  "$BATS_TEST_DIRNAME/../../../rdd" svc delete >/dev/null 2>&1 || true
}

setup() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-service-ctl
}

teardown_file() {
  "$BATS_TEST_DIRNAME/../../../rdd" svc delete >/dev/null 2>&1 || true
}

k() {
  kubectl --kubeconfig "$(rdd svc paths config)" "$@"
}

@test "ctl get auto-starts the service" {
  run rdd ctl get namespaces -o name
  assert_success
  assert_line namespace/default
}

@test "ctl apply creates, configures and leaves unchanged" {
  run rdd ctl apply -f - <<<'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bats-a","namespace":"default"},"data":{"k":"1"}}'
  assert_success
  assert_output 'configmap/bats-a created'
  run rdd ctl apply -f - <<<'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bats-a","namespace":"default"},"data":{"k":"2"}}'
  assert_output 'configmap/bats-a configured'
  run rdd ctl apply -f - <<<'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bats-a","namespace":"default"},"data":{"k":"2"}}'
  assert_output 'configmap/bats-a unchanged'
  k create configmap bats-b -n default --from-literal=x=y
}

@test "ctl get -o name prints what kubectl prints" {
  run rdd ctl get configmaps -n default -o name
  assert_success
  local ours=$output
  run k get configmaps -n default -o name
  assert_success
  assert_equal "$ours" "$output"
  assert_line configmap/bats-a
  assert_line configmap/bats-b
}

@test "ctl get table has kubectl's header and rows" {
  run rdd ctl get configmaps -n default
  assert_success
  local ours=$output
  run k get configmaps -n default
  assert_equal "$(head -1 <<<"$ours")" "$(head -1 <<<"$output")"
  assert_equal "$(awk '{print $1}' <<<"$ours")" "$(awk '{print $1}' <<<"$output")"
}

@test "ctl get of several empty types says what kubectl says, once, on stderr" {
  run --separate-stderr k get configmaps,containers -n default -l none=here
  assert_success
  local kubectl_out=$output kubectl_err=$stderr
  assert_equal "$kubectl_err" 'No resources found in default namespace.'
  run --separate-stderr rdd ctl get configmaps,containers -n default -l none=here
  assert_success
  assert_equal "$output" "$kubectl_out"
  assert_equal "$stderr" "$kubectl_err"
}

@test "ctl get -o json, yaml and jsonpath" {
  run rdd ctl get configmap bats-a -o jsonpath='{.data.k}'
  assert_output 2
  run rdd ctl get cm bats-a -o json
  assert_success
  assert_output --partial '"kind": "ConfigMap"'
  run rdd ctl get cm bats-a -o yaml
  assert_line 'kind: ConfigMap'
  assert_line '  k: "2"'
}

@test "a missing object is a kubectl-like error with exit 1" {
  run rdd ctl get configmap no-such-cm -n default
  assert_failure 1
  assert_output 'Error from server (NotFound): configmaps "no-such-cm" not found'
  run rdd ctl get nosuchtype
  assert_failure 1
  assert_output --partial 'the server doesn'\''t have a resource type "nosuchtype"'
}

@test "ctl patch, annotate and wait" {
  run rdd ctl patch configmap bats-a --type=merge -p '{"data":{"k":"3"}}'
  assert_output 'configmap/bats-a patched'
  run rdd ctl patch configmap bats-a --type=merge -p '{"data":{"k":"3"}}'
  assert_output 'configmap/bats-a patched (no change)'
  run rdd ctl annotate configmap bats-a example.com/note=hello
  assert_output 'configmap/bats-a annotated'
  run rdd ctl wait configmap/bats-a --for=jsonpath='{.data.k}'=3 --timeout=10s
  assert_success
  assert_output 'configmap/bats-a condition met'
  run k get configmap bats-a -o jsonpath='{.metadata.annotations.example\.com/note}'
  assert_output hello
}

@test "ctl delete waits and kubectl sees it gone" {
  run rdd ctl delete configmap bats-a bats-b
  assert_success
  assert_line 'configmap "bats-a" deleted'
  assert_line 'configmap "bats-b" deleted'
  run k get configmap bats-a -n default
  assert_failure
}

@test "ctl api-resources and config view" {
  run rdd ctl api-resources
  assert_success
  assert_line --regexp '^configmaps +cm +v1 +true +ConfigMap$'
  run rdd ctl config view
  assert_success
  assert_line 'kind: Config'
  refute_output --partial "$(sed -n 's/.*token: *//p' "$(rdd svc paths config)" | head -1)"
}

@test "ctl describe shows the object and its events" {
  run rdd ctl describe namespace default
  assert_success
  assert_line --regexp '^Name: +default$'
  assert_line --regexp '^Events: '
}

@test "ctl get -w prints changes as they happen" {
  local out="$BATS_TEST_TMPDIR/watch.out"
  timeout 20 "$RDD_REPO/rdd" ctl get configmaps -n default -w -o name >"$out" 2>&1 &
  local watcher=$!
  # No race: created before the watch starts, it is in the initial list instead of an event.
  k create configmap bats-watched -n default --from-literal=a=b
  try --max 50 --delay 0.2 grep -q configmap/bats-watched "$out"
  kill "$watcher" 2>/dev/null || true
  wait "$watcher" 2>/dev/null || true # the watch runs until killed
  k delete configmap bats-watched -n default
}

@test "ctl wait-condition waits for a condition set after it started" {
  # A condition type no controller writes: the App controller owns Settled and would overwrite a hand-made one.
  rdd ctl apply -f - <<<'{"apiVersion":"app.rancherdesktop.io/v1alpha1","kind":"App","metadata":{"name":"app"},"spec":{"running":false}}'
  local out="$BATS_TEST_TMPDIR/wait.out"
  "$RDD_REPO/rdd" ctl wait-condition app/app BatsProbe --reason Done --since startup --timeout 30s >"$out" 2>&1 &
  local waiter=$!
  rdd ctl patch app app --subresource=status --type=merge \
    -p "{\"status\":{\"conditions\":[{\"type\":\"BatsProbe\",\"status\":\"True\",\"reason\":\"Done\",\"message\":\"ok\",\"lastTransitionTime\":\"$(date -u +%FT%TZ)\"}]}}"
  local rc=0
  wait "$waiter" || rc=$? # not under `run`: its subshell cannot wait for this shell's job
  assert_equal "$rc" 0
  run cat "$out"
  assert_output 'app.app.rancherdesktop.io/app condition met'
  run rdd ctl wait-condition app/app BatsProbe=False --timeout 1s
  assert_failure 1
  assert_output --partial 'timed out waiting for condition BatsProbe=False'
}

@test "rdd kubectl runs kubectl against the instance" {
  run rdd kubectl get namespace default -o name
  assert_success
  assert_output namespace/default
}

@test "ctl apply --server-side records kubectl as the field manager" {
  run rdd ctl apply --server-side -f - <<<'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bats-ssa","namespace":"default"},"data":{"a":"1"}}'
  assert_success
  assert_output 'configmap/bats-ssa serverside-applied'
  run k get configmap bats-ssa -n default -o jsonpath='{.metadata.managedFields[*].manager}'
  assert_output kubectl
  rdd ctl delete configmap bats-ssa -n default
}

@test "ctl get -o yaml and -o json print exactly what kubectl prints" {
  rdd svc start
  k create configmap bats-tricky -n default --from-literal=multi=$'line one\nline two' --from-literal=number=42 \
    --from-literal=bool=true --from-literal=empty= --from-literal=colon='a: b' --from-literal=html='<b>&</b>'
  for fmt in yaml json; do
    run diff <(rdd ctl get configmap bats-tricky -n default -o "$fmt") <(k get configmap bats-tricky -n default -o "$fmt")
    assert_success
    run diff <(rdd ctl get configmaps -n default -o "$fmt") <(k get configmaps -n default -o "$fmt")
    assert_success
  done
  k delete configmap bats-tricky -n default
}
