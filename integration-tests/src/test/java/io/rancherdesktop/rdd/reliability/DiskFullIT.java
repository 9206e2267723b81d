package io.rancherdesktop.rdd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import io.rancherdesktop.rdd.testing.RawApiClient;
import io.rancherdesktop.rdd.testing.RawApiClient.Reply;
import io.rancherdesktop.rdd.testing.ServeProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    private static final String BIG = "x".repeat(256 * 1024);

    @Test
    void aFullDiskFailsWritesWithAStatusKeepsReadsAndWatchesAndWritesRecoverWhenSpaceReturns(@TempDir Path home) throws Exception {
        assumeTrue(Commands.isRoot(), "needs root to mount a tmpfs");
        InstancePaths paths = new InstancePaths(new Instance("full"), Platform.current(), home, Map.of());
        Path dir = paths.dir();
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Commands.Result mount = Commands.run(List.of("mount", "-t", "tmpfs", "-o", "size=32m,mode=0700", "tmpfs", dir.toString()), Duration.ofSeconds(30));
        assumeTrue(mount.code() == 0, "cannot mount a tmpfs here: " + mount.output());
        Path log = Path.of("target", "test-logs", "disk-full-serve.log");
        Files.deleteIfExists(log);
        List<String> args = List.of("--secure-port", "0");
        Path filler = dir.resolve("filler");
        Map<String, String> figures = new LinkedHashMap<>();
        try {
            String failedName;
            try (ServeProcess serve = ServeProcess.start(home, "full", paths.apiSocket(), log, args)) {
                RawApiClient api = RawApiClient.fromKubeconfig(paths.config());
                Reply before = api.post(CMS, cm("before", "1"));
                assertEquals(201, before.status(), before.body());
                long revision = before.json().path("metadata").path("resourceVersion").asLong();
                Watch watch = Watch.open(api, CMS + "?watch=true&resourceVersion=" + revision);

                long filled = fill(filler);
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
                Files.delete(filler);
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
        } finally {
            Files.deleteIfExists(filler);
            Commands.Result umount = Commands.run(List.of("umount", dir.toString()), Duration.ofSeconds(30));
            if (umount.code() != 0) {
                Commands.run(List.of("umount", "-l", dir.toString()), Duration.ofSeconds(30));
            }
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

    /** Writes {@code filler} until the file system is full; returns its size. */
    private static long fill(Path filler) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                written += chunk.length;
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        // The last partial chunk may have fit byte-wise: top up in small steps.
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < 64 * 1024; i++) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            // full to the byte
        }
        return Files.size(filler);
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
