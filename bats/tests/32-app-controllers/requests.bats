#!/usr/bin/env bats
# Request kinds end to end (issue 11, docs/api.md §3.5, docs/cli.md "Requests"): `rdd ctl run`, `rdd ctl volume create`,
# `rdd ctl create -f`, `rdd ctl restart`, `rdd ctl push`/`pull` against the process driver's dockerd and a loopback
# docker-registry. The test dockerd runs with --bridge=none: containers use `--network none`, and port bindings are
# checked on a created (never started) container, where Docker records them in HostConfig.PortBindings.
bats_require_minimum_version 1.5.0

setup_file() {
  load app-controllers
  app_setup_file
  # The service reads registry credentials from the Docker config and credential helpers of its own environment.
  export DOCKER_CONFIG="${BATS_FILE_TMPDIR}/docker-config"
  mkdir -p "$DOCKER_CONFIG" "${BATS_FILE_TMPDIR}/bin"
  echo '{}' >"$DOCKER_CONFIG/config.json"
  export PATH="${BATS_FILE_TMPDIR}/bin:$PATH"
  start_process_engine
}

teardown_file() {
  load app-controllers
  export DOCKER_HOST="unix://$(rdd svc paths docker_socket)"
  docker rm -f $(docker ps -aq) >/dev/null 2>&1 || true
  stop_registries
  app_teardown_file
}

setup() {
  load ../../helpers/load
  load app-controllers
  RDD_INSTANCE="bats-app-requests"
  export DOCKER_HOST="unix://$(rdd svc paths docker_socket)"
  NS=$RDD_NAMESPACE
}

LOOP=(sh -c "trap 'exit 0' TERM; while true; do sleep 1; done")

# names KIND [selector…]: the object names of KIND in the resource namespace, space-separated.
names() {
  local kind=$1
  shift
  rdd ctl get "$kind" -n "$NS" "$@" -o jsonpath='{.items[*].metadata.name}'
}
has() { [[ -n $(names "$@") ]]; }
field() { # KIND NAME JSONPATH
  rdd ctl get "$1" "$2" -n "$NS" -o jsonpath="{$3}"
}

@test "rdd ctl run creates and starts a container with env, a named volume and a label; docker inspect agrees and its mirror shows up" {
  run --separate-stderr rdd ctl run --name web1 --network none -e GREETING=hello -e EMPTY= -v web_data:/data \
    -l app=demo -w /tmp --restart unless-stopped "$RDD_TEST_IMAGE" "${LOOP[@]}"
  assert_success
  local id=$output
  [[ $id =~ ^[0-9a-f]{64}$ ]]
  assert_equal "$(docker inspect -f '{{.State.Running}}' web1)" true
  assert_equal "$(docker inspect -f '{{.Id}}' web1)" "$id"
  run docker inspect -f '{{json .Config.Env}}' web1
  assert_output --partial '"GREETING=hello"'
  assert_equal "$(docker inspect -f '{{range .Mounts}}{{.Name}}:{{.Destination}}{{end}}' web1)" "web_data:/data"
  assert_equal "$(docker inspect -f '{{index .Config.Labels "app"}}' web1)" demo
  assert_equal "$(docker inspect -f '{{.Config.WorkingDir}}' web1)" /tmp
  assert_equal "$(docker inspect -f '{{.HostConfig.RestartPolicy.Name}}' web1)" unless-stopped
  assert_equal "$(docker inspect -f '{{.HostConfig.NetworkMode}}' web1)" none
  try --max 30 --delay 1 has containers --field-selector status.name=web1
  assert_equal "$(names containers --field-selector status.name=web1)" "$id"
  # the request that made it says so
  run rdd ctl get containercreaterequests -n "$NS" -o jsonpath='{.items[?(@.status.name=="web1")].status.containerRef}'
  assert_output "$id"
}

@test "rdd ctl run COMMAND passes its flags to the container, and --entrypoint sets Docker's Entrypoint" {
  run --separate-stderr rdd ctl run --name cmd1 --network none --entrypoint /bin/sh "$RDD_TEST_IMAGE" -c 'echo hi; sleep 600'
  assert_success
  assert_equal "$(docker inspect -f '{{json .Config.Entrypoint}}' cmd1)" '["/bin/sh"]'
  assert_equal "$(docker inspect -f '{{json .Config.Cmd}}' cmd1)" '["-c","echo hi; sleep 600"]'
}

@test "rdd ctl create -f waits for a ContainerCreateRequest; its port bindings reach Docker on a created container" {
  run --separate-stderr rdd ctl create -f - <<YAML
apiVersion: containers.rancherdesktop.io/v1alpha1
kind: ContainerCreateRequest
metadata:
  name: ports1
  namespace: $NS
spec:
  image: $RDD_TEST_IMAGE
  name: ports1
  args: ["sh", "-c", "sleep 600"]
  networkMode: none
  state: created
  ports:
  - name: 80/tcp
    bindings:
    - hostIP: 127.0.0.1
      hostPort: "18080"
YAML
  assert_success
  assert_output --partial "containercreaterequest.containers.rancherdesktop.io/ports1 created"
  assert_equal "$(docker inspect -f '{{.State.Status}}' ports1)" created
  assert_equal "$(docker inspect -f '{{json .HostConfig.PortBindings}}' ports1)" '{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"18080"}]}'
  assert_equal "$(rdd ctl get containercreaterequest ports1 -n "$NS" -o jsonpath='{.status.conditions[?(@.type=="Complete")].reason}')" Created
}

@test "rdd ctl volume create My_Vol_Ume creates the volume and its mirror" {
  run --separate-stderr rdd ctl volume create --label team=a My_Vol_Ume
  assert_success
  assert_output My_Vol_Ume
  assert_equal "$(docker volume inspect -f '{{index .Labels "team"}}' My_Vol_Ume)" a
  try --max 30 --delay 1 has volumes --field-selector status.name=My_Vol_Ume
  assert_equal "$(names volumes --field-selector status.name=My_Vol_Ume)" "vol-$(printf My_Vol_Ume | sha256sum | cut -d' ' -f1)"
}

@test "rdd ctl restart changes Docker's StartedAt and records lastAction restarted" {
  rdd ctl run --name r1 --network none "$RDD_TEST_IMAGE" "${LOOP[@]}" >/dev/null 2>&1
  local before id
  before=$(docker inspect -f '{{.State.StartedAt}}' r1)
  id=$(docker inspect -f '{{.Id}}' r1)
  try --max 30 --delay 1 has containers --field-selector status.name=r1
  run --separate-stderr rdd ctl restart r1
  assert_success
  assert_output r1
  [[ $(docker inspect -f '{{.State.StartedAt}}' r1) != "$before" ]]
  assert_equal "$(docker inspect -f '{{.State.Running}}' r1)" true
  assert_equal "$(field container "$id" .status.lastAction.action)" restarted
  assert_equal "$(field container "$id" .status.lastAction.state)" Succeeded
}

@test "bad input: a taken name, an invalid env, a bad port spec, a refused volume name and an unknown container exit 1 naming the problem" {
  rdd ctl run --name taken1 --network none "$RDD_TEST_IMAGE" "${LOOP[@]}" >/dev/null 2>&1
  run --separate-stderr rdd ctl run --name taken1 --network none "$RDD_TEST_IMAGE" "${LOOP[@]}"
  assert_failure 1
  [[ $stderr == *NameConflict*"already in use"* ]]
  run --separate-stderr rdd ctl run --name badenv --network none -e =oops "$RDD_TEST_IMAGE" true
  assert_failure 1
  [[ $stderr == *"=oops"* ]]
  run --separate-stderr rdd ctl run --network none -p 80:http "$RDD_TEST_IMAGE" true
  assert_failure 1
  [[ $stderr == *'invalid port spec "80:http"'* ]]
  run --separate-stderr rdd ctl volume create 'bad name!'
  assert_failure 1
  [[ $stderr == *'bad name!'* ]]
  run --separate-stderr rdd ctl restart no-such-container
  assert_failure 1
  [[ $stderr == *"No such container: no-such-container"* ]]
  # nothing half-made
  run docker ps -a --filter name=badenv -q
  assert_output ""
}

# bcrypt USER PASSWORD: an htpasswd line (BouncyCastle's bcrypt from rdd's own lib: no htpasswd binary needed).
bcrypt_line() {
  # shellcheck source=scripts/lib/jdk.sh
  source "$RDD_REPO/scripts/lib/jdk.sh"
  rdd_find_jdk >/dev/null
  cat >"${BATS_FILE_TMPDIR}/Bcrypt.java" <<'JAVA'
public class Bcrypt {
    public static void main(String[] a) {
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        System.out.println(a[0] + ":" + org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2a", a[1].toCharArray(), salt, 5));
    }
}
JAVA
  "$JAVA_HOME/bin/java" -cp "$(ls "$RDD_REPO"/launcher/target/lib/bcprov-*.jar | head -1)" "${BATS_FILE_TMPDIR}/Bcrypt.java" "$1" "$2"
}

@test "rdd ctl push then pull round-trips an image through a loopback registry, with progress on stderr" {
  start_registry open
  local port ref
  port=$(cat "${BATS_FILE_TMPDIR}/open.port")
  ref="127.0.0.1:$port/rdd/busybox:1"
  docker tag "$RDD_TEST_IMAGE" "$ref"
  run --separate-stderr rdd ctl push "$ref"
  assert_success
  assert_output "$ref"
  [[ $stderr == *"Pushing"* ]]
  [[ $stderr == *"Digest: sha256:"* ]]
  docker rmi "$ref" >/dev/null
  run --separate-stderr rdd ctl pull "$ref"
  assert_success
  [[ $stderr == *"Pulling"* ]]
  assert_equal "$(docker image inspect -f '{{.Id}}' "$ref")" "$(docker image inspect -f '{{.Id}}' "$RDD_TEST_IMAGE")"
  try --max 30 --delay 1 has images --field-selector "status.repoTag=$ref"
  run --separate-stderr rdd ctl pull "127.0.0.1:$port/rdd/nothing:here"
  assert_failure 1
  [[ $stderr == *ImagePullFailed* ]]
}

@test "the htpasswd registry: refused without credentials, then push and pull with credentials from the Docker config and from a credential helper; no secret in any request" {
  start_registry locked "$(bcrypt_line rdduser 'Bats-s3cret')"
  local port ref
  port=$(cat "${BATS_FILE_TMPDIR}/locked.port")
  ref="127.0.0.1:$port/rdd/locked:1"
  docker tag "$RDD_TEST_IMAGE" "$ref"
  echo '{}' >"$DOCKER_CONFIG/config.json"
  run --separate-stderr rdd ctl push "$ref"
  assert_failure 1
  [[ $stderr == *auth* || $stderr == *unauthorized* ]]

  printf '{"auths":{"127.0.0.1:%s":{"auth":"%s"}}}' "$port" "$(printf 'rdduser:Bats-s3cret' | base64)" >"$DOCKER_CONFIG/config.json"
  run --separate-stderr rdd ctl push "$ref"
  assert_success

  cat >"${BATS_FILE_TMPDIR}/bin/docker-credential-rddbats" <<'SH'
#!/bin/sh
[ "$1" = get ] || exit 1
read -r server
printf '{"ServerURL":"%s","Username":"rdduser","Secret":"Bats-s3cret"}' "$server"
SH
  chmod +x "${BATS_FILE_TMPDIR}/bin/docker-credential-rddbats"
  printf '{"credHelpers":{"127.0.0.1:%s":"rddbats"}}' "$port" >"$DOCKER_CONFIG/config.json"
  docker rmi "$ref" >/dev/null
  run --separate-stderr rdd ctl pull "$ref"
  assert_success
  assert_equal "$(docker image inspect -f '{{.Id}}' "$ref")" "$(docker image inspect -f '{{.Id}}' "$RDD_TEST_IMAGE")"
  run rdd ctl get imagepushrequests,imagepullrequests -n "$NS" -o yaml
  refute_output --partial 'Bats-s3cret'
  refute_output --partial "$(printf 'rdduser:Bats-s3cret' | base64)"
}
