package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.store.ObjectKey;
import io.rancherdesktop.rdd.store.StoreEvent;
import io.rancherdesktop.rdd.store.StoredObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Namespace deletion (kube's namespace controller, in-process): a terminating namespace has every object in
 * it deleted (objects with finalizers stay until their finalizers are removed); once it is empty, the
 * {@code kubernetes} finalizer of {@code spec.finalizers} is removed, which completes the namespace's delete.
 */
public final class NamespaceLifecycle extends StoreFollower {
    private static final Logger log = LoggerFactory.getLogger(NamespaceLifecycle.class);
    private static final WriteOptions SYSTEM = WriteOptions.system("rdd-namespace-controller");
    private final ResourceOperations ops;
    private final Set<String> terminating = new LinkedHashSet<>();

    public NamespaceLifecycle(ResourceOperations ops) {
        super(ops.store(), "rdd-namespace-lifecycle");
        this.ops = ops;
    }

    @Override
    public void start() {
        super.start();
    }

    @Override
    protected void resync() {
        terminating.clear();
        for (StoredObject ns : store.list("namespaces", null, null).items()) {
            if (ns.object().path("metadata").hasNonNull("deletionTimestamp")) {
                terminating.add(ns.name());
            }
        }
        List.copyOf(terminating).forEach(this::process);
    }

    @Override
    protected void onEvent(StoreEvent e) {
        StoredObject so = e.object();
        if (so.resource().equals("namespaces")) {
            if (e.type() == StoreEvent.Type.DELETED) {
                terminating.remove(so.name());
            } else if (so.object().path("metadata").hasNonNull("deletionTimestamp")) {
                if (terminating.add(so.name())) {
                    process(so.name());
                }
            }
        } else if (e.type() == StoreEvent.Type.DELETED && !so.namespace().isEmpty() && terminating.contains(so.namespace())) {
            process(so.namespace());
        }
    }

    @Override
    protected void onIdle() {
        List.copyOf(terminating).forEach(this::process);
    }

    private void process(String namespace) {
        Optional<StoredObject> ns = store.get("namespaces", new ObjectKey("", namespace));
        if (ns.isEmpty() || !ns.get().object().path("metadata").hasNonNull("deletionTimestamp")) {
            terminating.remove(namespace);
            return;
        }
        int remaining = 0;
        for (String resource : store.resourcesWithObjectsIn(namespace)) {
            Optional<ResourceDef> def = ops.registry().byStorageKey(resource);
            if (def.isEmpty()) {
                continue; // data of a kind no longer served cannot be deleted through the API
            }
            ResourceRegistry.Served served = ops.registry().lookup(def.get().group(), def.get().storageVersion().name(), def.get().plural()).orElseThrow();
            for (StoredObject so : store.list(resource, namespace, null).items()) {
                remaining++;
                if (so.object().path("metadata").hasNonNull("deletionTimestamp")) {
                    continue;
                }
                try {
                    ops.delete(new RequestScope(served, namespace, so.name(), ""), ResourceOperations.DeleteOptions.DEFAULT);
                } catch (StatusException e) {
                    if (e.code() != 404) {
                        log.warn("deleting {} {} of terminating namespace {}: {}", resource, so.key(), namespace, e.getMessage());
                    }
                }
            }
        }
        if (remaining > 0) {
            return; // the DELETED events of the remaining objects bring us back
        }
        StoredObject current = ns.get();
        ObjectNode patch = BodyCodec.JSON.createObjectNode();
        patch.putObject("spec").putArray("finalizers");
        patch.putObject("metadata").put("resourceVersion", Long.toString(current.resourceVersion()));
        ResourceRegistry.Served served = ops.registry().lookup("", "v1", "namespaces").orElseThrow();
        try {
            ops.patch(new RequestScope(served, null, namespace, ""), PatchType.MERGE, patch, SYSTEM);
            log.debug("namespace {} is empty; finalized", namespace);
        } catch (StatusException e) {
            if (e.code() != 404 && e.code() != 409) {
                log.warn("finalizing namespace {}: {}", namespace, e.getMessage());
            }
        }
    }
}
