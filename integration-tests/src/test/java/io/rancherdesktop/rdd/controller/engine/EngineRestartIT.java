package io.rancherdesktop.rdd.controller.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.controller.engine.events.WatcherEnd;
import io.rancherdesktop.rdd.controller.engine.mirror.Mirror;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.RecordingMirrorWriter;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Engine death and recovery (docs/design/mirroring-rules.md §9, review gap 7 and S4's "Docker engine restarts while
 * the app is running") on a private dockerd that this class may kill and restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineRestartIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private DockerdProcess engine;

    @BeforeAll
    void startPrivateEngine() {
        engine = DockerdProcess.startPrivateInstance(Path.of("target", "test-logs"));
    }

    @AfterAll
    void stopPrivateEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void gap7KillingTheEngineEndsTheWatcherAndSignalsDeathOnlyAfterItIsObservablyDeadThenReconnectKeepsMirrors() throws Exception {
        RecordingMirrorWriter writer = new RecordingMirrorWriter();
        EngineConnector connector = new EngineConnector(writer, EngineConnectorSettings.defaults(), Clock.systemUTC());
        String before = engine.createContainer("before_restart");
        AtomicInteger deaths = new AtomicInteger();
        CompletableFuture<String> seenAtSignal = new CompletableFuture<>();
        EngineSession[] holder = new EngineSession[1];
        EngineSession session = connector.connect(engine.host(), () -> {
            deaths.incrementAndGet();
            EngineSession s = holder[0];
            String clientState;
            try {
                s.engine().docker().pingCmd().exec();
                clientState = "open";
            } catch (RuntimeException closed) {
                clientState = "closed";
            }
            seenAtSignal.complete("alive=" + s.isAlive() + " ended=" + s.watcher().ended().isDone() + " client=" + clientState);
        });
        holder[0] = session;
        Mirror mirrorBefore = writer.get(MirrorKind.CONTAINER, before);
        assertNotNull(mirrorBefore);

        engine.kill();

        // Nothing but the watcher's own signal wakes us: no poll of the engine, no timer.
        assertEquals("alive=false ended=true client=closed", seenAtSignal.get(30, TimeUnit.SECONDS));
        WatcherEnd end = session.watcher().ended().get();
        assertTrue(end.died(), end.toString());
        assertTrue(end.reason() == WatcherEnd.Reason.STREAM_CLOSED || end.reason() == WatcherEnd.Reason.STREAM_ERROR, end.toString());

        // While the engine is down a reconnect fails as a connect failure (§9.3).
        assertThrows(EngineConnectException.class, () -> connector.connect(engine.host(), () -> { }));

        engine.restart();
        EngineSession again = connector.connect(engine.host(), () -> { });
        try {
            assertSame(mirrorBefore.getClass(), writer.get(MirrorKind.CONTAINER, before).getClass());
            assertEquals(mirrorBefore, writer.get(MirrorKind.CONTAINER, before), "existing mirror kept and unchanged (§9.2)");
            assertTrue(writer.calls("remove").isEmpty(), "nothing pruned: " + writer.calls("remove"));
            String after = engine.createContainer("after_restart");
            Await.until("a container created after the restart mirrored", TIMEOUT,
                    () -> writer.get(MirrorKind.CONTAINER, after) != null);
        } finally {
            again.close();
        }
        assertEquals(1, deaths.get(), "exactly one death signal");
    }
}
