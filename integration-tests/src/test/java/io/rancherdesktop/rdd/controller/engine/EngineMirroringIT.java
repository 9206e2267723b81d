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

    private Image image(String name) {
        return harness.client().resources(Image.class).inNamespace(R).withName(name).get();
    }

    private Volume volume(String name) {
        return harness.client().resources(Volume.class).inNamespace(R).withName(name).get();
    }

    private List<io.fabric8.kubernetes.api.model.Event> warnings(String reason, String involved) {
        return harness.client().v1().events().inNamespace(R).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && involved.equals(e.getInvolvedObject().getName())).toList();
    }

    @Test
    void i7SteadyStateDockerEventsCostNoApiListCall() {
        // Let the initial sync and its enqueues settle.
        var calls = harness.controller().apiCalls();
        String warmup = fx.volume("steady_warmup");
        Await.until("warm-up mirrored", T, () -> withStatus(volume(VolumeMirrorName.of(warmup))) != null);
        long lists = calls.lists();
        long requests = calls.requests();

        String id = fx.container("steady_state");
        Await.until("created", T, () -> container(id) != null && container(id).getStatus() != null);
        engine.client().startContainerCmd(id).exec();
        Await.until("running", T, () -> container(id).getStatus().getStatus() == RunStatus.RUNNING);
        engine.client().pauseContainerCmd(id).exec();
        Await.until("paused", T, () -> container(id).getStatus().getStatus() == RunStatus.PAUSED);
        engine.client().unpauseContainerCmd(id).exec();
        engine.client().stopContainerCmd(id).withTimeout(5).exec();
        Await.until("exited", T, () -> container(id).getStatus().getStatus() == RunStatus.EXITED);
        String vol = fx.volume("steady_vol");
        Await.until("volume", T, () -> withStatus(volume(VolumeMirrorName.of(vol))) != null);
        engine.client().removeVolumeCmd(vol).exec();
        Await.until("volume gone", T, () -> volume(VolumeMirrorName.of(vol)) == null);
        String tag = fx.tagTestImage("steady/app", "t1");
        String imageId = engine.client().inspectImageCmd(tag).exec().getId();
        Await.until("tag", T, () -> withStatus(image(ImageMirrorName.of(imageId, tag))) != null);
        engine.client().removeImageCmd(tag).exec();
        Await.until("untag", T, () -> image(ImageMirrorName.of(imageId, tag)) == null);
        engine.client().removeContainerCmd(id).withForce(true).exec();
        Await.until("destroyed", T, () -> container(id) == null);

        assertEquals(lists, calls.lists(), "Docker events in steady state made no API list call (I7)");
        assertTrue(calls.requests() > requests, "the events did write");
    }

    @Test
    void gap3I3AnInUseImageStaysTerminatingWithItsFinalizerUntilTheContainerGoesThenCompletesByItself() {
        String imageId = fx.importImage("inuse/img:Only_Tag", "in use " + System.nanoTime());
        String name = ImageMirrorName.of(imageId, "inuse/img:Only_Tag");
        String user = engine.client().createContainerCmd("inuse/img:Only_Tag").withCmd("true").withName("image_user")
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        Await.until("image mirror", T, () -> withStatus(image(name)) != null);
        harness.client().resources(Image.class).inNamespace(R).withName(name).delete();

        Await.until("EngineDeleteFailed recorded", T, () -> !warnings("EngineDeleteFailed", name).isEmpty());
        Image terminating = image(name);
        assertNotNull(terminating.getMetadata().getDeletionTimestamp());
        assertEquals(List.of(Finalizers.MIRROR), terminating.getMetadata().getFinalizers());
        assertTrue(warnings("EngineDeleteFailed", name).getFirst().getMessage().contains("conflict"),
                warnings("EngineDeleteFailed", name).getFirst().getMessage());
        assertEquals("Warning", warnings("EngineDeleteFailed", name).getFirst().getType());
        assertNotNull(engine.client().inspectImageCmd(imageId).exec(), "Docker still has the image");

        engine.client().removeContainerCmd(user).withForce(true).exec();
        Await.until("image mirror gone", T, () -> image(name) == null);
        Await.until("image gone from Docker", T, () -> {
            try {
                engine.client().inspectImageCmd(imageId).exec();
                return false;
            } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
                return true;
            }
        });
    }

    @Test
    void gap3AnInUseVolumeStaysTerminatingUntilItsContainerGoes() {
        String vol = fx.volume("In_Use_Volume");
        String name = VolumeMirrorName.of(vol);
        String user = engine.client().createContainerCmd(DockerdProcess.TEST_IMAGE).withCmd("true").withName("volume_user")
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode("none")
                        .withBinds(com.github.dockerjava.api.model.Bind.parse(vol + ":/data"))).exec().getId();
        Await.until("volume mirror", T, () -> withStatus(volume(name)) != null);
        harness.client().resources(Volume.class).inNamespace(R).withName(name).delete();
        Await.until("EngineDeleteFailed recorded", T, () -> !warnings("EngineDeleteFailed", name).isEmpty());
        assertEquals(List.of(Finalizers.MIRROR), volume(name).getMetadata().getFinalizers());
        assertNotNull(volume(name).getMetadata().getDeletionTimestamp());

        engine.client().removeContainerCmd(user).withForce(true).exec();
        Await.until("volume mirror gone", T, () -> volume(name) == null);
        assertTrue(engine.client().listVolumesCmd().exec().getVolumes().stream().noneMatch(v -> v.getName().equals(vol)));
    }

    /**
     * Issue 14 (item 4): dockerd 20.10 reports {@code docker volume prune} as one volume {@code prune} event and no
     * {@code destroy} per volume. The pruned volumes' mirrors go (a resync of the volumes) without a reconnect; the
     * mirror of a volume a container still uses, which the prune keeps, stays.
     */
    @Test
    void aVolumePruneRemovesThePrunedVolumesMirrorsAndKeepsTheMirrorOfAVolumeInUse() {
        java.util.Map<String, String> label = java.util.Map.of("rdd.test.prune", "p" + System.nanoTime());
        String a = fx.volume("Prune_A", label);
        String b = fx.volume("prune_b", label);
        String used = fx.volume("prune_used", label);
        String user = engine.client().createContainerCmd(DockerdProcess.TEST_IMAGE).withCmd("true").withName("prune_user")
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode("none")
                        .withBinds(com.github.dockerjava.api.model.Bind.parse(used + ":/data"))).exec().getId();
        fx.removeContainerLater(user);
        for (String v : List.of(a, b, used)) {
            Await.until("volume " + v + " mirrored", T, () -> withStatus(volume(VolumeMirrorName.of(v))) != null);
        }
        String usedUid = volume(VolumeMirrorName.of(used)).getMetadata().getUid();

        engine.client().pruneCmd(com.github.dockerjava.api.model.PruneType.VOLUMES)
                .withLabelFilter("rdd.test.prune=" + label.get("rdd.test.prune")).exec();
        List<String> left = engine.client().listVolumesCmd().exec().getVolumes().stream()
                .map(com.github.dockerjava.api.command.InspectVolumeResponse::getName).toList();
        assertTrue(!left.contains(a) && !left.contains(b) && left.contains(used), "Docker pruned the unused volumes only: " + left);

        Await.until("the pruned volumes' mirrors gone", T,
                () -> volume(VolumeMirrorName.of(a)) == null && volume(VolumeMirrorName.of(b)) == null);
        Volume kept = volume(VolumeMirrorName.of(used));
        assertNotNull(kept, "the in-use volume survived the prune, and so does its mirror");
        assertEquals(usedUid, kept.getMetadata().getUid());
    }

    @Test
    void deletingAContainerMirrorRemovesTheDockerContainer() {
        String id = fx.container("delete_me");
        engine.client().startContainerCmd(id).exec();
        Await.until("running mirror", T, () -> container(id) != null && container(id).getStatus() != null
                && container(id).getStatus().getStatus() == RunStatus.RUNNING);
        harness.client().resources(Container.class).inNamespace(R).withName(id).delete();
        Await.until("mirror gone", T, () -> container(id) == null);
        org.junit.jupiter.api.Assertions.assertThrows(com.github.dockerjava.api.exception.NotFoundException.class,
                () -> engine.client().inspectContainerCmd(id).exec());
    }

    @Test
    void i2Gap4TheMobyNamespaceHasNoFinalizerSoDeletingItCompletesAtOnce() {
        ContainerNamespace moby = Await.value("moby", T, () ->
                harness.client().resources(ContainerNamespace.class).inNamespace(R).withName("moby").get());
        assertTrue(moby.getMetadata().getFinalizers() == null || moby.getMetadata().getFinalizers().isEmpty());
        harness.client().resources(ContainerNamespace.class).inNamespace(R).withName("moby").withTimeout(10, java.util.concurrent.TimeUnit.SECONDS).delete();
        assertNull(harness.client().resources(ContainerNamespace.class).inNamespace(R).withName("moby").get());
    }
}
