package io.rancherdesktop.rdd.controller.engine.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNamespace;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.controller.engine.kube.MirrorRemoval;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps 2–3 of the cleanup when the VM stops or the engine changes (docs/design/mirroring-rules.md §8.1–8.3, review I5):
 * for Container, Volume, Image and ContainerNamespace, in that order, list the objects in R from the API server
 * (not a cache), and remove each with the finalizer procedure of §7.4 (conflicts retried). Docker is never called.
 * Every object and every kind is attempted; failures are collected and thrown together at the end, so the caller
 * leaves the condition alone and retries.
 */
public final class StopCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(StopCleanup.class);
    private static final List<Class<? extends HasMetadata>> ORDER =
            List.of(Container.class, Volume.class, Image.class, ContainerNamespace.class);

    private final KubernetesClient client;
    private final MirrorRemoval removal;

    public StopCleanup(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.removal = new MirrorRemoval(client);
    }

    /** Thrown when some objects or kinds could not be removed; every failure is a suppressed exception. */
    public static final class CleanupFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CleanupFailedException(String message) {
            super(message);
        }
    }

    /**
     * Removes every mirror of the four kinds in {@code namespace}, whoever created it.
     *
     * @return how many objects were removed
     * @throws CleanupFailedException after trying everything, if anything failed
     */
    public int removeAll(String namespace) {
        List<String> failures = new ArrayList<>();
        List<Exception> causes = new ArrayList<>();
        int removed = 0;
        for (Class<? extends HasMetadata> kind : ORDER) {
            List<? extends HasMetadata> items;
            try {
                items = client.resources(kind).inNamespace(namespace).list().getItems();
            } catch (KubernetesClientException e) {
                failures.add("listing " + kind.getSimpleName() + " in " + namespace + ": " + e.getMessage());
                causes.add(e);
                continue;
            }
            for (HasMetadata item : items) {
                String name = item.getMetadata().getName();
                try {
                    if (removal.remove(kind, namespace, name).existed()) {
                        removed++;
                    }
                } catch (KubernetesClientException e) {
                    failures.add("removing " + kind.getSimpleName() + " " + namespace + "/" + name + ": " + e.getMessage());
                    causes.add(e);
                }
            }
        }
        if (!failures.isEmpty()) {
            CleanupFailedException e = new CleanupFailedException("mirror cleanup in " + namespace + " failed for "
                    + failures.size() + " item(s): " + String.join("; ", failures));
            causes.forEach(e::addSuppressed);
            throw e;
        }
        if (removed > 0) {
            LOG.info("Removed {} mirror object(s) from {}", removed, namespace);
        }
        return removed;
    }
}
