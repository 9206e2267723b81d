package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Core {@code Namespace}s: the {@code kubernetes} finalizer in {@code spec.finalizers} (removed by
 * {@link NamespaceLifecycle} once the namespace is empty), the {@code status.phase} the server owns, and the
 * namespaces that may not be deleted.
 */
final class NamespaceStrategy implements ResourceStrategy {
    static final NamespaceStrategy INSTANCE = new NamespaceStrategy();
    static final String NAMESPACE_FINALIZER = "kubernetes";
    /** Namespaces kube refuses to delete. */
    private static final Set<String> UNDELETABLE_NAMESPACES = Set.of("default", "kube-system", "kube-public");

    private NamespaceStrategy() {
    }

    @Override
    public void prepareForCreate(ObjectNode obj) {
        obj.withObject("spec").withArray("finalizers").removeAll().add(NAMESPACE_FINALIZER);
        obj.putObject("status").put("phase", "Active");
    }

    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
        obj.set("status", old.path("status").deepCopy());
    }

    @Override
    public void checkDelete(RequestScope scope) {
        if (UNDELETABLE_NAMESPACES.contains(scope.name())) {
            throw StatusException.forbidden("", "namespaces", scope.name(), "this namespace may not be deleted");
        }
    }

    @Override
    public boolean terminatesOnDelete() {
        return true;
    }

    @Override
    public void prepareForTermination(ObjectNode obj) {
        obj.withObject("status").put("phase", "Terminating");
    }

    @Override
    public boolean holdsDeletion(ObjectNode obj) {
        return !GenericStore.strings(obj.path("spec").path("finalizers")).isEmpty();
    }
}
