#!/usr/bin/env bash
# Installer figures for packaging/README.md: the size of the app image and of each installer, and the wall time of
# `rdd version` from the installed layout (the .deb unpacked with dpkg-deb -x into a temp root) with the AOT cache
# and without it (the same tree with lib/app/rdd.aot removed), and through jpackage's native launcher with the
# same rdd.cfg (which the package does not use for the CLI: packaging/README.md). Median of RUNS runs each (default 11), interleaved
# so both see the same machine load, after one warm-up run each.
#   scripts/bench/package.sh [DIR]   DIR: where scripts/package --type all puts its output (default: a temp dir,
#                                    removed at the end); an existing .deb in DIR is reused as it is
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
runs=${RUNS:-11}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rdd-bench-package-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
out=${1:-$tmp/out}
mkdir -p "$out"

deb=$(find "$out" -maxdepth 1 -name 'rdd_*.deb' | head -1)
if [[ -z $deb ]]; then
  "$repo/scripts/package" --type all --out "$out" >"$tmp/package.out"
  deb=$(sed -n 's/^deb //p' "$tmp/package.out")
fi
[[ -n $deb ]] || { echo "bench: no .deb in $out" >&2; exit 1; }

echo "sizes:"
du -sh "$out/rdd" | awk '{print "  app image (rdd/)       " $1}'
du -sh "$out/rdd/lib/runtime" "$out/rdd/lib/app" | awk '{print "    " $2 "  " $1}' | sed "s|$out/||"
ls -l "$out/rdd/lib/app/rdd.aot" | awk '{printf "      of which rdd.aot  %.0fM\n", $5 / 1048576}'
for f in "$out"/*.deb "$out"/*.rpm; do
  [[ -f $f ]] && ls -l "$f" | awk -v n="$(basename "$f")" '{printf "  %-22s %.1f MB\n", n, $5 / 1048576}'
done

with="$tmp/with" without="$tmp/without"
dpkg-deb -x "$deb" "$with"
cp -a "$with" "$without"
rm "$without/opt/rdd/lib/app/rdd.aot"
# jpackage's native launcher for the same cfg, for comparison: a launcher reads lib/app/<its name>.cfg.
cp "$with/opt/rdd/bin/rdd-gui" "$with/opt/rdd/bin/rdd-native"
cp "$with/opt/rdd/lib/app/rdd.cfg" "$with/opt/rdd/lib/app/rdd-native.cfg"
JAVA_TOOL_OPTIONS=-XX:AOTMode=on "$with/opt/rdd/bin/rdd-native" version >/dev/null 2>&1 \
  || { echo "bench: the native launcher does not use the AOT cache" >&2; exit 1; }
JAVA_TOOL_OPTIONS=-XX:AOTMode=on "$with/opt/rdd/bin/rdd" version >/dev/null 2>&1 \
  || { echo "bench: the installed rdd does not use its AOT cache" >&2; exit 1; }

time_ms() { # <cmd…>: one run's wall time in ms
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 100000)) | awk '{printf "%.1f\n", $1 / 10}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

"$with/opt/rdd/bin/rdd" version >/dev/null
"$without/opt/rdd/bin/rdd" version >/dev/null
"$with/opt/rdd/bin/rdd-native" version >/dev/null
: >"$tmp/with.ms"
: >"$tmp/without.ms"
: >"$tmp/native.ms"
for ((i = 0; i < runs; i++)); do
  time_ms "$with/opt/rdd/bin/rdd" version >>"$tmp/with.ms"
  time_ms "$without/opt/rdd/bin/rdd" version >>"$tmp/without.ms"
  time_ms "$with/opt/rdd/bin/rdd-native" version >>"$tmp/native.ms"
done
echo "rdd version from the installed layout, median of $runs ($(nproc) cores):"
echo "  with the AOT cache     $(median <"$tmp/with.ms") ms"
echo "  without it             $(median <"$tmp/without.ms") ms"
echo "  jpackage's native launcher, with the cache   $(median <"$tmp/native.ms") ms"
echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
