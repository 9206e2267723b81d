#!/usr/bin/env bats
# `rdd svc serve`: readiness, listeners and their protection, PID lock, service log.

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

@test "readyz reports the store and the apiserver ready over the Unix socket" {
  run curl -sf --unix-socket "$API_SOCKET" 'http://localhost/readyz?verbose'
  assert_success
  assert_line '[+]store ok'
  assert_line '[+]apiserver ok'
}

@test "the Unix socket is mode 0600" {
  run stat -c '%a' "$API_SOCKET"
  assert_output 600
}

@test "the kubeconfig is mode 0600 and names cluster, context and user root" {
  run stat -c '%a' "$RDD_CONFIG"
  assert_output 600
  run kubectl config view -o jsonpath='{.current-context} {.clusters[0].name} {.users[0].name}'
  assert_output 'root root root'
}

@test "TCP requests without the token get 401 Unauthorized" {
  run curl -s --cacert <(kubectl config view --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d) \
    -w '\n%{http_code}' "https://127.0.0.1:$(api_port)/api/v1/namespaces"
  assert_success
  assert_line --index 1 401
  assert_line --index 0 --partial '"reason":"Unauthorized"'
}

@test "TCP requests with the token and the CA are served" {
  local token
  token=$(kubectl config view --raw -o jsonpath='{.users[0].user.token}')
  run curl -sf --cacert <(kubectl config view --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d) \
    -H "Authorization: Bearer $token" "https://127.0.0.1:$(api_port)/version"
  assert_success
  assert_output --partial '"major":"1"'
}

@test "the service listens on no non-loopback address" {
  local pid
  pid=$(cat "$BATS_FILE_TMPDIR/serve.pid")
  run ss -Hltnp
  assert_success
  local mine
  mine=$(grep "pid=$pid," <<<"$output" || true)
  [[ -n "$mine" ]]
  run awk '{print $4}' <<<"$mine"
  for addr in "${lines[@]}"; do
    [[ "$addr" == 127.0.0.1:* || "$addr" == "[::ffff:127.0.0.1]:"* || "$addr" == "[::1]:"* ]] || fail "listening on $addr"
  done
}

@test "a second serve of the same instance fails: control plane is already running" {
  run "${RDD_BIN:-$RDD_REPO/rdd}" svc serve
  assert_failure 1
  run extract_msg
  assert_output --partial "\"rancher-desktop-$RDD_INSTANCE\" control plane is already running"
  refute_output --partial 'has stopped'
  run curl -sf --unix-socket "$API_SOCKET" http://localhost/readyz
  assert_success # the running service is unaffected
}

@test "the service log has the apiserver start lines" {
  run grep -c apiserver "$API_LOG"
  assert_success
  run extract_msg "$(cat "$API_LOG")"
  assert_output --partial 'apiserver is ready: https://127.0.0.1:'
}

@test "namespace default exists at first start" {
  run kubectl get namespace default -o jsonpath='{.status.phase}'
  assert_success
  assert_output Active
}
