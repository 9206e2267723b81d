package io.rancherdesktop.rdd.controller.engine.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerCreateRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerCreateRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeCreateRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeCreateRequestSpec;
import io.rancherdesktop.rdd.controller.engine.EngineControllerSettings;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly once and EngineNotReady (docs/api.md §3.5): requests made while the engine is not connected wait with
 * {@code Complete=False/EngineNotReady}; meanwhile the "crash" is simulated by making the engine objects labelled
 * with the requests' uids (what an earlier run created before it could record it). When the engine connects, the
 * requests adopt those objects and create nothing; a request an earlier run had claimed ({@code startTime} set)
 * whose object the engine does not have ends {@code Failed/OutcomeUnknown} and is not served again.
 */
@ExtendWith(RealDockerEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestExactlyOnceIT {
    private static final Duration T = EngineControllerHarness.TIMEOUT;
    private static final String R = "onceonly";

    private TestApiServer api;
    private EngineControllerHarness harness;
    private DockerClient docker;

    @BeforeAll
    void start(DockerdProcess engine) {
        docker = engine.client();
        api = TestApiServer.start();
        harness = EngineControllerHarness.start(api, R, engine::host, false, ContainerEngine.MOBY, "*",
                EngineControllerSettings.defaults());
    }

    @AfterAll
    void stop() {
        try {
            if (harness != null) {
                harness.close();
            }
            if (api != null) {
                api.close();
            }
        } finally {
            for (var c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(RequestLabels.REQUEST_UID)).exec()) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).exec();
                } catch (RuntimeException ignored) {
                    // gone
                }
            }
            for (String v : List.of("once_adopted", "once_unknown")) {
                try {
                    docker.removeVolumeCmd(v).exec();
                } catch (RuntimeException ignored) {
                    // never made
                }
            }
        }
    }

    private static ObjectMeta meta(String name) {
        ObjectMeta m = new ObjectMeta();
        m.setName(name);
        m.setNamespace(R);
        return m;
    }

    private <T extends CustomResource<?, ? extends RequestStatus>> T await(Class<T> type, String name, String what,
                                                                            java.util.function.Predicate<RequestStatus> p) {
        return Await.value(name + " " + what, T, () -> {
            T r = harness.client().resources(type).inNamespace(R).withName(name).get();
            return r != null && r.getStatus() != null && p.test(r.getStatus()) ? r : null;
        });
    }

    private static Condition condition(RequestStatus s, String type) {
        return Conditions.find(s.getConditions(), type).orElseThrow(() -> new AssertionError("no " + type + " in " + s.getConditions()));
    }

    private static boolean reason(RequestStatus s, String type, String reason) {
        return Conditions.find(s.getConditions(), type).map(c -> reason.equals(c.getReason())).orElse(false);
    }

    @Test
    void requestsWaitForTheEngineThenAdoptWhatAnEarlierRunMadeOrFailWhenTheOutcomeIsUnknown() {
        VolumeCreateRequest vol = new VolumeCreateRequest();
        vol.setMetadata(meta("adopt-vol"));
        VolumeCreateRequestSpec vs = new VolumeCreateRequestSpec();
        vs.setName("once_adopted");
        vol.setSpec(vs);
        harness.client().resource(vol).create();

        ContainerCreateRequest ctr = new ContainerCreateRequest();
        ctr.setMetadata(meta("adopt-ctr"));
        ContainerCreateRequestSpec cs = new ContainerCreateRequestSpec();
        cs.setImage(DockerdProcess.TEST_IMAGE);
        cs.setName("once_ctr");
        cs.setNetworkMode("none");
        cs.setArgs(List.of("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"));
        ctr.setSpec(cs);
        harness.client().resource(ctr).create();

        VolumeCreateRequest unknown = new VolumeCreateRequest();
        unknown.setMetadata(meta("unknown-vol"));
        VolumeCreateRequestSpec us = new VolumeCreateRequestSpec();
        us.setName("once_unknown");
        unknown.setSpec(us);
        harness.client().resource(unknown).create();

        String volUid = await(VolumeCreateRequest.class, "adopt-vol", "waits for the engine",
                s -> reason(s, ConditionTypes.COMPLETE, ConditionReasons.Request.ENGINE_NOT_READY)).getMetadata().getUid();
        ContainerCreateRequest waitingCtr = await(ContainerCreateRequest.class, "adopt-ctr", "waits for the engine",
                s -> reason(s, ConditionTypes.COMPLETE, ConditionReasons.Request.ENGINE_NOT_READY));
        assertEquals(Conditions.FALSE, condition(waitingCtr.getStatus(), ConditionTypes.COMPLETE).getStatus());
        await(VolumeCreateRequest.class, "unknown-vol", "waits for the engine",
                s -> reason(s, ConditionTypes.COMPLETE, ConditionReasons.Request.ENGINE_NOT_READY));

        // What an earlier run made before it died: labelled, its status never written. The container was created
        // but not started.
        docker.createVolumeCmd().withName("once_adopted").withLabels(Map.of(RequestLabels.REQUEST_UID, volUid)).exec();
        String ctrId = docker.createContainerCmd(DockerdProcess.TEST_IMAGE).withName("once_ctr")
                .withCmd("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done")
                .withLabels(Map.of(RequestLabels.REQUEST_UID, waitingCtr.getMetadata().getUid()))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        // An earlier run had claimed this one (startTime) and the engine has nothing of it.
        harness.client().resources(VolumeCreateRequest.class).inNamespace(R).withName("unknown-vol").editStatus(r -> {
            r.getStatus().setStartTime(Conditions.timestamp(Instant.now().minusSeconds(60)));
            return r;
        });

        harness.setRunning(true);

        VolumeCreateRequest adoptedVol = await(VolumeCreateRequest.class, "adopt-vol", "finished", RequestReconciler::finished);
        assertEquals(ConditionReasons.Request.ADOPTED, condition(adoptedVol.getStatus(), ConditionTypes.COMPLETE).getReason());
        assertEquals(VolumeMirrorName.of("once_adopted"), adoptedVol.getStatus().getVolumeRef());

        ContainerCreateRequest adoptedCtr = await(ContainerCreateRequest.class, "adopt-ctr", "finished", RequestReconciler::finished);
        assertEquals(ConditionReasons.Request.ADOPTED, condition(adoptedCtr.getStatus(), ConditionTypes.COMPLETE).getReason(),
                condition(adoptedCtr.getStatus(), ConditionTypes.COMPLETE).getMessage());
        assertEquals(ctrId, adoptedCtr.getStatus().getContainerRef());
        assertEquals(1, docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(RequestLabels.REQUEST_UID, adoptedCtr.getMetadata().getUid())).exec().size(), "created once");
        assertTrue(docker.inspectContainerCmd(ctrId).exec().getState().getRunning(), "the interrupted start was finished");

        VolumeCreateRequest failed = await(VolumeCreateRequest.class, "unknown-vol", "finished", RequestReconciler::finished);
        Condition f = condition(failed.getStatus(), ConditionTypes.FAILED);
        assertEquals(ConditionReasons.Request.OUTCOME_UNKNOWN, f.getReason());
        assertTrue(docker.listVolumesCmd().withFilter("name", List.of("once_unknown")).exec().getVolumes() == null
                || docker.listVolumesCmd().withFilter("name", List.of("once_unknown")).exec().getVolumes().stream()
                .noneMatch(v -> v.getName().equals("once_unknown")), "not served a second time");
    }
}
