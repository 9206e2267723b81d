package io.rancherdesktop.rdd.wire;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One resource type from API discovery ({@code /api/v1}, {@code /apis/<group>/<version>}).
 *
 * @param group        API group, empty for the core group
 * @param version      the (preferred) version
 * @param name         the plural resource name used in paths
 * @param singularName the singular name (may be empty)
 * @param kind         the kind
 * @param namespaced   whether objects live in namespaces
 * @param shortNames   short names ({@code cm})
 * @param verbs        supported verbs
 * @param categories   categories ({@code all})
 */
public record ApiResource(String group, String version, String name, String singularName, String kind, boolean namespaced,
                          List<String> shortNames, List<String> verbs, List<String> categories) {

    public ApiResource {
        shortNames = List.copyOf(shortNames);
        verbs = List.copyOf(verbs);
        categories = List.copyOf(categories);
    }

    /** {@code v1} or {@code <group>/<version>}. */
    public String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code configmaps} or {@code apps.rdd.rancherdesktop.io}: how kubectl names a resource type in messages. */
    public String qualifiedName() {
        return group.isEmpty() ? name : name + "." + group;
    }

    /** {@code configmap} or {@code app.rdd.rancherdesktop.io}: the prefix of {@code -o name}. */
    public String kindPrefix() {
        String k = kind.toLowerCase(Locale.ROOT);
        return group.isEmpty() ? k : k + "." + group;
    }

    /** The singular name, or the lower-case kind when discovery gave none. */
    public String singular() {
        return singularName == null || singularName.isEmpty() ? kind.toLowerCase(Locale.ROOT) : singularName;
    }

    /**
     * The REST path of the collection or of one object.
     *
     * @param namespace the namespace for namespaced resources; null lists across all namespaces
     * @param objName   the object name, or null for the collection
     */
    public String path(String namespace, String objName) {
        StringBuilder sb = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
        if (namespaced && namespace != null) {
            sb.append("/namespaces/").append(encodePath(namespace));
        }
        sb.append('/').append(name);
        if (objName != null) {
            sb.append('/').append(encodePath(objName));
        }
        return sb.toString();
    }

    public boolean supports(String verb) {
        return verbs.isEmpty() || verbs.contains(verb);
    }

    static String encodePath(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** For the on-disk discovery cache. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", group);
        m.put("version", version);
        m.put("name", name);
        m.put("singularName", singularName);
        m.put("kind", kind);
        m.put("namespaced", namespaced);
        m.put("shortNames", shortNames);
        m.put("verbs", verbs);
        m.put("categories", categories);
        return m;
    }

    /** From a cache entry, or from an APIResource of a discovery document (with its group and version). */
    static ApiResource fromJson(Map<?, ?> m, String group, String version) {
        return new ApiResource(
                str(m.get("group"), group), str(m.get("version"), version), str(m.get("name"), ""),
                str(m.get("singularName"), ""), str(m.get("kind"), ""), Boolean.TRUE.equals(m.get("namespaced")),
                strings(m.get("shortNames")), strings(m.get("verbs")), strings(m.get("categories")));
    }

    private static String str(Object o, String dflt) {
        return o instanceof String s && !s.isEmpty() ? s : dflt;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                out.add(String.valueOf(x));
            }
        }
        return out;
    }
}
