package io.rancherdesktop.rdd.controller.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNamespace;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.controller.engine.naming.DerivedMirrorName;
import io.rancherdesktop.rdd.controller.engine.naming.ImageMirrorName;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.EngineFixtures;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The supervisor's lifecycle against a private dockerd this class kills and restarts (docs/design/mirroring-rules.md
 * §2, §8, §9): watcher death and reconnect (gap 7), stop/start with the full-sync path for hostile names (C1,
 * gap 1, gap 4), stop with a dead engine (gap 5), containerd (I1, gap 2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineLifecycleIT {
    private static final Duration T = EngineControllerHarness.TIMEOUT;
    private static final String R = "lifecycle";

    private DockerdProcess engine;
    private TestApiServer api;
    private EngineControllerHarness harness;
    private EngineFixtures fx;

    @BeforeAll
    void startEngine() {
        engine = DockerdProcess.startPrivateInstance(Path.of("target", "test-logs"));
    }

    @AfterAll
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @BeforeEach
    void startControllers() {
        if (!engine.isRunning()) {
            engine.restart();
        }
        fx = new EngineFixtures(engine);
        api = TestApiServer.start();
    }

    @AfterEach
    void stopControllers() {
        try {
            if (harness != null) {
                harness.close();
            }
            api.close();
        } finally {
            harness = null;
            if (!engine.isRunning()) {
                engine.restart();
            }
            fx.close();
        }
    }

    private void connect() {
        harness = EngineControllerHarness.start(api, R, engine::host);
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
    }

    private <T extends HasMetadata> T get(Class<T> kind, String name) {
        return harness.client().resources(kind).inNamespace(R).withName(name).get();
    }

    private <T extends CustomResource<?, ?>> T awaitMirror(Class<T> kind, String name) {
        return Await.value(kind.getSimpleName() + " " + name, T, () -> {
            T o = get(kind, name);
            return o == null || o.getStatus() == null ? null : o;
        });
    }

    private int mirrors() {
        int n = 0;
        for (Class<? extends HasMetadata> kind : List.of(Container.class, Image.class, Volume.class, ContainerNamespace.class)) {
            n += harness.client().resources(kind).inNamespace(R).list().getItems().size();
        }
        return n;
    }

    private String createContainer(String name) {
        String id = engine.createContainer(name);
        fx.removeContainerLater(id);
        return id;
    }

    @Test
    void gap7AKilledEngineWakesTheSupervisorByItselfAndTheReconnectKeepsTheMirrors() {
        connect();
        String containerId = createContainer("before_kill");
        String volume = fx.volume("Before_Kill");
        String tag = fx.tagTestImage("example/app", "Before_Kill");
        String imageName = ImageMirrorName.of(engine.client().inspectImageCmd(tag).exec().getId(), tag);
        Container c = awaitMirror(Container.class, containerId);
        Volume v = awaitMirror(Volume.class, VolumeMirrorName.of(volume));
        Image i = awaitMirror(Image.class, imageName);

        engine.kill();
        // Nothing in the API changed: only the watcher's death signal can have caused this reconcile.
        harness.awaitEngineReady(Conditions.FALSE, ConditionReasons.ContainerEngineReady.CONNECT_FAILED);
        // A mirror of nothing (as left by a container removed while no watcher listened): the re-sync prunes it (§3.9).
        String stale = "5a".repeat(32);
        Container orphan = new Container();
        io.fabric8.kubernetes.api.model.ObjectMeta meta = new io.fabric8.kubernetes.api.model.ObjectMeta();
        meta.setName(stale);
        meta.setNamespace(R);
        meta.setFinalizers(List.of(io.rancherdesktop.rdd.api.Finalizers.MIRROR));
        orphan.setMetadata(meta);
        orphan.setSpec(new io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerSpec(
                io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState.UNKNOWN));
        orphan.setStatus(null);
        try (var engineClient = api.newEngineClient()) { // only the engine controller creates mirrors
            engineClient.resource(orphan).create();
        }
        engine.restart();
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
        Await.until("stale mirror pruned by the re-sync", T, () -> get(Container.class, stale) == null);

        assertEquals(c.getMetadata().getUid(), get(Container.class, containerId).getMetadata().getUid());
        assertEquals(v.getMetadata().getUid(), get(Volume.class, v.getMetadata().getName()).getMetadata().getUid());
        assertEquals(v.getMetadata().getResourceVersion(), get(Volume.class, v.getMetadata().getName()).getMetadata().getResourceVersion(),
                "an unchanged volume was not rewritten by the re-sync (§4.6)");
        assertEquals(i.getMetadata().getUid(), get(Image.class, imageName).getMetadata().getUid());
        assertEquals(i.getMetadata().getResourceVersion(), get(Image.class, imageName).getMetadata().getResourceVersion());
        String after = createContainer("after_restart");
        awaitMirror(Container.class, after);
    }

    @Test
    void c1Gap1Gap4StopRemovesEveryMirrorAndStartMirrorsHostileNamesThroughTheFullSync() {
        connect();
        createContainer("before_stop");
        Await.until("mirrors exist", T, () -> mirrors() > 0);
        harness.setRunning(false);
        harness.awaitEngineReady(Conditions.FALSE, ConditionReasons.ContainerEngineReady.STOPPED);
        assertEquals(0, mirrors(), "no mirror of any kind is left once Stopped is reported (#32, I5)");

        String volume = fx.volume("My_Vol_Ume");
        String tag = fx.tagTestImage("example/app", "Tag_UPPER_1");
        String imageName = ImageMirrorName.of(engine.client().inspectImageCmd(tag).exec().getId(), tag);
        harness.setRunning(true);
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
        // Mirrored by the full sync (nothing emitted events for them since the watcher started).
        Volume v = awaitMirror(Volume.class, VolumeMirrorName.of(volume));
        assertEquals("My_Vol_Ume", v.getStatus().getName());
        assertTrue(DerivedMirrorName.matches(v.getMetadata().getName()));
        Image i = awaitMirror(Image.class, imageName);
        assertEquals("example/app:Tag_UPPER_1", i.getStatus().getRepoTag());
        assertTrue(i.getMetadata().getName().matches("^img-[0-9a-f]{64}$"));
        Await.until("moby back after the next watcher start (#34)", T, () -> get(ContainerNamespace.class, "moby") != null);
    }

    @Test
    void gap5StoppingWithADeadEngineStillRemovesEveryMirror() {
        connect();
        createContainer("dead_engine");
        Await.until("mirrors exist", T, () -> mirrors() > 1);
        engine.kill();
        harness.awaitEngineReady(Conditions.FALSE, ConditionReasons.ContainerEngineReady.CONNECT_FAILED);
        harness.setRunning(false);
        harness.awaitEngineReady(Conditions.FALSE, ConditionReasons.ContainerEngineReady.STOPPED);
        assertEquals(0, mirrors());
    }

    @Test
    void i1Gap2ContainerdIsNotApplicableWithNoWatcherAndNoMirrors() {
        connect();
        createContainer("before_containerd");
        Await.until("mirrors exist", T, () -> mirrors() > 0);
        harness.setEngine(ContainerEngine.CONTAINERD);
        var c = harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.NOT_APPLICABLE);
        assertEquals("Engine mirroring is only supported with the moby backend", c.getMessage());
        assertEquals(0, mirrors());
        assertTrue(harness.controller().sessions().live().isEmpty(), "no watcher for containerd");
        createContainer("while_containerd");
        harness.setEngine(ContainerEngine.MOBY);
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
        Await.until("mirrors back", T, () -> mirrors() > 0);
    }

    @Test
    void i1AnAppStartedWithContainerdNeverTriesDocker() {
        harness = EngineControllerHarness.start(api, R, () -> "unix:///nonexistent/docker.sock", true, ContainerEngine.CONTAINERD,
                "*", EngineControllerSettings.defaults());
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.NOT_APPLICABLE);
        assertEquals(0, mirrors());
    }

    @Test
    void aDeleteRequestedWhileDisconnectedIsParkedThenServedWhenTheWatcherConnects() {
        connect();
        String volume = fx.volume("Parked_Delete");
        String name = VolumeMirrorName.of(volume);
        awaitMirror(Volume.class, name);
        engine.kill();
        harness.awaitEngineReady(Conditions.FALSE, ConditionReasons.ContainerEngineReady.CONNECT_FAILED);
        harness.client().resources(Volume.class).inNamespace(R).withName(name).delete();
        Volume parked = Await.value("terminating", T, () -> {
            Volume v = get(Volume.class, name);
            return v != null && v.getMetadata().getDeletionTimestamp() != null ? v : null;
        });
        assertEquals(List.of(io.rancherdesktop.rdd.api.Finalizers.MIRROR), parked.getMetadata().getFinalizers(),
                "no watcher: the finalizer stays and the object waits (§7.6)");
        engine.restart();
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
        // §1.3: the connect enqueued every mirror, so the delete is served without any new event for it.
        Await.until("mirror released", T, () -> get(Volume.class, name) == null);
        assertTrue(engine.client().listVolumesCmd().exec().getVolumes().stream().noneMatch(v -> v.getName().equals(volume)),
                "the engine volume was deleted");
    }
}
