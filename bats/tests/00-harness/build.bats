#!/usr/bin/env bats
# scripts/lib/build.sh: the build-when-stale routine of ./rdd and ./rdd-gui, against a stand-in Maven (fast).

setup() {
  load ../../helpers/load
  repo=$(mktemp -d "${BATS_TEST_TMPDIR}/repo.XXXXXX")
  mkdir -p "$repo/mod/src" "$repo/mod/target/lib"
  echo 'class A {}' >"$repo/mod/src/A.java"
  # Like Maven's jar plugin: the jar is rewritten in place (same inode).
  cat >"$repo/mvnw" <<'SH'
#!/usr/bin/env bash
printf 'built %s\n' "$(date +%s%N)" >mod/target/m.jar
SH
  chmod +x "$repo/mvnw"
  source "$BATS_TEST_DIRNAME/../../../scripts/lib/build.sh"
}

build() {
  rdd_build_module "$repo" mod m "the module" "$repo/mod/target/m.jar" "$repo/mod/target/lib" -- "$repo/mod/src"
}

@test "a stale jar is rebuilt, a fresh one is not" {
  run build
  assert_success
  assert_output --partial 'm: build done'
  first=$(cat "$repo/mod/target/m.jar")
  run build
  assert_success
  assert_output ''
  assert_equal "$(cat "$repo/mod/target/m.jar")" "$first"
}

@test "a rebuild leaves the jar a running JVM has open untouched" {
  build 2>/dev/null
  old=$(cat "$repo/mod/target/m.jar")
  exec 7<"$repo/mod/target/m.jar" # what a running service holds
  touch -d '+2 seconds' "$repo/mod/src/A.java"
  run build
  assert_success
  assert_not_equal "$(cat "$repo/mod/target/m.jar")" "$old"
  assert_equal "$(cat /proc/self/fd/7)" "$old"
  exec 7<&-
  assert_file_not_exist "$repo/mod/target/m.jar.replaced"
}
