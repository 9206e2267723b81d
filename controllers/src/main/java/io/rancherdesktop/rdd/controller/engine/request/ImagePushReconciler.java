package io.rancherdesktop.rdd.controller.engine.request;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePushRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePushRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageRequestStatus;
import io.rancherdesktop.rdd.controller.engine.docker.EngineErrors;
import io.rancherdesktop.rdd.controller.engine.naming.ImageMirrorName;
import io.rancherdesktop.rdd.controller.engine.reconcile.EngineSessions;
import java.time.Clock;

/**
 * {@code ImagePushRequest} → {@code docker push} of a tag, named by {@code spec.repoTag} or by the Image mirror
 * {@code spec.imageRef} (its {@code status.repoTag}), with progress in {@code status.progress} (docs/api.md §3.5).
 * A push is idempotent: one interrupted is pushed again.
 */
public final class ImagePushReconciler extends ImageTransferReconciler<ImagePushRequest> {
    public static final String NAME = "imagepushrequest";

    public ImagePushReconciler(KubernetesClient client, EngineSessions sessions, RegistryCredentials credentials, Clock clock) {
        super(ImagePushRequest.class, NAME, client, sessions, credentials, clock);
    }

    @Override
    protected RequestOutcome<ImageRequestStatus> create(ImagePushRequest request, Serving serving) {
        ImagePushRequestSpec spec = request.getSpec();
        String repoTag = spec.getRepoTag();
        boolean hasRef = spec.getImageRef() != null && !spec.getImageRef().isEmpty();
        if ((repoTag == null || repoTag.isEmpty()) == !hasRef) {
            throw new RequestFailure(ConditionReasons.Request.INVALID_SPEC, "give exactly one of spec.imageRef and spec.repoTag");
        }
        if (hasRef) {
            Image image = client.resources(Image.class).inNamespace(request.getMetadata().getNamespace()).withName(spec.getImageRef()).get();
            if (image == null || image.getStatus() == null || image.getStatus().getRepoTag() == null) {
                throw new RequestFailure(ConditionReasons.Request.INVALID_SPEC, "spec.imageRef: no tagged Image " + spec.getImageRef()
                        + " in namespace " + request.getMetadata().getNamespace());
            }
            repoTag = image.getStatus().getRepoTag();
        }
        ImageRef ref = ImageRef.parse(repoTag);
        if (ref.tag() == null) {
            throw new RequestFailure(ConditionReasons.Request.INVALID_SPEC, "push a tag, not a digest: " + repoTag);
        }
        String id;
        try {
            id = serving.engine().docker().inspectImageCmd(ref.reference()).exec().getId();
        } catch (RuntimeException e) {
            if (EngineErrors.isNotFound(e)) {
                throw new RequestFailure(ConditionReasons.Request.ENGINE_ERROR, "no such image: " + ref.reference());
            }
            throw e;
        }
        var auth = credentials.forImage(ref, serving.namespace(), spec.getSecretRef()).orElse(null);
        String digest = ImageTransfer.push(serving.engine(), ref, auth, serving.progress(), ConditionReasons.Request.ENGINE_ERROR);
        String mirror = ImageMirrorName.of(id, ref.dockerRepoTag());
        return RequestOutcome.done(ConditionReasons.Request.PUSHED, "pushed " + ref.reference(), s -> {
            s.setImageID(id);
            s.setImageRef(mirror);
            s.setDigest(digest);
        });
    }
}
