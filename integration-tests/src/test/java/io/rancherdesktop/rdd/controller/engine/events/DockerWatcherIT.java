package io.rancherdesktop.rdd.controller.engine.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.rancherdesktop.rdd.controller.engine.docker.DaemonClock;
import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import io.rancherdesktop.rdd.controller.engine.docker.EngineClientSettings;
import io.rancherdesktop.rdd.controller.engine.docker.EventsSince;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineFixtures;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real Docker events through the watcher (docs/design/mirroring-rules.md §3.2, §5). Engine death is covered by
 * EngineRestartIT, which owns a private dockerd it may kill.
 */
@ExtendWith(RealDockerEngine.class)
class DockerWatcherIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final DockerdProcess engine;
    private final DockerClient docker;
    private final List<MirrorAction> handled = new CopyOnWriteArrayList<>();
    private EngineFixtures fixtures;
    private DockerWatcher watcher;

    DockerWatcherIT(DockerdProcess engine) {
        this.engine = engine;
        this.docker = engine.client();
    }

    @BeforeEach
    void setUp() {
        fixtures = new EngineFixtures(engine);
    }

    @AfterEach
    void tearDown() {
        if (watcher != null) {
            watcher.close();
        }
        fixtures.close();
    }

    private EventsSince now() {
        return new DaemonClock(Clock.systemUTC()).since(docker);
    }

    private DockerWatcher watch(EventsSince since) {
        watcher = DockerWatcher.subscribe(DockerEngineClient.open(engine.host(), EngineClientSettings.forEventStream()),
                since, handled::add, () -> { }, TIMEOUT);
        return watcher;
    }

    private List<MirrorAction> handledMatching(Predicate<MirrorAction> p) {
        return handled.stream().filter(p).toList();
    }

    private static boolean about(MirrorAction a, String id) {
        return switch (a) {
            case MirrorAction.ApplyContainer(String c) -> c.equals(id);
            case MirrorAction.RemoveContainer(String c) -> c.equals(id);
            case MirrorAction.ReconcileImage(String r) -> r.equals(id);
            case MirrorAction.RemoveImagesById(String i) -> i.equals(id);
            case MirrorAction.ApplyVolume(String v) -> v.equals(id);
            case MirrorAction.RemoveVolume(String v) -> v.equals(id);
            case MirrorAction.ResyncKind k -> false; // about a kind, not one object
        };
    }

    @Test
    void containerLifecycleEventsMapToApplyThenRemove() {
        watch(now()).startDelivery();
        String id = fixtures.container("rdd-watch-" + UUID.randomUUID());
        docker.startContainerCmd(id).exec();
        docker.pauseContainerCmd(id).exec();
        docker.unpauseContainerCmd(id).exec();
        docker.stopContainerCmd(id).withTimeout(5).exec();
        docker.removeContainerCmd(id).exec();

        // create, start, pause, unpause, die, stop -> apply; kill -> ignored; destroy -> remove.
        var apply = new MirrorAction.ApplyContainer(id);
        List<MirrorAction> expected = List.of(apply, apply, apply, apply, apply, apply, new MirrorAction.RemoveContainer(id));
        Await.until("the container's actions", TIMEOUT, () -> handledMatching(a -> about(a, id)).size() >= expected.size());
        assertEquals(expected, handledMatching(a -> about(a, id)));
    }

    @Test
    void imageTagUntagImportAndDeleteEventsMapToReconcileAndRemoveById() {
        watch(now()).startDelivery();
        String testImageId = docker.inspectImageCmd(DockerdProcess.TEST_IMAGE).exec().getId();
        String tag = fixtures.tagTestImage("rdd-it/watch", "Tag_UPPER_" + UUID.randomUUID().toString().substring(0, 8));
        docker.removeImageCmd(tag).exec();
        String imported = fixtures.importImage(null, "watch " + UUID.randomUUID());
        docker.removeImageCmd(imported).exec();

        Await.until("tag and untag of the test image", TIMEOUT,
                () -> handledMatching(a -> about(a, testImageId)).size() >= 2);
        assertEquals(List.of(new MirrorAction.ReconcileImage(testImageId), new MirrorAction.ReconcileImage(testImageId)),
                handledMatching(a -> about(a, testImageId)));
        Await.until("import and delete of the imported image", TIMEOUT,
                () -> handledMatching(a -> about(a, imported)).contains(new MirrorAction.RemoveImagesById(imported)));
        List<MirrorAction> forImported = handledMatching(a -> about(a, imported));
        assertEquals(new MirrorAction.ReconcileImage(imported), forImported.getFirst(), "import");
        assertEquals(new MirrorAction.RemoveImagesById(imported), forImported.getLast(), "delete");
    }

    @Test
    void c1VolumeCreateAndDestroyEventsMapToApplyAndRemoveByDockerName() {
        watch(now()).startDelivery();
        String name = "My_Vol_Ume_" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.volume(name);
        docker.removeVolumeCmd(name).exec();

        Await.until("the volume's actions", TIMEOUT, () -> handledMatching(a -> about(a, name)).size() >= 2);
        assertEquals(List.of(new MirrorAction.ApplyVolume(name), new MirrorAction.RemoveVolume(name)),
                handledMatching(a -> about(a, name)));
    }

    @Test
    void nothingIsLostBetweenReadingTheClockAndSubscribing() {
        EventsSince since = now();
        // Created after the clock was read but before the subscription exists: only `since` can bring it back.
        String name = "rdd-gap-" + UUID.randomUUID();
        fixtures.volume(name);
        String id = fixtures.container("rdd-gap-" + UUID.randomUUID());

        DockerWatcher w = watch(since);
        w.startDelivery();

        Await.until("the replayed create events", TIMEOUT, () -> handled.contains(new MirrorAction.ApplyVolume(name))
                && handled.contains(new MirrorAction.ApplyContainer(id)));
    }

    @Test
    void eventsDuringTheSyncAreHeldBackUntilDeliveryStartsAndThenAllArrive() {
        DockerWatcher w = watch(now());
        String name = "rdd-held-" + UUID.randomUUID();
        fixtures.volume(name);
        Await.until("the event to be read off the stream", TIMEOUT, () -> w.receivedEvents() >= 1);
        assertTrue(handled.isEmpty(), "not delivered before startDelivery: " + handled);
        w.startDelivery();
        Await.until("the held event", TIMEOUT, () -> handled.contains(new MirrorAction.ApplyVolume(name)));
    }
}
