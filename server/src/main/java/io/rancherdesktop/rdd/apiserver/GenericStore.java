package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.admission.AdmissionRequest;
import io.rancherdesktop.rdd.admission.ObjectLookup;
import io.rancherdesktop.rdd.admission.Operation;
import io.rancherdesktop.rdd.admission.UserInfo;
import io.rancherdesktop.rdd.apiserver.StatusException.Cause;
import io.rancherdesktop.rdd.store.ObjectKey;
import io.rancherdesktop.rdd.store.ObjectStore;
import io.rancherdesktop.rdd.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the store-backed verbs ({@link ListOperation}, {@link CreateOperation}, {@link UpdateOperation},
 * {@link DeleteOperation}) share, as kube's generic registry {@code Store}: the store, the registry, admission,
 * the schemas, the clock, the per-kind {@link ResourceStrategy}, and the steps every write takes (keys, rendering,
 * validation, the one stored shape).
 */
final class GenericStore {
    static final int MAX_INTERNAL_RETRIES = 8;

    final ObjectStore store;
    final ResourceRegistry registry;
    final AdmissionChain admission;
    final StructuralSchema schemas = new StructuralSchema();
    final Clock clock;

    GenericStore(ObjectStore store, ResourceRegistry registry, AdmissionChain admission, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.admission = admission;
        this.clock = clock;
    }

    ResourceStrategy strategy(RequestScope scope) {
        return ResourceStrategy.of(scope.resource());
    }

    /** The stored objects of the read-only CRD resource, synthesised from the registry. */
    List<StoredObject> crds() {
        List<StoredObject> out = new ArrayList<>();
        long rv = store.revision();
        for (ObjectNode crd : registry.crdObjects(rv)) {
            String name = crd.path("metadata").path("name").asText();
            out.add(new StoredObject("customresourcedefinitions.apiextensions.k8s.io", new ObjectKey("", name), rv, crd,
                    crd.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Renders a stored object in the requested version (a copy only when the version differs). */
    static ObjectNode render(StoredObject so, RequestScope scope) {
        String apiVersion = scope.served().apiVersion();
        if (apiVersion.equals(so.object().path("apiVersion").asText())) {
            return so.object();
        }
        ObjectNode copy = so.object().deepCopy();
        copy.put("apiVersion", apiVersion);
        return copy;
    }

    /** Whether {@link #render} would return the stored object unchanged (so its JSON bytes can be sent as they are). */
    static boolean rendersAsStored(StoredObject so, RequestScope scope) {
        return scope.served().apiVersion().equals(so.object().path("apiVersion").asText());
    }

    void validate(RequestScope scope, ObjectNode obj, String name, ObjectNode old) {
        List<Cause> causes = new ArrayList<>();
        ObjectNode meta = obj.withObject("metadata");
        MetadataValidator.validate(meta, scope.resource(), causes);
        if (old != null) {
            for (String f : List.of("name", "namespace")) {
                if (!old.path("metadata").path(f).equals(meta.path(f))) {
                    causes.add(new Cause("FieldValueInvalid", "Invalid value: " + meta.path(f) + ": field is immutable", "metadata." + f));
                }
            }
        }
        schemas.validate(obj, scope.version().schema(), causes);
        strategy(scope).validate(scope, obj, causes);
        if (!causes.isEmpty()) {
            throw StatusException.invalid(scope.resource().group(), scope.resource().kind(), name, causes);
        }
    }

    static AdmissionRequest admissionRequest(Operation op, RequestScope scope, String name, ObjectNode obj, ObjectNode old, boolean dryRun,
                                             UserInfo user) {
        ResourceDef r = scope.resource();
        return new AdmissionRequest(op, r.group(), scope.version().name(), r.kind(), r.plural(),
                r.namespaced() ? (scope.namespace() != null ? scope.namespace() : obj == null ? null : obj.path("metadata").path("namespace").asText(null)) : null,
                name, scope.subresource(), obj, old, dryRun, user);
    }

    /** Admission's read access to this store (the stored objects, in their storage version). */
    ObjectLookup lookup() {
        return (group, plural, namespace) -> {
            String key = group.isEmpty() ? plural : plural + "." + group;
            List<ObjectNode> out = new ArrayList<>();
            for (StoredObject so : store.list(key, namespace, null).items()) {
                out.add(so.object());
            }
            return out;
        };
    }

    static void checkWritable(RequestScope scope) {
        if (scope.resource().origin() == ResourceDef.Origin.READ_ONLY) {
            throw StatusException.methodNotAllowed("write");
        }
        if (scope.isStatus() && !scope.resource().statusSubresource()) {
            throw StatusException.notFoundPath();
        }
    }

    static ObjectKey key(RequestScope scope, String name) {
        return new ObjectKey(scope.resource().namespaced() ? scope.namespace() : "", name);
    }

    static StatusException notFound(RequestScope scope, String name) {
        return StatusException.notFound(scope.resource().group(), scope.resource().plural(), name);
    }

    static long parseResourceVersion(String rv) {
        if (rv == null || rv.isEmpty()) {
            return 0;
        }
        try {
            long v = Long.parseLong(rv);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw StatusException.badRequest("invalid resource version: " + rv);
        }
    }

    /** Metadata fields kube's ObjectMeta declares {@code omitempty}: an empty (or null) one is never stored or returned. */
    private static final List<String> OMITTED_WHEN_EMPTY = List.of("labels", "annotations", "finalizers", "ownerReferences", "managedFields");

    /**
     * The one shape of an object before it is stored or returned by a write (dry run included): apiVersion, kind,
     * metadata first, as kube writes objects, and no empty {@code labels}/{@code annotations} maps or empty
     * {@code finalizers}/{@code ownerReferences}/{@code managedFields} lists. kube-apiserver round-trips metadata
     * through the typed ObjectMeta (for custom resources too), whose {@code omitempty} drops them; a kept
     * {@code annotations: {}} made {@code kubectl diff} report a change on an unchanged manifest (its dry-run patch
     * sends an empty annotations map).
     */
    static void normalise(ObjectNode obj) {
        if (obj.get("metadata") instanceof ObjectNode meta) {
            for (String f : OMITTED_WHEN_EMPTY) {
                JsonNode v = meta.get(f);
                if (v != null && (v.isNull() || (v.isContainerNode() && v.isEmpty()))) {
                    meta.remove(f);
                }
            }
        }
        ObjectNode copy = obj.deepCopy();
        obj.removeAll();
        for (String k : List.of("apiVersion", "kind", "metadata")) {
            if (copy.has(k)) {
                obj.set(k, copy.get(k));
            }
        }
        copy.properties().forEach(e -> {
            if (!obj.has(e.getKey())) {
                obj.set(e.getKey(), e.getValue());
            }
        });
    }

    static void toStorageVersion(ObjectNode obj, ResourceDef r) {
        obj.put("apiVersion", r.apiVersion(r.storageVersion().name()));
    }

    static Set<String> strings(JsonNode arr) {
        Set<String> out = new LinkedHashSet<>();
        if (arr != null && arr.isArray()) {
            arr.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
