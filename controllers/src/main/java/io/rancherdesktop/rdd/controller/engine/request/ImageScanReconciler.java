package io.rancherdesktop.rdd.controller.engine.request;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageScanRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageScanRequestStatus;
import io.rancherdesktop.rdd.controller.engine.reconcile.EngineSessions;
import java.time.Clock;
import java.util.Optional;

/** {@code ImageScanRequest}: no scanner ships, so every request ends {@code Failed/NoScanner} at once (docs/api.md §3.5). */
public final class ImageScanReconciler extends RequestReconciler<ImageScanRequest, ImageScanRequestStatus> {
    public static final String NAME = "imagescanrequest";
    static final String MESSAGE = "no image scanner ships with rdd; scan the image with a scanner of your own (e.g. trivy image …)";

    public ImageScanReconciler(KubernetesClient client, EngineSessions sessions, Clock clock) {
        super(ImageScanRequest.class, NAME, client, sessions, clock);
    }

    @Override
    protected ImageScanRequestStatus newStatus() {
        return new ImageScanRequestStatus();
    }

    @Override
    protected boolean needsEngine() {
        return false;
    }

    @Override
    protected RequestOutcome<ImageScanRequestStatus> serveWithoutEngine(ImageScanRequest request) {
        return RequestOutcome.failed(ConditionReasons.Request.NO_SCANNER, MESSAGE);
    }

    @Override
    protected Optional<RequestOutcome<ImageScanRequestStatus>> adopt(ImageScanRequest request, Serving serving) {
        return Optional.empty();
    }

    @Override
    protected RequestOutcome<ImageScanRequestStatus> create(ImageScanRequest request, Serving serving) {
        return serveWithoutEngine(request);
    }
}
