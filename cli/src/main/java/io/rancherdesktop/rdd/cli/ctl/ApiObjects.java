package io.rancherdesktop.rdd.cli.ctl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Navigation in JSON trees of API objects. */
final class ApiObjects {
    private ApiObjects() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static Map<String, Object> metadata(Map<String, Object> obj) {
        return map(obj.get("metadata"));
    }

    static String string(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    /** A mutable {@code metadata} map of {@code obj}, created if absent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mutableMap(Map<String, Object> obj, String key) {
        Object v = obj.get(key);
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
            obj.put(key, copy);
            return copy;
        }
        Map<String, Object> fresh = new LinkedHashMap<>();
        obj.put(key, fresh);
        return fresh;
    }

    /** The conditions of {@code status.conditions}. */
    static List<Object> conditions(Map<String, Object> obj) {
        return list(map(obj.get("status")).get("conditions"));
    }
}
