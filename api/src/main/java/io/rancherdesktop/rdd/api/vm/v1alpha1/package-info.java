/**
 * {@code vm.rancherdesktop.io/v1alpha1}: the driver-agnostic {@code VirtualMachine} that replaces upstream's
 * {@code LimaVM} (docs/design/upstream-differences.md §2).
 */
package io.rancherdesktop.rdd.api.vm.v1alpha1;
