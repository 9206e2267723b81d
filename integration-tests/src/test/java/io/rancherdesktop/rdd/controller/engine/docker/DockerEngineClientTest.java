package io.rancherdesktop.rdd.controller.engine.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.controller.engine.testing.FakeDockerEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ping bounds and clock fallback against a fault-injecting fake engine (real engine: DockerEngineClientIT). */
class DockerEngineClientTest {

    @Test
    void aPingThatIsNeverAnsweredFailsAfterTheTimeout() {
        CountDownLatch release = new CountDownLatch(1);
        try (var fake = new FakeDockerEndpoint().on("GET", "/_ping", ex -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            FakeDockerEndpoint.send(ex, 200, "OK");
        }); var client = DockerEngineClient.open(fake.endpoint(), EngineClientSettings.forCalls())) {
            long start = System.nanoTime();
            var e = assertThrows(EngineUnavailableException.class, () -> client.ping(Duration.ofMillis(300)));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("did not answer /_ping within"), e.getMessage());
            assertTrue(tookMs < 5_000, "bounded by the timeout, took " + tookMs + " ms");
        } finally {
            release.countDown();
        }
    }

    /**
     * Issue 14 (item 5): a stop without a timeout sends no {@code t}, so the engine applies the container's own stop
     * timeout as {@code docker stop} without {@code -t} does (docker-java would send {@code t=10}); a 304 (already
     * stopped) is not an error, a 404 is NotFound.
     */
    @Test
    void aStopWithoutATimeoutSendsNoTSoTheEngineUsesTheContainersOwn() {
        java.util.List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var fake = new FakeDockerEndpoint().on("POST", "/containers/[^/]+/stop", ex -> {
            queries.add(ex.getRequestURI().getPath() + "?" + ex.getRequestURI().getQuery());
            ex.sendResponseHeaders(ex.getRequestURI().getPath().contains("/stopped/") ? 304 : 204, -1);
            ex.close();
        }).json("POST", "/containers/missing/stop", 404, "{\"message\":\"No such container: missing\"}");
             var client = DockerEngineClient.open(fake.endpoint(), EngineClientSettings.forCalls())) {
            assertTrue(client.stopContainer("c1", null));
            assertTrue(client.stopContainer("c1", Duration.ofSeconds(30)));
            assertEquals(false, client.stopContainer("stopped", null));
            var missing = assertThrows(EngineCallException.class, () -> client.stopContainer("missing", null));
            assertTrue(EngineErrors.isNotFound(missing));
            assertEquals("No such container: missing", EngineErrors.message(missing));
            assertTrue(queries.get(0).endsWith("/containers/c1/stop?null"), queries.toString());
            assertTrue(queries.get(1).endsWith("/containers/c1/stop?t=30"), queries.toString());
        }
    }

    @Test
    void theClockFallsBackToHostTimeMinusTwoMinutesWhenInfoFails() {
        Instant now = Instant.parse("2024-05-01T10:00:00Z");
        try (var fake = new FakeDockerEndpoint().json("GET", "/info", 500, "{\"message\":\"injected\"}");
             var client = DockerEngineClient.open(fake.endpoint(), EngineClientSettings.forCalls())) {
            EventsSince since = new DaemonClock(Clock.fixed(now, ZoneOffset.UTC)).since(client.docker());
            assertEquals(new EventsSince(now.minus(Duration.ofMinutes(2)), EventsSince.Source.HOST_CLOCK_FALLBACK), since);
        }
    }

    @Test
    void theDaemonClockIsPreferredOverTheHostClock() {
        try (var fake = new FakeDockerEndpoint().json("GET", "/info", 200, "{\"SystemTime\":\"2030-01-01T00:00:00.5+01:00\"}");
             var client = DockerEngineClient.open(fake.endpoint(), EngineClientSettings.forCalls())) {
            EventsSince since = new DaemonClock(Clock.systemUTC()).since(client.docker());
            assertEquals(new EventsSince(Instant.parse("2029-12-31T23:00:00.5Z"), EventsSince.Source.DAEMON_CLOCK), since);
        }
    }

    @Test
    void aVolumeErrorCarriesTheEngineMessageAndNotFoundIsEmpty() {
        try (var fake = new FakeDockerEndpoint()
                .json("GET", "/volumes", 500, "{\"message\":\"injected volume list failure\"}")
                .json("GET", "/volumes/gone", 404, "{\"message\":\"get gone: no such volume\"}");
             var client = DockerEngineClient.open(fake.endpoint(), EngineClientSettings.forCalls())) {
            var e = assertThrows(EngineCallException.class, client::listVolumes);
            assertEquals("injected volume list failure", EngineErrors.message(e));
            assertTrue(client.inspectVolume("gone").isEmpty());
        }
    }
}
