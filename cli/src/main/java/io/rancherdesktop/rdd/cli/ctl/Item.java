package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.wire.ApiResource;
import java.util.LinkedHashMap;
import java.util.Map;

/** One API object with its resource type. */
record Item(ApiResource type, Map<String, Object> object) {

    /** An object from a list response, which lacks {@code apiVersion}/{@code kind}: kubectl fills them in. */
    static Item of(ApiResource type, Map<String, Object> object) {
        if (!object.containsKey("apiVersion") || !object.containsKey("kind")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("apiVersion", type.groupVersion());
            m.put("kind", type.kind());
            m.putAll(object);
            object = m;
        }
        return new Item(type, object);
    }

    String name() {
        return ApiObjects.string(ApiObjects.metadata(object).get("name"));
    }

    String namespace() {
        return ApiObjects.string(ApiObjects.metadata(object).get("namespace"));
    }

    /** {@code configmap/foo}: the {@code -o name} form. */
    String qualifiedName() {
        return type.kindPrefix() + "/" + name();
    }
}
