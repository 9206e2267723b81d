package io.rancherdesktop.rdd.controller.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import io.rancherdesktop.rdd.controller.engine.docker.EngineClientSettings;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerConditions;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirrorStatus;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.controller.engine.testing.FakeDockerEndpoint;
import io.rancherdesktop.rdd.controller.engine.testing.RecordingMirrorWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Full-sync failure handling against a fault-injecting fake engine (real-engine behaviour: FullSyncIT).
 * Pins review C1 (one bad item never fails the sync) and I6 (bounded parallel inspects).
 */
class FullSyncFaultTest {
    private static final String C1 = "c1".repeat(32);
    private static final String C2 = "c2".repeat(32);
    private static final String C3 = "c3".repeat(32);
    private static final String STALE = "c9".repeat(32);

    private FakeDockerEndpoint fake;
    private DockerEngineClient engine;
    private RecordingMirrorWriter writer;

    @BeforeEach
    void setUp() {
        fake = new FakeDockerEndpoint()
                .json("GET", "/images/json", 200, "[]")
                .json("GET", "/volumes", 200, "{\"Volumes\":[],\"Warnings\":null}");
        engine = DockerEngineClient.open(fake.endpoint(), EngineClientSettings.forCalls());
        writer = new RecordingMirrorWriter();
    }

    @AfterEach
    void tearDown() {
        engine.close();
        fake.close();
    }

    private static String listOf(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> "{\"Id\":\"" + id + "\",\"Names\":[\"/n" + id.substring(0, 4) + "\"]}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String inspect(String id) {
        return """
                {"Id":"%s","Name":"/n%s","Created":"2024-05-01T10:00:00Z","Path":"sh","Args":[],
                 "State":{"Status":"exited","Pid":0,"ExitCode":0,"StartedAt":"0001-01-01T00:00:00Z","FinishedAt":"0001-01-01T00:00:00Z"},
                 "Image":"sha256:aa","Config":{"Labels":{}},"NetworkSettings":{"Ports":{}}}
                """.formatted(id, id.substring(0, 4));
    }

    private static ContainerMirror mirror(String id) {
        return new ContainerMirror(id, new ContainerMirrorStatus("old", "moby", "sh", List.of(), "sha256:aa", null, null,
                ContainerRunState.EXITED, 0, 0, null, Instant.EPOCH, null, null, ContainerConditions.derive(ContainerRunState.EXITED)));
    }

    @Test
    void c1AFailedInspectIsSkippedAVanishedOneCountsAsSuccessAndNeitherFailsTheSync() {
        fake.json("GET", "/containers/json", 200, listOf(C1, C2, C3))
                .json("GET", "/containers/" + C1 + "/json", 200, inspect(C1))
                .json("GET", "/containers/" + C2 + "/json", 500, "{\"message\":\"injected inspect failure\"}")
                .json("GET", "/containers/" + C3 + "/json", 404, "{\"message\":\"No such container\"}");

        FullSyncResult r = new FullSync(engine, writer, 4).run();

        assertEquals(List.of(C1), r.containers().stream().map(ContainerMirror::name).toList());
        assertEquals(new KindSyncStats(3, 1, 1, 1, 0), r.stats(MirrorKind.CONTAINER));
        assertNotNull(writer.get(MirrorKind.CONTAINER, C1));
        assertEquals(Set.of("moby"), writer.namespaces());
    }

    @Test
    void c1TheActiveSetComesFromTheListSoAFailedInspectNeverPrunesALiveMirror() {
        writer.seed(mirror(C2));
        writer.seed(mirror(STALE));
        fake.json("GET", "/containers/json", 200, listOf(C1, C2))
                .json("GET", "/containers/" + C1 + "/json", 200, inspect(C1))
                .json("GET", "/containers/" + C2 + "/json", 500, "{\"message\":\"injected inspect failure\"}");

        FullSyncResult r = new FullSync(engine, writer, 2).run();

        assertEquals(Set.of(C1, C2), r.activeNames(MirrorKind.CONTAINER));
        assertNotNull(writer.get(MirrorKind.CONTAINER, C2), "live mirror kept although its inspect failed");
        assertNull(writer.get(MirrorKind.CONTAINER, STALE), "the mirror of a container not listed is pruned");
        assertEquals(1, r.stats(MirrorKind.CONTAINER).pruned());
    }

    @Test
    void c1AFailedApplyOfOneItemIsSkippedAndTheOthersAreWritten() {
        fake.json("GET", "/containers/json", 200, listOf(C1, C2))
                .json("GET", "/containers/" + C1 + "/json", 200, inspect(C1))
                .json("GET", "/containers/" + C2 + "/json", 200, inspect(C2));
        writer.failApplyOf(C1::equals);

        FullSyncResult r = new FullSync(engine, writer, 2).run();

        assertEquals(new KindSyncStats(2, 1, 0, 1, 0), r.stats(MirrorKind.CONTAINER));
        assertNotNull(writer.get(MirrorKind.CONTAINER, C2));
    }

    @Test
    void aFailedListCallFailsTheSyncWithTheEngineMessage() {
        fake.json("GET", "/containers/json", 500, "{\"message\":\"injected list failure\"}");
        var e = assertThrows(FullSyncException.class, () -> new FullSync(engine, writer, 2).run());
        assertTrue(e.getMessage().contains("list containers") && e.getMessage().contains("injected list failure"), e.getMessage());
    }

    @Test
    void aFailedStaleRemovalFailsTheSyncAfterTryingTheOtherRemovals() {
        String stale2 = "c8".repeat(32);
        writer.seed(mirror(STALE));
        writer.seed(mirror(stale2));
        writer.failRemoveOf(stale2::equals);
        fake.json("GET", "/containers/json", 200, "[]");

        var e = assertThrows(FullSyncException.class, () -> new FullSync(engine, writer, 2).run());

        assertTrue(e.getMessage().contains(stale2), e.getMessage());
        assertNull(writer.get(MirrorKind.CONTAINER, STALE), "the other stale mirror was still removed");
    }

    @Test
    void i6InspectsRunInParallelButNeverMoreThanTheBound() {
        int parallelism = 3;
        List<String> ids = IntStream.range(0, 24).mapToObj(i -> "%064x".formatted(i + 1)).toList();
        Overlap inspects = new Overlap(parallelism);
        fake.json("GET", "/containers/json", 200, listOf(ids.toArray(String[]::new)));
        fake.on("GET", "/containers/[0-9a-f]{64}/json", ex -> {
            inspects.hold();
            String id = ex.getRequestURI().getPath().replaceAll(".*/containers/([0-9a-f]{64})/json", "$1");
            FakeDockerEndpoint.send(ex, 200, inspect(id));
        });

        FullSyncResult r = new FullSync(engine, writer, parallelism).run();

        assertEquals(24, r.stats(MirrorKind.CONTAINER).applied());
        assertEquals(parallelism, inspects.max(), "inspects overlap up to, and never beyond, the bound");
    }

    /**
     * Writes are not held to the inspect bound: with 2 inspects at a time, more applies than that are in flight at
     * once (the store shares one commit among concurrent writes), and never more than {@link FullSync#WRITE_CONCURRENCY}.
     */
    @Test
    void appliesOverlapBeyondTheInspectBound() {
        int parallelism = 2;
        int wanted = 6;
        List<String> ids = IntStream.range(0, 24).mapToObj(i -> "%064x".formatted(i + 1)).toList();
        fake.json("GET", "/containers/json", 200, listOf(ids.toArray(String[]::new)));
        fake.on("GET", "/containers/[0-9a-f]{64}/json", ex -> {
            String id = ex.getRequestURI().getPath().replaceAll(".*/containers/([0-9a-f]{64})/json", "$1");
            FakeDockerEndpoint.send(ex, 200, inspect(id));
        });
        Overlap applies = new Overlap(wanted);
        writer.beforeApply(m -> applies.hold());

        FullSyncResult r = new FullSync(engine, writer, parallelism).run();

        assertEquals(24, r.stats(MirrorKind.CONTAINER).applied());
        assertTrue(applies.max() >= wanted, "applies in flight at once: " + applies.max());
        assertTrue(applies.max() <= FullSync.WRITE_CONCURRENCY);
    }

    @Test
    void parallelismBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FullSync(engine, writer, 0));
    }

    /**
     * Makes concurrency observable: each caller is held (parked, not spinning) until {@code wanted} callers are in at
     * once, or briefly for the tail; records the most seen at once.
     */
    private static final class Overlap {
        private final int wanted;
        private int inFlight;
        private int max;

        Overlap(int wanted) {
            this.wanted = wanted;
        }

        synchronized void hold() {
            inFlight++;
            max = Math.max(max, inFlight);
            notifyAll();
            long deadline = System.nanoTime() + Duration.ofMillis(300).toNanos();
            long left;
            while (inFlight < wanted && (left = deadline - System.nanoTime()) > 0) {
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            inFlight--;
        }

        synchronized int max() {
            return max;
        }
    }
}
