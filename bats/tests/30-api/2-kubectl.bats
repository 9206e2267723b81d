#!/usr/bin/env bats
# Real kubectl (v1.32) against `rdd svc serve`: discovery, get in every output, selectors, create/apply (also
# server-side dry run and server-side apply), patches, validation errors and conflicts.

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

widget() { # widget NAME COLOR [SIZE]
  cat <<YAML
apiVersion: test.rancherdesktop.io/v1alpha1
kind: Widget
metadata:
  name: $1
  labels: {tier: ${4:-front}}
spec:
  color: $2
  size: ${3:-5}
YAML
}

@test "api-resources lists builtin and custom resources with short names" {
  run kubectl api-resources --no-headers
  assert_success
  assert_line --regexp '^configmaps +cm +v1 +true +ConfigMap$'
  assert_line --regexp '^namespaces +ns +v1 +false +Namespace$'
  assert_line --regexp '^widgets +wd +test.rancherdesktop.io/v1alpha1 +true +Widget$'
  assert_line --regexp '^gadgets +gd +test.rancherdesktop.io/v1alpha1 +false +Gadget$'
  assert_line --regexp '^customresourcedefinitions +crd,crds +apiextensions.k8s.io/v1 +false +CustomResourceDefinition$'
}

@test "apply -f creates, and a second apply is unchanged" {
  run kubectl apply -f - <<<"$(widget w1 red)"
  assert_success
  assert_output 'widget.test.rancherdesktop.io/w1 created'
  run kubectl apply -f - <<<"$(widget w1 red)"
  assert_output 'widget.test.rancherdesktop.io/w1 unchanged'
}

@test "create -f and kubectl create configmap work; a duplicate is AlreadyExists" {
  run kubectl create -f - <<<"$(widget w2 green 7 back)"
  assert_success
  run kubectl create configmap c1 --from-literal=k=v
  assert_success
  run kubectl create configmap c1 --from-literal=k=v
  assert_failure
  assert_output --partial 'configmaps "c1" already exists'
}

@test "apply -f of a ConfigMap creates it and a changed apply updates it" {
  local cm='{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"applied","labels":{"a":"b"}},"data":{"k":"first"}}'
  run kubectl apply -f - <<<"$cm"
  assert_success
  assert_output 'configmap/applied created'
  run kubectl apply -f - <<<"${cm/first/second}"
  assert_success
  assert_output 'configmap/applied configured'
  run kubectl get configmap applied -o jsonpath='{.data.k}'
  assert_output second
  run kubectl label configmap applied c=d
  assert_success
  run kubectl get configmap applied --show-labels --no-headers
  assert_output --regexp 'a=b,c=d$'
}

@test "a List (what kubectl get -o json writes) applies, and an unknown field in an item is rejected" {
  local list='{"apiVersion":"v1","kind":"List","items":[
    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"listed-1"},"data":{"k":"1"}},
    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"listed-2"},"data":{"k":"2"}}]}'
  run kubectl create -f - <<<"$list"
  assert_success
  assert_line 'configmap/listed-1 created'
  assert_line 'configmap/listed-2 created'
  kubectl get configmap listed-1 listed-2 -o json >"$BATS_TEST_TMPDIR/round-trip.json"
  run kubectl apply -f "$BATS_TEST_TMPDIR/round-trip.json"
  assert_success
  assert_line --partial 'configmap/listed-1 '
  local bad='{"apiVersion":"v1","kind":"List","items":[
    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"listed-2"},"data":{"k":"changed"},"bogus":1}]}'
  run kubectl apply -f - <<<"$bad"
  assert_failure
  assert_output --partial 'unknown field "bogus"'
  run kubectl get configmap listed-2 -o jsonpath='{.data.k}'
  assert_output 2
}

@test "kubectl auth can-i says yes (the API has no RBAC) and lists every rule" {
  run kubectl auth can-i create configmaps
  assert_success
  assert_output yes
  run kubectl auth can-i delete volumes.containers.rancherdesktop.io --all-namespaces
  assert_output yes
  run kubectl auth can-i get /healthz
  assert_output yes
  run kubectl auth can-i --list
  assert_success
  assert_line --regexp '^\*\.\* +\[\] +\[\] +\[\*\]$'
}

@test "apply --dry-run=server validates but stores nothing" {
  run kubectl apply --dry-run=server -f - <<<"$(widget dry blue)"
  assert_success
  assert_output 'widget.test.rancherdesktop.io/dry created (server dry run)'
  run kubectl get widget dry
  assert_failure
  assert_output --partial 'NotFound'
}

@test "get shows the printer columns" {
  run kubectl get widgets
  assert_success
  assert_line --index 0 --regexp '^NAME +COLOR +SIZE +READY +AGE$'
  assert_line --regexp '^w1 +red +5 +[0-9]+s$' # READY is empty until a Ready condition exists, as kube prints a null cell
}

@test "get -o yaml, json, name and jsonpath" {
  run kubectl get wd w1 -o yaml
  assert_success
  assert_line 'kind: Widget'
  assert_line '  color: red'
  assert_line '  state: unknown' # a schema default
  run kubectl get wd w1 -o json
  assert_success
  run jq -r .metadata.generation <<<"$output"
  assert_output 1
  run kubectl get wd -o name
  assert_output $'widget.test.rancherdesktop.io/w1\nwidget.test.rancherdesktop.io/w2'
  run kubectl get wd w1 -o jsonpath='{.spec.size}/{.metadata.labels.tier}'
  assert_output 5/front
}

@test "get --field-selector uses metadata and the CRD's selectable fields" {
  run kubectl get wd --field-selector spec.color=green -o name
  assert_output widget.test.rancherdesktop.io/w2
  run kubectl get wd --field-selector metadata.name=w1,spec.color!=green -o name
  assert_output widget.test.rancherdesktop.io/w1
  run kubectl get wd --field-selector spec.size=5
  assert_failure
  assert_output --partial 'field label not supported: spec.size'
}

@test "get -l filters by labels" {
  run kubectl get wd -l tier=back -o name
  assert_output widget.test.rancherdesktop.io/w2
  run kubectl get wd -l 'tier in (front,middle)' -o name
  assert_output widget.test.rancherdesktop.io/w1
  run kubectl get wd -l '!tier' -o name
  assert_output ''
}

@test "patch --type=merge and --type=json" {
  run kubectl patch wd w1 --type=merge -p '{"spec":{"size":6}}'
  assert_success
  run kubectl patch wd w1 --type=json -p '[{"op":"replace","path":"/spec/color","value":"blue"}]'
  assert_success
  run kubectl get wd w1 -o jsonpath='{.spec.color} {.spec.size} {.metadata.generation}'
  assert_output 'blue 6 3'
}

@test "a strategic merge patch of a ConfigMap works; of a custom resource it is 415 as in kube" {
  run kubectl patch configmap c1 -p '{"data":{"k2":"v2"}}'
  assert_success
  run kubectl get configmap c1 -o jsonpath='{.data.k} {.data.k2}'
  assert_output 'v v2'
  run kubectl patch wd w1 -p '{"spec":{"size":1}}'
  assert_failure
  assert_output --partial 'application/strategic-merge-patch+json is not supported'
}

@test "an invalid enum value is rejected with 422 naming the field" {
  run kubectl patch wd w1 --type=merge -p '{"spec":{"color":"purple"}}'
  assert_failure
  assert_output --partial 'spec.color: Unsupported value: "purple"'
}

@test "an unknown field is rejected by kubectl's strict field validation" {
  run kubectl apply -f - <<<"$(widget w9 red)"$'\n  bogus: 1'
  assert_failure
  assert_output --partial 'unknown field "spec.bogus"'
}

@test "My_Vol_Ume is rejected with a 422 that names metadata.name (C1)" {
  run kubectl create configmap My_Vol_Ume
  assert_failure
  assert_output --partial 'ConfigMap "My_Vol_Ume" is invalid: metadata.name: Invalid value: "My_Vol_Ume": a lowercase RFC 1123 subdomain'
  run kubectl apply -f - <<<"$(widget My_Vol_Ume red)"
  assert_failure
  assert_output --partial 'metadata.name: Invalid value: "My_Vol_Ume"'
  run kubectl get --raw /api/v1/namespaces/default/configmaps
  refute_output --partial My_Vol_Ume
}

@test "an update with a stale resourceVersion is a Conflict" {
  kubectl get wd w2 -o json >"$BATS_TEST_TMPDIR/w2.json"
  run kubectl patch wd w2 --type=merge -p '{"spec":{"size":8}}'
  assert_success
  run kubectl replace -f "$BATS_TEST_TMPDIR/w2.json"
  assert_failure
  assert_output --partial 'Conflict'
  assert_output --partial 'the object has been modified'
  run kubectl get wd w2 -o jsonpath='{.spec.size}'
  assert_output 8
}

@test "apply --server-side creates and re-applies" {
  run kubectl apply --server-side -f - <<<"$(widget ssa red 2)"
  assert_success
  assert_output 'widget.test.rancherdesktop.io/ssa serverside-applied'
  run kubectl apply --server-side -f - <<<"$(widget ssa red 3)"
  assert_success
  run kubectl get wd ssa -o jsonpath='{.spec.size} {.metadata.managedFields[0].manager} {.metadata.managedFields[0].operation}'
  assert_output '3 kubectl Apply'
}

@test "explain reads the CRD schema from OpenAPI v3" {
  run kubectl explain widgets.spec.color
  assert_success
  assert_output --partial 'The colour of the widget.'
}

@test "a cluster-scoped kind and the CRDs are readable" {
  run kubectl apply -f - <<'YAML'
apiVersion: test.rancherdesktop.io/v1alpha1
kind: Gadget
metadata: {name: g1}
spec: {mode: fast}
YAML
  assert_success
  run kubectl get gadget g1 -o jsonpath='{.spec.level}'
  assert_output 3
  run kubectl get crd widgets.test.rancherdesktop.io -o jsonpath='{.status.conditions[?(@.type=="Established")].status}'
  assert_output True
}

@test "delete removes an object" {
  run kubectl delete configmap c1
  assert_success
  assert_output 'configmap "c1" deleted'
  run kubectl get configmap c1
  assert_failure
}

@test "auth whoami names the instance owner (issue 14 item 7)" {
  run kubectl auth whoami -o jsonpath='{.status.userInfo.username}'
  assert_success
  assert_output 'rdd:owner'
}

@test "a user's create of a Container mirror is forbidden, pointing at ContainerCreateRequest (issue 14 item 7)" {
  run kubectl create -f - <<YAML
apiVersion: containers.rancherdesktop.io/v1alpha1
kind: Container
metadata: {name: $(printf 'ab%.0s' {1..32}), namespace: default}
spec: {state: running}
YAML
  assert_failure
  assert_output --partial 'Forbidden'
  assert_output --partial 'ContainerCreateRequest'
}
