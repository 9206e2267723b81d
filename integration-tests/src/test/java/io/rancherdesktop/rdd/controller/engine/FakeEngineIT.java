package io.rancherdesktop.rdd.controller.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeStatus;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import io.rancherdesktop.rdd.wire.Backoff;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.FakeDockerEndpoint;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine controller against a fake Docker endpoint, for failures a real engine does not produce on demand
 * (fault injection; the real-engine behaviour is in the other ITs): an event stream that just closes (gap 7),
 * container deletes answered with 409, 500 and 404 (gap 3, I3), and a volume delete answered 500 then 409 (issue 13).
 */
class FakeEngineIT {
    private static final Duration T = Duration.ofSeconds(30);
    private static final String R = "fake";
    private static final String ID = "ab".repeat(32);

    private FakeDockerEndpoint fake;
    private TestApiServer api;
    private EngineControllerHarness harness;
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicReference<CountDownLatch> closeStream = new AtomicReference<>(new CountDownLatch(1));
    private final AtomicReference<String> deleteAnswer = new AtomicReference<>("409");
    private static final String USER = "cd".repeat(32);
    private final AtomicReference<String> volumeAnswer = new AtomicReference<>("500");

    @BeforeEach
    void start() {
        fake = new FakeDockerEndpoint()
                .on("GET", "/_ping", ex -> {
                    ex.sendResponseHeaders(200, 2);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write("OK".getBytes());
                    }
                })
                .json("GET", "/info", 200, "{\"SystemTime\":\"2026-11-28T12:00:00.000000000Z\"}")
                .json("GET", "/containers/json", 200, "[]")
                .json("GET", "/images/json", 200, "[]")
                .json("GET", "/volumes", 200, "{\"Volumes\":[],\"Warnings\":null}")
                .on("GET", "/events", ex -> {
                    subscriptions.incrementAndGet();
                    CountDownLatch latch = closeStream.get();
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, 0);
                    OutputStream out = ex.getResponseBody();
                    out.flush();
                    try {
                        latch.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    out.close();
                })
                .on("DELETE", "/volumes/fakevol", ex -> {
                    switch (volumeAnswer.get()) {
                        case "409" -> FakeDockerEndpoint.send(ex, 409, "{\"message\":\"remove fakevol: volume is in use - [" + USER + "]\"}");
                        default -> FakeDockerEndpoint.send(ex, 500, "{\"message\":\"injected volume error\"}");
                    }
                })
                .json("GET", "/volumes/fakevol", 200, "{\"Name\":\"fakevol\",\"Driver\":\"local\",\"Mountpoint\":\"/fake/fakevol\","
                        + "\"CreatedAt\":\"2026-11-28T12:00:00Z\",\"Labels\":null,\"Scope\":\"local\",\"Options\":null}")
                .json("GET", "/containers/" + USER + "/json", 200, "{\"Id\":\"" + USER + "\",\"Name\":\"/toolbox\",\"State\":{\"Status\":\"exited\"}}")
                .on("DELETE", "/containers/" + ID, ex -> {
                    switch (deleteAnswer.get()) {
                        case "409" -> FakeDockerEndpoint.send(ex, 409, "{\"message\":\"injected conflict: container is busy\"}");
                        case "500" -> FakeDockerEndpoint.send(ex, 500, "{\"message\":\"injected server error\"}");
                        default -> FakeDockerEndpoint.send(ex, 404, "{\"message\":\"No such container: " + ID + "\"}");
                    }
                });
        api = TestApiServer.start();
        EngineControllerSettings d = EngineControllerSettings.defaults();
        EngineControllerSettings fast = new EngineControllerSettings(d.supervisor(),
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)), d.waitBackoff(), d.maxTransientFailures(),
                d.afterCall(), d.errorRetry());
        harness = EngineControllerHarness.start(api, R, fake::endpoint, true, ContainerEngine.MOBY, "*", fast);
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
    }

    @AfterEach
    void stop() {
        closeStream.get().countDown();
        try {
            harness.close();
            api.close();
        } finally {
            fake.close();
        }
    }

    @Test
    void gap7AnEventStreamThatClosesCausesAReconcileAndAReconnectWithNoOtherTrigger() {
        assertEquals(1, subscriptions.get());
        CountDownLatch first = closeStream.getAndSet(new CountDownLatch(1));
        first.countDown(); // the engine ends the stream; nothing changes in the API
        Await.until("resubscribed", T, () -> subscriptions.get() == 2);
        Await.until("a live session again", T, () -> harness.controller().sessions().live().isPresent());
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
    }

    private List<Event> deleteFailures() {
        return harness.client().v1().events().inNamespace(R).list().getItems().stream()
                .filter(e -> "EngineDeleteFailed".equals(e.getReason()) && ID.equals(e.getInvolvedObject().getName())).toList();
    }

    private Container mirror() {
        return harness.client().resources(Container.class).inNamespace(R).withName(ID).get();
    }

    @Test
    void gap3I3OnlyNotFoundFromTheEngineReleasesTheFinalizer409And500KeepItAndRecordAWarning() {
        Container c = new Container();
        ObjectMeta m = new ObjectMeta();
        m.setName(ID);
        m.setNamespace(R);
        m.setFinalizers(List.of(Finalizers.MIRROR));
        c.setMetadata(m);
        c.setSpec(new ContainerSpec(RequestedState.UNKNOWN));
        c.setStatus(null);
        try (var engineClient = api.newEngineClient()) { // only the engine controller creates mirrors
            engineClient.resource(c).create();
        }
        harness.client().resources(Container.class).inNamespace(R).withName(ID).delete();

        Await.until("409 seen", T, () -> fake.hits("DELETE", "/containers/" + ID) >= 2);
        assertNotNull(mirror().getMetadata().getDeletionTimestamp());
        assertEquals(List.of(Finalizers.MIRROR), mirror().getMetadata().getFinalizers());
        Await.until("EngineDeleteFailed event", T, () -> !deleteFailures().isEmpty());
        Event warning = deleteFailures().getFirst();
        assertEquals("Warning", warning.getType());
        assertTrue(warning.getMessage().contains("injected conflict"), warning.getMessage());
        Await.until("repeats counted on the same event", T, () -> deleteFailures().stream().anyMatch(e -> e.getCount() > 1));

        deleteAnswer.set("500");
        int hits = fake.hits("DELETE", "/containers/" + ID);
        Await.until("500 seen", T, () -> fake.hits("DELETE", "/containers/" + ID) > hits + 1);
        assertEquals(List.of(Finalizers.MIRROR), mirror().getMetadata().getFinalizers(), "a 500 keeps the finalizer too");
        Await.until("500 recorded", T, () -> deleteFailures().stream().anyMatch(e -> e.getMessage().contains("injected server error")));

        deleteAnswer.set("404");
        Await.until("mirror released once the engine says NotFound", T, () -> mirror() == null);
    }

    private Volume volume(String name) {
        return harness.client().resources(Volume.class).inNamespace(R).withName(name).get();
    }

    private List<Event> events(String reason, String name) {
        return harness.client().v1().events().inNamespace(R).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && name.equals(e.getInvolvedObject().getName())).toList();
    }

    /**
     * Issue 13: a volume delete the engine fails with a 500 keeps the finalizer and retries (I3); the engine's 409 (in
     * use, after admission let the delete through) drops the delete and puts the mirror back at once, with a Warning
     * naming the container by its Docker name.
     */
    @Test
    void aVolumeDeleteKeepsTheFinalizerOn500AndOnTheEngines409IsDroppedAndTheMirrorPutBackAtOnce() {
        String name = VolumeMirrorName.of("fakevol");
        Volume v = new Volume();
        ObjectMeta m = new ObjectMeta();
        m.setName(name);
        m.setNamespace(R);
        m.setFinalizers(List.of(Finalizers.MIRROR));
        v.setMetadata(m);
        v.setStatus(null);
        try (var engineClient = api.newEngineClient()) {
            Volume created = engineClient.resource(v).create();
            VolumeStatus st = new VolumeStatus();
            st.setName("fakevol");
            created.setStatus(st);
            engineClient.resource(created).updateStatus();
        }
        String uid = volume(name).getMetadata().getUid();
        harness.client().resources(Volume.class).inNamespace(R).withName(name).delete();

        Await.until("500s seen", T, () -> fake.hits("DELETE", "/volumes/fakevol") >= 2);
        assertEquals(List.of(Finalizers.MIRROR), volume(name).getMetadata().getFinalizers(), "a 500 keeps the finalizer (I3)");
        assertNotNull(volume(name).getMetadata().getDeletionTimestamp());
        Await.until("EngineDeleteFailed", T, () -> events("EngineDeleteFailed", name).stream().anyMatch(e -> e.getMessage().contains("injected volume error")));

        volumeAnswer.set("409");
        Await.until("the mirror is back, a new object", T, () -> volume(name) != null && !uid.equals(volume(name).getMetadata().getUid()));
        assertNull(volume(name).getMetadata().getDeletionTimestamp());
        assertEquals("fakevol", volume(name).getStatus().getName());
        Await.until("EngineDeleteRefused", T, () -> !events("EngineDeleteRefused", name).isEmpty());
        Event refused = events("EngineDeleteRefused", name).getFirst();
        assertEquals("Warning", refused.getType());
        assertTrue(refused.getMessage().contains("volume is in use - [toolbox (exited)]"), refused.getMessage());
        assertFalse(refused.getMessage().contains(USER), "named, not by ID: " + refused.getMessage());
    }
}
