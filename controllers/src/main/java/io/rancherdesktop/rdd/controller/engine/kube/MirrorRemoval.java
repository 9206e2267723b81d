package io.rancherdesktop.rdd.controller.engine.kube;

import io.rancherdesktop.rdd.controller.ConflictRetry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.wire.Backoff;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The finalizer removal procedure of docs/design/mirroring-rules.md §7.4, shared by engine-side removals (destroy and
 * delete events, stale pruning), the finalizer path of the per-object reconcilers and the stop cleanup: on each
 * attempt GET a fresh object (NotFound → done), remove the mirror finalizer and UPDATE with the read
 * resourceVersion, retrying on Conflict; then DELETE with that resourceVersion as precondition, NotFound being
 * success. Only NotFound is ever ignored: a Conflict that outlasts the retries, Forbidden and everything else
 * are thrown to the caller (review I8). Never calls Docker (§7.5).
 */
public final class MirrorRemoval {
    /** Conflicts come from concurrent writers of the same object; client-go's default also gives up after a few. */
    public static final int MAX_ATTEMPTS = ConflictRetry.MAX_ATTEMPTS;
    /**
     * Unlike the other conflict retries (which re-read at once), the removal has always paused between conflicts, as
     * client-go's RetryOnConflict does: 10 ms doubling to 160 ms, plus up to half of that at random.
     */
    private static final Backoff CONFLICT_BACKOFF = new Backoff(Duration.ofMillis(10), 2, Duration.ofMillis(160), 0.5);

    private final KubernetesClient client;

    public MirrorRemoval(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * What happened.
     *
     * @param existed             whether the object was there at the first look
     * @param lastResourceVersion the last resourceVersion seen (-1 if none), for {@link KindView#removed}
     */
    public record Outcome(boolean existed, long lastResourceVersion) {
    }

    /**
     * Removes {@code name} in {@code namespace}, whoever created it, finalizers of others left in place.
     *
     * @throws KubernetesClientException for every failure except NotFound (Conflict after {@value #MAX_ATTEMPTS} attempts)
     */
    public <T extends HasMetadata> Outcome remove(Class<T> type, String namespace, String name) {
        Resource<T> handle = client.resources(type).inNamespace(namespace).withName(name);
        var seen = new Object() {
            boolean existed;
            long lastSeen = -1;
        };
        return ConflictRetry.run(() -> "Removing " + type.getSimpleName() + " " + namespace + "/" + name, CONFLICT_BACKOFF, attempt -> {
            T fresh = handle.get();
            if (fresh == null) {
                return new Outcome(seen.existed, seen.lastSeen);
            }
            seen.existed = true;
            seen.lastSeen = KindView.resourceVersion(fresh);
            try {
                T current = fresh;
                List<String> finalizers = fresh.getMetadata().getFinalizers();
                if (finalizers != null && finalizers.contains(Finalizers.MIRROR)) {
                    List<String> rest = new ArrayList<>(finalizers);
                    rest.removeIf(Finalizers.MIRROR::equals);
                    fresh.getMetadata().setFinalizers(rest);
                    // PUT with the read resourceVersion: 409 if anybody wrote in between.
                    current = client.resource(fresh).update();
                    seen.lastSeen = KindView.resourceVersion(current);
                    if (rest.isEmpty() && fresh.getMetadata().getDeletionTimestamp() != null) {
                        return new Outcome(true, seen.lastSeen); // the last finalizer of a terminating object: it is gone now
                    }
                }
                client.resources(type).inNamespace(namespace).withName(name)
                        .lockResourceVersion(current.getMetadata().getResourceVersion()).delete();
                return new Outcome(true, seen.lastSeen);
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return new Outcome(seen.existed, seen.lastSeen);
                }
                throw e; // a Conflict is retried with a fresh read; everything else goes to the caller
            }
        });
    }
}
