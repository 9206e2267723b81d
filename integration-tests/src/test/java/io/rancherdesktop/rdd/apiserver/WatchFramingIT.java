package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rancherdesktop.rdd.service.ServiceRuntime;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.testing.RawApiClient;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Watch events on the wire, byte by byte: each event must be a complete HTTP/1.1 chunk (size line, data and
 * the chunk's closing CRLF) as soon as it is sent, because urllib3-based clients (the Python kubernetes client)
 * hand a chunk over only once its terminator has arrived. Jetty's own chunking wrote that CRLF only in front of
 * the next chunk, so such a client saw every event one event late.
 */
@ExtendWith(ApiServerExtension.class)
class WatchFramingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEADLINE_SECONDS = 10;
    private static final ExecutorService READER = Executors.newCachedThreadPool();

    @AfterAll
    static void stopReader() {
        READER.shutdownNow();
    }

    /** One connection's streams and a way to abort a blocked read. */
    private record Conn(InputStream in, OutputStream out, Closeable socket) implements Closeable {
        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Conn unix(ServiceRuntime runtime) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(runtime.paths().apiSocket()));
        return new Conn(Channels.newInputStream(ch), Channels.newOutputStream(ch), ch);
    }

    private static Conn tls(ServiceRuntime runtime) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", runtime.tls().caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        URI server = URI.create(runtime.serverUrl());
        SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket(server.getHost(), server.getPort());
        s.startHandshake();
        return new Conn(s.getInputStream(), s.getOutputStream(), (Socket) s);
    }

    @Test
    void aWatchEventIsACompleteChunkOnTheUnixSocket(ServiceRuntime runtime, RawApiClient raw) throws Exception {
        try (Conn c = unix(runtime)) {
            theEventsChunkArrivesWhole(c, null, raw, "framing-unix");
        }
    }

    @Test
    void aWatchEventIsACompleteChunkOverTls(ServiceRuntime runtime, RawApiClient raw) throws Exception {
        try (Conn c = tls(runtime)) {
            theEventsChunkArrivesWhole(c, runtime.tls().token(), raw, "framing-tls");
        }
    }

    @Test
    void aWatchThatEndsSendsTheLastChunk(ServiceRuntime runtime) throws Exception {
        try (Conn c = unix(runtime)) {
            String headers = request(c, null, "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1&fieldSelector=metadata.name%3Dnone");
            assertTrue(headers.startsWith("HTTP/1.1 200"), headers);
            String last = within(c, () -> {
                String size = line(c.in());
                String end = line(c.in());
                return size + "|" + end + "|" + c.in().read();
            });
            assertEquals("0||-1", last, "the last chunk, an empty trailer, then the end of the connection");
        }
    }

    private static void theEventsChunkArrivesWhole(Conn c, String token, RawApiClient raw, String name) throws Exception {
        String rv = raw.get("/api/v1/namespaces/default/configmaps").json().path("metadata").path("resourceVersion").asText();
        String headers = request(c, token, "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=" + rv
                + "&fieldSelector=metadata.name%3D" + name);
        assertTrue(headers.startsWith("HTTP/1.1 200"), headers);
        assertEquals(1, headers.toLowerCase().split("transfer-encoding: chunked", -1).length - 1, headers);
        assertEquals(201, raw.post("/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}}").status());
        // Exactly one event is sent and nothing follows it: every chunk carrying it, the last one included, must be
        // complete (its closing CRLF too) without waiting for more.
        byte[] data = within(c, () -> {
            ByteArrayOutputStream d = new ByteArrayOutputStream();
            do {
                int size = Integer.parseInt(line(c.in()).split(";")[0].trim(), 16);
                assertTrue(size > 0, "the stream ended after " + d);
                byte[] chunk = c.in().readNBytes(size);
                assertEquals(size, chunk.length, "the chunk's data");
                d.write(chunk);
                assertEquals('\r', c.in().read(), "the chunk's closing CR");
                assertEquals('\n', c.in().read(), "the chunk's closing LF");
            } while (d.size() == 0 || d.toByteArray()[d.size() - 1] != '\n');
            return d.toByteArray();
        });
        String text = new String(data, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), text);
        JsonNode event = JSON.readTree(text);
        assertEquals("ADDED", event.path("type").asText(), text);
        assertEquals(name, event.path("object").path("metadata").path("name").asText(), text);
    }

    /** Sends a GET and returns the response head. */
    private static String request(Conn c, String token, String path) throws Exception {
        String auth = token == null ? "" : "Authorization: Bearer " + token + "\r\n";
        c.out().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n").getBytes(StandardCharsets.US_ASCII));
        c.out().flush();
        return within(c, () -> {
            StringBuilder head = new StringBuilder();
            for (String l = line(c.in()); !l.isEmpty(); l = line(c.in())) {
                head.append(l).append('\n');
            }
            return head.toString();
        });
    }

    /** One CRLF-terminated line (without it). */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int ch = in.read();
            if (ch < 0) {
                throw new IOException("end of stream after " + b);
            }
            if (prev == '\r' && ch == '\n') {
                byte[] bytes = b.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
            }
            b.write(ch);
            prev = ch;
        }
    }

    private interface Read<T> {
        T read() throws Exception;
    }

    /** Runs blocking reads with a deadline; past it the connection is closed and the test fails. */
    private static <T> T within(Conn c, Read<T> read) throws Exception {
        Future<T> f = READER.submit(read::read);
        try {
            return f.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            c.close();
            f.cancel(true);
            return fail("the bytes did not arrive within " + DEADLINE_SECONDS + "s");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }
}
