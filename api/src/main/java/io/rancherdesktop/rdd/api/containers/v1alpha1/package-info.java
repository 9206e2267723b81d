/**
 * {@code containers.rancherdesktop.io/v1alpha1}: mirrors of the engine's containers, images and volumes, the
 * engine namespaces, and the request kinds (schema only) (docs/api.md §3).
 */
package io.rancherdesktop.rdd.api.containers.v1alpha1;
