# The official Kubernetes JavaScript client (@kubernetes/client-node, pinned in compat/js/package-lock.json) against
# a real rdd service and engine: list, watch, an informer fed by Docker events, create without apiVersion/kind,
# merge and JSON patch, server-side apply with a conflict. docs/api-server.md, "Compatibility".

setup_file() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-compat RDD_DOCKERD_ARGS="--iptables=false --bridge=none --storage-driver=vfs"
  rdd svc delete --timeout=120s >/dev/null 2>&1 || true
  local js="$RDD_REPO/compat/js"
  if [[ ! -d "$js/node_modules/@kubernetes/client-node" ]]; then
    (cd "$js" && npm ci --no-audit --no-fund --loglevel=error) >&3 2>&1
  fi
  rdd start --timeout=180s >/dev/null
  KUBECONFIG=$(rdd svc paths config)
  DOCKER_HOST="unix://$(rdd svc paths docker_socket)"
  export KUBECONFIG DOCKER_HOST
  # The informer test needs an image in the instance's own engine.
  if ! docker image inspect "${RDD_TEST_IMAGE:-rdd-test/busybox:latest}" >/dev/null 2>&1; then
    docker -H "$RDD_TEST_DOCKER_HOST" save "${RDD_TEST_IMAGE:-rdd-test/busybox:latest}" | docker load >/dev/null
  fi
}

teardown_file() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-compat
  rdd stop --timeout=60s >/dev/null 2>&1 || true
  rdd svc delete --timeout=120s >/dev/null 2>&1 || true
}

setup() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-compat
}

js() { # <test name pattern>
  run node --test --test-reporter=tap --test-name-pattern="$1" "$RDD_REPO/compat/js/compat.test.mjs"
  echo "$output"
  assert_success
  assert_output --partial "# pass 1"
}

@test "js client: list namespaces, config maps and custom resources" { js '^list'; }
@test "js client: create a ConfigMap without apiVersion and kind" { js '^create without'; }
@test "js client: watch sees an ADDED event" { js '^watch'; }
@test "js client: merge patch and JSON patch, a failed test op is 422" { js '^merge patch'; }
@test "js client: server-side apply conflicts for a second manager and force wins" { js '^server-side apply'; }
@test "js client: an informer sees a container created with docker" { js '^informer'; }
