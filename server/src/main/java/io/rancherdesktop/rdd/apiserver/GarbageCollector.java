package io.rancherdesktop.rdd.apiserver;

import io.rancherdesktop.rdd.admission.UserInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.store.ObjectKey;
import io.rancherdesktop.rdd.store.StoreEvent;
import io.rancherdesktop.rdd.store.StoredObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner-reference garbage collector (kube-controller-manager's, in-process): an object whose owners are
 * all gone is deleted (background cascading); a dangling reference next to a live owner is removed. Deleting
 * with {@code propagationPolicy=Orphan} leaves the {@code orphan} finalizer, and the collector strips the
 * owner reference from the dependents before removing it; {@code Foreground} leaves {@code foregroundDeletion},
 * and the collector deletes the dependents and removes it once they are gone.
 *
 * <p>It keeps an index owner-uid → dependents built from the event feed, so an owner's deletion costs
 * O(its dependents), never a scan of the store.
 */
public final class GarbageCollector extends StoreFollower {
    private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);
    static final String ORPHAN = "orphan";
    static final String FOREGROUND = "foregroundDeletion";
    private static final WriteOptions SYSTEM = WriteOptions.system("rdd-garbage-collector");

    private record Ref(String resource, ObjectKey key) {
    }

    private final ResourceOperations ops;
    private final Map<String, Set<Ref>> dependents = new HashMap<>();
    private final Map<Ref, List<String>> ownersOf = new HashMap<>();
    private final Map<String, Ref> byUid = new HashMap<>();

    public GarbageCollector(ResourceOperations ops) {
        super(ops.store(), "rdd-garbage-collector");
        this.ops = ops;
    }

    @Override
    public void start() {
        super.start();
    }

    @Override
    protected void resync() {
        dependents.clear();
        ownersOf.clear();
        byUid.clear();
        List<StoredObject> all = new ArrayList<>();
        for (String resource : store.resources()) {
            all.addAll(store.list(resource, null, null).items());
        }
        all.forEach(this::index);
        for (StoredObject so : all) {
            afterChange(so);
        }
    }

    @Override
    protected void onEvent(StoreEvent e) {
        StoredObject so = e.object();
        Ref ref = new Ref(so.resource(), so.key());
        if (e.type() == StoreEvent.Type.DELETED) {
            List<String> formerOwners = unindex(ref);
            String uid = uid(so.object());
            byUid.remove(uid);
            for (Ref d : List.copyOf(dependents.getOrDefault(uid, Set.of()))) {
                check(d);
            }
            for (String ownerUid : formerOwners) {
                Ref owner = byUid.get(ownerUid);
                if (owner != null) {
                    store.get(owner.resource(), owner.key()).ifPresent(this::afterChange);
                }
            }
            return;
        }
        index(so);
        afterChange(so);
    }

    private void index(StoredObject so) {
        Ref ref = new Ref(so.resource(), so.key());
        unindex(ref);
        byUid.put(uid(so.object()), ref);
        List<String> owners = new ArrayList<>();
        for (JsonNode o : so.object().path("metadata").path("ownerReferences")) {
            String ou = o.path("uid").asText("");
            if (!ou.isEmpty()) {
                owners.add(ou);
                dependents.computeIfAbsent(ou, k -> new HashSet<>()).add(ref);
            }
        }
        if (!owners.isEmpty()) {
            ownersOf.put(ref, owners);
        }
    }

    private List<String> unindex(Ref ref) {
        List<String> owners = ownersOf.remove(ref);
        if (owners == null) {
            return List.of();
        }
        for (String o : owners) {
            Set<Ref> deps = dependents.get(o);
            if (deps != null) {
                deps.remove(ref);
                if (deps.isEmpty()) {
                    dependents.remove(o);
                }
            }
        }
        return owners;
    }

    /** Reacts to the current state of one object: dangling owners, orphan and foreground finalizers. */
    private void afterChange(StoredObject so) {
        JsonNode meta = so.object().path("metadata");
        if (meta.path("ownerReferences").size() > 0) {
            check(new Ref(so.resource(), so.key()));
        }
        if (meta.hasNonNull("deletionTimestamp")) {
            Set<String> finalizers = new HashSet<>();
            meta.path("finalizers").forEach(f -> finalizers.add(f.asText()));
            if (finalizers.contains(ORPHAN)) {
                orphanDependents(so);
            } else if (finalizers.contains(FOREGROUND)) {
                deleteDependentsFirst(so);
            }
        }
    }

    private void check(Ref ref) {
        Optional<StoredObject> cur = store.get(ref.resource(), ref.key());
        if (cur.isEmpty()) {
            return;
        }
        StoredObject so = cur.get();
        JsonNode refs = so.object().path("metadata").path("ownerReferences");
        if (refs.isEmpty()) {
            return;
        }
        ArrayNode live = BodyCodec.JSON.createArrayNode();
        for (JsonNode o : refs) {
            if (ownerExists(o, so.namespace())) {
                live.add(o);
            }
        }
        if (live.size() == refs.size()) {
            return;
        }
        Optional<RequestScope> scope = scope(so);
        if (scope.isEmpty()) {
            return;
        }
        try {
            if (live.isEmpty()) {
                if (!so.object().path("metadata").hasNonNull("deletionTimestamp")) {
                    log.debug("garbage collecting {} {}: its owners are gone", so.resource(), so.key());
                    ops.delete(scope.get(), new ResourceOperations.DeleteOptions("Background", uid(so.object()), null, false, UserInfo.apiServer()));
                }
            } else {
                ObjectNode patch = BodyCodec.JSON.createObjectNode();
                ObjectNode m = patch.putObject("metadata");
                m.set("ownerReferences", live);
                m.put("resourceVersion", Long.toString(so.resourceVersion()));
                ops.patch(scope.get(), PatchType.MERGE, patch, SYSTEM);
            }
        } catch (StatusException e) {
            if (e.code() != 404 && e.code() != 409) {
                log.warn("garbage collector: {} {}: {}", so.resource(), so.key(), e.getMessage());
            }
        }
    }

    private boolean ownerExists(JsonNode ownerRef, String dependentNamespace) {
        String apiVersion = ownerRef.path("apiVersion").asText("");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        Optional<ResourceDef> def = ops.registry().byGroupKind(group, ownerRef.path("kind").asText(""));
        if (def.isEmpty() || def.get().origin() == ResourceDef.Origin.READ_ONLY) {
            return true; // a kind this server does not store: never collect on its account
        }
        ResourceDef d = def.get();
        ObjectKey key = new ObjectKey(d.namespaced() ? dependentNamespace : "", ownerRef.path("name").asText(""));
        return store.get(d.storageKey(), key).map(o -> uid(o.object()).equals(ownerRef.path("uid").asText())).orElse(false);
    }

    private void orphanDependents(StoredObject owner) {
        String ownerUid = uid(owner.object());
        for (Ref d : List.copyOf(dependents.getOrDefault(ownerUid, Set.of()))) {
            store.get(d.resource(), d.key()).ifPresent(dep -> {
                ArrayNode kept = BodyCodec.JSON.createArrayNode();
                dep.object().path("metadata").path("ownerReferences").forEach(o -> {
                    if (!o.path("uid").asText("").equals(ownerUid)) {
                        kept.add(o);
                    }
                });
                ObjectNode patch = BodyCodec.JSON.createObjectNode();
                ObjectNode m = patch.putObject("metadata");
                m.set("ownerReferences", kept.isEmpty() ? null : kept);
                m.put("resourceVersion", Long.toString(dep.resourceVersion()));
                scope(dep).ifPresent(s -> {
                    try {
                        ops.patch(s, PatchType.MERGE, patch, SYSTEM);
                    } catch (StatusException e) {
                        log.warn("garbage collector: orphaning {} {}: {}", dep.resource(), dep.key(), e.getMessage());
                    }
                });
            });
        }
        removeFinalizer(owner, ORPHAN);
    }

    private void deleteDependentsFirst(StoredObject owner) {
        String ownerUid = uid(owner.object());
        Set<Ref> deps = dependents.getOrDefault(ownerUid, Set.of());
        boolean any = false;
        for (Ref d : List.copyOf(deps)) {
            Optional<StoredObject> dep = store.get(d.resource(), d.key());
            if (dep.isEmpty()) {
                continue;
            }
            any = true;
            if (!dep.get().object().path("metadata").hasNonNull("deletionTimestamp")) {
                scope(dep.get()).ifPresent(s -> {
                    try {
                        ops.delete(s, new ResourceOperations.DeleteOptions("Foreground", null, null, false, UserInfo.apiServer()));
                    } catch (StatusException e) {
                        if (e.code() != 404) {
                            log.warn("garbage collector: deleting dependent {} {}: {}", d.resource(), d.key(), e.getMessage());
                        }
                    }
                });
            }
        }
        if (!any) {
            removeFinalizer(owner, FOREGROUND);
        }
    }

    private void removeFinalizer(StoredObject so, String finalizer) {
        ArrayNode rest = BodyCodec.JSON.createArrayNode();
        so.object().path("metadata").path("finalizers").forEach(f -> {
            if (!f.asText().equals(finalizer)) {
                rest.add(f);
            }
        });
        ObjectNode patch = BodyCodec.JSON.createObjectNode();
        ObjectNode m = patch.putObject("metadata");
        m.set("finalizers", rest);
        m.put("resourceVersion", Long.toString(so.resourceVersion()));
        scope(so).ifPresent(s -> {
            try {
                ops.patch(s, PatchType.MERGE, patch, SYSTEM);
            } catch (StatusException e) {
                if (e.code() != 404 && e.code() != 409) {
                    log.warn("garbage collector: removing finalizer {} from {} {}: {}", finalizer, so.resource(), so.key(), e.getMessage());
                }
            }
        });
    }

    private Optional<RequestScope> scope(StoredObject so) {
        return ops.registry().byStorageKey(so.resource()).flatMap(def ->
                ops.registry().lookup(def.group(), def.storageVersion().name(), def.plural())
                        .map(served -> new RequestScope(served, def.namespaced() ? so.namespace() : null, so.name(), "")));
    }

    static String uid(JsonNode obj) {
        return obj.path("metadata").path("uid").asText("");
    }
}
