/** {@code app.rancherdesktop.io/v1alpha1}: the singleton {@code App} (docs/api.md §1). */
package io.rancherdesktop.rdd.api.app.v1alpha1;
