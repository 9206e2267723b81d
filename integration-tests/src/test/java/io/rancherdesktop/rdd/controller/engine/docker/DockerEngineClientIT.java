package io.rancherdesktop.rdd.controller.engine.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.controller.engine.testing.EngineFixtures;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Engine client and connection against a real dockerd (docs/design/mirroring-rules.md §3.1, §3.2, §1.5). */
@ExtendWith(RealDockerEngine.class)
class DockerEngineClientIT {

    @Test
    void pingsTheRealEngineWithinFiveSeconds(DockerdProcess engine) {
        try (var client = DockerEngineClient.open(engine.host(), EngineClientSettings.forCalls())) {
            client.ping(Duration.ofSeconds(5));
            assertEquals(engine.host(), client.endpoint());
        }
    }

    @Test
    void aMissingSocketIsAConnectFailureNamingTheEndpoint() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "rdd-nosock-");
        String endpoint = "unix://" + dir.resolve("docker.sock");
        try (var client = DockerEngineClient.open(endpoint, EngineClientSettings.forCalls())) {
            var e = assertThrows(EngineUnavailableException.class, () -> client.ping(Duration.ofSeconds(5)));
            assertTrue(e.getMessage().contains(endpoint), e.getMessage());
        } finally {
            Files.delete(dir);
        }
    }

    @Test
    void theDaemonClockIsReadFromInfo(DockerdProcess engine) {
        try (var client = DockerEngineClient.open(engine.host(), EngineClientSettings.forCalls())) {
            Instant before = Instant.now();
            EventsSince since = new DaemonClock(Clock.systemUTC()).since(client.docker());
            assertEquals(EventsSince.Source.DAEMON_CLOCK, since.source());
            // The local engine shares the host clock.
            assertTrue(Duration.between(before, since.instant()).abs().compareTo(Duration.ofSeconds(5)) < 0, since.toString());
        }
    }

    @Test
    void c1VolumesAreReadRawWithCreatedAtAndScope(DockerdProcess engine) {
        try (var fixtures = new EngineFixtures(engine);
             var client = DockerEngineClient.open(engine.host(), EngineClientSettings.forCalls())) {
            fixtures.volume("My_Vol_Ume");
            DockerVolume v = client.inspectVolume("My_Vol_Ume").orElseThrow();
            assertEquals("My_Vol_Ume", v.name());
            assertEquals("local", v.driver());
            assertEquals("local", v.scope());
            assertNotNull(v.createdAt());
            assertTrue(client.listVolumes().stream().anyMatch(l -> l.name().equals("My_Vol_Ume")));
            assertTrue(client.inspectVolume("rdd-no-such-volume").isEmpty());
        }
    }
}
