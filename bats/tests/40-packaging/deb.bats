#!/usr/bin/env bats
# The installers of scripts/package (packaging/README.md): the .deb and the app image are built once for this
# file, the .deb is unpacked with dpkg-deb -x into a temp root (never installed on the machine) and the rdd in
# it is run from there: version, svc paths, the AOT cache, the service lifecycle, the rdd-gui launcher.

bats_require_minimum_version 1.5.0

setup_file() {
  export RDD_INSTANCE=${RDD_INSTANCE:-bats-packaging}
  PKG_TMP=$(mktemp -d "${TMPDIR:-/tmp}/rdd-bats-packaging-XXXXXX")
  export PKG_TMP PKG_OUT="$PKG_TMP/out" PKG_ROOT="$PKG_TMP/root"
  # xz (the shipped default) takes about a minute for this payload on 2 cores; zstd a second. Compression is
  # not what is under test here.
  local z=gzip
  dpkg-deb --help 2>&1 | grep -q zstd && z=zstd
  DPKG_DEB_COMPRESSOR_TYPE=$z "$BATS_TEST_DIRNAME/../../../scripts/package" --type deb --out "$PKG_OUT" \
    >"$PKG_TMP/package.out" 2>"$PKG_TMP/package.err" \
    || { cat "$PKG_TMP/package.err" >&3; return 1; }
  PKG_DEB=$(sed -n 's/^deb //p' "$PKG_TMP/package.out")
  PKG_IMAGE=$(sed -n 's/^app-image //p' "$PKG_TMP/package.out")
  export PKG_DEB PKG_IMAGE
  dpkg-deb -x "$PKG_DEB" "$PKG_ROOT"
  "$PKG_ROOT/opt/rdd/bin/rdd" svc delete >/dev/null 2>&1 || true
}

teardown_file() {
  # The installed rdd if the build got that far, else the checkout's: both remove the same instance.
  local rdd="$PKG_ROOT/opt/rdd/bin/rdd"
  [[ -x $rdd ]] || rdd="$BATS_TEST_DIRNAME/../../../rdd"
  "$rdd" svc delete >/dev/null 2>&1 || true
  rm -rf "$PKG_TMP"
}

setup() {
  load ../../helpers/load
  export RDD_INSTANCE=${RDD_INSTANCE:-bats-packaging}
  export RDD_BIN="$PKG_ROOT/opt/rdd/bin/rdd"
}

# The Maven project version as jpackage wants it: 0.1.0-SNAPSHOT -> 0.1.0.
maven_version() {
  sed -n 's/^version=//p' "$RDD_REPO/launcher/target/maven-archiver/pom.properties" | sed 's/-.*//'
}

@test "the .deb is package rdd at the Maven version and depends on GTK 3 and xdg-utils" {
  run dpkg-deb -f "$PKG_DEB" Package
  assert_output rdd
  run dpkg-deb -f "$PKG_DEB" Version
  assert_output "$(maven_version)"
  run dpkg-deb -f "$PKG_DEB" Depends
  assert_output --regexp '(^|, *)libgtk-3-0(,|$)'
  assert_output --regexp '(^|, *)xdg-utils(,|$)'
  run dpkg-deb -f "$PKG_DEB" Architecture
  assert_output "$(dpkg --print-architecture)"
}

@test "the .deb installs into /opt/rdd with both launchers linked from /usr/bin and a menu entry for the GUI only" {
  run dpkg-deb -c "$PKG_DEB"
  assert_success
  assert_line --regexp '^-rwxr-xr-x root/root .* \./opt/rdd/bin/rdd$'
  assert_line --regexp '^-rwxr-xr-x root/root .* \./opt/rdd/bin/rdd-gui$'
  assert_line --regexp ' \./opt/rdd/lib/app/rdd\.aot$'
  assert_line --regexp ' \./usr/bin/rdd -> /opt/rdd/bin/rdd$'
  assert_line --regexp ' \./usr/bin/rdd-gui -> /opt/rdd/bin/rdd-gui$'
  assert_line --regexp ' \./opt/rdd/lib/rdd-rdd-gui\.desktop$'
  refute_line --regexp ' \./opt/rdd/lib/rdd-rdd\.desktop$'
  # Nothing outside /opt/rdd but the two links.
  refute_line --regexp ' \./(etc|var|usr/(lib|share|local))/.'
  run dpkg-deb -I "$PKG_DEB" postinst
  assert_output --partial 'xdg-desktop-menu install /opt/rdd/lib/rdd-rdd-gui.desktop'
  refute_output --partial 'rdd-rdd.desktop'
}

@test "scripts/package also leaves the app image with both launchers and the AOT cache" {
  assert_file_executable "$PKG_IMAGE/bin/rdd"
  assert_file_executable "$PKG_IMAGE/bin/rdd-gui"
  assert_file_exist "$PKG_IMAGE/lib/app/rdd.aot"
  run "$PKG_IMAGE/bin/rdd" version
  assert_success
}

@test "the installed rdd prints the package's version, also through a symlink as /usr/bin/rdd is" {
  run rdd version
  assert_success
  assert_output "v$(dpkg-deb -f "$PKG_DEB" Version)"
  mkdir -p "$PKG_TMP/usr-bin"
  ln -sfn "$PKG_ROOT/opt/rdd/bin/rdd" "$PKG_TMP/usr-bin/rdd"
  JAVA_TOOL_OPTIONS=-XX:AOTMode=on run "$PKG_TMP/usr-bin/rdd" version
  assert_success
  assert_line "v$(dpkg-deb -f "$PKG_DEB" Version)"
}

@test "the installed rdd computes the instance's paths" {
  run rdd svc paths -o json
  assert_success
  local json=$output
  run jq -r .dir <<<"$json"
  assert_success
  assert_output --regexp "/rancher-desktop-$RDD_INSTANCE\$"
  run jq -r .pid_file <<<"$json"
  assert_output "$(rdd svc paths pid_file)"
}

@test "the installed rdd starts from its AOT cache, proven by the JVM" {
  # AOTMode=on: the JVM refuses to start when it cannot use the cache the launcher names.
  JAVA_TOOL_OPTIONS=-XX:AOTMode=on run rdd version
  assert_success
  assert_line "v$(dpkg-deb -f "$PKG_DEB" Version)"
  # And the CLI's own classes come out of it: only the AOT cache holds application classes.
  JAVA_TOOL_OPTIONS=-Xlog:class+load=info run rdd version
  assert_success
  assert_line --regexp 'io\.rancherdesktop\.rdd\.cli\.RddMain source: shared objects file'
  refute_line --regexp 'io\.rancherdesktop\.rdd\.cli\.RddMain source: (file|jar):'
}

@test "the installed rdd starts without asking the package manager, unlike jpackage's native launcher" {
  # Stand-ins for rpm and dpkg, first on PATH, that record each call and answer "not found".
  local fake="$PKG_TMP/fake-pm"
  mkdir -p "$fake"
  for cmd in rpm dpkg; do
    printf '#!/bin/sh\necho "%s $*" >>"%s/calls"\nexit 1\n' "$cmd" "$fake" >"$fake/$cmd"
    chmod +x "$fake/$cmd"
  done
  PATH="$fake:$PATH" run rdd version
  assert_success
  assert_file_not_exist "$fake/calls"
  # The control: rdd-gui is jpackage's native launcher, which asks on every start.
  PATH="$fake:$PATH" run "$PKG_ROOT/opt/rdd/bin/rdd-gui" --help
  assert_success
  assert_file_exist "$fake/calls"
  run cat "$fake/calls"
  assert_line --partial "dpkg -S $PKG_ROOT/opt/rdd/bin/rdd-gui"
}

@test "a cache the JVM rejects costs nothing but time: no message, same output" {
  # A copy of the installed tree whose rdd.jar has a new modification time, which the JVM checks.
  local copy="$PKG_TMP/rejected"
  cp -al "$PKG_ROOT/opt/rdd" "$copy"
  cp --remove-destination "$PKG_ROOT/opt/rdd/lib/app/rdd.jar" "$copy/lib/app/rdd.jar"
  touch "$copy/lib/app/rdd.jar"
  JAVA_TOOL_OPTIONS=-XX:AOTMode=on run "$copy/bin/rdd" version
  assert_failure # the check above can fail: this cache is not used
  run --separate-stderr "$copy/bin/rdd" version
  assert_success
  assert_output "v$(dpkg-deb -f "$PKG_DEB" Version)"
  [[ -z $stderr ]] || fail "stderr: $stderr"
  rm -rf "$copy"
}

@test "the installed rdd runs the service from its own runtime: svc start, ctl get, svc stop" {
  run rdd svc start
  assert_success
  # The detached service JVM is the image's runtime, not the checkout's JDK.
  local pid cmd
  pid=$(tr -d '[:space:]' <"$(rdd svc paths pid_file)")
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline")
  [[ $cmd == "$PKG_ROOT/opt/rdd/lib/runtime/bin/java "* ]] || fail "service command: $cmd"
  [[ $cmd == *" -cp $PKG_ROOT/opt/rdd/lib/app/rdd.jar "* ]] || fail "service command: $cmd"
  [[ $cmd == *" svc serve "* ]] || fail "service command: $cmd"
  # ... and its JVM options can use the image's AOT cache (AOTMode=on fails instead of running without it).
  local -a opts=()
  local arg
  while IFS= read -r arg; do
    [[ "$arg" == -cp ]] && break
    [[ "$arg" == -Xlog:aot=off || "$arg" == -Xlog:cds=off ]] && continue
    opts+=("$arg")
  done < <(tr '\0' '\n' <"/proc/$pid/cmdline" | tail -n +2)
  run "$PKG_ROOT/opt/rdd/lib/runtime/bin/java" "${opts[@]}" -XX:AOTMode=on -cp "$PKG_ROOT/opt/rdd/lib/app/rdd.jar" \
    io.rancherdesktop.rdd.cli.RddMain version
  assert_success
  run rdd ctl get namespaces -o name
  assert_success
  assert_line namespace/default
  run rdd svc stop
  assert_success
  run rdd --log-level=info svc status
  assert_output --partial 'control plane has been started: false'
  # Gone, or a zombie waiting for its reaper.
  try --max 50 --delay 0.1 bash -c "[[ ! -e /proc/$pid ]] || grep -q '^State:.*Z' /proc/$pid/status" \
    || fail "service $pid still runs"
}

@test "the rdd-gui launcher starts a JVM with JavaFX on its module path" {
  # --help returns before any window; the JVM has already resolved javafx.controls and javafx.swing at boot.
  run "$PKG_ROOT/opt/rdd/bin/rdd-gui" --help
  assert_success
  assert_line --partial 'Usage: rdd-gui'
  run grep -c '^app.classpath=\$APPDIR/javafx/' "$PKG_ROOT/opt/rdd/lib/app/rdd-gui.cfg"
  assert_output 0
  run grep -x 'java-options=--module-path=\$APPDIR/javafx' "$PKG_ROOT/opt/rdd/lib/app/rdd-gui.cfg"
  assert_success
}
