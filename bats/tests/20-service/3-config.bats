#!/usr/bin/env bats
# docs/design/test-plan.md §7 20-service/3-config: svc config starts the service when needed and prints the kubeconfig.

setup() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-service-config
  rdd svc delete >/dev/null 2>&1 || true
}

teardown() {
  rdd svc delete >/dev/null 2>&1 || true
}

@test "svc config auto-starts from a deleted state and prints the kubeconfig" {
  run rdd svc config
  assert_success
  assert_line 'apiVersion: v1'
  assert_line 'kind: Config'
  run rdd --log-level=info svc status
  assert_output --partial 'control plane has been started: true'
}
