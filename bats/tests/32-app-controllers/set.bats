#!/usr/bin/env bats
# docs/design/test-plan.md §2: rdd set with only the app controller group, so every write uses --wait=false.

setup_file() {
  load app-controllers
  app_setup_file
  setup_rdd_control_plane app
}

teardown_file() {
  load app-controllers
  app_teardown_file
}

setup() {
  load ../../helpers/load
  load app-controllers
  RDD_INSTANCE="bats-app-set"
}

delete_app() {
  rdd ctl delete app app --ignore-not-found --timeout=60s >/dev/null
}

@test "--help shows usage and available properties" {
  run rdd set --help
  assert_success
  assert_output --partial 'PROPERTY=VALUE'
  assert_output --partial 'Available properties:'
  assert_output --partial 'running'
  assert_output --partial 'containerEngine.name'
  assert_output --partial 'kubernetes.enabled'
  assert_output --partial 'kubernetes.version'
  assert_output --partial 'vm.driver'
  refute_output --regexp '^ +namespace'
}

@test "rejects invalid arguments" {
  run rdd set --wait=false namespace=test
  assert_failure 1
  assert_output --partial 'unknown property'
  assert_output --partial 'valid properties'

  run rdd set --wait=false nonexistent=value
  assert_failure 1
  assert_output --partial 'unknown property'

  run rdd set --wait=false running
  assert_failure 1
  assert_output --partial 'expected PROPERTY=VALUE'

  run rdd set --wait=false containerEngine=moby
  assert_failure 1
  assert_output --partial 'is an object'
  assert_output --partial 'containerEngine.name'

  run rdd set --wait=false =value
  assert_failure 1
  assert_output --partial 'property name must not be empty'

  run rdd set --wait=false running=yes
  assert_failure 1
  assert_output --partial 'expected boolean'

  run rdd set --wait=false running=
  assert_failure 1
  assert_output --partial 'expected boolean'

  run rdd set --wait=false containerEngine.name=
  assert_failure 1
  assert_output --partial 'valid values'
  assert_output --partial 'moby'
  assert_output --partial 'containerd'

  run rdd set --wait=false containerEngine.name=docker
  assert_failure 1
  assert_output --partial 'valid values'

  # None of it wrote anything.
  run rdd ctl get app app
  assert_failure
}

@test "creates App with defaults" {
  delete_app
  rdd set --wait=false running=false
  assert_equal "$(app_field .metadata.name)" app
  assert_equal "$(app_field .spec.containerEngine.name)" moby
  assert_equal "$(app_field .spec.running)" false
  assert_equal "$(app_field .spec.namespace)" default
}

@test "updates App and preserves unchanged fields" {
  rdd set --wait=false kubernetes.version=1.32.0
  rdd set --wait=false containerEngine.name=containerd
  assert_equal "$(app_field .spec.kubernetes.version)" 1.32.0
  assert_equal "$(app_field .spec.containerEngine.name)" containerd
  rdd set --wait=false vm.driver=process
  assert_equal "$(app_field .spec.kubernetes.version)" 1.32.0
  assert_equal "$(app_field .spec.containerEngine.name)" containerd
  assert_equal "$(app_field .spec.vm.driver)" process
  assert_equal "$(app_field .spec.running)" false
}

@test "clears string field with empty value" {
  rdd set --wait=false kubernetes.enabled=false kubernetes.version=
  run rdd ctl get app app -o jsonpath='{.spec.kubernetes}'
  assert_output --partial '"version":""'
}

@test "--dry-run validates without persisting" {
  rdd set --wait=false containerEngine.name=moby
  # The generation moves with every persisted spec change; the resourceVersion would also move with the
  # App controller's concurrent status writes, so it cannot show whether the dry run persisted anything.
  local gen
  gen=$(app_field .metadata.generation)
  run rdd set --dry-run containerEngine.name=containerd
  assert_success
  assert_equal "$(app_field .spec.containerEngine.name)" moby
  assert_equal "$(app_field .metadata.generation)" "$gen"
}

@test "--dry-run rejects invalid enum value" {
  run rdd set --dry-run containerEngine.name=kvm
  assert_failure 1
  assert_output --partial 'valid values'
}

@test "creates App with specified values" {
  delete_app
  rdd set --wait=false running=false containerEngine.name=containerd vm.driver=process
  assert_equal "$(app_field .spec.containerEngine.name)" containerd
  assert_equal "$(app_field .spec.vm.driver)" process
  assert_equal "$(app_field .spec.running)" false
}

@test "--dry-run creates App if absent" {
  delete_app
  run rdd set --dry-run containerEngine.name=containerd
  assert_success
  # The App really exists now, with its defaults: the dry-run patch itself was not applied.
  assert_equal "$(app_field .metadata.name)" app
  assert_equal "$(app_field .spec.containerEngine.name)" moby
  assert_equal "$(app_field .spec.running)" false
}

@test "an admission rejection exits 3 and changes nothing" {
  local rv
  rv=$(app_field .metadata.resourceVersion)
  run rdd set --wait=false kubernetes.enabled=true kubernetes.version=1.31.99
  assert_failure 3
  assert_output --partial 'not supported'
  assert_equal "$(app_field .metadata.resourceVersion)" "$rv"
}
