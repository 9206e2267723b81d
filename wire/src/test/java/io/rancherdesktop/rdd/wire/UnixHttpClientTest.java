package io.rancherdesktop.rdd.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lean HTTP/1.1 client over a real Unix domain socket, against a scripted server. */
class UnixHttpClientTest {
    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Serves each connection once: records the request head, writes the response pieces with pauses between. */
    private UnixHttpClient serve(Function<String, List<String>> responder) throws IOException {
        Path sock = dir.resolve("s.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(sock));
        Thread.ofPlatform().daemon().start(() -> {
            while (server.isOpen()) {
                try (SocketChannel c = server.accept()) {
                    ByteBuffer buf = ByteBuffer.allocate(65536);
                    String head = "";
                    while (!head.contains("\r\n\r\n")) {
                        if (c.read(buf) < 0) {
                            break;
                        }
                        head = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
                    }
                    requests.add(head);
                    for (String piece : responder.apply(head)) {
                        if (piece.equals("<hang>")) {
                            new CompletableFuture<Void>().join();
                        }
                        c.write(ByteBuffer.wrap(piece.getBytes(StandardCharsets.UTF_8)));
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
        return new UnixHttpClient(sock, "rdd-test");
    }

    @Test
    void contentLengthBodyAndHeaders() throws Exception {
        UnixHttpClient http = serve(h -> List.of("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"b\"}\n\nextra"));
        HttpResponse r = http.send(HttpRequest.get("/api/v1"));
        assertEquals(200, r.status());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("{\"a\":\"b\"}\n\n", r.bodyText());
        assertTrue(requests.getFirst().startsWith("GET /api/v1 HTTP/1.1\r\nHost: localhost\r\n"), requests.getFirst());
        assertTrue(requests.getFirst().contains("Accept: application/json\r\n"));
    }

    @Test
    void chunkedBodyIsDecodedAcrossWritesWithExtensionsAndTrailers() throws Exception {
        UnixHttpClient http = serve(h -> List.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                "5;ext=1\r\nhel", "lo\r\n", "6\r\n world\r\n", "0\r\nX-Trailer: t\r\n\r\n"));
        assertEquals("hello world", http.send(HttpRequest.get("/x")).bodyText());
    }

    @Test
    void watchEventsStreamBeforeTheResponseEnds() throws Exception {
        UnixHttpClient http = serve(h -> {
            String ev = "{\"type\":\"ADDED\",\"object\":{}}\n";
            return List.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(ev.length()) + "\r\n" + ev + "\r\n", "<hang>");
        });
        try (UnixHttpClient.Exchange ex = http.open(HttpRequest.get("/api/v1/configmaps?watch=true"))) {
            java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(ex.body(), StandardCharsets.UTF_8));
            assertEquals("{\"type\":\"ADDED\",\"object\":{}}", lines.readLine(), "the event arrives while the response is still open");
        }
    }

    @Test
    void requestBodiesCarryTheirLength() throws Exception {
        UnixHttpClient http = serve(h -> List.of("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"));
        HttpResponse r = http.send(HttpRequest.withBody("POST", "/api/v1/namespaces/default/configmaps", "application/json", "{\"é\":1}"));
        assertEquals(201, r.status());
        assertTrue(requests.getFirst().contains("Content-Length: 8\r\n"), requests.getFirst()); // é is two bytes
    }

    @Test
    void aHungServerIsCutOffByTheDeadline() throws Exception {
        UnixHttpClient http = serve(h -> List.of("<hang>"));
        long t0 = System.nanoTime();
        assertThrows(IOException.class, () -> http.send(HttpRequest.get("/readyz"), Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "returned at the deadline, not never");
    }

    @Test
    void errorStatusBecomesAnApiExceptionWithTheServersReason() throws Exception {
        String status = "{\"kind\":\"Status\",\"status\":\"Failure\",\"message\":\"configmaps \\\"x\\\" not found\",\"reason\":\"NotFound\",\"code\":404}";
        UnixHttpClient http = serve(h -> List.of("HTTP/1.1 404 Not Found\r\nContent-Length: " + status.length() + "\r\n\r\n" + status));
        ApiException e = assertThrows(ApiException.class, () -> new KubeApi(http).get("/api/v1/namespaces/default/configmaps/x"));
        assertEquals("Error from server (NotFound): configmaps \"x\" not found", e.kubectlMessage());
        assertTrue(e.notFound());
    }

    @Test
    void noListenerIsAnIOException() {
        UnixHttpClient http = new UnixHttpClient(dir.resolve("nobody.sock"), "rdd-test");
        assertThrows(IOException.class, () -> http.send(HttpRequest.get("/readyz")));
    }
}
