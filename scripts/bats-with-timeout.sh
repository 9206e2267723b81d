#!/usr/bin/env bash
# Usage: bats-with-timeout.sh <seconds> <cmd…>  (docs/design/test-plan.md §9)
# Runs a BATS command with a deadline (0 disables it). On a deadline: writes a "timeout" support bundle,
# asks the rdd service for a thread dump (SIGQUIT; a JVM prints it to rdd.stdout.log), then stops the
# command (SIGTERM, SIGKILL after 30 s). Always: writes a "post-run" bundle, kills this instance's leftover
# processes, and exits with the command's own status.
set -uo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 <seconds> <cmd…>" >&2; exit 2; }
timeout_s=$1; shift
export RDD_KEEP_LOGS=1
here=$(cd "$(dirname "$0")" && pwd)
rdd="$here/../rdd"
[[ -x "$rdd" ]] || { echo "$rdd is missing" >&2; exit 2; }
instance=${RDD_INSTANCE:-2}
# svc paths is purely local, so it answers even while the service hangs [S5].
log_dir=$("$rdd" svc paths log_dir 2>/dev/null) || log_dir=${TMPDIR:-/tmp}
pid_file=$("$rdd" svc paths pid_file 2>/dev/null) || pid_file=""
docker_socket=$("$rdd" svc paths docker_socket 2>/dev/null) || docker_socket=""
mkdir -p "$log_dir"
bundle="$log_dir/support-bundle.log"

# Processes of this instance: the command line names it with a terminator, so bats-cli never matches bats-cli-extra.
instance_pids() {
  local pid cmd
  for pid in $(pgrep -f -- "rancher-desktop-${instance}|\.rd${instance}/|RDD_INSTANCE=${instance} " 2>/dev/null); do
    [[ $pid == "$$" ]] && continue
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || continue
    if [[ $cmd =~ (rancher-desktop-${instance}[/\ ]|rancher-desktop-${instance}$|\.rd${instance}/|RDD_INSTANCE=${instance}\ ) ]]; then
      echo "$pid"
    fi
  done
}

probe() { # <title> <cmd…>: every probe runs under timeout
  echo "--- $1"
  shift
  timeout 20 "$@" 2>&1 || echo "(exit $?)"
}

write_bundle() { # <kind>
  {
    echo "=== support bundle: $1 at $(date -u +%FT%TZ) (instance $instance)"
    probe "uname" uname -a
    probe "process tree" ps -eo pid,ppid,pgid,stat,wchan:32,etime,args --forest
    local pid
    for pid in $(pgrep -f 'bats|rdd|java|dockerd|containerd|limactl|qemu' 2>/dev/null); do
      [[ -r /proc/$pid/cmdline ]] || continue
      echo "--- pid $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-400)"
      echo "    state: $(awk '/^State:/{print $2,$3}' "/proc/$pid/status" 2>/dev/null) wchan: $(cat "/proc/$pid/wchan" 2>/dev/null) pgid: $(ps -o pgid= -p "$pid" 2>/dev/null)"
      ls -l "/proc/$pid/fd" 2>/dev/null | sed 's/^/    /'
    done
    probe "sockets" ss -xap
    probe "tcp listeners" ss -ltnp
    probe "memory" free -m
    probe "oom messages" sh -c 'dmesg 2>/dev/null | grep -i -E "oom|killed process" | tail -50'
    probe "rdd svc status" "$rdd" --log-level=info svc status
    if [[ -n "$docker_socket" && -S "$docker_socket" ]]; then
      probe "docker ps -a" docker -H "unix://$docker_socket" ps -a
    fi
    probe "service stderr log (tail)" tail -n 200 "$log_dir/rdd.stderr.log"
  } >>"$bundle" 2>&1
}

"$@" &
cmd_pid=$!
timed_out=0
if [[ $timeout_s -gt 0 ]]; then
  deadline=$((SECONDS + timeout_s))
  while kill -0 "$cmd_pid" 2>/dev/null; do
    if (( SECONDS >= deadline )); then
      timed_out=1
      echo "bats-with-timeout: deadline of ${timeout_s}s reached; writing $bundle" >&2
      write_bundle timeout
      if [[ -n "$pid_file" && -f "$pid_file" ]]; then
        kill -QUIT "$(cat "$pid_file")" 2>/dev/null
        timeout 2 tail --pid="$(cat "$pid_file")" -f /dev/null 2>/dev/null
      fi
      kill -TERM "$cmd_pid" 2>/dev/null
      timeout 30 tail --pid="$cmd_pid" -f /dev/null 2>/dev/null || kill -KILL "$cmd_pid" 2>/dev/null
      break
    fi
    timeout 1 tail --pid="$cmd_pid" -f /dev/null 2>/dev/null
  done
fi
wait "$cmd_pid"
status=$?
[[ $timed_out -eq 1 && $status -eq 0 ]] && status=124
write_bundle post-run
for pid in $(instance_pids); do
  kill -KILL "$pid" 2>/dev/null
done
exit "$status"
