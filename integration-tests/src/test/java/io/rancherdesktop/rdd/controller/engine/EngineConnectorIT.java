package io.rancherdesktop.rdd.controller.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.controller.engine.docker.EventsSince;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineFixtures;
import io.rancherdesktop.rdd.controller.engine.testing.RecordingMirrorWriter;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connect = ping, clock, subscribe, full sync, deliver (docs/design/mirroring-rules.md §3), against a real dockerd. */
@ExtendWith(RealDockerEngine.class)
class EngineConnectorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void connectSyncsFirstThenMirrorsLiveEventsAndCloseSignalsNothing(DockerdProcess engine) throws Exception {
        RecordingMirrorWriter writer = new RecordingMirrorWriter();
        AtomicInteger deaths = new AtomicInteger();
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (var fixtures = new EngineFixtures(engine)) {
            String before = fixtures.volume("rdd_before_" + run);
            EngineSession session = new EngineConnector(writer, EngineConnectorSettings.defaults(), Clock.systemUTC())
                    .connect(engine.host(), deaths::incrementAndGet);
            try {
                assertTrue(session.isAlive());
                assertEquals(EventsSince.Source.DAEMON_CLOCK, session.since().source());
                assertTrue(session.initialSync().activeNames(MirrorKind.VOLUME).contains(VolumeMirrorName.of(before)));
                assertEquals("applyNamespace", writer.calls().getFirst().op(), "ContainerNamespace moby comes first (§3.3)");

                String id = fixtures.container("rdd-live-" + run);
                engine.client().startContainerCmd(id).exec();
                Await.until("the live container mirrored as running", TIMEOUT, () ->
                        writer.get(MirrorKind.CONTAINER, id) instanceof ContainerMirror m
                                && m.status().status() == ContainerRunState.RUNNING);
                engine.client().removeContainerCmd(id).withForce(true).exec();
                Await.until("the destroyed container's mirror removed", TIMEOUT, () -> writer.get(MirrorKind.CONTAINER, id) == null);
            } finally {
                session.close();
            }
            assertFalse(session.isAlive());
            assertEquals(0, deaths.get(), "a deliberate close is not a death");
        }
    }

    @Test
    void connectingToAMissingSocketFailsWithTheEndpointInTheMessage() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "rdd-nosock-");
        try {
            String endpoint = "unix://" + dir.resolve("docker.sock");
            var connector = new EngineConnector(new RecordingMirrorWriter(), EngineConnectorSettings.defaults(), Clock.systemUTC());
            var e = assertThrows(EngineConnectException.class, () -> connector.connect(endpoint, () -> { }));
            assertTrue(e.getMessage().contains(endpoint), e.getMessage());
        } finally {
            Files.delete(dir);
        }
    }

    @Test
    void aFailingNamespaceApplyFailsTheConnectAndLeavesNoWatcherBehind(DockerdProcess engine) {
        AtomicInteger deaths = new AtomicInteger();
        RecordingMirrorWriter writer = new RecordingMirrorWriter().failNamespaceApply();
        var connector = new EngineConnector(writer, EngineConnectorSettings.defaults(), Clock.systemUTC());
        var e = assertThrows(EngineConnectException.class, () -> connector.connect(engine.host(), deaths::incrementAndGet));
        assertTrue(e.getMessage().contains("ContainerNamespace") && e.getMessage().contains("injected"), e.getMessage());
        assertEquals(1, writer.calls().size(), "nothing synced after the structural failure: " + writer.calls());
        assertEquals(0, deaths.get());
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new EngineConnectorSettings(Duration.ZERO, Duration.ofSeconds(1), 8));
        assertThrows(IllegalArgumentException.class, () -> new EngineConnectorSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), 0));
        assertNotNull(EngineConnectorSettings.defaults());
    }
}
