package io.rancherdesktop.rdd.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The status write every controller uses (docs/api.md §0): read-modify-write through the {@code /status}
 * subresource with a fresh GET per attempt, retried on 409 Conflict ({@link ConflictRetry}), and skipped when nothing would change (so an
 * unchanged status never bumps the resourceVersion and wakes every watcher). Several controllers write the App's
 * status concurrently; the optimistic lock on the resourceVersion is what keeps them from losing each other's
 * conditions.
 */
public final class StatusWriter {

    private StatusWriter() {
    }

    /** What happened to a write. */
    public sealed interface Result<T> {
        /** The status was written; {@code object} is the server's answer. */
        record Written<T>(T object) implements Result<T> {
        }

        /** Nothing would change. */
        record Unchanged<T>(T object) implements Result<T> {
        }

        /** The object is gone, or its generation moved on (a newer spec: the next reconcile writes for it). */
        record Skipped<T>() implements Result<T> {
        }
    }

    /**
     * @param client             writes the status
     * @param resource           the object's DSL handle (namespace and name already set)
     * @param expectedGeneration the generation the caller computed the status for; a fresh object with another
     *                           generation is left alone
     * @param mutate             changes the status of the fresh object in place and says whether it changed anything
     */
    public static <T extends HasMetadata> Result<T> update(KubernetesClient client, Resource<T> resource, long expectedGeneration,
                                                           Predicate<T> mutate) {
        String[] name = {"?"};
        return ConflictRetry.run(() -> "status write of " + name[0], ConflictRetry.AT_ONCE, attempt -> {
            T fresh = resource.get();
            if (fresh == null || fresh.getMetadata().getGeneration() == null
                    || fresh.getMetadata().getGeneration() != expectedGeneration) {
                return new Result.Skipped<>();
            }
            name[0] = fresh.getMetadata().getName();
            if (!mutate.test(fresh)) {
                return new Result.Unchanged<>(fresh);
            }
            try {
                return new Result.Written<>(client.resource(fresh).updateStatus());
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return new Result.Skipped<>();
                }
                throw e; // a Conflict is retried with a fresh read
            }
        });
    }

    /** {@link #update} through a client, for callers that have no handle yet. */
    public static <T extends HasMetadata> Result<T> update(KubernetesClient client, Class<T> type, String namespace,
                                                           String name, long expectedGeneration, Predicate<T> mutate) {
        Resource<T> r = namespace == null
                ? client.resources(type).withName(name)
                : client.resources(type).inNamespace(namespace).withName(name);
        return update(client, r, expectedGeneration, mutate);
    }

    /** The written or unchanged object, if any. */
    public static <T> Optional<T> object(Result<T> result) {
        return switch (result) {
            case Result.Written<T> w -> Optional.of(w.object());
            case Result.Unchanged<T> u -> Optional.of(u.object());
            case Result.Skipped<T> s -> Optional.empty();
        };
    }
}
