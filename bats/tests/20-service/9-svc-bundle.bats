#!/usr/bin/env bats
bats_require_minimum_version 1.5.0
# rdd svc bundle: a support bundle (zip) with the instance's logs, configuration, status and, while the service
# runs, its API objects; never a secret (the bearer token, private keys, secret-named values). docs/support.md.

setup_file() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-service-bundle
  rdd svc delete >/dev/null 2>&1 || true
}

teardown_file() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-service-bundle
  rdd svc delete >/dev/null 2>&1 || true
}

setup() {
  load ../../helpers/load
  export RDD_INSTANCE=bats-service-bundle
  dir=$(rdd svc paths dir)
  log_dir=$(rdd svc paths log_dir)
  tls_dir=$(rdd svc paths tls_dir)
}

# The only .zip in $1.
bundle_in() {
  local f=("$1"/*.zip)
  [[ ${#f[@]} -eq 1 && -f ${f[0]} ]] || { echo "expected one bundle in $1: ${f[*]}" >&2; return 1; }
  echo "${f[0]}"
}

# Every entry of a bundle, concatenated (what a leak check greps).
bundle_text() {
  unzip -p "$1"
}

@test "svc bundle of a running service has the API objects, metrics and readiness, and no token or key material" {
  run rdd svc start
  assert_success
  token=$(cat "$tls_dir/token")
  [[ ${#token} -ge 16 ]]
  out=$BATS_TEST_TMPDIR/out
  mkdir -p "$out"
  RDD_TEST_PASSWORD=bats-planted-password-42 run --separate-stderr rdd svc bundle -o "$out"
  assert_success
  bundle=$(bundle_in "$out")
  # stdout is the path alone
  assert_output "$bundle"
  [[ $(basename "$bundle") =~ ^rdd-bundle-rancher-desktop-bats-service-bundle-[0-9]{8}T[0-9]{6}Z\.zip$ ]]
  # owner-only: it holds logs
  [[ $(stat -c %a "$bundle") == 600 ]]
  run unzip -Z1 "$bundle"
  assert_success
  for entry in manifest.json status.txt paths.txt environment.txt config/args.json config/config.yaml logs/rdd.stderr.log \
      api/version.json api/readyz.txt api/metrics.txt api/apps.json api/virtualmachines.json api/containernamespaces.json api/events.json; do
    assert_line --regexp "^rdd-bundle-[^/]+/$entry\$"
  done
  run unzip -p "$bundle" '*/manifest.json'
  assert_output --partial '"serviceRunning": true'
  assert_output --partial '"instance": "rancher-desktop-bats-service-bundle"'
  assert_output --partial '"rddVersion": "v'
  assert_output --partial '"jdk": "25'
  run unzip -p "$bundle" '*/api/readyz.txt'
  assert_output --partial '[+]store ok'
  run unzip -p "$bundle" '*/api/metrics.txt'
  assert_output --partial 'rdd_apiserver_requests_total{verb="list"'
  run unzip -p "$bundle" '*/config/config.yaml'
  assert_output --partial 'token: REDACTED'
  assert_output --partial 'certificate-authority-data: '
  run unzip -p "$bundle" '*/environment.txt'
  assert_line 'RDD_TEST_PASSWORD=REDACTED'
  # the leak check: neither the token nor any line of a private key nor the planted password is anywhere in it
  run bundle_text "$bundle"
  refute_output --partial "$token"
  refute_output --partial 'bats-planted-password-42'
  refute_output --partial 'PRIVATE KEY-----'$'\n''M'
  for key in "$tls_dir"/*.key; do
    while IFS= read -r line; do
      [[ $line == -----* || ${#line} -lt 16 ]] && continue
      refute_output --partial "$line"
    done <"$key"
  done
}

@test "svc bundle redacts secrets that reached the log files and does not follow symbolic links out of the log dir" {
  token=$(cat "$tls_dir/token")
  secret_file=$BATS_TEST_TMPDIR/outside-secret
  echo 'outside-the-log-dir-content' >"$secret_file"
  printf 'time="x" level=debug msg="calling with Authorization: Bearer %s"\nDOCKER_PASSWORD=hunter2-in-a-log\n-----BEGIN PRIVATE KEY-----\nMIGHAgEAkeybodykeybodykeybody\n-----END PRIVATE KEY-----\n' "$token" >"$log_dir/planted.log"
  ln -sf "$secret_file" "$log_dir/link.log"
  out=$BATS_TEST_TMPDIR/out
  mkdir -p "$out"
  run rdd svc bundle -o "$out"
  rm -f "$log_dir/planted.log" "$log_dir/link.log"
  assert_success
  bundle=$(bundle_in "$out")
  run unzip -p "$bundle" '*/logs/planted.log'
  assert_success
  assert_output --partial 'Bearer REDACTED'
  assert_output --partial 'DOCKER_PASSWORD=REDACTED'
  run bundle_text "$bundle"
  refute_output --partial "$token"
  refute_output --partial 'hunter2-in-a-log'
  refute_output --partial 'MIGHAgEAkeybodykeybodykeybody'
  refute_output --partial 'outside-the-log-dir-content'
  run unzip -p "$bundle" '*/manifest.json'
  assert_output --partial 'a symbolic link (not followed)'
}

@test "svc bundle with the service down still writes logs and configuration into the current dir and says what it skipped" {
  run rdd svc stop
  assert_success
  cd "$BATS_TEST_TMPDIR"
  run --separate-stderr rdd --log-level=info svc bundle
  assert_success
  bundle=$(bundle_in "$BATS_TEST_TMPDIR")
  assert_output "$bundle"
  [[ $(dirname "$bundle") == "$BATS_TEST_TMPDIR" ]]
  run extract_msg "$stderr"
  assert_output --partial 'control plane is not running: the bundle has its logs and configuration but no API objects'
  run unzip -Z1 "$bundle"
  assert_line --regexp '/logs/rdd.stderr.log$'
  assert_line --regexp '/config/args.json$'
  refute_line --regexp '/api/'
  run unzip -p "$bundle" '*/manifest.json'
  assert_output --partial '"serviceRunning": false'
  assert_output --partial '"name": "api/apps.json",'
  assert_output --partial '"reason": "the service is not running"'
  # it did not start the service
  run rdd --log-level=info svc status
  assert_output --partial 'control plane has been started: false'
}

@test "svc bundle refuses to overwrite a file or write into a missing dir (exit 1) and leaves nothing behind" {
  existing=$BATS_TEST_TMPDIR/existing.zip
  echo keep >"$existing"
  run rdd svc bundle -o "$existing"
  assert_failure 1
  run extract_msg "$output"
  assert_output --partial 'already exists'
  [[ $(cat "$existing") == keep ]]
  run rdd svc bundle -o "$BATS_TEST_TMPDIR/missing/dir/b.zip"
  assert_failure 1
  run extract_msg "$output"
  assert_output --partial 'is not a directory'
  [[ ! -e $BATS_TEST_TMPDIR/missing ]]
  run ls -A "$BATS_TEST_TMPDIR"
  assert_output 'existing.zip'
}
