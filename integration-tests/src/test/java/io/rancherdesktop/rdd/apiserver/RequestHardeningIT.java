package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import io.rancherdesktop.rdd.service.ServiceRuntime;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile requests and what the service leaves on disk (ListenerSecurityIT covers the listeners and the token):
 * path traversal and encoded separators, oversized headers, many concurrent watches from one client, and the modes
 * of the files and directories the service creates.
 */
@ExtendWith(ApiServerExtension.class)
class RequestHardeningIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One raw HTTP/1.1 exchange over the Unix socket (no client-side path normalisation), connection closed after. */
    record RawReply(int status, String headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    static RawReply unix(Path socket, String method, String path, Map<String, String> headers, String body) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                req.append("Content-Type: application/json\r\nContent-Length: ").append(b.length).append("\r\n");
            }
            req.append("\r\n");
            try {
                ch.write(ByteBuffer.wrap(req.toString().getBytes(StandardCharsets.UTF_8)));
                ch.write(ByteBuffer.wrap(b));
            } catch (IOException closedEarly) {
                // The server may answer and close before reading everything (a request line or headers it refuses);
                // its answer is still queued on this socket.
            }
            String all = readWhatArrived(ch);
            int split = all.indexOf("\r\n\r\n");
            String head = split < 0 ? all : all.substring(0, split);
            String rest = split < 0 ? "" : all.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                rest = dechunk(rest);
            }
            return new RawReply(Integer.parseInt(head.substring(9, 12)), head, rest);
        }
    }

    /**
     * Everything the server sent. On a Unix socket, data queued before the peer closed is read first; a peer that
     * closed with part of the request unread makes the read after that fail with a reset instead of end-of-stream.
     */
    private static String readWhatArrived(SocketChannel ch) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try {
            while (ch.read(buf) >= 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
        } catch (IOException reset) {
            out.write(buf.array(), 0, buf.position());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int nl = s.indexOf("\r\n", i);
            int n = Integer.parseInt(s.substring(i, nl).trim(), 16);
            if (n == 0) {
                break;
            }
            out.append(s, nl + 2, nl + 2 + n);
            i = nl + 2 + n + 2;
        }
        return out.toString();
    }

    // ================================================================================ traversal

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/api/v1/namespaces/..%2f..",
            "/api/v1/namespaces/..%2F..%2Fapi%2Fv1%2Fnamespaces",
            "/api/v1/namespaces/default/configmaps/..%2f..%2f..%2fnamespaces",
            "/api/v1/namespaces/default/configmaps/%2e%2e",
            "/api/v1/namespaces/default/configmaps/..",
            "/api/v1/namespaces/default/configmaps/../../namespaces",
            "/api/v1/namespaces/default%2fconfigmaps/secret",
            "/api/v1/namespaces/default/configmaps/a%00b",
            "/api/v1/namespaces/%00/configmaps",
            "/api/v1/namespaces/default/configmaps/a%zz",
            "/api/v1/namespaces/default/configmaps/a%5c..%5c..",
            "/api/v1/namespaces/default/configmaps/a;b=..",
            "/apis/test.rancherdesktop.io/v1alpha1/namespaces/default/widgets/x%2F..%2F..%2Fconfigmaps"})
    void pathTraversalAndEncodedSeparatorsNeverReachAnotherResourceAndChangeNothing(String path, ServiceRuntime runtime) throws IOException {
        Path socket = runtime.paths().apiSocket();
        long revision = runtime.store().revision();
        String cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"t\"}}";
        for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
            RawReply r = unix(socket, method, path, Map.of(), method.equals("POST") || method.equals("PUT") ? cm : null);
            assertTrue(r.status() >= 400 && r.status() < 500, method + " " + path + " -> " + r.status() + " " + r.body());
            JsonNode status = r.json();
            assertEquals("Status", status.path("kind").asText(), method + " " + path + ": " + r.body());
            assertEquals(r.status(), status.path("code").asInt(), r.body());
        }
        assertEquals(revision, runtime.store().revision(), path + " changed the store");
        assertEquals(200, unix(socket, "GET", "/readyz", Map.of(), null).status());
    }

    // ================================================================================ headers

    @Test
    void oversizedRequestHeadersGet431AsAStatusAndTheServerCarriesOn(ServiceRuntime runtime) throws IOException {
        Path socket = runtime.paths().apiSocket();
        RawReply r = unix(socket, "GET", "/api/v1/namespaces", Map.of("X-Big", "x".repeat(64 * 1024)), null);
        assertEquals(431, r.status(), r.headers());
        assertEquals("Status", r.json().path("kind").asText(), r.body());
        assertEquals(431, r.json().path("code").asInt());
        Map<String, String> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            many.put("X-H" + i, "v" + i);
        }
        assertEquals(431, unix(socket, "GET", "/api/v1/namespaces", many, null).status());
        assertEquals(200, unix(socket, "GET", "/api/v1/namespaces", Map.of(), null).status());
    }

    @Test
    void anOversizedUrlIsRefusedWithAStatus(ServiceRuntime runtime) throws IOException {
        RawReply r = unix(runtime.paths().apiSocket(), "GET", "/api/v1/namespaces/" + "a".repeat(100_000), Map.of(), null);
        assertTrue(r.status() == 414 || r.status() == 431 || r.status() == 404, r.headers());
        assertEquals("Status", r.json().path("kind").asText(), r.body());
    }

    // ================================================================================ watches

    @Test
    void manyConcurrentWatchesFromOneClientDoNotExhaustTheServer(ServiceRuntime runtime) throws Exception {
        Path socket = runtime.paths().apiSocket();
        int n = 300;
        int baseline = runtime.store().watchCount(); // the server's own followers (garbage collector, namespace lifecycle)
        List<SocketChannel> watches = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                watches.add(ch);
                ch.connect(UnixDomainSocketAddress.of(socket));
                ch.write(ByteBuffer.wrap(("GET /api/v1/namespaces/default/configmaps?watch=true&resourceVersion=" + runtime.store().revision()
                        + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            }
            Instant deadline = Instant.now().plusSeconds(30);
            while (runtime.store().watchCount() < baseline + n) {
                assertTrue(Instant.now().isBefore(deadline), "only " + (runtime.store().watchCount() - baseline) + " of " + n + " watches registered");
                Thread.onSpinWait();
            }
            // The server still answers and writes promptly with all of them open.
            Instant t0 = Instant.now();
            RawReply created = unix(socket, "POST", "/api/v1/namespaces/default/configmaps", Map.of(),
                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"under-load\"}}");
            assertEquals(201, created.status(), created.body());
            assertEquals(200, unix(socket, "GET", "/readyz", Map.of(), null).status());
            assertTrue(Duration.between(t0, Instant.now()).toSeconds() < 10, "a write with " + n + " watches open took " + Duration.between(t0, Instant.now()));
            // The first and the last watch both see the change.
            for (SocketChannel ch : List.of(watches.getFirst(), watches.getLast())) {
                assertTrue(readUntil(Channels.newInputStream(ch), "under-load", Duration.ofSeconds(10)), "a watch did not see the write");
            }
        } finally {
            for (SocketChannel ch : watches) {
                ch.close();
            }
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (runtime.store().watchCount() > baseline) {
            assertTrue(Instant.now().isBefore(deadline), (runtime.store().watchCount() - baseline) + " watches still registered after their clients left");
            // Closed connections are noticed on the next write to them.
            RawReply p = unixPatch(socket, "/api/v1/namespaces/default/configmaps/under-load", "{\"data\":{\"t\":\"" + System.nanoTime() + "\"}}");
            assertEquals(200, p.status(), p.body());
        }
    }

    private static RawReply unixPatch(Path socket, String path, String body) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ch.write(ByteBuffer.wrap(("PATCH " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/merge-patch+json\r\n"
                    + "Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ch.write(ByteBuffer.wrap(b));
            String all = new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
            return new RawReply(Integer.parseInt(all.substring(9, 12)), all, all.substring(all.indexOf("\r\n\r\n") + 4));
        }
    }

    /** Reads a watch stream until {@code text} appears or the time is up (the channel is blocking: a reader thread). */
    private static boolean readUntil(InputStream in, String text, Duration timeout) throws Exception {
        var result = new java.util.concurrent.CompletableFuture<Boolean>();
        Thread t = Thread.ofVirtual().start(() -> {
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[8192];
            try {
                int k;
                while ((k = in.read(buf)) >= 0) {
                    seen.append(new String(buf, 0, k, StandardCharsets.UTF_8));
                    if (seen.indexOf(text) >= 0) {
                        result.complete(true);
                        return;
                    }
                }
                result.complete(false);
            } catch (IOException e) {
                result.complete(false);
            }
        });
        try {
            return result.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } finally {
            t.interrupt();
        }
    }

    // ================================================================================ files on disk

    @Test
    void whatTheServiceCreatesIsNotReadableByOtherUsersEvenInADirThatAlreadyExisted(@TempDir Path home) throws IOException {
        InstancePaths paths = new InstancePaths(new Instance("perm"), Platform.current(), home, Map.of());
        // svc create writes args.json first; with an older version or a default umask its dir was 0755
        Files.createDirectories(paths.dir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (ServiceRuntime rt = ServiceRuntime.start(paths, ServiceRuntime.Options.defaults(paths.instance()).withSecurePort(0))) {
            rt.store(); // the store is open and has been written (namespace default)
            List<Path> private0700 = List.of(paths.dir(), paths.shortDir(), paths.tlsDir(), paths.logDir());
            for (Path d : private0700) {
                assertEquals("rwx------", mode(d), d.toString());
            }
            for (Path f : List.of(paths.config(), paths.tlsDir().resolve("token"), paths.tlsDir().resolve("ca.key"),
                    paths.tlsDir().resolve("apiserver.key"), paths.apiSocket())) {
                assertEquals("rw-------", mode(f), f.toString());
            }
            try (Stream<Path> files = Files.list(paths.dir())) {
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith("rdd.sqlite3")).toList()) {
                    assertNoGroupOrOtherAccess(f);
                }
            }
            assertTrue(Files.exists(paths.datastore()));
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static void assertNoGroupOrOtherAccess(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        for (PosixFilePermission x : perms) {
            assertFalse(x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"), p + " is " + PosixFilePermissions.toString(perms));
        }
    }
}
