package io.rancherdesktop.rdd.controller.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.FieldManagers;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNamespace;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.controller.engine.naming.DerivedMirrorName;
import io.rancherdesktop.rdd.controller.engine.naming.ImageMirrorName;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.EngineFixtures;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The engine controller end to end: real API server, real dockerd, JOSDK reconcilers. */
@ExtendWith(RealDockerEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineMirroringIT {
    private static final Duration T = EngineControllerHarness.TIMEOUT;
    private static final String R = "mirrors";

    private TestApiServer api;
    private EngineControllerHarness harness;
    private EngineFixtures fx;
    private DockerdProcess engine;

    @BeforeAll
    void start(DockerdProcess engine) {
        this.engine = engine;
        fx = new EngineFixtures(engine);
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
            fx.close();
        }
    }

    /** The object once its status is written (a mirror is created, then its status follows). */
    static <T extends io.fabric8.kubernetes.client.CustomResource<?, ?>> T withStatus(T o) {
        return o == null || o.getStatus() == null ? null : o;
    }

    private Container container(String id) {
        return harness.client().resources(Container.class).inNamespace(R).withName(id).get();
    }

    @Test
    void i2MobyNamespaceIsMirroredWithoutTheFinalizer() {
        ContainerNamespace moby = Await.value("moby", T, () ->
                harness.client().resources(ContainerNamespace.class).inNamespace(R).withName("moby").get());
        assertTrue(moby.getMetadata().getFinalizers() == null || moby.getMetadata().getFinalizers().isEmpty());
    }

    @Test
    void aNewContainerIsMirroredWithTheFinalizerAndSpecStateUnknownAndItsStatusFollowsDocker() {
        String id = fx.container("mirror_lifecycle");
        Container c = Await.value("container mirror", T, () -> container(id));
        assertEquals(List.of(Finalizers.MIRROR), c.getMetadata().getFinalizers());
        assertEquals(RequestedState.UNKNOWN, c.getSpec().getState());
        Await.until("status created", T, () -> container(id).getStatus() != null && container(id).getStatus().getStatus() == RunStatus.CREATED);
        assertEquals("mirror_lifecycle", container(id).getStatus().getName());
        assertNull(container(id).getStatus().getLastAction());
        engine.client().startContainerCmd(id).exec();
        Await.until("status running", T, () -> container(id).getStatus().getStatus() == RunStatus.RUNNING);
        // J3: out-of-band stop is mirrored, not reverted.
        engine.client().stopContainerCmd(id).withTimeout(5).exec();
        Await.until("status exited", T, () -> container(id).getStatus().getStatus() == RunStatus.EXITED);
        assertEquals(RequestedState.UNKNOWN, container(id).getSpec().getState());
        // The engine never owns spec through server-side apply (S7).
        assertTrue(container(id).getMetadata().getManagedFields().stream()
                .filter(e -> FieldManagers.ENGINE_CONTROLLER.equals(e.getManager()))
                .noneMatch(e -> e.getFieldsV1() != null && e.getFieldsV1().getAdditionalProperties().containsKey("f:spec")));
        engine.client().removeContainerCmd(id).withForce(true).exec();
        Await.until("mirror gone", T, () -> container(id) == null);
    }

    @Test
    void c1Gap1UppercaseAndUnderscoreNamesAreMirroredOnTheEventPath() {
        String vol = fx.volume("My_Vol_Ume_ev");
        String volName = VolumeMirrorName.of(vol);
        Volume v = Await.value("volume mirror", T, () -> withStatus(harness.client().resources(Volume.class).inNamespace(R).withName(volName).get()));
        assertEquals(vol, v.getStatus().getName());
        String tag = fx.tagTestImage("example/app", "Tag_UPPER_ev");
        String imageId = engine.client().inspectImageCmd(tag).exec().getId();
        String imgName = ImageMirrorName.of(imageId, tag);
        assertTrue(DerivedMirrorName.matches(imgName));
        Image i = Await.value("image mirror", T, () -> withStatus(harness.client().resources(Image.class).inNamespace(R).withName(imgName).get()));
        assertEquals(tag, i.getStatus().getRepoTag());
        assertNotNull(harness.client().resources(Image.class).inNamespace(R).withField("status.repoTag", tag).list().getItems().getFirst());
    }
}
