package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.apiserver.StatusException.Cause;
import java.util.List;

/**
 * What one kind does differently from the generic verbs, as kube's per-kind registry strategies
 * ({@code PrepareForCreate}, {@code PrepareForUpdate}, {@code Validate}, {@code ValidateUpdate}, ...). Every
 * method's default is the generic behaviour; {@link #of} picks a kind's strategy.
 */
interface ResourceStrategy {
    /** The generic behaviour: every kind without a strategy of its own. */
    ResourceStrategy DEFAULT = new ResourceStrategy() {
    };

    /** The strategy of {@code r}. */
    static ResourceStrategy of(ResourceDef r) {
        if (!r.group().isEmpty()) {
            return DEFAULT;
        }
        return switch (r.plural()) {
            case "configmaps" -> ConfigMapStrategy.INSTANCE;
            case "namespaces" -> NamespaceStrategy.INSTANCE;
            case "secrets" -> SecretStrategy.INSTANCE;
            default -> DEFAULT;
        };
    }

    /** A create, once the system metadata is set and before the namespace check, defaults and admission. */
    default void prepareForCreate(ObjectNode obj) {
    }

    /** An update of the object itself (not {@code /status}), once the system metadata of {@code old} is carried over. */
    default void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    }

    /** Checks an update against the stored object, after defaults and before admission (e.g. immutable fields). */
    default void validateUpdate(RequestScope scope, ObjectNode old, ObjectNode obj) {
    }

    /** The kind's own validation of an object to be written, adding to {@code causes}. */
    default void validate(RequestScope scope, ObjectNode obj, List<Cause> causes) {
    }

    /** Refuses a delete of this object before anything else is looked at. */
    default void checkDelete(RequestScope scope) {
    }

    /** Whether a delete always goes through termination (a {@code deletionTimestamp}) even without finalizers. */
    default boolean terminatesOnDelete() {
        return false;
    }

    /** A delete that starts termination, once the {@code deletionTimestamp} is set. */
    default void prepareForTermination(ObjectNode obj) {
    }

    /** Whether a terminating object without {@code metadata.finalizers} is still kept (by a finalizer of its own kind). */
    default boolean holdsDeletion(ObjectNode obj) {
        return false;
    }
}
