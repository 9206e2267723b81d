package io.rancherdesktop.rdd.controller.engine.request;

import com.github.dockerjava.api.command.InspectImageResponse;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePullRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageRequestStatus;
import io.rancherdesktop.rdd.controller.engine.naming.ImageMirrorName;
import io.rancherdesktop.rdd.controller.engine.reconcile.EngineSessions;
import java.time.Clock;
import java.util.List;

/**
 * {@code ImagePullRequest} → {@code docker pull} with progress in {@code status.progress} (docs/api.md §3.5). A pull
 * is idempotent, so one interrupted by a crash or an engine restart is simply pulled again.
 */
public final class ImagePullReconciler extends ImageTransferReconciler<ImagePullRequest> {
    public static final String NAME = "imagepullrequest";

    public ImagePullReconciler(KubernetesClient client, EngineSessions sessions, RegistryCredentials credentials, Clock clock) {
        super(ImagePullRequest.class, NAME, client, sessions, credentials, clock);
    }

    @Override
    protected String refusalReason(int httpStatus, String message) {
        return ConditionReasons.Request.IMAGE_PULL_FAILED;
    }

    @Override
    protected RequestOutcome<ImageRequestStatus> create(ImagePullRequest request, Serving serving) {
        ImageRef ref = ImageRef.parse(request.getSpec().getRepoTag());
        var auth = credentials.forImage(ref, serving.namespace(), request.getSpec().getSecretRef()).orElse(null);
        String digest = ImageTransfer.pull(serving.engine(), ref, auth, serving.progress(), ConditionReasons.Request.IMAGE_PULL_FAILED);
        InspectImageResponse image = serving.engine().docker().inspectImageCmd(ref.reference()).exec();
        String tag = ref.dockerRepoTag();
        List<String> tags = image.getRepoTags() == null ? List.of() : image.getRepoTags();
        String mirror = tag != null && tags.contains(tag) ? ImageMirrorName.of(image.getId(), tag) : null;
        return RequestOutcome.done(ConditionReasons.Request.PULLED, "pulled " + ref.reference(), s -> {
            s.setImageID(image.getId());
            s.setImageRef(mirror);
            s.setDigest(digest);
        });
    }
}
