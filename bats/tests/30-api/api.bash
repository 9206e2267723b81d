# shellcheck shell=bash
# Shared setup of the 30-api files: one foreground `rdd svc serve` per file, with a private instance
# (RDD_INSTANCE=<suite instance>-<file>), the test CRDs of the Java tests (--extra-crds), and kubectl pointed at
# the service's kubeconfig with a private discovery cache.

API_CRDS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/integration-tests/src/test/resources/crds"

api_setup_file() {
  load ../../helpers/load
  RDD_INSTANCE="${RDD_INSTANCE:-bats-api}-$(basename "$BATS_TEST_FILENAME" .bats)"
  export RDD_INSTANCE
  eval "$(rdd svc paths -o shell)"
  export RDD_DIR RDD_SHORT_DIR RDD_CONFIG RDD_PID_FILE RDD_TLS_DIR
  rm -rf "$RDD_DIR" "$RDD_SHORT_DIR"
  export API_SOCKET="$RDD_SHORT_DIR/rdd.sock"
  export KUBECONFIG="$RDD_CONFIG"
  export KUBECACHEDIR="$BATS_FILE_TMPDIR/kube-cache"
  export API_LOG="$BATS_FILE_TMPDIR/serve.log"
  # The launcher execs java, so $! is the service's PID. fd 3 is closed so bats does not wait for it.
  "${RDD_BIN:-$RDD_REPO/rdd}" svc serve --extra-crds "$API_CRDS_DIR" >"$API_LOG" 2>&1 3>&- &
  echo $! >"$BATS_FILE_TMPDIR/serve.pid"
  api_wait_ready 90
}

# api_wait_ready SECONDS: polls /readyz over the Unix socket until it answers 200 (fails at the deadline).
api_wait_ready() {
  local deadline=$((SECONDS + $1)) pid
  pid=$(cat "$BATS_FILE_TMPDIR/serve.pid")
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --unix-socket "$API_SOCKET" http://localhost/readyz 2>/dev/null)" == 200 ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "rdd svc serve exited; log:" >&2
      cat "$API_LOG" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "rdd svc serve not ready after $1 s; log:" >&2
      cat "$API_LOG" >&2
      return 1
    fi
    sleep 0.2
  done
}

api_teardown_file() {
  local pid deadline
  pid=$(cat "$BATS_FILE_TMPDIR/serve.pid" 2>/dev/null) || true
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$RDD_DIR" "$RDD_SHORT_DIR"
}

# The HTTPS port the service bound (from its kubeconfig).
api_port() {
  sed -n 's|.*server: https://127.0.0.1:\([0-9]*\).*|\1|p' "$RDD_CONFIG"
}
