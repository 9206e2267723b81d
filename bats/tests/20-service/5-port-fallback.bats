#!/usr/bin/env bats
# docs/design/test-plan.md §7 20-service/5-port-fallback: the API server port, and what happens when it is taken.

setup() {
  load ../../helpers/load
  load ../../helpers/service
  export RDD_INSTANCE=bats-service-port
  rdd svc delete >/dev/null 2>&1 || true
}

teardown() {
  release_ports
  rdd svc delete >/dev/null 2>&1 || true
}

@test "the default port 6443+index is in args.json and the kubeconfig" {
  rdd svc start
  # bats-service-port: index = 100 + (sum of char codes mod 100)
  local sum=0 i c
  for ((i = 0; i < ${#RDD_INSTANCE}; i++)); do
    printf -v c '%d' "'${RDD_INSTANCE:i:1}"
    sum=$((sum + c))
  done
  local expected=$((6443 + 100 + sum % 100))
  assert_equal "$(default_port)" "$expected"
  assert_equal "$(kubeconfig_port)" "$expected"
}

@test "a busy desired port falls back to another one" {
  rdd svc create
  local desired
  desired=$(default_port)
  occupy_port "$desired"
  rdd svc start
  local actual
  actual=$(kubeconfig_port)
  refute [ "$actual" = "$desired" ]
  assert [ "$actual" -gt 1024 ]
  run kubectl --kubeconfig "$(rdd svc paths config)" get --raw /readyz
  assert_success
}

@test "with the desired port and its neighbour busy a random port above 1024 is used" {
  rdd svc create
  local desired
  desired=$(default_port)
  occupy_port "$desired"
  occupy_port "$((desired + 1))"
  rdd svc start
  local actual
  actual=$(kubeconfig_port)
  refute [ "$actual" = "$desired" ]
  refute [ "$actual" = "$((desired + 1))" ]
  assert [ "$actual" -gt 1024 ]
}

@test "a busy --secure-port 7000 falls back" {
  occupy_port 7000
  rdd svc start --secure-port 7000
  local actual
  actual=$(kubeconfig_port)
  refute [ "$actual" = 7000 ]
  assert [ "$actual" -gt 1024 ]
}

@test "create --secure-port 7777 persists across restarts" {
  rdd svc create --secure-port 7777
  assert_equal "$(saved_port)" 7777
  rdd svc start
  assert_equal "$(kubeconfig_port)" 7777
  rdd svc stop
  rdd svc start
  assert_equal "$(kubeconfig_port)" 7777
}
