#!/usr/bin/env bash
# Logs pane and stats columns benchmark (docs/benchmarks.md, "Container logs and stats in the GUI"): (a) log line →
# Logs pane p99 against `docker logs -f` of the same lines, (b) a 10,000-lines/s container in the pane (frame gaps,
# lines shown), (c) CPU of service + GUI with 20 running containers, stats columns showing vs the Images tab (floor).
# A service JVM (process driver's real dockerd, needs root + docker.io) and the GUI JVM on a private Xvfb display
# (needs Xvfb and trayer); private instance home; touches no user instance. About 8 minutes with the defaults.
# Usage: scripts/bench/gui-tools.sh [--phases a,b,c] [--reps N] [--lines N] [--cpu-seconds N] [--containers N] [--results FILE]
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
results="" args=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --reps|--lines|--cpu-seconds|--containers|--phases) args+=("$1" "$2"); shift 2 ;;
    --results) results=$2; shift 2 ;;
    *) echo "gui-tools.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
source "$repo/scripts/lib/jdk.sh"
rdd_find_jdk
rdd_maven_opts
out="$repo/app-ui/target/bench"
mkdir -p "$out"
if ! "$repo/app-ui/scripts/run-tool.sh" LogsStatsBenchmark measure "$out/guitools.properties" "${args[@]}" \
    2>"$out/guitools.log"; then
  echo "gui-tools.sh: the measurement failed; last lines of $out/guitools.log:" >&2
  grep -v 'level=' "$out/guitools.log" | tail -20 >&2
  exit 1
fi
cat "$out/guitools.properties" >&2
cp_file="$repo/app-ui/target/tool.classpath"
"$JAVA_HOME/bin/java" -cp "$repo/app-ui/target/test-classes:$repo/app-ui/target/classes:$(cat "$cp_file")" \
  io.rancherdesktop.rdd.ui.tools.LogsStatsBenchmark report "$out/guitools.properties" "$repo/docs/benchmarks.md"
if [[ -n "$results" ]]; then
  # shellcheck source=lib/results.sh
  source "$repo/scripts/bench/lib/results.sh"
  prop() { sed -n "s/^$1=//p" "$out/guitools.properties"; }
  bench_results_begin "$results"
  bench_result guitools.log_line_to_pane.p99 "$(prop latency.gui.p99_ms)" "ms" "<= 100" "docker logs -f: p99 $(prop latency.cli.p99_ms) ms"
  bench_result guitools.log_line_to_pane.p50 "$(prop latency.gui.p50_ms)" "ms" "" "docker logs -f: p50 $(prop latency.cli.p50_ms) ms"
  bench_result guitools.flood_frame_gap.max "$(prop flood.gap_max_ms)" "ms" "<= 100" "pane idle: max $(prop flood.idle_gap_max_ms) ms"
  bench_result guitools.flood_frame_gap.p99 "$(prop flood.gap_p99_ms)" "ms" "" "pane idle: p99 $(prop flood.idle_gap_p99_ms) ms"
  bench_result guitools.flood_lines_shown_per_s "$(prop flood.shown_per_s)" "lines/s" "" "printed: $(prop flood.printed_per_s) lines/s"
  bench_result guitools.stats_cpu.service_plus_gui "$(prop cpu.stats.service+gui)" "% of a core" "<= 2" \
    "Images tab (no stats): $(prop cpu.floor.service+gui) %; dockerd $(prop cpu.stats.dockerd) % vs $(prop cpu.floor.dockerd) %"
fi
