#!/usr/bin/env bats
# Two instances side by side: separate dirs, sockets, ports and kubeconfigs; stopping one leaves the other alone.

setup() {
  load ../../helpers/load
  load ../../helpers/service
}

teardown() {
  RDD_INSTANCE=bats-service-one rdd svc delete >/dev/null 2>&1 || true
  RDD_INSTANCE=bats-service-two rdd svc delete >/dev/null 2>&1 || true
}

@test "two instances run at once without interfering" {
  RDD_INSTANCE=bats-service-one rdd svc start
  RDD_INSTANCE=bats-service-two rdd svc start
  local one_cfg two_cfg one_port two_port
  one_cfg=$(RDD_INSTANCE=bats-service-one rdd svc paths config)
  two_cfg=$(RDD_INSTANCE=bats-service-two rdd svc paths config)
  refute [ "$one_cfg" = "$two_cfg" ]
  one_port=$(RDD_INSTANCE=bats-service-one kubeconfig_port)
  two_port=$(RDD_INSTANCE=bats-service-two kubeconfig_port)
  refute [ "$one_port" = "$two_port" ]
  refute [ "$(RDD_INSTANCE=bats-service-one service_pid)" = "$(RDD_INSTANCE=bats-service-two service_pid)" ]

  RDD_INSTANCE=bats-service-one rdd ctl apply -f - <<<'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"only-in-one"}}'
  run env RDD_INSTANCE=bats-service-two "$RDD_REPO/rdd" ctl get configmap only-in-one -n default
  assert_failure 1
  run kubectl --kubeconfig "$one_cfg" get configmap only-in-one -n default -o name
  assert_output configmap/only-in-one

  RDD_INSTANCE=bats-service-one rdd svc stop
  run env RDD_INSTANCE=bats-service-two "$RDD_REPO/rdd" --log-level=info svc status
  assert_output --partial 'control plane has been started: true'
  run kubectl --kubeconfig "$two_cfg" get --raw /readyz
  assert_success
}
