package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.UUID;

/** Every resource the server serves, indexed for routing ({@code group/version/plural}) and discovery. */
public final class ResourceRegistry {
    /** A resource in one served version. */
    public record Served(ResourceDef resource, ResourceVersionDef version) {
        public String apiVersion() {
            return resource.apiVersion(version.name());
        }
    }

    private final List<ResourceDef> resources;
    private final Map<String, Served> byPath = new LinkedHashMap<>();
    private final Map<String, ResourceDef> byGroupKind = new LinkedHashMap<>();
    private final Map<String, ResourceDef> byStorageKey = new LinkedHashMap<>();
    private final Instant created;

    public ResourceRegistry(List<ResourceDef> resources, Instant created) {
        this.created = created;
        List<ResourceDef> sorted = new ArrayList<>(resources);
        sorted.sort(Comparator.comparing(ResourceDef::group).thenComparing(ResourceDef::plural));
        this.resources = List.copyOf(sorted);
        for (ResourceDef r : this.resources) {
            if (byStorageKey.putIfAbsent(r.storageKey(), r) != null) {
                throw new IllegalArgumentException("resource " + r.storageKey() + " is defined twice");
            }
            byGroupKind.put(r.group() + "/" + r.kind(), r);
            for (ResourceVersionDef v : r.versions()) {
                byPath.put(r.group() + "/" + v.name() + "/" + r.plural(), new Served(r, v));
            }
        }
    }

    public List<ResourceDef> resources() {
        return resources;
    }

    public Optional<Served> lookup(String group, String version, String plural) {
        return Optional.ofNullable(byPath.get(group + "/" + version + "/" + plural));
    }

    public Optional<ResourceDef> byGroupKind(String group, String kind) {
        return Optional.ofNullable(byGroupKind.get(group + "/" + kind));
    }

    public Optional<ResourceDef> byStorageKey(String key) {
        return Optional.ofNullable(byStorageKey.get(key));
    }

    /** Served groups (core {@code ""} excluded) with their versions, preferred (storage) version first. */
    public SequencedMap<String, List<String>> groups() {
        SequencedMap<String, List<String>> out = new LinkedHashMap<>();
        for (ResourceDef r : resources) {
            if (r.group().isEmpty()) {
                continue;
            }
            List<String> vs = out.computeIfAbsent(r.group(), g -> new ArrayList<>());
            for (ResourceVersionDef v : r.versions()) {
                if (!vs.contains(v.name())) {
                    if (v.storage()) {
                        vs.addFirst(v.name());
                    } else {
                        vs.add(v.name());
                    }
                }
            }
        }
        return out;
    }

    /** The resources served in {@code group/version}. */
    public List<Served> inGroupVersion(String group, String version) {
        return byPath.values().stream().filter(s -> s.resource().group().equals(group) && s.version().name().equals(version)).toList();
    }

    /** The CustomResourceDefinition objects of the custom resources, as {@code apiextensions.k8s.io/v1} serves them. */
    public List<ObjectNode> crdObjects(long resourceVersion) {
        List<ObjectNode> out = new ArrayList<>();
        for (ResourceDef r : resources) {
            if (r.definition() == null) {
                continue;
            }
            ObjectNode crd = r.definition().deepCopy();
            crd.put("apiVersion", "apiextensions.k8s.io/v1");
            crd.put("kind", "CustomResourceDefinition");
            ObjectNode meta = crd.withObject("metadata");
            meta.put("uid", UUID.nameUUIDFromBytes(r.storageKey().getBytes(StandardCharsets.UTF_8)).toString());
            meta.put("creationTimestamp", Timestamps.format(created));
            meta.put("resourceVersion", Long.toString(resourceVersion));
            meta.put("generation", 1);
            ObjectNode status = crd.putObject("status");
            ArrayNode conds = status.putArray("conditions");
            for (String[] c : new String[][] {{"NamesAccepted", "NoConflicts", "no conflicts found"},
                    {"Established", "InitialNamesAccepted", "the initial names have been accepted"}}) {
                ObjectNode cond = conds.addObject();
                cond.put("type", c[0]);
                cond.put("status", "True");
                cond.put("reason", c[1]);
                cond.put("message", c[2]);
                cond.put("lastTransitionTime", Timestamps.format(created));
            }
            status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
            status.putArray("storedVersions").add(r.storageVersion().name());
            out.add(crd);
        }
        return out;
    }
}
