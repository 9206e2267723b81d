/**
 * The resource model served by the rdd API server: fabric8 {@code CustomResource} classes per group and version
 * ({@code app.v1alpha1}, {@code vm.v1alpha1}, {@code containers.v1alpha1}), the shared enums and constants
 * (finalizers, condition types and reasons, field managers) and the {@link io.rancherdesktop.rdd.api.Conditions}
 * helper. The CRD YAML under {@code META-INF/fabric8/} is generated from these classes at build time.
 */
package io.rancherdesktop.rdd.api;
