# shellcheck shell=bash
# Helpers for the service lifecycle suites (20-service): ports, the kubeconfig, the service process.

# The API server port in the instance kubeconfig (server: https://127.0.0.1:<port>).
kubeconfig_port() {
  sed -n 's|.*server: *https://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$(rdd svc paths config)"
}

# The last --secure-port saved in args.json (a later flag wins).
saved_port() {
  grep -o '"--secure-port","[0-9]*"' "$(rdd svc paths args_file)" | tail -1 | grep -o '[0-9][0-9]*'
}

# The first --secure-port in args.json: the instance default 6443+index.
default_port() {
  grep -o '"--secure-port","[0-9]*"' "$(rdd svc paths args_file)" | head -1 | grep -o '[0-9][0-9]*'
}

# The PID of the running service (from its PID file).
service_pid() {
  tr -d '[:space:]' <"$(rdd svc paths pid_file)"
}

# occupy_port PORT: listens on 127.0.0.1:PORT in the background until release_ports.
occupy_port() {
  local port=$1
  python3 -c 'import socket,sys,time
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1)
while True: time.sleep(3600)' "$port" 3>&- &
  _RDD_PORT_HOLDERS+=("$!")
  local n=0
  until ss -ltn "sport = :$port" | grep -q LISTEN; do
    n=$((n + 1))
    ((n < 100)) || { echo "could not occupy port $port" >&2; return 1; }
    sleep 0.1
  done
}

release_ports() {
  local pid
  for pid in "${_RDD_PORT_HOLDERS[@]:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  _RDD_PORT_HOLDERS=()
}

# Replaces $output (and $lines) with the text of its log lines' msg="…" (unescaped), for assertions on messages.
msgs() {
  output=$(extract_msg "$output")
  mapfile -t lines <<<"$output"
}
