package io.rancherdesktop.rdd.controller.engine.request;

import com.github.dockerjava.api.command.CreateVolumeCmd;
import com.github.dockerjava.api.command.CreateVolumeResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeCreateRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeCreateRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeCreateRequestStatus;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import io.rancherdesktop.rdd.controller.engine.reconcile.EngineSessions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code VolumeCreateRequest} → {@code docker volume create} (docs/api.md §3.5). Docker answers a create of an
 * existing name with that volume; here that is {@code Failed/NameConflict} (the volume is not this request's),
 * recognised by the missing request-uid label on the answer.
 */
public final class VolumeCreateReconciler extends RequestReconciler<VolumeCreateRequest, VolumeCreateRequestStatus> {
    public static final String NAME = "volumecreaterequest";

    public VolumeCreateReconciler(KubernetesClient client, EngineSessions sessions, Clock clock) {
        super(VolumeCreateRequest.class, NAME, client, sessions, clock);
    }

    @Override
    protected VolumeCreateRequestStatus newStatus() {
        return new VolumeCreateRequestStatus();
    }

    @Override
    protected Optional<RequestOutcome<VolumeCreateRequestStatus>> adopt(VolumeCreateRequest request, Serving serving) {
        List<InspectVolumeResponse> found = serving.engine().docker().listVolumesCmd()
                .withFilter("label", List.of(RequestLabels.filter(serving.uid()))).exec().getVolumes();
        if (found == null || found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(done(found.getFirst().getName(), ConditionReasons.Request.ADOPTED));
    }

    @Override
    protected RequestOutcome<VolumeCreateRequestStatus> create(VolumeCreateRequest request, Serving serving) {
        VolumeCreateRequestSpec spec = request.getSpec();
        String name = spec.getName() == null || spec.getName().isEmpty() ? null : spec.getName();
        if (name != null && serving.engine().inspectVolume(name).isPresent()) {
            return RequestOutcome.failed(ConditionReasons.Request.NAME_CONFLICT, "a volume named \"" + name + "\" already exists");
        }
        CreateVolumeCmd cmd = serving.engine().docker().createVolumeCmd()
                .withLabels(RequestLabels.with(spec.getLabels(), serving.uid()));
        if (name != null) {
            cmd.withName(name);
        }
        if (spec.getDriver() != null && !spec.getDriver().isEmpty()) {
            cmd.withDriver(spec.getDriver());
        }
        if (spec.getOptions() != null && !spec.getOptions().isEmpty()) {
            cmd.withDriverOpts(spec.getOptions());
        }
        CreateVolumeResponse created = cmd.exec();
        Map<String, String> labels = created.getLabels();
        if (labels == null || !serving.uid().equals(labels.get(RequestLabels.REQUEST_UID))) {
            // created by somebody else between the inspect and the create: Docker handed us theirs
            return RequestOutcome.failed(ConditionReasons.Request.NAME_CONFLICT, "a volume named \"" + created.getName() + "\" already exists");
        }
        return done(created.getName(), ConditionReasons.Request.VOLUME_CREATED);
    }

    private static RequestOutcome<VolumeCreateRequestStatus> done(String volume, String reason) {
        return RequestOutcome.done(reason, "volume " + volume, s -> {
            s.setVolumeName(volume);
            s.setVolumeRef(VolumeMirrorName.of(volume));
        });
    }
}
