#!/usr/bin/env bash
# CLI start-up benchmark (docs/benchmarks.md, section "CLI"): wall time of
#   rdd ctl get configmaps -n default -o name   vs   kubectl get configmaps -n default -o name  (same server)
#   rdd svc paths                                (purely local; goal <= 100 ms)
# Median of RUNS runs each (default 25), interleaved so both commands see the same machine load.
# Uses a throw-away instance (RDD_INSTANCE=bench-cli) that it deletes at the end.
#   scripts/bench/cli.sh            print the figures
#   scripts/bench/cli.sh --write    also replace the CLI section of docs/benchmarks.md
#   scripts/bench/cli.sh --results F  also write the figures and their goals to F (TSV, scripts/bench/lib/results.sh)
# scripts/bench/run runs it with both.
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
runs=${RUNS:-25}
write=0 results=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --write) write=1; shift ;;
    --results) results=$2; shift 2 ;;
    *) echo "cli.sh: unknown argument $1 (--write, --results FILE)" >&2; exit 2 ;;
  esac
done
# shellcheck source=lib/results.sh
source "$repo/scripts/bench/lib/results.sh"
export RDD_INSTANCE=bench-cli
unset RDD_LOG_LEVEL
rdd="$repo/rdd"
# shellcheck source=../lib/jdk.sh
source "$repo/scripts/lib/jdk.sh"
rdd_find_jdk || exit 1
kubectl=$(command -v kubectl) || { echo "bench: kubectl is needed on PATH" >&2; exit 1; }

"$rdd" version >/dev/null # builds the jar and the AOT cache if needed
trap '"$rdd" svc delete >/dev/null 2>&1 || true' EXIT
"$rdd" svc start >/dev/null 2>&1
cfg=$("$rdd" svc paths config)
for i in 1 2 3 4 5; do
  "$kubectl" --kubeconfig "$cfg" create configmap "bench-$i" -n default --from-literal=k=v >/dev/null 2>&1 || true
done
# Warm both: the rdd discovery cache and kubectl's own discovery cache (~/.kube/cache).
"$rdd" ctl get configmaps -n default -o name >/dev/null
"$kubectl" --kubeconfig "$cfg" get configmaps -n default -o name >/dev/null
[[ "$("$rdd" ctl get configmaps -n default -o name)" == "$("$kubectl" --kubeconfig "$cfg" get configmaps -n default -o name)" ]] \
  || { echo "bench: rdd ctl get and kubectl get disagree" >&2; exit 1; }

now_ms() { date +%s%N | awk '{printf "%.1f", $1 / 1000000}'; }
time_ms() { # <cmd…>: one run's wall time in ms
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f\n", (b - a) / 1000000}'
}
cpu_ms() { # <n> <cmd…>: user+sys CPU per run in ms (less sensitive to other load than wall time)
  local n=$1 t
  shift
  local TIMEFORMAT='%U %S'
  t=$({ time (for ((j = 0; j < n; j++)); do "$@" >/dev/null 2>&1; done); } 2>&1)
  awk -v n="$n" '{printf "%.1f", ($1 + $2) * 1000 / n}' <<<"$t"
}
median() { sort -n | awk '{v[NR]=$1} END{if (NR % 2) print v[(NR+1)/2]; else printf "%.1f\n", (v[NR/2] + v[NR/2+1]) / 2}'; }

# The JVM command ./rdd runs, without the bash launcher, to show what the launcher itself costs.
java_rdd=("$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k
  -XX:AOTCache="$repo/launcher/target/rdd.aot" -Xlog:aot=off -Xlog:cds=off -jar "$repo/launcher/target/rdd.jar")
load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
rdd_get=() java_get=() kubectl_get=() paths=() java_paths=()
for ((i = 0; i < runs; i++)); do
  rdd_get+=("$(time_ms "$rdd" ctl get configmaps -n default -o name)")
  kubectl_get+=("$(time_ms "$kubectl" --kubeconfig "$cfg" get configmaps -n default -o name)")
  java_get+=("$(time_ms "${java_rdd[@]}" ctl get configmaps -n default -o name)")
  paths+=("$(time_ms "$rdd" svc paths)")
  java_paths+=("$(time_ms "${java_rdd[@]}" svc paths)")
done
cpu_rdd=$(cpu_ms "$runs" "$rdd" ctl get configmaps -n default -o name)
cpu_kubectl=$(cpu_ms "$runs" "$kubectl" --kubeconfig "$cfg" get configmaps -n default -o name)
load_after=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
m_rdd=$(printf '%s\n' "${rdd_get[@]}" | median)
m_java=$(printf '%s\n' "${java_get[@]}" | median)
m_kubectl=$(printf '%s\n' "${kubectl_get[@]}" | median)
m_paths=$(printf '%s\n' "${paths[@]}" | median)
m_java_paths=$(printf '%s\n' "${java_paths[@]}" | median)
ratio=$(awk -v a="$m_rdd" -v b="$m_kubectl" 'BEGIN{printf "%.2f", a / b}')
ratio_java=$(awk -v a="$m_java" -v b="$m_kubectl" 'BEGIN{printf "%.2f", a / b}')
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || uname -m)
report=$(cat <<EOR
## CLI

Measured $(date -u +%Y-%m-%d) on $(nproc) CPUs ($cpu), JDK $("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p'),
$("$kubectl" version --client 2>/dev/null | head -1 | sed 's/Client Version: /kubectl /'); median of $runs runs each, interleaved,
warm caches (rdd's discovery cache, kubectl's ~/.kube/cache), 5 ConfigMaps in \`default\`;
load average ${load_before} before, ${load_after} after (the machine is shared: compare the ratios, not the absolute times).
Reproduce with \`scripts/bench/cli.sh\` (\`--write\` updates this section).

| command | median wall time | goal |
|---|---|---|
| \`./rdd ctl get configmaps -n default -o name\` | ${m_rdd} ms | <= 1.5 x kubectl |
| the same JVM command without the \`./rdd\` bash launcher | ${m_java} ms | |
| \`kubectl get configmaps -n default -o name\` (same server) | ${m_kubectl} ms | |
| ratio ./rdd / kubectl (JVM only / kubectl) | ${ratio} (${ratio_java}) | <= 1.5 |
| \`./rdd svc paths\` (JVM only) | ${m_paths} ms (${m_java_paths} ms) | <= 100 ms |
| CPU (user+sys) per \`./rdd ctl get\` / per \`kubectl get\` | ${cpu_rdd} ms / ${cpu_kubectl} ms | |

\`./rdd\` runs the JVM with the AOT cache \`launcher/target/rdd.aot\` (built after each build by
\`scripts/build-aot-cache.sh\`), and the hot commands bypass picocli, whose Java 5 class files the AOT cache
cannot hold. \`rdd ctl get\` is one request over the Unix socket when the discovery cache is warm.
The JVM spends more CPU than kubectl (last row) but spreads it over threads, so the wall-time ratio depends on
how busy the machine is: close to 1 on an idle machine, towards the CPU ratio on a loaded one. docs/cli.md
("Start-up time") explains where the time goes.
EOR
)
echo "$report"
if [[ -n "$results" ]]; then
  bench_results_begin "$results"
  bench_result cli.get.ratio_to_kubectl "$ratio" "x" "<= 1.5" "kubectl get on the same server (median of $runs)"
  bench_result cli.get.wall "$m_rdd" "ms" "" ""
  bench_result cli.get.kubectl_wall "$m_kubectl" "ms" "" ""
  bench_result cli.paths.wall "$m_paths" "ms" "<= 100" ""
  bench_result cli.get.cpu_ratio_to_kubectl "$(awk -v a="$cpu_rdd" -v b="$cpu_kubectl" 'BEGIN{printf "%.2f", a / b}')" "x" "" "kubectl get (user+sys CPU)"
fi
if [[ $write -eq 1 ]]; then
  doc="$repo/docs/benchmarks.md"
  [[ -f "$doc" ]] || printf '# Benchmarks\n\nEach section is written by its script under scripts/bench/.\n' >"$doc"
  python3 - "$doc" "$report" <<'EOP'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
block = "<!-- bench:cli:start -->\n" + section + "\n<!-- bench:cli:end -->"
if "<!-- bench:cli:start -->" in text:
    text = re.sub(r"<!-- bench:cli:start -->.*?<!-- bench:cli:end -->", lambda m: block, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
open(path, "w").write(text)
EOP
  echo "bench: updated $doc" >&2
fi
