package io.rancherdesktop.rdd.controller.engine.request;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageRequestStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestSpec;
import io.rancherdesktop.rdd.controller.engine.reconcile.EngineSessions;
import java.time.Clock;
import java.util.Optional;

/**
 * What pulls and pushes share (docs/api.md §3.5): an {@link ImageRequestStatus}, registry credentials, and
 * idempotence — a transfer interrupted by a crash or an engine restart is simply run again, so there is nothing
 * labelled to adopt.
 */
abstract class ImageTransferReconciler<R extends CustomResource<? extends RequestSpec, ImageRequestStatus>>
        extends RequestReconciler<R, ImageRequestStatus> {
    protected final RegistryCredentials credentials;

    ImageTransferReconciler(Class<R> type, String name, KubernetesClient client, EngineSessions sessions, RegistryCredentials credentials,
                            Clock clock) {
        super(type, name, client, sessions, clock);
        this.credentials = credentials;
    }

    @Override
    protected final ImageRequestStatus newStatus() {
        return new ImageRequestStatus();
    }

    @Override
    protected final boolean idempotent() {
        return true;
    }

    @Override
    protected final Optional<RequestOutcome<ImageRequestStatus>> adopt(R request, Serving serving) {
        return Optional.empty();
    }
}
