/**
 * {@code vm.rancherdesktop.io/v1alpha1}: the driver-agnostic {@code VirtualMachine} that replaces upstream's
 * {@code LimaVM} (architecture.md §7.2).
 */
package io.rancherdesktop.rdd.api.vm.v1alpha1;
