package io.rancherdesktop.rdd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RawApiClient;
import io.rancherdesktop.rdd.testing.RawApiClient.Reply;
import io.rancherdesktop.rdd.testing.ServeProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that is really full (docs/reliability.md, "Disk full"): the service dir of a real {@code rdd svc serve}
 * (the SQLite store, its WAL) on a small tmpfs, filled to the last byte by a filler file. Writes then fail with a
 * 5xx {@code Status} naming the storage error (and promptly: none hangs), reads, list, watches and {@code /readyz}
 * carry on, nothing failed is visible (now, once space returns, or after a restart), and writes recover as soon as
 * the filler is deleted. Needs root (mount); skipped otherwise.
 */
class DiskFullIT {
    private static final String CMS = "/api/v1/namespaces/default/configmaps";
    /** Larger than what SQLite can still place in free pages of its WAL and database once the disk is full. */
    /** How long the disk stays full with an engine attached. */
    private static final Duration FULL_WITH_ENGINE = Duration.ofSeconds(15);
    private static final String BIG = "x".repeat(256 * 1024);

    @Test
    void aFullDiskFailsWritesWithAStatusKeepsReadsAndWatchesAndWritesRecoverWhenSpaceReturns(@TempDir Path home) throws Exception {
        InstancePaths paths = new InstancePaths(new Instance("full"), Platform.current(), home, Map.of());
        Path log = Path.of("target", "test-logs", "disk-full-serve.log");
        Files.deleteIfExists(log);
        List<String> args = List.of("--secure-port", "0");
        Map<String, String> figures = new LinkedHashMap<>();
        try (Tmpfs disk = Tmpfs.mount(paths.dir(), "32m")) {
            String failedName;
            try (ServeProcess serve = ServeProcess.start(home, "full", paths.apiSocket(), log, args)) {
                RawApiClient api = RawApiClient.fromKubeconfig(paths.config());
                Reply before = api.post(CMS, cm("before", "1"));
                assertEquals(201, before.status(), before.body());
                long revision = before.json().path("metadata").path("resourceVersion").asLong();
                Watch watch = Watch.open(api, CMS + "?watch=true&resourceVersion=" + revision);

                long filled = disk.fill();
                figures.put("filler", filled / 1024 + " KiB");
                // Until SQLite has used up the free pages it still has, a write may succeed: each one acknowledged
                // must stay. The first failure is the one to check.
                Map<String, Long> acked = new LinkedHashMap<>();
                Reply failed = null;
                String name = null;
                for (int i = 0; i < 100 && failed == null; i++) {
                    name = "during-" + i;
                    long t0 = System.nanoTime();
                    Reply r = api.post(CMS, cm(name, BIG));
                    if (r.status() == 201) {
                        acked.put(name, r.json().path("metadata").path("resourceVersion").asLong());
                    } else {
                        failed = r;
                        figures.put("failed write answered in", (System.nanoTime() - t0) / 1_000_000 + " ms");
                    }
                }
                assertTrue(failed != null, "100 writes of 256 KiB on a full 32 MiB disk all succeeded");
                failedName = name;
                assertStorageFull(failed);
                figures.put("writes acknowledged after the filler", Integer.toString(acked.size()));
                figures.put("write error", failed.json().path("message").asText());
                // Every kind of write fails the same way; a small one too once the pages are gone.
                assertStorageFull(api.patch(CMS + "/before", "application/merge-patch+json", "{\"data\":{\"v\":\"" + BIG + "\"}}"));
                assertStorageFull(api.put(CMS + "/before", api.get(CMS + "/before").body().replace("\"v\":\"1\"", "\"v\":\"" + BIG + "\"")));

                // Reads, lists, new watches and readiness carry on.
                assertEquals(200, api.get("/readyz").status());
                Reply one = api.get(CMS + "/before");
                assertEquals(200, one.status());
                assertEquals("1", one.json().path("data").path("v").asText());
                Reply list = api.get(CMS);
                assertEquals(200, list.status());
                assertEquals(1 + acked.size(), list.json().path("items").size(), list.body());
                assertEquals(404, api.get(CMS + "/" + failedName).status(), "a failed create is not visible");
                Watch second = Watch.open(api, CMS + "?watch=true");
                List<String> initial = new ArrayList<>();
                for (int i = 0; i < 1 + acked.size(); i++) {
                    initial.add(second.next(Duration.ofSeconds(10)).path("object").path("metadata").path("name").asText());
                }
                assertTrue(initial.contains("before") && initial.containsAll(acked.keySet()), initial.toString());
                second.close();
                // The first watch saw exactly the acknowledged writes, nothing of the failed ones.
                for (String ackedName : acked.keySet()) {
                    JsonNode e = watch.next(Duration.ofSeconds(10));
                    assertEquals("ADDED", e.path("type").asText());
                    assertEquals(ackedName, e.path("object").path("metadata").path("name").asText());
                }

                // Space returns: writes recover at once, and the first new event is the first write that worked.
                disk.free();
                long t0 = System.nanoTime();
                Reply after = api.post(CMS, cm("after", BIG));
                assertEquals(201, after.status(), "the first write after space returns: " + after.body());
                figures.put("first write after the filler is deleted", (System.nanoTime() - t0) / 1_000_000 + " ms");
                JsonNode next = watch.next(Duration.ofSeconds(10));
                assertEquals("after", next.path("object").path("metadata").path("name").asText(), next.toString());
                assertEquals(after.json().path("metadata").path("resourceVersion").asText(),
                        next.path("object").path("metadata").path("resourceVersion").asText());
                assertEquals(200, api.patch(CMS + "/before", "application/merge-patch+json", "{\"data\":{\"v\":\"2\"}}").status());
                assertEquals(404, api.get(CMS + "/" + failedName).status());
                watch.close();
                assertEquals(0, serve.terminate(Duration.ofSeconds(30)), "a clean shutdown after the full disk");
            }
            // After a restart: what was acknowledged is there, what failed is not.
            try (ServeProcess again = ServeProcess.start(home, "full", paths.apiSocket(), log, args)) {
                RawApiClient api = RawApiClient.fromKubeconfig(paths.config());
                assertEquals(404, api.get(CMS + "/" + failedName).status(), "the failed create is not on disk");
                assertEquals("2", api.get(CMS + "/before").json().path("data").path("v").asText());
                assertEquals(200, api.get(CMS + "/after").status());
                assertEquals(0, again.terminate(Duration.ofSeconds(30)));
            }
            System.out.println("DiskFullIT figures: " + figures);
        }
    }

    /**
     * With an engine attached: a container created in Docker while the disk is full cannot be mirrored (the writes
     * fail; the controller backs off, the service stays ready), and is mirrored once space returns, without a new
     * Docker event to prompt it.
     */
    @Test
    void theEngineControllerBacksOffWhileTheDiskIsFullAndMirrorsWhatItMissedWhenSpaceReturns(@TempDir Path home) throws Exception {
        InstancePaths paths = new InstancePaths(new Instance("fulleng"), Platform.current(), home, Map.of());
        Path log = Path.of("target", "test-logs", "disk-full-engine-serve.log");
        Files.deleteIfExists(log);
        try (Tmpfs disk = Tmpfs.mount(paths.dir(), "32m");
             DockerdProcess engine = DockerdProcess.startPrivateInstance(Path.of("target", "test-logs"));
             ServeProcess serve = ServeProcess.start(home, "fulleng", paths.apiSocket(), log, List.of("--secure-port", "0"))) {
            RawApiClient api = RawApiClient.fromKubeconfig(paths.config());
            DockerClient docker = engine.client();
            try {
                docker.startContainerCmd(docker.createContainerCmd(DockerdProcess.TEST_IMAGE).withName("before-full").withCmd("true")
                        .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId()).exec();
                SleepResumeIT.attach(api, engine.host());
                SleepResumeIT.awaitConnected(api, Duration.ofSeconds(90));
                SleepResumeIT.await(Duration.ofSeconds(30), () -> SleepResumeIT.mismatch(api, docker), "the first sync");
                assertEquals(1, SleepResumeIT.mirrors(api).size());
                disk.fill();
                String id = docker.createContainerCmd(DockerdProcess.TEST_IMAGE).withName("while-full").withCmd("true")
                        .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
                // The controller tries, fails and backs off; meanwhile the service answers and stays ready.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!serve.log().contains("SQLITE_FULL")) {
                    assertTrue(System.nanoTime() < deadline, "no write failed within 30 s of the create");
                    Thread.sleep(100); // polling the service log, with a deadline
                }
                // The disk stays full for a while (the fault's duration, not a synchronisation): the controller
                // retries with backoff, not in a tight loop, and the service stays ready.
                long fullSince = System.nanoTime();
                Thread.sleep(FULL_WITH_ENGINE);
                long fullMs = (System.nanoTime() - fullSince) / 1_000_000;
                assertEquals(200, api.get("/readyz").status());
                assertEquals(200, api.get("/api/v1/namespaces").status());
                assertTrue(!SleepResumeIT.mirrors(api).containsKey(id), "a mirror written on a full disk");
                long attempts = serve.log().lines().filter(l -> l.contains("POST /apis/containers.rancherdesktop.io") && l.contains("SQLITE_FULL")).count();
                assertTrue(attempts >= 2 && attempts <= 30, attempts + " attempts to write the mirror in " + fullMs + " ms");
                System.out.printf("DiskFullIT engine figures: %d attempts to create the mirror in %d ms of full disk%n", attempts, fullMs);
                disk.free();
                long t0 = System.nanoTime();
                SleepResumeIT.await(Duration.ofSeconds(60), () -> SleepResumeIT.mismatch(api, docker), "the mirrors after space returned");
                System.out.printf("DiskFullIT engine figures: the container created while full was mirrored %d ms after space returned%n",
                        (System.nanoTime() - t0) / 1_000_000);
            } finally {
                for (var c : docker.listContainersCmd().withShowAll(true).exec()) {
                    docker.removeContainerCmd(c.getId()).withForce(true).exec();
                }
                disk.free();
            }
            SleepResumeIT.detach(api);
            assertEquals(0, serve.terminate(Duration.ofSeconds(60)));
        }
    }

    private static void assertStorageFull(Reply r) {
        assertEquals(500, r.status(), r.body());
        JsonNode s = r.json();
        assertEquals("Status", s.path("kind").asText(), r.body());
        assertEquals("Failure", s.path("status").asText(), r.body());
        assertEquals(500, s.path("code").asInt(), r.body());
        String message = s.path("message").asText();
        assertTrue(message.contains("SQLITE_FULL") && message.contains("full"), "the Status names the storage error: " + message);
    }

    private static String cm(String name, String value) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"v\":\"" + value + "\"}}";
    }

    /** A watch over HTTPS; its events as JSON, each with a deadline. */
    static final class Watch implements AutoCloseable {
        private final InputStream body;
        private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);

        private Watch(InputStream body) {
            this.body = body;
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        lines.put(line);
                    }
                } catch (IOException | InterruptedException closed) {
                    // the test closed the watch
                }
            });
        }

        static Watch open(RawApiClient api, String path) throws IOException, InterruptedException {
            HttpRequest req = HttpRequest.newBuilder(URI.create(api.base() + path)).header("Authorization", "Bearer " + api.token()).build();
            HttpResponse<InputStream> r = api.http().send(req, HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            return new Watch(r.body());
        }

        JsonNode next(Duration max) throws InterruptedException, IOException {
            String line = lines.poll(max.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(line != null, "no watch event within " + max);
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
