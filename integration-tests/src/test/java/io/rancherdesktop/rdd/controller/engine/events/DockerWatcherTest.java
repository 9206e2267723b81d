package io.rancherdesktop.rdd.controller.engine.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import io.rancherdesktop.rdd.controller.engine.docker.EngineClientSettings;
import io.rancherdesktop.rdd.controller.engine.docker.EngineUnavailableException;
import io.rancherdesktop.rdd.controller.engine.docker.EventsSince;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.FakeDockerEndpoint;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watcher lifecycle against a fake event stream that fails on demand (review gap 7; real-engine behaviour is
 * in DockerWatcherIT).
 */
class DockerWatcherTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final EventsSince SINCE = new EventsSince(Instant.parse("2024-05-01T10:00:00Z"), EventsSince.Source.DAEMON_CLOCK);

    private FakeDockerEndpoint fake;
    private final CountDownLatch closeStream = new CountDownLatch(1);
    private final List<String> streamed = new CopyOnWriteArrayList<>();
    private final CountDownLatch streamedAll = new CountDownLatch(1);
    private final AtomicReference<String> sinceSeen = new AtomicReference<>();

    private static String volumeEvent(String action, String name) {
        return "{\"Type\":\"volume\",\"Action\":\"" + action + "\",\"Actor\":{\"ID\":\"" + name + "\",\"Attributes\":{}},"
                + "\"scope\":\"local\",\"time\":1714557600,\"timeNano\":1714557600000000000}\n";
    }

    @BeforeEach
    void setUp() {
        fake = new FakeDockerEndpoint().on("GET", "/events", ex -> {
            sinceSeen.set(ex.getRequestURI().getQuery());
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.flush();
            for (String line : streamed) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            streamedAll.countDown();
            try {
                closeStream.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.close();
        });
    }

    @AfterEach
    void tearDown() {
        closeStream.countDown();
        fake.close();
    }

    private DockerEngineClient client() {
        return DockerEngineClient.open(fake.endpoint(), EngineClientSettings.forEventStream());
    }

    @Test
    void actionsAreBufferedUntilDeliveryStartsThenHandledInEventOrderAndSinceIsSent() throws Exception {
        streamed.addAll(List.of(volumeEvent("create", "a"), volumeEvent("mount", "a"), volumeEvent("destroy", "b")));
        List<MirrorAction> handled = new CopyOnWriteArrayList<>();
        try (DockerWatcher w = DockerWatcher.subscribe(client(), SINCE, handled::add, () -> { }, TIMEOUT)) {
            assertTrue(streamedAll.await(10, TimeUnit.SECONDS));
            Await.until("3 events received", TIMEOUT, () -> w.receivedEvents() == 3);
            assertEquals(List.of(), handled, "nothing is handled before the full sync is done");
            w.startDelivery();
            Await.until("2 actions handled", TIMEOUT, () -> handled.size() == 2);
            assertEquals(List.of(new MirrorAction.ApplyVolume("a"), new MirrorAction.RemoveVolume("b")), handled);
        }
        assertTrue(sinceSeen.get().contains("since=" + SINCE.dockerParameter()), sinceSeen.get());
        assertTrue(sinceSeen.get().contains("filters="), sinceSeen.get());
    }

    /** Issue 14: a burst of volume prunes waiting for delivery costs one resync, in the place of the first. */
    @Test
    void aBurstOfVolumePrunesIsCoalescedIntoOneResyncOfTheVolumes() throws Exception {
        String prune = "{\"Type\":\"volume\",\"Action\":\"prune\",\"Actor\":{\"ID\":\"\",\"Attributes\":{\"reclaimed\":\"0\"}},"
                + "\"scope\":\"local\",\"time\":1714557600,\"timeNano\":1714557600000000000}\n";
        streamed.addAll(List.of(prune, volumeEvent("create", "a"), prune, prune, volumeEvent("destroy", "b"), prune));
        List<MirrorAction> handled = new CopyOnWriteArrayList<>();
        try (DockerWatcher w = DockerWatcher.subscribe(client(), SINCE, handled::add, () -> { }, TIMEOUT)) {
            assertTrue(streamedAll.await(10, TimeUnit.SECONDS));
            Await.until("6 events received", TIMEOUT, () -> w.receivedEvents() == 6);
            w.startDelivery();
            Await.until("3 actions handled", TIMEOUT, () -> w.handledActions() == 3);
            var resync = new MirrorAction.ResyncKind(io.rancherdesktop.rdd.api.MirrorKind.VOLUME);
            assertEquals(List.of(resync, new MirrorAction.ApplyVolume("a"), new MirrorAction.RemoveVolume("b")), handled);
        }
    }

    @Test
    void gap7StreamCloseEndsTheWatcherClosesItsClientsAndThenSignalsDeathOnce() throws Exception {
        AtomicInteger signals = new AtomicInteger();
        CompletableFuture<String> stateAtSignal = new CompletableFuture<>();
        DockerEngineClient events = client();
        DockerEngineClient alsoOwned = DockerEngineClient.open(fake.endpoint(), EngineClientSettings.forCalls());
        AtomicReference<DockerWatcher> ref = new AtomicReference<>();
        DockerWatcher w = DockerWatcher.subscribe(events, SINCE, a -> { }, () -> {
            signals.incrementAndGet();
            DockerWatcher self = ref.get();
            boolean clientClosed;
            try {
                alsoOwned.docker().pingCmd().exec();
                clientClosed = false;
            } catch (RuntimeException closed) {
                clientClosed = true;
            }
            stateAtSignal.complete("alive=" + self.isAlive() + " ended=" + self.ended().isDone() + " clientClosed=" + clientClosed);
        }, TIMEOUT, alsoOwned);
        ref.set(w);
        w.startDelivery();
        assertTrue(w.isAlive());

        closeStream.countDown();

        assertEquals("alive=false ended=true clientClosed=true", stateAtSignal.get(10, TimeUnit.SECONDS));
        assertEquals(WatcherEnd.Reason.STREAM_CLOSED, w.ended().get().reason());
        w.close();
        assertEquals(1, signals.get(), "the death signal fires once");
    }

    @Test
    void aFailingActionIsLoggedAndTheNextOneIsStillHandled() {
        streamed.addAll(List.of(volumeEvent("create", "boom"), volumeEvent("create", "ok")));
        List<MirrorAction> handled = new CopyOnWriteArrayList<>();
        AtomicInteger signals = new AtomicInteger();
        try (DockerWatcher w = DockerWatcher.subscribe(client(), SINCE, a -> {
            handled.add(a);
            if (a.equals(new MirrorAction.ApplyVolume("boom"))) {
                throw new IllegalStateException("injected handler failure");
            }
        }, signals::incrementAndGet, TIMEOUT)) {
            w.startDelivery();
            Await.until("both actions handled", TIMEOUT, () -> w.handledActions() == 2);
            assertEquals(new MirrorAction.ApplyVolume("ok"), handled.get(1));
            assertTrue(w.isAlive());
        }
        assertEquals(0, signals.get(), "a deliberate close does not signal death");
    }

    @Test
    void gap7AnErrorThrownByTheHandlerEndsTheWatcherAndSignalsDeath() throws Exception {
        streamed.add(volumeEvent("create", "panic"));
        CountDownLatch signalled = new CountDownLatch(1);
        DockerWatcher w = DockerWatcher.subscribe(client(), SINCE, a -> {
            throw new AssertionError("injected panic");
        }, signalled::countDown, TIMEOUT);
        w.startDelivery();
        assertTrue(signalled.await(10, TimeUnit.SECONDS));
        assertFalse(w.isAlive());
        assertEquals(WatcherEnd.Reason.HANDLER_PANIC, w.ended().get().reason());
    }

    @Test
    void aRefusedSubscriptionFailsSubscribeAndSignalsNothing() {
        fake.json("GET", "/events", 500, "{\"message\":\"injected events failure\"}");
        AtomicInteger signals = new AtomicInteger();
        var e = assertThrows(EngineUnavailableException.class,
                () -> DockerWatcher.subscribe(client(), SINCE, a -> { }, signals::incrementAndGet, TIMEOUT));
        assertTrue(e.getMessage().contains("injected events failure"), e.getMessage());
        assertEquals(0, signals.get());
    }
}
