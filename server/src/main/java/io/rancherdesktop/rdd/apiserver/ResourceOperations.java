package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.admission.UserInfo;
import io.rancherdesktop.rdd.store.ObjectStore;
import io.rancherdesktop.rdd.store.StoredObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The REST verbs on resources, independent of HTTP: get, list, create, update, patch (JSON, merge, strategic,
 * apply), delete and delete-collection, with Kubernetes semantics (system metadata, generation, status
 * subresource, finalizers and deletionTimestamp, optimistic concurrency, field pruning, schema defaults and
 * validation, admission, dry run). The HTTP handler, the garbage collector and the namespace lifecycle all
 * write through here.
 *
 * <p>A facade over the registry layer (kube's {@code registry/generic}): {@link ListOperation},
 * {@link CreateOperation}, {@link UpdateOperation} (update, patch and apply share one write path),
 * {@link DeleteOperation}, with {@link BodyDecoder} for bodies, {@link GenericStore} for what they share and a
 * {@link ResourceStrategy} per kind ({@link ConfigMapStrategy}, {@link NamespaceStrategy}).
 */
public final class ResourceOperations {
    private final GenericStore generic;
    private final ListOperation lists;
    private final CreateOperation creates;
    private final UpdateOperation updates;
    private final DeleteOperation deletes;

    public ResourceOperations(ObjectStore store, ResourceRegistry registry, AdmissionChain admission, Clock clock) {
        this.generic = new GenericStore(store, registry, admission, clock);
        BodyDecoder decoder = new BodyDecoder(generic);
        this.lists = new ListOperation(generic);
        this.creates = new CreateOperation(generic, decoder);
        this.updates = new UpdateOperation(generic, decoder, creates);
        this.deletes = new DeleteOperation(generic, lists);
    }

    public ObjectStore store() {
        return generic.store;
    }

    public ResourceRegistry registry() {
        return generic.registry;
    }

    // =================================================================================================== read

    /** The object in the requested version (shared when no conversion is needed: do not modify). */
    public StoredObject get(RequestScope scope) {
        if (scope.resource().origin() == ResourceDef.Origin.READ_ONLY) {
            return crds().stream().filter(o -> o.name().equals(scope.name())).findFirst()
                    .orElseThrow(() -> GenericStore.notFound(scope, scope.name()));
        }
        return generic.store.get(scope.resource().storageKey(), GenericStore.key(scope, scope.name()))
                .orElseThrow(() -> GenericStore.notFound(scope, scope.name()));
    }

    /** The stored objects of the read-only CRD resource, synthesised from the registry. */
    List<StoredObject> crds() {
        return generic.crds();
    }

    /** Renders a stored object in the requested version (a copy only when the version differs). */
    public ObjectNode render(StoredObject so, RequestScope scope) {
        return GenericStore.render(so, scope);
    }

    /** Whether {@link #render} would return the stored object unchanged (so its JSON bytes can be sent as they are). */
    public boolean rendersAsStored(StoredObject so, RequestScope scope) {
        return GenericStore.rendersAsStored(so, scope);
    }

    /** List options: selectors, {@code limit} (0 = all) and a {@code continue} token. */
    public record ListOptions(LabelSelector labels, FieldSelector fields, int limit, String continueToken) {
        public static final ListOptions ALL = new ListOptions(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null);
    }

    /** One page of a list. {@code remaining} is -1 when unknown. */
    public record ListResult(long revision, List<StoredObject> items, String continueToken, long remaining) {
    }

    public ListResult list(RequestScope scope, ListOptions opts) {
        return lists.list(scope, opts);
    }

    /** The field-selector paths of a resource version: {@code metadata.name}, {@code metadata.namespace} and its selectable fields. */
    Map<String, CrdJsonPath> fieldPaths(RequestScope scope) {
        return lists.fieldPaths(scope);
    }

    // ================================================================================================= writes

    /** Outcome of a write: the object as stored (or as it would be, for a dry run) and the warnings. */
    public record WriteResult(ObjectNode object, List<String> warnings) {
    }

    public WriteResult create(RequestScope scope, JsonNode body, WriteOptions opts) {
        return creates.create(scope, body, opts);
    }

    public WriteResult update(RequestScope scope, JsonNode body, WriteOptions opts) {
        return updates.update(scope, body, opts);
    }

    /** A patch as the client sent it (parsed as its type requires). */
    public WriteResult patch(RequestScope scope, PatchType type, byte[] body, WriteOptions opts) {
        return updates.patch(scope, type, body, opts);
    }

    /** A patch already parsed (the server's own writes: no serialise-and-parse round trip); it is copied, not kept. */
    public WriteResult patch(RequestScope scope, PatchType type, JsonNode patch, WriteOptions opts) {
        return updates.patch(scope, type, patch, opts);
    }

    // ================================================================================================= delete

    /** Delete options: {@code propagationPolicy}, preconditions, and who deletes (admission sees it). */
    public record DeleteOptions(String propagationPolicy, String preconditionUid, String preconditionResourceVersion, boolean dryRun, UserInfo user,
                                Long gracePeriodSeconds) {
        /** The server's own plain delete. */
        public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, false, UserInfo.apiServer());

        public DeleteOptions {
            java.util.Objects.requireNonNull(user, "user");
        }

        /** Without a grace period (the object's default). */
        public DeleteOptions(String propagationPolicy, String preconditionUid, String preconditionResourceVersion, boolean dryRun, UserInfo user) {
            this(propagationPolicy, preconditionUid, preconditionResourceVersion, dryRun, user, null);
        }

        /** The options as admission sees them ({@code DeleteOptions} fields kube sends). */
        com.fasterxml.jackson.databind.node.ObjectNode toJson() {
            var n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            n.put("kind", "DeleteOptions");
            n.put("apiVersion", "meta.k8s.io/v1");
            if (gracePeriodSeconds != null) {
                n.put("gracePeriodSeconds", gracePeriodSeconds);
            }
            if (propagationPolicy != null) {
                n.put("propagationPolicy", propagationPolicy);
            }
            if (dryRun) {
                n.putArray("dryRun").add("All");
            }
            return n;
        }
    }

    /** Outcome of a delete: gone now ({@code deleted}), or terminating until its finalizers are removed. */
    public record DeleteResult(ObjectNode object, boolean deleted, List<String> warnings) {
    }

    public DeleteResult delete(RequestScope scope, DeleteOptions opts) {
        return deletes.delete(scope, opts);
    }

    /** Deletes every object the list options select (each one as a single delete would). */
    public List<ObjectNode> deleteCollection(RequestScope scope, ListOptions listOpts, DeleteOptions opts) {
        return deletes.deleteCollection(scope, listOpts, opts);
    }
}
