#!/usr/bin/env bash
# Runs a test-scope tool of app-ui (io.rancherdesktop.rdd.ui.tools.*) on a private Xvfb display with a tray host:
#   app-ui/scripts/run-tool.sh <ToolClass> [args…]
# Builds what is needed, starts Xvfb and trayer, runs the tool with real glass (GTK), stops both afterwards.
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
tool=$1; shift
source "$repo/scripts/lib/jdk.sh"
rdd_find_jdk || exit 1
rdd_maven_opts
for cmd in Xvfb trayer; do
  command -v "$cmd" >/dev/null || { echo "run-tool: $cmd is missing (apt-get install xvfb trayer)" >&2; exit 1; }
done
target="$repo/app-ui/target"
cp_file="$target/tool.classpath"
(cd "$repo" && ./mvnw -B -ntp -q -pl app-ui -am test-compile -Dmaven.test.skip.exec=true \
   dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file") >"$target/tool-build.log" 2>&1 \
  || { echo "run-tool: build failed, see $target/tool-build.log" >&2; tail -30 "$target/tool-build.log" >&2; exit 1; }

# Tools that start an engine use the process driver; this flag set works without netfilter and overlayfs.
export RDD_DOCKERD_ARGS=${RDD_DOCKERD_ARGS:---iptables=false --bridge=none --storage-driver=vfs}
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trayer_pid=""
cleanup() {
  [[ -n "$trayer_pid" ]] && kill "$trayer_pid" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 50); do [[ -e "/tmp/.X11-unix/X${display#:}" ]] && break; sleep 0.1; done
DISPLAY=$display trayer --edge top --align right --widthtype request --height 28 --transparent false \
  --tint 0xeeeeee --SetDockType true >/dev/null 2>&1 &
trayer_pid=$!
sleep 1
DISPLAY=$display GDK_BACKEND=x11 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -Dprism.order=sw -Djava.awt.headless=false ${RDD_TOOL_JAVA_OPTS:-} \
  -cp "$target/test-classes:$target/classes:$(cat "$cp_file")" "io.rancherdesktop.rdd.ui.tools.$tool" "$@"
