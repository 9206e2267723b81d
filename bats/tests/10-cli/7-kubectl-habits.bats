#!/usr/bin/env bats
bats_require_minimum_version 1.5.0
# Issue 14, "CLI habits": what kubectl users type without thinking, checked against the real kubectl on the same
# server. Item 8: kubectl's flags before the verb.

setup_file() {
  export RDD_INSTANCE="${RDD_INSTANCE:-bats-cli}-habits"
  "$BATS_TEST_DIRNAME/../../../rdd" svc delete >/dev/null 2>&1 || true
}

setup() {
  load ../../helpers/load
  export RDD_INSTANCE="${RDD_INSTANCE%-habits}-habits"
  export KUBECACHEDIR="$BATS_FILE_TMPDIR/kube-cache"
}

teardown_file() {
  "$BATS_TEST_DIRNAME/../../../rdd" svc delete >/dev/null 2>&1 || true
}

# kubectl on the instance through KUBECONFIG, so that its messages naming the first flag see the test's flags.
k() {
  KUBECONFIG="$(rdd svc paths config)" kubectl "$@"
}

@test "the service is up, with a namespace and a config map of its own" {
  run rdd ctl get namespaces -o name
  assert_success
  k create namespace habits
  k create configmap habit-cm -n habits --from-literal=a=b
}

@test "item 8: -n NS and --namespace=NS before the verb, as kubectl takes them" {
  local flags
  for flags in "-n habits" "--namespace=habits" "--namespace habits" "-nhabits" "-n=habits"; do
    # shellcheck disable=SC2086
    run --separate-stderr rdd ctl $flags get configmaps -o name
    assert_success
    assert_line configmap/habit-cm
    local ours=$output
    # shellcheck disable=SC2086
    run --separate-stderr k $flags get configmaps -o name
    assert_equal "$ours" "$output"
  done
}

@test "item 8: --request-timeout, -v/--v, --context, --cluster, --user and --kubeconfig before the verb" {
  local flags config
  config=$(rdd svc paths config)
  for flags in "--request-timeout=30s" "--request-timeout 30" "-v=4" "-v 4" "--v=4" "-v4" "--context root" "--cluster=root" \
      "--user root" "--kubeconfig $config" "-o name"; do
    # shellcheck disable=SC2086
    run --separate-stderr rdd ctl $flags -n habits get configmap habit-cm -o name
    assert_success
    assert_output configmap/habit-cm
    # shellcheck disable=SC2086
    run --separate-stderr k $flags -n habits get configmap habit-cm -o name
    assert_success
    assert_output configmap/habit-cm
  done
}

@test "item 8: the same flags after the verb too" {
  run --separate-stderr rdd ctl get configmap habit-cm --request-timeout=30s -v=2 --context=root -n habits -o name
  assert_success
  assert_output configmap/habit-cm
  run --separate-stderr rdd ctl api-resources -n habits --request-timeout 30s -o name
  assert_success
  assert_line configmaps
}

@test "item 8: a boolean of the verb before it is refused as kubectl refuses it" {
  local flag
  for flag in -A --all-namespaces -w --no-headers; do
    run --separate-stderr k "$flag" get configmaps
    assert_failure 1
    local theirs=$stderr
    run --separate-stderr rdd ctl "$flag" get configmaps
    assert_failure 1
    assert_equal "$stderr" "$theirs"
    assert_equal "$stderr" "Error: flags cannot be placed before plugin name: $flag"
  done
}

@test "item 8: bad values say what kubectl says" {
  run --separate-stderr k --request-timeout=abc get ns
  assert_failure 1
  local theirs=$stderr
  run --separate-stderr rdd ctl --request-timeout=abc get ns
  assert_failure 1
  assert_equal "$stderr" "$theirs"

  run --separate-stderr k --context nowhere get ns
  assert_failure 1
  theirs=$stderr
  run --separate-stderr rdd ctl --context nowhere get ns
  assert_failure 1
  assert_equal "$stderr" "$theirs"

  run --separate-stderr rdd ctl --kubeconfig /etc/hostname get ns
  assert_failure 1
  assert_regex "$stderr" 'use kubectl --kubeconfig /etc/hostname for another cluster$'
}

# same ARGS…: rdd ctl and kubectl print the same stdout and stderr and exit alike.
same() {
  run --separate-stderr k "$@"
  local k_status=$status k_out=$output k_err=$stderr
  run --separate-stderr rdd ctl "$@"
  assert_equal "$status" "$k_status"
  assert_equal "$output" "$k_out"
  assert_equal "$stderr" "$k_err"
}

@test "item 9: on an empty result only the table says \"No resources found\"; name, jsonpath, go-template print nothing" {
  local o
  for o in -o=name '-o=jsonpath={.items[*].metadata.name}' '-o=go-template={{range .items}}{{.metadata.name}}{{end}}'; do
    run --separate-stderr rdd ctl get configmaps -n habits -l none=here "$o"
    assert_success
    assert_output ''
    assert_equal "$stderr" ''
    same get configmaps -n habits -l none=here "$o"
  done
  run --separate-stderr rdd ctl get configmaps -n habits -l none=here
  assert_success
  assert_equal "$stderr" 'No resources found in habits namespace.'
  same get configmaps -n habits -l none=here
  same get configmaps -n habits -l none=here -o wide
  same get namespaces -l none=here
}

@test "item 9: json, yaml, custom-columns and jsonpath run over the empty List as kubectl's printers do" {
  local o
  for o in -o=json -o=yaml -o=custom-columns=NAME:.metadata.name '-o=jsonpath={.kind}' '-o=go-template={{.kind}}'; do
    same get configmaps -n habits -l none=here "$o"
    same get configmaps -A -l none=here "$o"
  done
  run --separate-stderr rdd ctl get configmaps -n habits -l none=here -o json
  assert_line '    "items": [],'
}

@test "item 9: --ignore-not-found with nothing found prints nothing in every format" {
  local o
  for o in -o=name -o=json -o=yaml '-o=jsonpath={.kind}' -o=custom-columns=N:.metadata.name -o=wide; do
    same get configmap no-such -n habits --ignore-not-found "$o"
    same get configmaps -l none=here -n habits --ignore-not-found "$o"
  done
  same get configmaps -l none=here -n habits --ignore-not-found
}

@test "item 9: -o go-template and template print what kubectl prints" {
  k label configmap habit-cm -n habits tier=db --overwrite
  local t
  for t in '{{range .items}}{{.metadata.name}} {{.metadata.labels}} {{.data}}{{"\n"}}{{end}}' \
      '{{range $i, $o := .items}}{{if $i}},{{end}}{{$o.metadata.name}}={{index $o.data "a"}}{{end}}' \
      '{{- range .items }}{{ if eq .metadata.labels.tier "db" }}{{ printf "%s/%s\n" .metadata.namespace .metadata.name }}{{ end }}{{ end -}}' \
      '{{len .items}} {{.kind}} {{.nothing}}'; do
    same get configmaps -n habits -o "go-template=$t"
    same get configmaps -n habits -o "template=$t"
  done
  same get configmap habit-cm -n habits -o 'go-template={{.metadata.name}}:{{.data.a}}{{"\n"}}'
  printf '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}' >"$BATS_TEST_TMPDIR/t.tmpl"
  same get configmaps -n habits -o "go-template-file=$BATS_TEST_TMPDIR/t.tmpl"
}

@test "item 10: api-resources takes kubectl's flags and prints what kubectl prints" {
  local flags
  for flags in "" "-o name" "-o wide" "--categories=all" "--categories all -o name" "--categories=all,nope" \
      "--namespaced" "--namespaced=false" "--namespaced=true -o wide" "--api-group=" "--api-group=apiextensions.k8s.io" \
      "--verbs=list,watch" "--verbs create" "--sort-by=name" "--sort-by=kind -o wide" "--no-headers" \
      "--no-headers -o wide --categories=all" "--sort-by=size"; do
    # shellcheck disable=SC2086
    same api-resources $flags
  done
  run rdd ctl api-resources --categories=all -o name
  assert_success
  refute_line configmaps
}
