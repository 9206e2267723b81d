#!/usr/bin/env bats
# Real kubectl (v1.32): the core Secret kind (kubectl create secret generic|docker-registry, get, describe, delete;
# stringData is merged into data and never stored) and the read-only webhook configurations that describe the
# in-process admission plugins (issue 14 items 14 and 12).

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

@test "kubectl create secret generic stores the literals base64-encoded in data" {
  run kubectl create secret generic s1 --from-literal=user=alice --from-literal=pass='p@ss word'
  assert_success
  assert_output 'secret/s1 created'
  run kubectl get secret s1 -o jsonpath='{.data.user}'
  assert_success
  assert_equal "$(base64 -d <<<"$output")" alice
  run kubectl get secret s1 -o jsonpath='{.data.pass}'
  assert_equal "$(base64 -d <<<"$output")" 'p@ss word'
  run kubectl get secret s1 -o jsonpath='{.type}'
  assert_output Opaque
  run kubectl get secrets --no-headers
  assert_line --regexp '^s1 +Opaque +2 +'
  run kubectl describe secret s1
  assert_success
  assert_output --partial 'Type:  Opaque'
  assert_output --regexp 'user: +5 bytes'
}

@test "kubectl create secret docker-registry makes a valid dockerconfigjson secret" {
  run kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=bob --docker-password=hunter22
  assert_success
  assert_output 'secret/regcred created'
  run kubectl get secret regcred -o jsonpath='{.type}'
  assert_output kubernetes.io/dockerconfigjson
  run kubectl get secret regcred -o jsonpath='{.data.\.dockerconfigjson}'
  assert_success
  run jq -r '.auths["registry.example.com"].password' <<<"$(base64 -d <<<"$output")"
  assert_output hunter22
}

@test "stringData is merged into data and is neither returned nor stored" {
  kubectl apply -f - <<YAML
apiVersion: v1
kind: Secret
metadata: {name: sd}
stringData: {token: plain-text-value-1234}
YAML
  run kubectl get secret sd -o json
  assert_success
  run jq -r '.data.token | @base64d' <<<"$output"
  assert_output plain-text-value-1234
  run kubectl get secret sd -o json
  run jq 'has("stringData")' <<<"$output"
  assert_output false
  run sqlite3 "file:$RDD_DIR/rdd.sqlite3?mode=ro" .dump
  assert_success
  refute_output --partial plain-text-value-1234
  refute_output --partial stringData
}

@test "a data value that is not base64 is refused; get, delete" {
  run kubectl create -f - <<YAML
apiVersion: v1
kind: Secret
metadata: {name: bad}
data: {k: "not base64!"}
YAML
  assert_failure
  assert_output --partial 'is invalid'
  run kubectl delete secret s1
  assert_success
  assert_output 'secret "s1" deleted'
  run kubectl get secret s1
  assert_failure
  assert_output --partial 'secrets "s1" not found'
}

@test "kubectl get validatingwebhookconfigurations lists the in-process admission plugins, which are read-only" {
  run kubectl get validatingwebhookconfigurations --no-headers
  assert_success
  assert_line --regexp '^mirror-validator.containers.rancherdesktop.io +1 +'
  run kubectl get mutatingwebhookconfigurations -o name
  assert_output --partial 'app-defaulter.app.rancherdesktop.io'
  run kubectl get validatingwebhookconfiguration mirror-validator.containers.rancherdesktop.io -o jsonpath='{.webhooks[0].clientConfig.url}'
  assert_output 'inprocess://rdd'
  run kubectl delete validatingwebhookconfiguration mirror-validator.containers.rancherdesktop.io
  assert_failure
  assert_output --partial 'is forbidden'
  assert_output --partial 'read-only'
}
