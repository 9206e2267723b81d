package io.rancherdesktop.rdd.ui.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/** The identity of an API object inside the GUI: {@code namespace/name}, or the name alone when cluster-scoped. */
public final class ResourceKeys {

    private ResourceKeys() {
    }

    public static String of(HasMetadata object) {
        ObjectMeta m = object.getMetadata();
        return of(m.getNamespace(), m.getName());
    }

    public static String of(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
