package io.rancherdesktop.rdd.controller.engine.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageScanRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageScanRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeCreateRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeCreateRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeCreateRequestStatus;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * VolumeCreateRequest and ImageScanRequest served through the API against a real dockerd (docs/api.md §3.5): the
 * outcome in the status, the mirror named in {@code status.volumeRef}, bad input Failed with Docker's message, and
 * the TTL. Exactly-once and EngineNotReady: {@code RequestEngineReadyIT}.
 */
@ExtendWith(RealDockerEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolumeAndScanRequestIT {
    private static final Duration T = EngineControllerHarness.TIMEOUT;
    private static final String R = "volreqs";

    private TestApiServer api;
    private EngineControllerHarness harness;
    private DockerClient docker;
    private final List<String> volumes = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start(DockerdProcess engine) {
        docker = engine.client();
        api = TestApiServer.start();
        harness = EngineControllerHarness.start(api, R, engine::host);
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
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
            for (String v : volumes) {
                try {
                    docker.removeVolumeCmd(v).exec();
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
        }
    }

    private VolumeCreateRequest volumeRequest(String requestName, String volume, Long ttl) {
        VolumeCreateRequest r = new VolumeCreateRequest();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(requestName);
        meta.setNamespace(R);
        r.setMetadata(meta);
        VolumeCreateRequestSpec spec = new VolumeCreateRequestSpec();
        spec.setName(volume);
        spec.setLabels(Map.of("purpose", "test"));
        spec.setTtlSecondsAfterFinished(ttl);
        r.setSpec(spec);
        if (volume != null) {
            volumes.add(volume);
        }
        return harness.client().resource(r).create();
    }

    private VolumeCreateRequest finished(String name) {
        return Await.value(name + " finished", T, () -> {
            VolumeCreateRequest r = harness.client().resources(VolumeCreateRequest.class).inNamespace(R).withName(name).get();
            return r != null && RequestReconciler.finished(r.getStatus()) ? r : null;
        });
    }

    private static Condition condition(VolumeCreateRequestStatus s, String type) {
        return Conditions.find(s.getConditions(), type).orElseThrow(() -> new AssertionError("no " + type + " in " + s.getConditions()));
    }

    @Test
    void aVolumeRequestCreatesTheVolumeWithItsLabelsAndNamesItsMirror() {
        volumeRequest("my-vol", "My_Vol_Ume", null);
        VolumeCreateRequest r = finished("my-vol");
        VolumeCreateRequestStatus s = r.getStatus();
        assertEquals(ConditionReasons.Request.VOLUME_CREATED, condition(s, ConditionTypes.COMPLETE).getReason());
        assertEquals(Conditions.TRUE, condition(s, ConditionTypes.COMPLETE).getStatus());
        assertEquals("My_Vol_Ume", s.getVolumeName());
        assertEquals(VolumeMirrorName.of("My_Vol_Ume"), s.getVolumeRef());
        assertNotNull(s.getStartTime());
        assertNotNull(s.getCompletionTime());
        assertEquals(r.getMetadata().getGeneration(), s.getObservedGeneration());
        assertEquals(3600L, r.getSpec().getTtlSecondsAfterFinished(), "the documented default");
        var labels = docker.inspectVolumeCmd("My_Vol_Ume").exec().getLabels();
        assertEquals("test", labels.get("purpose"));
        assertEquals(r.getMetadata().getUid(), labels.get(RequestLabels.REQUEST_UID));
        Volume mirror = Await.value("mirror", T, () -> harness.client().resources(Volume.class).inNamespace(R).withName(s.getVolumeRef()).get());
        assertEquals("My_Vol_Ume", mirror.getStatus().getName());
        // served once: the outcome is not rewritten by a later reconcile (e.g. as Adopted)
        harness.controller().supervisor().orElseThrow(); // the engine controller runs in this harness
        VolumeCreateRequest again = harness.client().resources(VolumeCreateRequest.class).inNamespace(R).withName("my-vol").get();
        assertEquals(ConditionReasons.Request.VOLUME_CREATED, condition(again.getStatus(), ConditionTypes.COMPLETE).getReason());
        assertEquals(s.getCompletionTime(), again.getStatus().getCompletionTime());
    }

    @Test
    void aVolumeNameDockerRefusesEndsFailedWithDockersMessageAndNothingIsCreated() {
        volumeRequest("bad-vol", "bad name!", null);
        VolumeCreateRequestStatus s = finished("bad-vol").getStatus();
        Condition failed = condition(s, ConditionTypes.FAILED);
        assertEquals(Conditions.TRUE, failed.getStatus());
        assertEquals(ConditionReasons.Request.ENGINE_ERROR, failed.getReason());
        assertTrue(failed.getMessage().contains("bad name!"), failed.getMessage());
        assertEquals(Conditions.FALSE, condition(s, ConditionTypes.COMPLETE).getStatus());
        assertNull(s.getVolumeRef());
    }

    @Test
    void aVolumeNameThatExistsEndsFailedNameConflict() {
        docker.createVolumeCmd().withName("taken_vol").exec();
        volumes.add("taken_vol");
        volumeRequest("taken-vol", "taken_vol", null);
        Condition failed = condition(finished("taken-vol").getStatus(), ConditionTypes.FAILED);
        assertEquals(ConditionReasons.Request.NAME_CONFLICT, failed.getReason());
        assertTrue(failed.getMessage().contains("taken_vol"), failed.getMessage());
        assertNull(docker.inspectVolumeCmd("taken_vol").exec().getLabels() == null ? null
                : docker.inspectVolumeCmd("taken_vol").exec().getLabels().get(RequestLabels.REQUEST_UID));
    }

    @Test
    void aFinishedRequestIsDeletedAfterItsTtl() {
        volumeRequest("ttl-vol", "ttl_vol", 1L);
        finished("ttl-vol");
        Await.until("request deleted after its TTL", T, () ->
                harness.client().resources(VolumeCreateRequest.class).inNamespace(R).withName("ttl-vol").get() == null);
        assertNotNull(docker.inspectVolumeCmd("ttl_vol").exec(), "the volume stays");
    }

    @Test
    void anImageScanRequestFailsAtOnceWithNoScanner() {
        ImageScanRequest r = new ImageScanRequest();
        ObjectMeta meta = new ObjectMeta();
        meta.setName("scan");
        meta.setNamespace(R);
        r.setMetadata(meta);
        ImageScanRequestSpec spec = new ImageScanRequestSpec();
        spec.setImageRef("img-whatever");
        r.setSpec(spec);
        harness.client().resource(r).create();
        ImageScanRequest done = Await.value("scan finished", T, () -> {
            ImageScanRequest x = harness.client().resources(ImageScanRequest.class).inNamespace(R).withName("scan").get();
            return x != null && RequestReconciler.finished(x.getStatus()) ? x : null;
        });
        Condition failed = Conditions.find(done.getStatus().getConditions(), ConditionTypes.FAILED).orElseThrow();
        assertEquals(ConditionReasons.Request.NO_SCANNER, failed.getReason());
        assertNull(done.getStatus().getResult());
    }
}
