#!/usr/bin/env bash
# Builds the JDK 25 AOT cache launcher/target/rdd.aot that ./rdd uses (-XX:AOTCache) to start faster.
# Training run: one JVM (io.rancherdesktop.rdd.cli.AotTraining) runs the CLI's hot commands - version, svc paths,
# svc status and ctl get against a canned API it serves itself - under -XX:AOTCacheOutput; the JVM writes the
# cache when it exits (about 2 s in all, no service needed). The class path and the JVM flags must be exactly
# those ./rdd uses, or the JVM ignores the cache; scripts/lib/build.sh reruns this after every build.
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=lib/jdk.sh
source "$repo/scripts/lib/jdk.sh"
rdd_find_jdk || exit 1
jar="$repo/launcher/target/rdd.jar"
aot="$repo/launcher/target/rdd.aot"
[[ -f "$jar" ]] || { echo "build-aot-cache: $jar is missing; build first (./rdd version builds it)" >&2; exit 1; }

# Keep in step with ./rdd: an AOT cache only serves a JVM started with compatible options.
jvm_opts=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k)
home=$(mktemp -d "${TMPDIR:-/tmp}/rdd-aot-training-XXXXXX")
trap 'rm -rf "$home"' EXIT
log="$repo/launcher/target/rdd-aot.log"
tmp="$aot.tmp"
rm -f "$tmp"
if ! env -u RDD_LOG_DIR -u RDD_INSTANCE "$JAVA_HOME/bin/java" "${jvm_opts[@]}" -Duser.home="$home" \
    -XX:AOTCacheOutput="$tmp" -Xlog:aot=warning -Xlog:cds=warning \
    -cp "$jar" io.rancherdesktop.rdd.cli.AotTraining >"$log" 2>&1; then
  echo "build-aot-cache: training failed; see $log" >&2
  rm -f "$tmp"
  exit 1
fi
mv -f "$tmp" "$aot"
echo "build-aot-cache: wrote $aot ($(du -h "$aot" | cut -f1))" >&2
