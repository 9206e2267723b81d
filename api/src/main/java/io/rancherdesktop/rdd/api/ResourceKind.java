package io.rancherdesktop.rdd.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;

/**
 * One kind of the rdd API, read from its model class's annotations.
 *
 * @param type model class
 * @param group API group, e.g. {@code containers.rancherdesktop.io}
 * @param version API version, {@code v1alpha1}
 * @param kind e.g. {@code Container}
 * @param plural e.g. {@code containers}
 * @param namespaced whether objects live in a namespace
 */
public record ResourceKind(Class<? extends HasMetadata> type, String group, String version, String kind,
                           String plural, boolean namespaced) {

    /** Reads the fabric8 annotations ({@code @Group}, {@code @Version}, {@code @Kind}, {@code @Plural}) of a model class. */
    public static ResourceKind of(Class<? extends HasMetadata> type) {
        return new ResourceKind(type, HasMetadata.getGroup(type), HasMetadata.getVersion(type),
                HasMetadata.getKind(type), HasMetadata.getPlural(type), Namespaced.class.isAssignableFrom(type));
    }

    /** The CRD name, {@code <plural>.<group>}. */
    public String crdName() {
        return plural + "." + group;
    }

    /** {@code <group>/<version>}. */
    public String apiVersion() {
        return group + "/" + version;
    }

    /** Class-path location of the generated CRD YAML (apiextensions.k8s.io/v1). */
    public String crdResource() {
        return "META-INF/fabric8/" + crdName() + "-v1.yml";
    }
}
