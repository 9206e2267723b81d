package io.rancherdesktop.rdd.apiserver;

import static io.rancherdesktop.rdd.apiserver.GenericStore.MAX_INTERNAL_RETRIES;
import static io.rancherdesktop.rdd.apiserver.GenericStore.key;
import static io.rancherdesktop.rdd.apiserver.GenericStore.notFound;
import static io.rancherdesktop.rdd.apiserver.GenericStore.render;
import static io.rancherdesktop.rdd.apiserver.GenericStore.strings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.admission.AdmissionRequest;
import io.rancherdesktop.rdd.admission.Operation;
import io.rancherdesktop.rdd.apiserver.ResourceOperations.DeleteOptions;
import io.rancherdesktop.rdd.apiserver.ResourceOperations.DeleteResult;
import io.rancherdesktop.rdd.apiserver.ResourceOperations.ListOptions;
import io.rancherdesktop.rdd.apiserver.StatusException.Cause;
import io.rancherdesktop.rdd.store.StoreException;
import io.rancherdesktop.rdd.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The delete verbs: preconditions, admission, propagation policy (Orphan and Foreground through the garbage
 * collector's finalizers), graceful termination while finalizers remain; delete-collection as single deletes.
 */
final class DeleteOperation {
    /** Set on a custom resource whose delete asked for {@code gracePeriodSeconds=0} (docs/api.md §4). */
    static final String FORCE_DELETE_ANNOTATION = io.rancherdesktop.rdd.api.Finalizers.FORCE_DELETE_ANNOTATION;
    private final GenericStore g;
    private final ListOperation lists;

    DeleteOperation(GenericStore g, ListOperation lists) {
        this.g = g;
        this.lists = lists;
    }

    DeleteResult delete(RequestScope scope, DeleteOptions opts) {
        GenericStore.checkWritable(scope);
        if (scope.isStatus()) {
            throw StatusException.methodNotAllowed("DELETE");
        }
        ResourceDef r = scope.resource();
        ResourceStrategy strategy = g.strategy(scope);
        if (opts.propagationPolicy() != null && !Set.of("Orphan", "Background", "Foreground").contains(opts.propagationPolicy())) {
            throw StatusException.invalid(r.group(), r.kind(), scope.name(), List.of(new Cause("FieldValueNotSupported",
                    "Unsupported value: \"" + opts.propagationPolicy() + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"",
                    "propagationPolicy")));
        }
        strategy.checkDelete(scope);
        for (int attempt = 0; ; attempt++) {
            StoredObject current = g.store.get(r.storageKey(), key(scope, scope.name())).orElseThrow(() -> notFound(scope, scope.name()));
            ObjectNode old = render(current, scope);
            if (opts.preconditionUid() != null && !opts.preconditionUid().equals(old.path("metadata").path("uid").asText())) {
                throw StatusException.conflict(r.group(), r.plural(), scope.name(), "Precondition failed: UID in precondition: " + opts.preconditionUid()
                        + ", UID in object meta: " + old.path("metadata").path("uid").asText());
            }
            if (opts.preconditionResourceVersion() != null && !opts.preconditionResourceVersion().equals(old.path("metadata").path("resourceVersion").asText())) {
                throw StatusException.conflict(r.group(), r.plural(), scope.name(), "Precondition failed: ResourceVersion in precondition: "
                        + opts.preconditionResourceVersion() + ", ResourceVersion in object meta: " + old.path("metadata").path("resourceVersion").asText());
            }
            List<String> warnings = new ArrayList<>();
            AdmissionRequest base = GenericStore.admissionRequest(Operation.DELETE, scope, scope.name(), null, old.deepCopy(), opts.dryRun(), opts.user());
            AdmissionRequest req = new AdmissionRequest(base.operation(), base.group(), base.version(), base.kind(), base.plural(), base.namespace(),
                    base.name(), base.subresource(), null, base.oldObject(), base.dryRun(), base.userInfo(), opts.toJson(), g.lookup());
            g.admission.validate(req, warnings);
            boolean hasFinalizers = !strings(old.path("metadata").path("finalizers")).isEmpty();
            boolean terminating = old.path("metadata").hasNonNull("deletionTimestamp");
            if (terminating) {
                return new DeleteResult(old, false, warnings);
            }
            // Orphan and Foreground deletes go through the garbage collector, via the finalizers kube uses for them.
            String gcFinalizer = switch (opts.propagationPolicy() == null ? "" : opts.propagationPolicy()) {
                case "Orphan" -> GarbageCollector.ORPHAN;
                case "Foreground" -> GarbageCollector.FOREGROUND;
                default -> null;
            };
            if (hasFinalizers || strategy.terminatesOnDelete() || gcFinalizer != null) {
                ObjectNode obj = old.deepCopy();
                ObjectNode meta = obj.withObject("metadata");
                if (gcFinalizer != null && !strings(meta.path("finalizers")).contains(gcFinalizer)) {
                    meta.withArray("finalizers").add(gcFinalizer);
                }
                meta.put("deletionTimestamp", Timestamps.format(g.clock.instant()));
                meta.put("deletionGracePeriodSeconds", 0);
                strategy.prepareForTermination(obj);
                if (opts.gracePeriodSeconds() != null && opts.gracePeriodSeconds() == 0 && r.isCustom()) {
                    // A forced delete (kubectl delete --force --grace-period=0) of an object that terminates through a
                    // finalizer: its deletionGracePeriodSeconds is always 0 here, so the intent is recorded for the
                    // finalizer's owner (docs/api.md §4, "Deleting an image or a volume").
                    meta.withObject("annotations").put(FORCE_DELETE_ANNOTATION, "true");
                }
                if (opts.dryRun()) {
                    return new DeleteResult(obj, false, warnings);
                }
                GenericStore.toStorageVersion(obj, r);
                try {
                    return new DeleteResult(render(g.store.update(r.storageKey(), current.key(), current.resourceVersion(), obj), scope), false, warnings);
                } catch (StoreException.Conflict | StoreException.NotFound e) {
                    if (attempt >= MAX_INTERNAL_RETRIES) {
                        throw StatusException.staleResourceVersion(r.group(), r.plural(), scope.name());
                    }
                    continue;
                }
            }
            if (opts.dryRun()) {
                return new DeleteResult(old, true, warnings);
            }
            try {
                StoredObject gone = g.store.delete(r.storageKey(), current.key(), current.resourceVersion(), null);
                return new DeleteResult(render(gone, scope), true, warnings);
            } catch (StoreException.Conflict e) {
                if (attempt >= MAX_INTERNAL_RETRIES) {
                    throw StatusException.staleResourceVersion(r.group(), r.plural(), scope.name());
                }
            } catch (StoreException.NotFound e) {
                throw notFound(scope, scope.name());
            }
        }
    }

    /**
     * Deletes every object the list options select, each one as a single delete would (its own admission). As kube's
     * registry does, an object whose delete fails (e.g. an image in use, 409) does not stop the others: every other
     * object is deleted, then the first failure is the answer (docs/api.md §4).
     */
    List<ObjectNode> deleteCollection(RequestScope scope, ListOptions listOpts, DeleteOptions opts) {
        GenericStore.checkWritable(scope);
        List<ObjectNode> out = new ArrayList<>();
        StatusException first = null;
        for (StoredObject so : lists.list(scope, new ListOptions(listOpts.labels(), listOpts.fields(), 0, null)).items()) {
            RequestScope one = new RequestScope(scope.served(), so.namespace().isEmpty() ? null : so.namespace(), so.name(), "");
            try {
                out.add(delete(one, opts).object());
            } catch (StatusException e) {
                if (e.code() != 404 && first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }
}
