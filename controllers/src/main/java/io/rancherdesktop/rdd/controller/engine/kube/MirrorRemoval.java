package io.rancherdesktop.rdd.controller.engine.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.rancherdesktop.rdd.api.Finalizers;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finalizer removal procedure of docs/design/mirroring-rules.md §7.4, shared by engine-side removals (destroy and
 * delete events, stale pruning), the finalizer path of the per-object reconcilers and the stop cleanup: on each
 * attempt GET a fresh object (NotFound → done), remove the mirror finalizer and UPDATE with the read
 * resourceVersion, retrying on Conflict; then DELETE with that resourceVersion as precondition, NotFound being
 * success. Only NotFound is ever ignored: a Conflict that outlasts the retries, Forbidden and everything else
 * are thrown to the caller (review I8). Never calls Docker (§7.5).
 */
public final class MirrorRemoval {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorRemoval.class);
    /** Conflicts come from concurrent writers of the same object; client-go's default also gives up after a few. */
    public static final int MAX_ATTEMPTS = 8;
    private static final Duration BASE_BACKOFF = Duration.ofMillis(10);

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
        boolean existed = false;
        long lastSeen = -1;
        KubernetesClientException lastConflict = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            T fresh = handle.get();
            if (fresh == null) {
                return new Outcome(existed, lastSeen);
            }
            existed = true;
            lastSeen = KindView.resourceVersion(fresh);
            try {
                T current = fresh;
                List<String> finalizers = fresh.getMetadata().getFinalizers();
                if (finalizers != null && finalizers.contains(Finalizers.MIRROR)) {
                    List<String> rest = new ArrayList<>(finalizers);
                    rest.removeIf(Finalizers.MIRROR::equals);
                    fresh.getMetadata().setFinalizers(rest);
                    // PUT with the read resourceVersion: 409 if anybody wrote in between.
                    current = client.resource(fresh).update();
                    lastSeen = KindView.resourceVersion(current);
                    if (rest.isEmpty() && fresh.getMetadata().getDeletionTimestamp() != null) {
                        return new Outcome(true, lastSeen); // the last finalizer of a terminating object: it is gone now
                    }
                }
                client.resources(type).inNamespace(namespace).withName(name)
                        .lockResourceVersion(current.getMetadata().getResourceVersion()).delete();
                return new Outcome(true, lastSeen);
            } catch (KubernetesClientException e) {
                switch (e.getCode()) {
                    case HttpURLConnection.HTTP_NOT_FOUND -> {
                        return new Outcome(existed, lastSeen);
                    }
                    case HttpURLConnection.HTTP_CONFLICT -> {
                        lastConflict = e;
                        LOG.debug("Removing {} {}/{} conflicted (attempt {}); retrying with a fresh read",
                                type.getSimpleName(), namespace, name, attempt);
                        backoff(attempt);
                    }
                    default -> throw e;
                }
            }
        }
        throw lastConflict;
    }

    private static void backoff(int attempt) {
        long base = BASE_BACKOFF.toNanos() * (1L << Math.min(attempt - 1, 4));
        LockSupport.parkNanos(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }
}
