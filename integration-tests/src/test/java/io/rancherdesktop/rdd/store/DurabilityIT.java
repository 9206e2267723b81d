package io.rancherdesktop.rdd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.testing.RawApiClient;
import io.rancherdesktop.rdd.testing.ServeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every acknowledged write survives {@code kill -9} of the service: 1,000 objects written through the API
 * of a separate {@code rdd svc serve} JVM, the JVM killed with SIGKILL (while more writes are in flight), and
 * a fresh service on the same directory serves every acknowledged object with the same resourceVersion and uid.
 */
class DurabilityIT {
    private static final String CMS = "/api/v1/namespaces/default/configmaps";

    private record Ack(String uid, String resourceVersion) {
    }

    @Test
    void acknowledgedWritesSurviveKill9(@TempDir Path home) throws Exception {
        InstancePaths paths = new InstancePaths(new Instance("dur"), Platform.current(), home, Map.of());
        Path log = Path.of("target", "test-logs", "durability-serve.log");
        Files.deleteIfExists(log);
        List<String> args = List.of("--secure-port", "0", "--extra-crds", ApiServerExtension.testCrdDirectory().toString());
        Map<String, Ack> acked = new ConcurrentHashMap<>();
        long maxAckedRevision;
        try (ServeProcess first = ServeProcess.start(home, "dur", paths.apiSocket(), log, args)) {
            RawApiClient api = RawApiClient.fromKubeconfig(paths.config());
            AtomicInteger next = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                writers.add(Thread.ofVirtual().start(() -> {
                    for (int i = next.getAndIncrement(); i < 1000; i = next.getAndIncrement()) {
                        write(api, "cm-" + i, acked);
                    }
                }));
            }
            for (Thread w : writers) {
                w.join();
            }
            assertEquals(1000, acked.size());
            // Keep writing while the service is killed: whatever was acknowledged must be there afterwards.
            AtomicBoolean killed = new AtomicBoolean();
            List<Thread> late = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                late.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; !killed.get() && i < 10_000; i++) {
                        try {
                            write(api, "late-" + id + "-" + i, acked);
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                }));
            }
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (acked.size() < 1050) { // writes are in flight and being acknowledged: kill now
                assertTrue(System.nanoTime() < deadline, "the late writers got no acknowledgement within 60 s: " + acked.size());
                Thread.sleep(5); // polling an observable count, with a deadline
            }
            first.kill9();
            killed.set(true);
            for (Thread t : late) {
                t.join();
            }
            maxAckedRevision = acked.values().stream().mapToLong(a -> Long.parseLong(a.resourceVersion())).max().orElseThrow();
        }
        assertTrue(Files.exists(paths.pidFile()), "SIGKILL leaves the PID file behind; the next start must not mind");

        try (ServeProcess second = ServeProcess.start(home, "dur", paths.apiSocket(), log, args)) {
            RawApiClient api = RawApiClient.fromKubeconfig(paths.config());
            JsonNode list = api.get(CMS).json();
            Map<String, Ack> stored = new ConcurrentHashMap<>();
            list.path("items").forEach(i -> stored.put(i.path("metadata").path("name").asText(),
                    new Ack(i.path("metadata").path("uid").asText(), i.path("metadata").path("resourceVersion").asText())));
            for (var e : acked.entrySet()) {
                assertEquals(e.getValue(), stored.get(e.getKey()), "acknowledged write of " + e.getKey() + " lost or changed");
            }
            for (int i = 0; i < 1000; i++) {
                assertTrue(stored.containsKey("cm-" + i));
            }
            assertTrue(list.path("metadata").path("resourceVersion").asLong() >= maxAckedRevision);
            // The revision counter continues: a new write gets a higher resourceVersion than anything acknowledged.
            Map<String, Ack> fresh = new ConcurrentHashMap<>();
            write(api, "after-restart", fresh);
            assertTrue(Long.parseLong(fresh.get("after-restart").resourceVersion()) > maxAckedRevision);
            assertEquals(0, second.terminate(Duration.ofSeconds(30)), "SIGTERM shuts the service down cleanly");
        }
        assertTrue(!Files.exists(paths.apiSocket()) && !Files.exists(paths.pidFile()), "a clean shutdown removes the socket and the PID file");
    }

    private static void write(RawApiClient api, String name, Map<String, Ack> acked) {
        RawApiClient.Reply r = api.post(CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"n\":\"" + name + "\"}}");
        if (r.status() != 201) {
            throw new IllegalStateException("create " + name + ": " + r.status() + " " + r.body());
        }
        JsonNode meta = r.json().path("metadata");
        acked.put(name, new Ack(meta.path("uid").asText(), meta.path("resourceVersion").asText()));
    }
}
