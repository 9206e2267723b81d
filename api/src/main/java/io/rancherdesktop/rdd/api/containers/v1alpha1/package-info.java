/**
 * {@code containers.rancherdesktop.io/v1alpha1}: mirrors of the engine's containers, images and volumes, the
 * engine namespaces, and the request kinds the request controllers serve (docs/api.md §3, §3.5).
 */
package io.rancherdesktop.rdd.api.containers.v1alpha1;
