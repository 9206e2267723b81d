#!/usr/bin/env bash
# GUI benchmark (docs/benchmarks.md, "GUI"): API change → row latency, 5,000 images (live and at start-up), and the
# idle CPU and RSS of the real ./rdd-gui process over 60 s. Runs on private Xvfb displays with a tray host and private
# instance homes; touches no user instance. Needs Xvfb and trayer (apt-get install xvfb trayer).
# Usage: scripts/bench/gui.sh [--images N] [--changes N] [--idle-seconds N] [--results FILE]
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
images=5000 changes=100 idle=60 results=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --images) images=$2; shift 2 ;;
    --changes) changes=$2; shift 2 ;;
    --idle-seconds) idle=$2; shift 2 ;;
    --results) results=$2; shift 2 ;;
    *) echo "gui.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
source "$repo/scripts/lib/jdk.sh"
rdd_find_jdk
rdd_maven_opts
out="$repo/app-ui/target/bench"
mkdir -p "$out"

# 1. In-process measurements (real service, real GUI session, real display).
if ! "$repo/app-ui/scripts/run-tool.sh" GuiBenchmark measure "$out/measured.properties" --changes "$changes" \
    --images "$images" 2>"$out/measure.log"; then
  echo "gui.sh: the measurement failed; last lines of $out/measure.log:" >&2
  grep -v 'level=' "$out/measure.log" | tail -20 >&2
  exit 1
fi
cat "$out/measured.properties" >&2

# 2. Idle CPU and RSS of the real rdd-gui process, attached to a separate service holding the demo desktop + N images.
cp_file="$repo/app-ui/target/tool.classpath"
home=$(mktemp -d /tmp/rdd-gui-bench.XXXXXX)
display=":$((80 + RANDOM % 9))"
pids=()
cleanup() {
  # Newest first, each gone before the next: the GUI must not lose its X display (Xvfb) while it shuts down, or its
  # toolkit crashes in native code (and leaves an hs_err file).
  local i n
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
    for ((n = 0; n < 100; n++)); do kill -0 "${pids[i]}" 2>/dev/null || break; sleep 0.1; done # up to 10 s
    kill -9 "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  rm -rf "$home"
}
trap cleanup EXIT
# The service runs in the tool's JVM: it writes the demo mirrors as the test, which only an in-process service allows
# (only the engine controller may create mirrors, and its token never leaves the service).
"$JAVA_HOME/bin/java" -Duser.home="$home" --enable-native-access=ALL-UNNAMED \
  -cp "$repo/app-ui/target/test-classes:$repo/app-ui/target/classes:$(cat "$cp_file")" \
  io.rancherdesktop.rdd.ui.tools.GuiBenchmark serve guibench "$images" "$home/ready" >"$out/service.log" 2>&1 &
pids+=($!)
for _ in $(seq 1200); do [[ -f "$home/ready" ]] && break; sleep 0.1; done
[[ -f "$home/ready" ]] || { echo "gui.sh: the service did not start or fill; see $out/service.log" >&2; exit 1; }

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do [[ -e "/tmp/.X11-unix/X${display#:}" ]] && break; sleep 0.1; done
DISPLAY=$display trayer --edge top --align right --widthtype request --height 28 --SetDockType true >/dev/null 2>&1 &
pids+=($!)
RDD_GUI_JAVA_OPTS="-Duser.home=$home -Dprism.order=sw -XX:ErrorFile=$out/hs_err_%p.log" DISPLAY=$display "$repo/rdd-gui" --instance guibench --log-level info \
  >"$out/gui.log" 2>&1 &
gui_launcher=$!
pids+=($gui_launcher)
for _ in $(seq 600); do grep -q 'rdd GUI for' "$out/gui.log" 2>/dev/null && break; sleep 0.1; done
grep -q 'rdd GUI for' "$out/gui.log" || { echo "gui.sh: rdd-gui did not start; see $out/gui.log" >&2; exit 1; }
gui_pid=$(pgrep -f -n "io.rancherdesktop.rdd.ui.RddApp --instance guibench")
# Let the initial list of N images land and the first frames draw before measuring idleness.
sleep 15
ticks() { awk '{print $14 + $15}' "/proc/$gui_pid/stat"; }
hz=$(getconf CLK_TCK)
t0=$(ticks); s0=$(date +%s.%N)
sleep "$idle"
t1=$(ticks); s1=$(date +%s.%N)
rss_kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$gui_pid/status")
cpu=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s0="$s0" -v s1="$s1" 'BEGIN { printf "%.2f", 100 * (b - a) / hz / (s1 - s0) }')
rss=$(awk -v k="$rss_kib" 'BEGIN { printf "%.0f", k / 1024 }')
printf 'seconds=%s\nimages=%s\ncpu_percent=%s\nrss_mib=%s\n' "$idle" "$images" "$cpu" "$rss" | tee "$out/idle.properties" >&2

# 3. The section of docs/benchmarks.md.
"$JAVA_HOME/bin/java" -cp "$repo/app-ui/target/test-classes:$repo/app-ui/target/classes:$(cat "$cp_file")" \
  io.rancherdesktop.rdd.ui.tools.GuiBenchmark report "$out/measured.properties" "$out/idle.properties" "$repo/docs/benchmarks.md"

# 4. The figures and their goals for scripts/bench/run (issue 7: idle CPU < 1 % of a core).
if [[ -n "$results" ]]; then
  # shellcheck source=lib/results.sh
  source "$repo/scripts/bench/lib/results.sh"
  prop() { sed -n "s/^$1=//p" "$out/measured.properties"; }
  bench_results_begin "$results"
  bench_result gui.idle.cpu "$cpu" "% of a core" "< 1" "$idle s, $images images, window showing"
  bench_result gui.idle.rss "$rss" "MiB" "" ""
  bench_result gui.engine_event_to_row_drawn.p50 "$(prop engine.drawn_p50_ms)" "ms" "" "docker pause/unpause on a real dockerd"
  bench_result gui.engine_event_to_row_drawn.p95 "$(prop engine.drawn_p95_ms)" "ms" "" ""
  bench_result gui.api_change_to_row_drawn.p95 "$(prop latency.drawn_p95_ms)" "ms" "" ""
  bench_result gui.render_5000_images_at_start "$(prop startup.rendered_ms)" "ms" "" "$(prop startup.images) images already in the API"
  bench_result gui.live_images_after_last_write "$(prop live.after_last_write_ms)" "ms" "" "$(prop live.images) images written while showing"
fi
