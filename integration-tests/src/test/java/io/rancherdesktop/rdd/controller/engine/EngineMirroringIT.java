package io.rancherdesktop.rdd.controller.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import com.github.dockerjava.api.model.HostConfig;
import io.fabric8.kubernetes.client.KubernetesClientException;
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

    // ---- Deletes of images and volumes in use (docs/engine-mirroring.md, "Finalizer lifecycle"; docs/api.md §4) ----

    private String createUser(String image, String name, HostConfig host, String... cmd) {
        String id = engine.client().createContainerCmd(image).withCmd(cmd).withName(name)
                .withHostConfig(host.withNetworkMode("none")).exec().getId();
        fx.removeContainerLater(id);
        return id;
    }

    /** A container that ran {@code cmd} and exited, its mirror showing it exited. */
    private String exitedUser(String image, String name, HostConfig host, String... cmd) {
        String id = createUser(image, name, host, cmd);
        engine.client().startContainerCmd(id).exec();
        engine.client().waitContainerCmd(id).start().awaitStatusCode(30, java.util.concurrent.TimeUnit.SECONDS);
        Await.until(name + " exited", T, () -> withStatus(container(id)) != null && container(id).getStatus().getStatus() == RunStatus.EXITED);
        return id;
    }

    /**
     * A runnable image {@code repo:tag} with an ID of its own: a commit of a (never started) container of the busybox
     * test image. Returns the image ID.
     */
    private String uniqueBusybox(String repo, String tag) {
        String base = fx.container("commit_base_" + System.nanoTime());
        String id = engine.client().inspectImageCmd(engine.client().commitCmd(base).withRepository(repo).withTag(tag)
                .withLabels(java.util.Map.of("rdd.test.unique", String.valueOf(System.nanoTime()))).exec()).exec().getId();
        fx.removeLater(repo + ":" + tag);
        fx.removeLater(id);
        return id;
    }

    private static List<String> usedBy(Image i) {
        return i == null || i.getStatus() == null ? null : i.getStatus().getUsedBy();
    }

    private static List<String> usedBy(Volume v) {
        return v == null || v.getStatus() == null ? null : v.getStatus().getUsedBy();
    }

    /** Deletes as the owner and returns the refusal, asserting it came within 1 s. */
    private KubernetesClientException refused(Runnable delete) {
        long start = System.nanoTime();
        KubernetesClientException e = assertThrows(KubernetesClientException.class, delete::run);
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "refused at once, took " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertEquals(409, e.getCode(), e.getMessage());
        assertEquals("Conflict", e.getStatus().getReason());
        return e;
    }

    private boolean imageExists(String ref) {
        try {
            engine.client().inspectImageCmd(ref).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
            return false;
        }
    }

    @Test
    void deletingTheLastTagOfAnInUseImageIsRefusedAtOnceNamingTheContainerAndChangesNothingEvenAfterTheContainerGoes() {
        String imageId = uniqueBusybox("inuse/img", "Only_Tag");
        String name = ImageMirrorName.of(imageId, "inuse/img:Only_Tag");
        String user = exitedUser("inuse/img:Only_Tag", "image_user", HostConfig.newHostConfig(), "true");
        Await.until("usedBy lists the container", T, () -> List.of("image_user").equals(usedBy(image(name))));
        String uid = image(name).getMetadata().getUid();

        KubernetesClientException e = refused(() -> harness.client().resources(Image.class).inNamespace(R).withName(name).delete());
        assertTrue(e.getStatus().getMessage().contains("image inuse/img:Only_Tag is used by container image_user (exited)"), e.getStatus().getMessage());
        assertEquals(1, e.getStatus().getDetails().getCauses().size());
        assertEquals("status.usedBy", e.getStatus().getDetails().getCauses().getFirst().getField());
        Image after = image(name);
        assertNull(after.getMetadata().getDeletionTimestamp(), "not Terminating");
        assertEquals(uid, after.getMetadata().getUid());
        assertTrue(imageExists(imageId));
        // The old rule deleted the image as soon as its user went: now nothing is pending.
        engine.client().removeContainerCmd(user).withForce(true).exec();
        Await.until("usedBy empty", T, () -> List.of().equals(usedBy(image(name))));
        assertEquals(uid, image(name).getMetadata().getUid());
        assertNull(image(name).getMetadata().getDeletionTimestamp());
        assertTrue(imageExists(imageId), "Docker still has the image");
    }

    @Test
    void deletingAVolumeAContainerMountsIsRefusedAtOnceAndItsDataSurvivesTheContainersRemoval() throws Exception {
        String vol = fx.volume("In_Use_Volume");
        String name = VolumeMirrorName.of(vol);
        String user = exitedUser(DockerdProcess.TEST_IMAGE, "volume_user",
                HostConfig.newHostConfig().withBinds(com.github.dockerjava.api.model.Bind.parse(vol + ":/data")),
                "sh", "-c", "echo kept > /data/file");
        java.nio.file.Path file = java.nio.file.Path.of(engine.client().inspectVolumeCmd(vol).exec().getMountpoint(), "file");
        assertEquals("kept\n", java.nio.file.Files.readString(file));
        Await.until("usedBy lists the container", T, () -> List.of("volume_user").equals(usedBy(volume(name))));
        String uid = volume(name).getMetadata().getUid();

        // No force for volumes: gracePeriodSeconds=0 is refused the same way.
        for (long grace : new long[] {30, 0}) {
            KubernetesClientException e = refused(() -> harness.client().resources(Volume.class).inNamespace(R).withName(name)
                    .withGracePeriod(grace).delete());
            assertTrue(e.getStatus().getMessage().contains("volume In_Use_Volume is used by container volume_user (exited)"), e.getStatus().getMessage());
        }
        assertNull(volume(name).getMetadata().getDeletionTimestamp());
        engine.client().removeContainerCmd(user).withForce(true).exec();
        Await.until("usedBy empty", T, () -> List.of().equals(usedBy(volume(name))));
        assertEquals(uid, volume(name).getMetadata().getUid());
        assertEquals("kept\n", java.nio.file.Files.readString(file), "the volume's data survives");
    }

    @Test
    void deletingOneOfTwoTagsOfAnInUseImageOnlyUntagsIt() {
        String imageId = uniqueBusybox("inuse/two", "a");
        engine.client().tagImageCmd(imageId, "inuse/two", "b").exec();
        fx.removeLater("inuse/two:b");
        exitedUser("inuse/two:a", "two_tags_user", HostConfig.newHostConfig(), "true");
        String a = ImageMirrorName.of(imageId, "inuse/two:a");
        String b = ImageMirrorName.of(imageId, "inuse/two:b");
        Await.until("both tags list the user", T, () -> List.of("two_tags_user").equals(usedBy(image(a))) && List.of("two_tags_user").equals(usedBy(image(b))));

        harness.client().resources(Image.class).inNamespace(R).withName(b).delete();
        Await.until("the tag's mirror goes", T, () -> image(b) == null);
        assertEquals(List.of("inuse/two:a"), engine.client().inspectImageCmd(imageId).exec().getRepoTags());
        // Now it is the last tag: refused.
        refused(() -> harness.client().resources(Image.class).inNamespace(R).withName(a).delete());
        assertNotNull(image(a));
    }

    @Test
    void aForcedDeleteRemovesAnImageOnlyAStoppedContainerUsesAndIsRefusedForARunningContainersImage() {
        String stoppedId = uniqueBusybox("force/stopped", "1");
        String stopped = ImageMirrorName.of(stoppedId, "force/stopped:1");
        exitedUser("force/stopped:1", "force_stopped_user", HostConfig.newHostConfig(), "true");
        Await.until("usedBy", T, () -> List.of("force_stopped_user").equals(usedBy(image(stopped))));
        refused(() -> harness.client().resources(Image.class).inNamespace(R).withName(stopped).delete());
        harness.client().resources(Image.class).inNamespace(R).withName(stopped).withGracePeriod(0).delete();
        Await.until("mirror gone", T, () -> image(stopped) == null);
        Await.until("image gone from Docker, as docker rmi -f does", T, () -> !imageExists(stoppedId));

        String runningId = uniqueBusybox("force/running", "1");
        String running = ImageMirrorName.of(runningId, "force/running:1");
        String d = createUser("force/running:1", "force_running_user", HostConfig.newHostConfig(), "sleep", "300");
        engine.client().startContainerCmd(d).exec();
        Await.until("running", T, () -> withStatus(container(d)) != null && container(d).getStatus().getStatus() == RunStatus.RUNNING);
        Await.until("usedBy", T, () -> List.of("force_running_user").equals(usedBy(image(running))));
        KubernetesClientException e = refused(() -> harness.client().resources(Image.class).inNamespace(R).withName(running).withGracePeriod(0).delete());
        assertTrue(e.getStatus().getMessage().contains("image force/running:1 is used by container force_running_user (running)"), e.getStatus().getMessage());
        assertNull(image(running).getMetadata().getDeletionTimestamp());
        assertTrue(imageExists(runningId));
        engine.client().removeContainerCmd(d).withForce(true).exec();
    }

    /**
     * The race: the container is created after admission read {@code usedBy}. Simulated deterministically by writing
     * the lag into the mirror (as the engine controller, {@code usedBy: []}) while Docker has the user: admission lets
     * the delete through, Docker refuses it, and the delete must not stay pending.
     */
    @Test
    void anEngineRefusalAfterAdmissionDropsTheDeleteAndPutsTheMirrorBackAtOnceWithAWarningNamingTheContainer() {
        String imageId = uniqueBusybox("race/img", "1");
        String name = ImageMirrorName.of(imageId, "race/img:1");
        String user = exitedUser("race/img:1", "race_user", HostConfig.newHostConfig(), "true");
        Await.until("usedBy", T, () -> List.of("race_user").equals(usedBy(image(name))));
        String uid = image(name).getMetadata().getUid();
        try (var engineClient = harness.api().newEngineClient()) {
            Image lagging = image(name);
            lagging.getStatus().setUsedBy(List.of());
            lagging.getStatus().setInUse(false);
            engineClient.resource(lagging).updateStatus();
        }
        harness.client().resources(Image.class).inNamespace(R).withName(name).delete();

        Await.until("the mirror is back with a new uid", T, () -> {
            Image now = image(name); // read once: between two reads the old mirror may go and the new one not be there yet
            return now != null && !uid.equals(now.getMetadata().getUid()) && now.getMetadata().getDeletionTimestamp() == null;
        });
        Await.until("with its users", T, () -> List.of("race_user").equals(usedBy(image(name))));
        assertTrue(imageExists(imageId), "Docker kept the image");
        Await.until("EngineDeleteRefused recorded", T, () -> !warnings("EngineDeleteRefused", name).isEmpty());
        String message = warnings("EngineDeleteRefused", name).getFirst().getMessage();
        assertEquals("Warning", warnings("EngineDeleteRefused", name).getFirst().getType());
        assertTrue(message.contains("race_user (exited)"), message);
        assertFalse(message.contains(user.substring(0, 12)), "the container is named, not given by ID: " + message);
        // Nothing is pending: the container going deletes nothing.
        String back = image(name).getMetadata().getUid();
        engine.client().removeContainerCmd(user).withForce(true).exec();
        Await.until("usedBy empty", T, () -> List.of().equals(usedBy(image(name))));
        assertEquals(back, image(name).getMetadata().getUid());
        assertTrue(imageExists(imageId));
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
